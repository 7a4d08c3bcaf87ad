import { describe, expect, it } from "vitest";
import { run } from "../../src/cli.js";
import { memoryIo } from "../helpers/memory-io.js";
import { CATALOGUE } from "../../src/do/catalogue.js";

describe("pac-do endpoints", () => {
  it("prints one table row per catalogue endpoint", async () => {
    const io = memoryIo();
    expect(await run(["endpoints"], io)).toBe(0);
    const lines = io.out.split("\n");
    expect(lines[0]).toMatch(/^ROLE\s+PATTERN\s+PORT\s+SAMPLE HOSTS\s+SERVICE$/);
    for (const entry of CATALOGUE) expect(lines.some((line) => line.includes(` ${entry.pattern} `))).toBe(true);
    expect(io.out).toMatch(/kv\*\.prod\.do\.dsp\.mp\.microsoft\.com\s+https\/443\s+kv801\.prod\.do\.dsp\.mp\.microsoft\.com\s+DO KeyValue/);
  });

  it("prints the catalogue with its sources as JSON", async () => {
    const io = memoryIo();
    expect(await run(["endpoints", "--json"], io)).toBe(0);
    const parsed: unknown = JSON.parse(io.out);
    expect(parsed).toEqual(CATALOGUE);
  });

  it("takes --format json for --json", async () => {
    const io = memoryIo();
    expect(await run(["endpoints", "-f", "json"], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual(CATALOGUE);
  });

  it("filters by role", async () => {
    const io = memoryIo();
    expect(await run(["endpoints", "--json", "--role", "service"], io)).toBe(0);
    const parsed = JSON.parse(io.out) as { role: string }[];
    expect(parsed.length).toBeGreaterThan(10);
    expect(parsed.every((e) => e.role === "service")).toBe(true);
  });

  it("rejects an unknown role with exit 2", async () => {
    const io = memoryIo();
    expect(await run(["endpoints", "--role", "cdn"], io)).toBe(2);
    expect(io.err).toMatch(/--role/);
  });
});
