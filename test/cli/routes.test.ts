import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli.js";
import { memoryIo } from "../helpers/memory-io.js";

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/analyze/${name}.pac`, import.meta.url), "utf8");

describe("pac-do routes", { timeout: 30_000 }, () => {
  it("prints the matrix with returning lines, witnesses and coverage", async () => {
    const io = memoryIo({ files: { "proxy.pac": fixture("office-subnet-bypass") } });
    expect(await run(["routes", "proxy.pac"], io)).toBe(0);
    expect(io.out).toMatch(/^proxy\.pac: profile winhttp, entry points FindProxyForURL; \d+ environment classes, \d+ evaluations/);
    expect(io.out).toContain("\n  service geo.prod.do.dsp.mp.microsoft.com, geover.prod.do.dsp.mp.microsoft.com,");
    expect(io.out).toMatch(/ ! PROXY proxy\.corp\.example:8080 {2}7:3 +client 198\.51\.100\.20 \(public\) \| client 2001:db8::10 \(IPv6\)/);
    expect(io.out).toMatch(/ {3}DIRECT +5:56 +client 10\.20\.0\.1 \(in 10\.20\.0\.0\/16 from line 4\)/);
    expect(io.out).toMatch(/Coverage: \d+ of \d+ branch outcomes taken/);
  });

  it("shows both entry points", async () => {
    const io = memoryIo({ files: { "proxy.pac": fixture("ex-without-bypass") } });
    expect(await run(["routes", "proxy.pac"], io)).toBe(0);
    expect(io.out).toMatch(/\nFindProxyForURL\n[\s\S]*\nFindProxyForURLEx\n/);
  });

  it("analyses extra hosts given with --host", async () => {
    const io = memoryIo({ files: { "proxy.pac": fixture("regex-misses-geover") } });
    expect(await run(["routes", "proxy.pac", "--host", "mcc.corp.example", "--host", "https://updates.corp.example/x", "--json"], io)).toBe(0);
    const json = JSON.parse(io.out) as { routes: { host: string; url: string }[] };
    expect(json.routes.map((r) => r.url)).toEqual(expect.arrayContaining(["http://mcc.corp.example/", "https://updates.corp.example/x"]));
  });

  it("takes --format json for --json, as lint and diff spell it, and refuses the two disagreeing", async () => {
    const io = memoryIo({ files: { "proxy.pac": fixture("bypass-needs-dns") } });
    expect(await run(["routes", "proxy.pac", "--json"], io)).toBe(0);
    const viaFormat = memoryIo({ files: { "proxy.pac": fixture("bypass-needs-dns") } });
    expect(await run(["routes", "proxy.pac", "-f", "json"], viaFormat)).toBe(0);
    expect(viaFormat.out).toBe(io.out);
    const stylish = memoryIo({ files: { "proxy.pac": fixture("bypass-needs-dns") } });
    expect(await run(["routes", "proxy.pac", "--format", "stylish"], stylish)).toBe(0);
    expect(stylish.out).toMatch(/^proxy\.pac: profile winhttp/);
    const both = memoryIo({ files: { "proxy.pac": fixture("bypass-needs-dns") } });
    expect(await run(["routes", "proxy.pac", "--json", "--format", "stylish"], both)).toBe(2);
    expect(both.err).toBe("pac-do: --json and --format stylish disagree\n");
  });

  it("prints JSON with positions and plain DNS maps", async () => {
    const io = memoryIo({ files: { "proxy.pac": fixture("bypass-needs-dns") } });
    expect(await run(["routes", "proxy.pac", "--json"], io)).toBe(0);
    const json = JSON.parse(io.out) as {
      environments: { id: string; label: string; hostAnswer: string[] }[];
      routes: { host: string; outcomes: { result: string; return: { line: number; column: number }; witness: string }[] }[];
    };
    const row = json.routes.find((r) => r.host === "kv801.prod.do.dsp.mp.microsoft.com");
    const proxied = row?.outcomes.find((o) => o.result.startsWith("PROXY"));
    expect(proxied?.return).toMatchObject({ line: 5, column: 12 });
    expect(json.environments.find((e) => e.id === proxied?.witness)?.label).toBe("host does not resolve");
  });

  it.each(["office-subnet-bypass", "business-hours-proxy", "bypass-needs-dns", "ex-without-bypass", "weekday-business-hours-proxy"])(
    "gives for every outcome of %s a pac-do resolve command that reproduces it",
    async (name) => {
      const io = memoryIo({ files: { "proxy.pac": fixture(name) } });
      expect(await run(["routes", "proxy.pac", "--json", "--tz", "UTC"], io)).toBe(0);
      const json = JSON.parse(io.out) as { routes: { host: string; outcomes: { result: string; replay: string }[] }[] };
      const rows = json.routes.filter((r) => r.host.endsWith(".do.dsp.mp.microsoft.com") || r.host === "www.example.com");
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        for (const outcome of row.outcomes) {
          const argv = outcome.replay.split(" ");
          expect(argv.slice(0, 3)).toEqual(["pac-do", "resolve", "proxy.pac"]);
          const replay = memoryIo({ files: { "proxy.pac": fixture(name) } });
          expect(await run([...argv.slice(1), "--json"], replay), replay.err).toBe(0);
          expect((JSON.parse(replay.out) as { result: string }).result, outcome.replay).toBe(outcome.result);
        }
      }
    },
  );

  it("reads local time in the zone given with --tz", async () => {
    const io = memoryIo({ files: { "proxy.pac": fixture("business-hours-proxy") } });
    expect(await run(["routes", "proxy.pac", "--tz", "Europe/Berlin", "--json"], io)).toBe(0);
    const json = JSON.parse(io.out) as { environments: { label: string; now: string; timeZone: string }[] };
    const opening = json.environments.find((e) => e.label === "Wed 08:00 Europe/Berlin");
    expect(opening).toMatchObject({ now: "2026-11-25T07:00:00.000Z", timeZone: "Europe/Berlin" });
    const bad = memoryIo({ files: { "proxy.pac": fixture("business-hours-proxy") } });
    expect(await run(["routes", "proxy.pac", "--tz", "Mars/Olympus"], bad)).toBe(2);
    expect(bad.err).toBe("pac-do: --tz Mars/Olympus: not an IANA time zone (e.g. Europe/Berlin)\n");
  });

  it("exits 1 when the PAC cannot be loaded", async () => {
    const io = memoryIo({ files: { "broken.pac": 'function FindProxyForURL(url, host) {\n  return "DIRECT";\n' } });
    expect(await run(["routes", "broken.pac"], io)).toBe(1);
    expect(io.err).toMatch(/^pac-do: broken\.pac:\d+:\d+: the PAC cannot be loaded \(syntax\)/);
  });

  it("exits 1 when the PAC throws at load time", async () => {
    const io = memoryIo({ files: { "throws.pac": 'throw new Error("nope");\nfunction FindProxyForURL(url, host) { return "DIRECT"; }\n' } });
    expect(await run(["routes", "throws.pac"], io)).toBe(1);
    expect(io.err).toMatch(/cannot be loaded/);
  });

  it("exits 2 on a missing file, a bad --timeout or a bad --host", async () => {
    const missing = memoryIo();
    expect(await run(["routes", "nope.pac"], missing)).toBe(2);
    expect(missing.err).toBe("pac-do: nope.pac: no such file\n");
    const timeout = memoryIo({ files: { "proxy.pac": fixture("regex-misses-geover") } });
    expect(await run(["routes", "proxy.pac", "--timeout", "soon"], timeout)).toBe(2);
    expect(timeout.err).toBe("pac-do: --timeout soon: expected a positive whole number\n");
    const host = memoryIo({ files: { "proxy.pac": fixture("regex-misses-geover") } });
    expect(await run(["routes", "proxy.pac", "--host", "not a host"], host)).toBe(2);
    expect(host.err).toMatch(/^pac-do: --host not a host: /);
  });
});
