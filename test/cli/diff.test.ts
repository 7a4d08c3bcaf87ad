import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli.js";
import { memoryIo } from "../helpers/memory-io.js";

const fixture = (name: string, side: "old" | "new"): string =>
  readFileSync(new URL(`../../fixtures/diff/${name}.${side}.pac`, import.meta.url), "utf8");
const pair = (name: string): Record<string, string> => ({ "old.pac": fixture(name, "old"), "new.pac": fixture(name, "new") });

interface JsonDiff {
  changes: {
    host: string;
    url: string;
    entryPoint: string;
    before: string | null;
    after: string | null;
    witness: { clientIp: string; dns: Record<string, string | null>; at: string };
    beforeLine: number | null;
    afterLine: number | null;
    afterFailure?: { kind: string; message: string };
    doEffect?: string;
    covers: string;
  }[];
  unchanged: number;
}

describe("pac-do diff", { timeout: 60_000 }, () => {
  it.each(["reordered-rules", "renamed-vars", "extracted-helpers"])("reports no change for the pure refactor %s and exits 0", async (name) => {
    const io = memoryIo({ files: pair(name) });
    expect(await run(["diff", "old.pac", "new.pac"], io), io.err).toBe(0);
    expect(io.out).toMatch(/^OLD old\.pac -> NEW new\.pac: no route differs \(\d+ hosts x FindProxyForURL x \d+ environment class(es)?, profile winhttp; \d+ cells agree\)\n$/);
  });

  it("groups a subnet change by host, with the deciding lines and the clients it covers, and exits 1", async () => {
    const io = memoryIo({ files: pair("subnet-change") });
    expect(await run(["diff", "old.pac", "new.pac"], io)).toBe(1);
    expect(io.out).toContain(
      '    FindProxyForURL: "PROXY hq.corp.example:8080" at OLD line 4 -> "PROXY proxy.corp.example:8080" at NEW line 6\n' +
        "      when: client 10.20.1.1 (in 10.20.0.0/16 from line 4 of OLD)\n",
    );
    expect(io.out).toContain("when: client 10.40.0.1 (in 10.40.0.0/16 from line 5 of NEW)");
  });

  it("prints one JSON object with the documented shape", async () => {
    const io = memoryIo({ files: pair("subnet-change") });
    expect(await run(["diff", "old.pac", "new.pac", "--format", "json"], io)).toBe(1);
    const json = JSON.parse(io.out) as JsonDiff;
    expect(json.unchanged).toBeGreaterThan(0);
    const change = json.changes.find((c) => c.host === "www.example.com" && c.after === "PROXY proxy.corp.example:8080");
    expect(change).toMatchObject({
      url: "http://www.example.com/",
      entryPoint: "FindProxyForURL",
      before: "PROXY hq.corp.example:8080",
      witness: { clientIp: "10.20.1.1", dns: {}, at: "2026-11-25T10:30:00.000Z" },
      beforeLine: 4,
      afterLine: 6,
    });
  });

  it("gives a failure as null with its reason, and the host's DNS answer in the witness", async () => {
    const failing = memoryIo({ files: pair("failure-introduced") });
    expect(await run(["diff", "old.pac", "new.pac", "-f", "json"], failing)).toBe(1);
    const [change] = (JSON.parse(failing.out) as JsonDiff).changes;
    expect(change).toMatchObject({ host: "www.partner.example.com", after: null, afterLine: 4, afterFailure: { kind: "exception" } });

    const dns = memoryIo({ files: pair("dns-dependent-change") });
    expect(await run(["diff", "old.pac", "new.pac", "-f", "json"], dns)).toBe(1);
    const changes = (JSON.parse(dns.out) as JsonDiff).changes;
    expect(changes.find((c) => c.host === "www.example.com" && c.after === "DIRECT")?.witness.dns).toEqual({ "www.example.com": "172.16.0.1" });
  });

  it("calls out a DO service host that stops going DIRECT, first in Markdown, with long tables folded", async () => {
    const io = memoryIo({ files: pair("do-bypass-removed") });
    expect(await run(["diff", "old.pac", "new.pac", "--format", "markdown"], io)).toBe(1);
    expect(io.out).toMatch(/^\*\*pac-do diff\*\* `old\.pac` → `new\.pac`: 14 route changes/);
    expect(io.out).toContain("> **DO violation**: 14 Delivery Optimization service hosts no longer go DIRECT first: `geo.prod.do.dsp.mp.microsoft.com`");
    expect(io.out.indexOf("#### Delivery Optimization endpoints")).toBeGreaterThan(io.out.indexOf("DO violation"));

    const rules = (proxy: (i: number) => string): string =>
      ["function FindProxyForURL(url, host) {", ...Array.from({ length: 12 }, (_, i) => `  if (dnsDomainIs(host, ".site${i}.example")) return "PROXY ${proxy(i)}:8080";`), '  return "DIRECT";', "}"].join("\n");
    const many = memoryIo({ files: { "old.pac": rules((i) => `a${i}`), "new.pac": rules((i) => `b${i}`) } });
    expect(await run(["diff", "old.pac", "new.pac", "--format", "markdown"], many)).toBe(1);
    expect(many.out).toMatch(/<details><summary>\d+ more<\/summary>/);
  });

  it("compares FindProxyForURLEx where the new PAC adds it, as WinHTTP would call it", async () => {
    const io = memoryIo({ files: pair("ex-entry-point-added") });
    expect(await run(["diff", "old.pac", "new.pac", "-f", "json"], io)).toBe(1);
    const changes = (JSON.parse(io.out) as JsonDiff).changes;
    expect(new Set(changes.map((c) => c.entryPoint))).toEqual(new Set(["FindProxyForURLEx"]));
    expect(changes.find((c) => c.host === "kv801.prod.do.dsp.mp.microsoft.com")).toMatchObject({ before: "DIRECT", beforeLine: 2, afterLine: 8, doEffect: "violation" });
  });

  it("reads OLD from stdin with -, as in git show HEAD:proxy.pac | pac-do diff - proxy.pac", async () => {
    const io = memoryIo({ files: { "proxy.pac": fixture("subnet-change", "new") }, stdin: fixture("subnet-change", "old") });
    expect(await run(["diff", "-", "proxy.pac"], io)).toBe(1);
    expect(io.out).toMatch(/^OLD <stdin> -> NEW proxy\.pac: \d+ route changes/);
  });

  it("compares hosts given with --host and --urls", async () => {
    const io = memoryIo({ files: { ...pair("failure-introduced"), "hosts.txt": "# partner hosts\napi.partner.example.com\n\nhttps://files.partner.example.com/x\n" } });
    expect(await run(["diff", "old.pac", "new.pac", "--host", "b2b.partner.example.com", "--urls", "hosts.txt", "-f", "json"], io)).toBe(1);
    const urls = (JSON.parse(io.out) as JsonDiff).changes.map((c) => c.url);
    expect(urls).toEqual(expect.arrayContaining(["http://b2b.partner.example.com/", "http://api.partner.example.com/", "https://files.partner.example.com/x"]));
  });

  it.each([
    [["diff", "-", "-"], "only one of OLD and NEW can be - (stdin)"],
    [["diff", "old.pac", "missing.pac"], "missing.pac: no such file"],
    [["diff", "old.pac", "broken.pac"], "broken.pac:1:"],
    [["diff", "old.pac", "new.pac", "--host", "not a host"], "--host not a host: not a host name"],
    [["diff", "old.pac", "new.pac", "--urls", "missing.txt"], "--urls missing.txt: no such file"],
  ])("exits 2 with one line when it cannot run: %j", async (argv, message) => {
    const io = memoryIo({ files: { ...pair("subnet-change"), "broken.pac": "function FindProxyForURL(url, host) { return (; }" } });
    expect(await run(argv, io)).toBe(2);
    expect(io.err).toContain(message);
    expect(io.err.trim().split("\n")).toHaveLength(1);
    expect(io.out).toBe("");
  });
});
