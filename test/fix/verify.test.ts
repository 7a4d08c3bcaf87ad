import { describe, expect, test } from "vitest";
import type { EnvironmentClass, HostRoutes, RouteAnalysis, RouteOutcome } from "../../src/analyze/types.js";
import type { EvaluationFailure } from "../../src/evaluate/types.js";
import { bypassTargets } from "../../src/fix/targets.js";
import { bypassViolations, changedRoutes } from "../../src/fix/verify.js";
import { createSourceFile } from "../../src/source/source-file.js";

const chosen = bypassTargets();
if (!chosen.ok) throw new Error(chosen.message);
const targets = chosen.targets;

const office: EnvironmentClass = {
  id: "c1",
  label: "client 10.20.0.1 (in 10.20.0.0/16 from line 2)",
  witness: { clientIps: ["10.20.0.1"], dns: new Map(), liveDns: false, now: 0, timeZone: "UTC" },
};
const home: EnvironmentClass = { ...office, id: "c2", label: "client 198.51.100.20 (public)" };

const text = 'function FindProxyForURL(url, host) {\n  if (x) return "PROXY office:8080";\n  return "PROXY p:8080";\n}\n';
const source = createSourceFile(text);
const officeReturn = [text.indexOf('return "PROXY office'), text.indexOf(";", text.indexOf('return "PROXY office'))] as const;
const defaultReturn = [text.indexOf('return "PROXY p:'), text.indexOf(";", text.indexOf('return "PROXY p:'))] as const;

function outcome(result: string | null, ids: string[], returnRange?: readonly [number, number], failure?: EvaluationFailure): RouteOutcome {
  const type = result?.startsWith("DIRECT") ? "DIRECT" : "PROXY";
  return {
    result,
    entries: result === null ? [] : [{ text: result, type }],
    ...(failure ? { failure } : {}),
    ...(returnRange ? { returnRange } : {}),
    environmentIds: ids,
    witness: ids[0] === "c2" ? home : office,
  };
}

function analysis(routes: HostRoutes[]): RouteAnalysis {
  return { profile: "winhttp", entryPoints: ["FindProxyForURL"], environments: [office, home], routes, coverage: { total: 0, taken: 0, unreached: [] } };
}

function row(host: string, outcomes: RouteOutcome[]): HostRoutes {
  return { host, url: `https://${host}/`, entryPoint: "FindProxyForURL", outcomes };
}

describe("bypassViolations", () => {
  test("names the host, entry point, result, line and environment of a proxied service host", () => {
    const routes = analysis([row("kv801.prod.do.dsp.mp.microsoft.com", [outcome("PROXY office:8080", ["c1"], officeReturn), outcome("DIRECT", ["c2"])])]);
    expect(bypassViolations(routes, source, targets).map((p) => p.message)).toEqual([
      'kv801.prod.do.dsp.mp.microsoft.com (FindProxyForURL) gets "PROXY office:8080" (line 2) when client 10.20.0.1 (in 10.20.0.0/16 from line 2)',
    ]);
  });

  test("ignores hosts the block does not bypass, and the hosts it is told to ignore", () => {
    const routes = analysis([row("www.example.com", [outcome("PROXY p:8080", ["c1", "c2"])]), row("do.dsp.mp.microsoft.com", [outcome("PROXY p:8080", ["c1", "c2"])])]);
    expect(bypassViolations(routes, source, targets, new Set(["do.dsp.mp.microsoft.com"]))).toEqual([]);
  });
});

describe("changedRoutes", () => {
  test("accepts the same result from the same return statement, even when it moved", () => {
    const shifted = createSourceFile(`// header\n${text}`);
    const shift = "// header\n".length;
    const before = analysis([row("www.example.com", [outcome("PROXY p:8080", ["c1", "c2"], defaultReturn)])]);
    const after = analysis([row("www.example.com", [outcome("PROXY p:8080", ["c1", "c2"], [defaultReturn[0] + shift, defaultReturn[1] + shift])])]);
    expect(changedRoutes(before, source, after, shifted, targets)).toEqual([]);
  });

  test("reports a changed answer per environment with before and after", () => {
    const before = analysis([row("www.example.com", [outcome("PROXY office:8080", ["c1"], officeReturn), outcome("PROXY p:8080", ["c2"], defaultReturn)])]);
    const after = analysis([row("www.example.com", [outcome("PROXY p:8080", ["c1", "c2"], defaultReturn)])]);
    expect(changedRoutes(before, source, after, source, targets).map((p) => p.message)).toEqual([
      'www.example.com (FindProxyForURL) changed when client 10.20.0.1 (in 10.20.0.0/16 from line 2): before "PROXY office:8080" (line 2), after "PROXY p:8080" (line 3)',
    ]);
  });

  test("calls a one-sided timeout inconclusive rather than a change", () => {
    const before = analysis([row("www.example.com", [outcome("PROXY p:8080", ["c1", "c2"], defaultReturn)])]);
    const after = analysis([row("www.example.com", [outcome(null, ["c1", "c2"], undefined, { kind: "timeout", message: "timed out after 1000 ms" })])]);
    expect(changedRoutes(before, source, after, source, targets)[0]?.message).toMatch(/could not be compared .*after timed out after 1000 ms; the proof is inconclusive, run again with a higher --timeout$/);
  });

  test("never takes two answers the machine was too busy to finish for the same answer", () => {
    const busy = { kind: "busy" as const, message: "did not finish: the machine was too busy to give it its CPU time; run again on a quieter machine" };
    const before = analysis([row("www.example.com", [outcome(null, ["c1", "c2"], undefined, busy)])]);
    const after = analysis([row("www.example.com", [outcome(null, ["c1", "c2"], undefined, busy)])]);
    expect(changedRoutes(before, source, after, source, targets)[0]?.message).toMatch(/could not be compared .*the proof is inconclusive, run again$/);
  });

  test("reports an entry point the fixed PAC lost", () => {
    const before = analysis([]);
    const after: RouteAnalysis = { ...analysis([]), entryPoints: [] };
    expect(changedRoutes(before, source, after, source, targets).map((p) => p.message)).toEqual(["the fixed PAC no longer defines FindProxyForURL"]);
  });

  test("leaves out hosts the block bypasses on purpose", () => {
    const before = analysis([row("geo.prod.do.dsp.mp.microsoft.com", [outcome("PROXY p:8080", ["c1", "c2"], defaultReturn)])]);
    const after = analysis([row("geo.prod.do.dsp.mp.microsoft.com", [outcome("DIRECT", ["c1", "c2"])])]);
    expect(changedRoutes(before, source, after, source, targets)).toEqual([]);
  });
});
