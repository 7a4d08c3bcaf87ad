import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze/index.js";
import { serviceViolations } from "../../src/analyze/findings.js";
import type { RouteAnalysis } from "../../src/analyze/types.js";
import { createSourceFile, decodeSource, positionAt, type SourceFile } from "../../src/source/source-file.js";
import { acornProgram } from "./acorn-program.js";

async function analyzeFixture(name: string): Promise<{ source: SourceFile; analysis: RouteAnalysis }> {
  const text = readFileSync(new URL(`../../fixtures/analyze/${name}.pac`, import.meta.url), "utf8");
  const source = createSourceFile(text, `${name}.pac`);
  return { source, analysis: await analyze(source, { program: acornProgram(text) }) };
}

/** The outcomes of one host as `result @ line <- witness label`, in analysis order. */
function outcomes(source: SourceFile, analysis: RouteAnalysis, host: string, entryPoint = "FindProxyForURL"): string[] {
  const row = analysis.routes.find((r) => r.host === host && r.entryPoint === entryPoint);
  if (!row) throw new Error(`no row for ${host} ${entryPoint}`);
  return row.outcomes.map((o) => `${o.result} @ ${o.returnRange ? positionAt(source, o.returnRange[0]).line : "?"} <- ${o.witness.label}`);
}

// Each case runs whole analyses in the sandbox; a busy CI machine needs more than the default 5 s.
describe("route analysis of fixtures", { timeout: 30_000 }, () => {
  it("finds the DO bypass that only holds at the head-office subnet", async () => {
    const { source, analysis } = await analyzeFixture("office-subnet-bypass");
    expect(outcomes(source, analysis, "kv801.prod.do.dsp.mp.microsoft.com")).toEqual([
      "PROXY proxy.corp.example:8080 @ 7 <- client 198.51.100.20 (public)",
      "DIRECT @ 5 <- client 10.20.0.1 (in 10.20.0.0/16 from line 4)",
    ]);
    const violation = serviceViolations(analysis).find((v) => v.host === "geover.prod.do.dsp.mp.microsoft.com");
    expect(violation?.reason).toBe("proxied");
    expect(violation?.witness.witness.clientIps).toEqual(["198.51.100.20"]);
  });

  it("finds the DO bypass that only holds outside business hours", async () => {
    const { source, analysis } = await analyzeFixture("business-hours-proxy");
    const row = outcomes(source, analysis, "geo.prod.do.dsp.mp.microsoft.com");
    expect(row).toEqual(["PROXY filter.corp.example:3128 @ 3 <- Wed 10:30 UTC", "DIRECT @ 4 <- Wed 23:30 UTC"]);
    const proxied = analysis.routes.find((r) => r.host === "geo.prod.do.dsp.mp.microsoft.com")?.outcomes[0];
    const clocks = proxied?.environmentIds.map((id) => analysis.environments.find((e) => e.id === id)?.label);
    expect(clocks).toContain("Wed 08:00 UTC");
    expect(clocks).toContain("Wed 18:59 UTC");
    expect(clocks).not.toContain("Wed 07:59 UTC");
    expect(clocks).not.toContain("Wed 19:00 UTC");
  });

  it("finds the DO bypass that only holds when the client's DNS answers", async () => {
    const { source, analysis } = await analyzeFixture("bypass-needs-dns");
    expect(outcomes(source, analysis, "disc801.prod.do.dsp.mp.microsoft.com")).toEqual([
      "DIRECT @ 7 <- host resolves to 203.0.113.10 (public)",
      "DIRECT @ 6 <- host resolves to 10.0.0.20 (private; in 10.0.0.0/8 from line 6)",
      "PROXY proxy.corp.example:8080 @ 5 <- host does not resolve",
    ]);
  });

  it("finds the DO bypass that only holds where an intranet name resolves", async () => {
    const { source, analysis } = await analyzeFixture("bypass-only-on-corporate-network");
    expect(outcomes(source, analysis, "cp801.prod.do.dsp.mp.microsoft.com")).toEqual([
      "PROXY cloud-proxy.example.net:443 @ 5 <- intranet.corp.example does not resolve",
      "DIRECT @ 4 <- intranet.corp.example resolves",
    ]);
  });

  it("finds the bypass that only FindProxyForURL has, while Windows calls FindProxyForURLEx", async () => {
    const { source, analysis } = await analyzeFixture("ex-without-bypass");
    expect(analysis.entryPoints).toEqual(["FindProxyForURL", "FindProxyForURLEx"]);
    expect(outcomes(source, analysis, "array801.prod.do.dsp.mp.microsoft.com", "FindProxyForURL")).toEqual([
      expect.stringMatching(/^DIRECT @ 3 <- /),
    ]);
    expect(outcomes(source, analysis, "array801.prod.do.dsp.mp.microsoft.com", "FindProxyForURLEx")).toEqual([
      expect.stringMatching(/^PROXY proxy\.corp\.example:8080 @ 9 <- /),
    ]);
    const entryPoints = new Set(serviceViolations(analysis).map((v) => v.entryPoint));
    expect([...entryPoints]).toEqual(["FindProxyForURLEx"]);
  });

  it("tries a dual-stack client, whose myIpAddressEx() lists two addresses", async () => {
    const { source, analysis } = await analyzeFixture("ex-proxies-dual-stack-clients");
    expect(outcomes(source, analysis, "geo.prod.do.dsp.mp.microsoft.com", "FindProxyForURLEx")).toContain(
      "PROXY proxy.corp.example:8080 @ 8 <- client 10.0.0.10 and 2001:db8::10 (dual stack)",
    );
    const violation = serviceViolations(analysis).find((v) => v.host === "geo.prod.do.dsp.mp.microsoft.com");
    expect(violation?.witness.witness.clientIps).toEqual(["10.0.0.10", "2001:db8::10"]);
  });

  it("tries a host with an A and an AAAA record, whose dnsResolveEx() lists both", async () => {
    const { source, analysis } = await analyzeFixture("ex-proxies-hosts-with-a-and-aaaa");
    expect(outcomes(source, analysis, "kv801.prod.do.dsp.mp.microsoft.com", "FindProxyForURLEx")).toContain(
      "PROXY proxy.corp.example:8080 @ 8 <- host resolves to 203.0.113.10 and 2001:db8::20",
    );
  });

  it("finds the service hosts a hand-written regex misses", async () => {
    const { source, analysis } = await analyzeFixture("regex-misses-geover");
    const missed = new Set(serviceViolations(analysis).map((v) => v.host));
    expect(missed).toContain("geover.prod.do.dsp.mp.microsoft.com");
    expect(missed).toContain("geo-prod.do.dsp.mp.microsoft.com");
    expect(missed).not.toContain("geo.prod.do.dsp.mp.microsoft.com");
    expect(missed).not.toContain("kv801.prod.do.dsp.mp.microsoft.com");
    expect(outcomes(source, analysis, "geover.prod.do.dsp.mp.microsoft.com")).toEqual([
      "PROXY proxy.corp.example:8080 @ 6 <- any environment (the PAC reads no client address, DNS or clock)",
    ]);
  });

  it("finds the bypass after the catch-all return and reports it as never reached", async () => {
    const { source, analysis } = await analyzeFixture("bypass-after-catch-all");
    expect(outcomes(source, analysis, "cp801.prod.do.dsp.mp.microsoft.com")).toEqual([
      "PROXY proxy.corp.example:8080 @ 4 <- any environment (the PAC reads no client address, DNS or clock)",
    ]);
    const unreachedLines = analysis.coverage.unreached.map((range) => positionAt(source, range[0]).line);
    expect(unreachedLines).toContain(5);
    expect(analysis.coverage.taken).toBeLessThan(analysis.coverage.total);
  });

  it("finds nothing wrong with a PAC that bypasses DO first in both entry points", async () => {
    const { analysis } = await analyzeFixture("compliant-bypass-first");
    expect(analysis.loadFailure).toBeUndefined();
    expect(serviceViolations(analysis)).toEqual([]);
    expect(analysis.coverage.taken).toBe(analysis.coverage.total);
  });

  it("finds the DO bypass that only holds at weekends and at night", async () => {
    const { source, analysis } = await analyzeFixture("weekday-business-hours-proxy");
    expect(outcomes(source, analysis, "kv801.prod.do.dsp.mp.microsoft.com")).toEqual([
      "PROXY filter.corp.example:3128 @ 4 <- Wed 10:30 UTC",
      "DIRECT @ 5 <- Wed 23:30 UTC",
    ]);
    const proxied = analysis.routes.find((r) => r.host === "kv801.prod.do.dsp.mp.microsoft.com")?.outcomes[0];
    const days = new Set(proxied?.environmentIds.map((id) => analysis.environments.find((e) => e.id === id)?.label.slice(0, 3)));
    expect([...days].sort()).toEqual(["Fri", "Mon", "Wed"]);
  });

  it("follows a clock read through Date", async () => {
    const { source, analysis } = await analyzeFixture("night-bypass-from-date");
    expect(outcomes(source, analysis, "geo.prod.do.dsp.mp.microsoft.com")).toEqual([
      "PROXY proxy.corp.example:8080 @ 5 <- Wed 10:30 UTC",
      "DIRECT @ 4 <- Wed 23:30 UTC",
    ]);
  });

  it("shows Chromium's implicit bypass as DIRECT without calling the PAC", async () => {
    const text = readFileSync(new URL("../../fixtures/analyze/office-subnet-bypass.pac", import.meta.url), "utf8");
    const source = createSourceFile(text);
    const analysis = await analyze(source, { program: acornProgram(text), profile: "chromium", hosts: ["localhost"] });
    const row = analysis.routes.find((r) => r.host === "localhost");
    expect(row?.outcomes).toHaveLength(1);
    expect(row?.outcomes[0]?.implicitBypass).toMatch(/Chromium/);
    expect(row?.outcomes[0]?.entries.map((e) => e.type)).toEqual(["DIRECT"]);
  });

  it("caps the classes of a PAC with many boundaries and says so", async () => {
    const offices = Array.from({ length: 8 }, (_, i) => `isInNet(ip, "10.${i}.0.0", "255.255.0.0")`);
    const hours = Array.from({ length: 3 }, (_, i) => `timeRange(${i * 3}, ${i * 3 + 1})`);
    const text = [
      "function FindProxyForURL(url, host) {",
      '  if (!shExpMatch(host, "geo.*")) return "PROXY proxy.corp.example:8080";',
      "  var ip = myIpAddress();",
      `  if ((${offices.join(" || ")}) && (${hours.join(" || ")})) return "DIRECT";`,
      '  return "PROXY proxy.corp.example:8080";',
      "}",
    ].join("\n");
    const source = createSourceFile(text, "many.pac");
    const analysis = await analyze(source, { program: acornProgram(text), otherHosts: false, maxClasses: 60 });
    expect(analysis.environments.length).toBe(60);
    expect(analysis.environmentsTotal).toBeGreaterThan(60);
    const clients = [...new Set(analysis.environments.map((e) => e.witness.clientIps[0] ?? ""))];
    for (let i = 0; i < 8; i++) expect(clients.some((ip) => ip.startsWith(`10.${i}.0.`)), `10.${i}.0.0/16`).toBe(true);
    const clocks = new Set(analysis.environments.map((e) => new Date(e.witness.now).toISOString().slice(11, 16)));
    for (const clock of ["02:00", "04:59", "05:00", "07:00"]) expect(clocks).toContain(clock);
    const { formatRoutes } = await import("../../src/analyze/format.js");
    expect(formatRoutes(analysis, source)).toMatch(/^many\.pac: profile winhttp, entry points FindProxyForURL; 60 environment classes \(capped from \d+\)/);
  });

  it("stops after a few timeouts on a PAC that loops, and says so", async () => {
    const text = [
      "function FindProxyForURL(url, host) {",
      '  if (shExpMatch(host, "*.do.dsp.mp.microsoft.com")) return "DIRECT";',
      "  while (true) {}",
      "}",
    ].join("\n");
    // 200 ms: short, yet room for the 14 evaluations that do answer on a busy machine.
    const analysis = await analyze(createSourceFile(text), { program: acornProgram(text), limits: { timeoutMs: 200 } });
    // The 13 service samples and the PAC's own *.do.dsp name answer DIRECT; then 4 timeouts.
    expect(analysis.evaluations).toBe(14 + 4);
    expect(serviceViolations(analysis)).toEqual([]);
    expect(analysis.notes?.at(-1)).toMatch(/^after 4 timeouts, \d+ of the remaining \(host, entry point, class\) cells were not evaluated$/);
    const example = analysis.routes.find((r) => r.host === "www.example.com")?.outcomes[0]?.failure;
    expect(example?.message).toBe("not evaluated: the PAC had already timed out 4 times in this analysis");
  });

  it("stops after a few memory failures on a PAC that allocates without end, and says so", async () => {
    const text = [
      "function FindProxyForURL(url, host) {",
      '  if (shExpMatch(host, "*.do.dsp.mp.microsoft.com")) return "DIRECT";',
      '  var a = []; for (;;) a.push(new Array(10000).join("x") + a.length);',
      "}",
    ].join("\n");
    // 4 MB of memory runs out long before 5 s of CPU: the failures are memory, not time.
    const analysis = await analyze(createSourceFile(text), { program: acornProgram(text), limits: { timeoutMs: 5000, memoryBytes: 4 * 1024 * 1024 } });
    expect(analysis.evaluations).toBe(14 + 4);
    expect(analysis.notes?.at(-1)).toMatch(/^after 4 evaluations had run out of memory, \d+ of the remaining \(host, entry point, class\) cells were not evaluated$/);
    const example = analysis.routes.find((r) => r.host === "www.example.com")?.outcomes[0]?.failure;
    expect(example?.message).toBe("not evaluated: the PAC had already run out of memory 4 times in this analysis");
  });

  it("loads the PAC once per client class when its top level reads the client address, and says so", async () => {
    const { analysis } = await analyzeFixture("client-address-read-at-load");
    expect(analysis.notes).toEqual([
      "2:16: myIpAddress() runs when the PAC loads, on each client, so the PAC was loaded once per environment it can tell apart at load (3 loads), each class in its own",
    ]);
    const geo = analysis.routes.find((r) => r.host === "geo.prod.do.dsp.mp.microsoft.com");
    // The bypass only holds on the office subnet: a load with the default client alone never sees it.
    expect(geo?.outcomes.map((o) => [o.result, o.witness.witness.clientIps[0]])).toEqual([
      ["PROXY proxy.corp.example:8080", "198.51.100.20"],
      ["DIRECT", "10.20.0.1"],
    ]);
    expect(analysis.environments.every((e) => e.label.endsWith("; the PAC loaded in this environment"))).toBe(true);
  });

  it.each([
    "office-subnet-bypass",
    "business-hours-proxy",
    "bypass-needs-dns",
    "ex-without-bypass",
    "compliant-bypass-first",
    "weekday-business-hours-proxy",
    "night-bypass-from-date",
  ])(
    "answers %s exactly as evaluating every class would",
    async (name) => {
      const { source, analysis } = await analyzeFixture(name);
      const unshared = analysis.environments.map(({ parts: _parts, ...rest }) => rest);
      const full = await analyze(source, { program: acornProgram(source.text), environments: unshared, shareEvaluations: false });
      const table = (a: RouteAnalysis) =>
        a.routes.map((r) => [r.url, r.entryPoint, r.outcomes.map((o) => [o.result, o.returnRange, o.witness.id, o.environmentIds])]);
      expect(table(analysis)).toEqual(table(full));
      expect(analysis.coverage).toEqual(full.coverage);
      expect(full.evaluations).toBe(full.routes.length * full.environments.length);
      expect(analysis.evaluations).toBeLessThanOrEqual(full.evaluations ?? 0);
      // In these two some hosts are answered before the PAC reads the environment.
      if (["compliant-bypass-first", "office-subnet-bypass", "weekday-business-hours-proxy"].includes(name)) expect(analysis.evaluations).toBeLessThan(full.evaluations ?? 0);
      for (const row of analysis.routes) {
        const ids = row.outcomes.flatMap((o) => o.environmentIds);
        expect(ids.length).toBe(analysis.environments.length);
        expect(new Set(ids).size).toBe(ids.length);
      }
    },
  );

  const corpus = readdirSync(new URL("../../fixtures/pac/", import.meta.url)).filter((name) => name.endsWith(".pac"));

  it.each(corpus)("analyses the realistic PAC %s with the project parser, every class answered exactly once", async (name) => {
    const decoded = decodeSource(readFileSync(new URL(`../../fixtures/pac/${name}`, import.meta.url)), name);
    if (!decoded.ok) throw new Error(decoded.message);
    const analysis = await analyze(decoded.source);
    if (analysis.loadFailure) {
      // Windows' JScript rejects ES2015+ syntax (research §2.5); the other profiles load it.
      expect(analysis.loadFailure.kind).toBe("syntax");
      expect((await analyze(decoded.source, { profile: "chromium" })).loadFailure).toBeUndefined();
      return;
    }
    expect(analysis.routes.length).toBe(new Set(analysis.routes.map((r) => `${r.url} ${r.entryPoint}`)).size);
    for (const row of analysis.routes) {
      const ids = row.outcomes.flatMap((o) => o.environmentIds);
      expect(ids.sort()).toEqual(analysis.environments.map((e) => e.id).sort());
    }
    // A PAC that keeps state between calls answers by history, reused or not.
    if (analysis.notes?.some((note) => note.includes("earlier calls"))) return;
    const unshared = analysis.environments.map(({ parts: _parts, ...rest }) => rest);
    const full = await analyze(decoded.source, { environments: unshared, shareEvaluations: false });
    const table = (a: RouteAnalysis) => a.routes.map((r) => [r.url, r.entryPoint, r.outcomes.map((o) => [o.result, o.returnRange, o.environmentIds])]);
    expect(table(analysis)).toEqual(table(full));
  });
});
