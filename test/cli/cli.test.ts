import { describe, expect, it } from "vitest";
import { run } from "../../src/cli.js";
import { memoryIo } from "../helpers/memory-io.js";
import { version } from "../../src/version.js";

describe("pac-do", () => {
  it("prints the package version with --version", async () => {
    const io = memoryIo();
    expect(await run(["--version"], io)).toBe(0);
    expect(io.out.trim()).toBe(version);
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("prints usage with --help and exits 0", async () => {
    const io = memoryIo();
    expect(await run(["--help"], io)).toBe(0);
    expect(io.out).toContain("Usage: pac-do");
  });

  it("exits 2 with a one-line error on an unknown command", async () => {
    const io = memoryIo();
    expect(await run(["frobnicate"], io)).toBe(2);
    expect(io.err).toMatch(/unknown command 'frobnicate'/);
  });
});
