import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze/index.js";
import { compareRoutes, effectiveFirstEntry, serviceViolations } from "../../src/analyze/findings.js";
import type { RouteOutcome } from "../../src/analyze/types.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { acornProgram } from "./acorn-program.js";

const original = [
  "function FindProxyForURL(url, host) {",
  '  if (isInNet(myIpAddress(), "10.20.0.0", "255.255.0.0")) return "PROXY hq.corp.example:8080";',
  '  if (dnsDomainIs(host, ".corp.example")) return "DIRECT";',
  '  return "PROXY proxy.corp.example:8080; DIRECT";',
  "}",
].join("\n");

async function analyzeText(text: string, environments?: Parameters<typeof analyze>[1]["environments"]) {
  const source = createSourceFile(text);
  return analyze(source, { program: acornProgram(text), hosts: ["intranet.corp.example"], ...(environments ? { environments } : {}) });
}

describe("findings", { timeout: 30_000 }, () => {
  it("finds no changed route when only the DO bypass was added in front", async () => {
    const before = await analyzeText(original);
    const fixed = original.replace(
      "function FindProxyForURL(url, host) {\n",
      'function FindProxyForURL(url, host) {\n  if (shExpMatch(host.toLowerCase(), "*.do.dsp.mp.microsoft.com")) return "DIRECT";\n',
    );
    const after = await analyzeText(fixed, before.environments);
    expect(serviceViolations(before).length).toBeGreaterThan(0);
    expect(serviceViolations(after)).toEqual([]);
    expect(compareRoutes(before, after)).toEqual([]);
  });

  it("names the host, entry point and class whose route changed", async () => {
    const before = await analyzeText(original);
    const after = await analyzeText(original.replace('return "DIRECT";', 'return "PROXY other.corp.example:8080";'), before.environments);
    const changes = compareRoutes(before, after);
    const intranet = changes.filter((c) => c.host === "intranet.corp.example");
    expect(intranet.map((c) => [c.environment?.label, c.before, c.after])).toEqual([
      ["client 198.51.100.20 (public)", '"DIRECT"', '"PROXY other.corp.example:8080"'],
      ["client 2001:db8::10 (IPv6)", '"DIRECT"', '"PROXY other.corp.example:8080"'],
    ]);
    expect(changes.every((c) => !c.host.endsWith(".do.dsp.mp.microsoft.com"))).toBe(true);
  });

  it("counts a proxy first, even with DIRECT as fallback, as a violation with its witness", async () => {
    const analysis = await analyzeText(original);
    const geo = serviceViolations(analysis).filter((v) => v.host === "geo.prod.do.dsp.mp.microsoft.com");
    expect(geo.map((v) => [v.reason, v.outcome.result, v.witness.label])).toEqual([
      ["proxied", "PROXY proxy.corp.example:8080; DIRECT", "client 198.51.100.20 (public)"],
      ["proxied", "PROXY hq.corp.example:8080", "client 10.20.0.1 (in 10.20.0.0/16 from line 2)"],
    ]);
  });

  it("skips entries the profile drops when finding the first one", () => {
    const outcome: RouteOutcome = {
      result: "HTTP x:1; DIRECT",
      entries: [
        { text: "HTTP x:1", type: "HTTP", host: "x", port: 1, invalid: "Chromium does not know HTTP" },
        { text: "DIRECT", type: "DIRECT" },
      ],
      environmentIds: ["any"],
      witness: { id: "any", label: "any", witness: { clientIps: [], dns: new Map(), liveDns: false, now: 0, timeZone: "UTC" } },
    };
    expect(effectiveFirstEntry(outcome, "chromium")).toMatchObject({ type: "DIRECT" });
    expect(effectiveFirstEntry({ ...outcome, result: "", entries: [] }, "chromium")).toBe("DIRECT");
    expect(effectiveFirstEntry({ ...outcome, result: "", entries: [] }, "winhttp")).toBeUndefined();
  });
});
