import { describe, expect, it } from "vitest";
import { analyze, LINT_BUDGET, serviceViolations } from "../../src/analyze/index.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { addressTablePac } from "../helpers/real-pacs.js";

describe("analysis budget", () => {
  it("on a loop over 1,000 networks, stops at the evaluation budget and answers every row for the same first classes", async () => {
    const source = createSourceFile(addressTablePac(1000), "table.pac");
    const analysis = await analyze(source, { otherHosts: false, coverage: false, budget: { evaluations: 300 } });
    expect(analysis.sampled?.stoppedBy).toBe("evaluations");
    const kept = analysis.environments.map((e) => e.id);
    expect(kept.length).toBe(analysis.sampled?.classes);
    expect(kept.length).toBeGreaterThan(0);
    expect(analysis.sampled?.of).toBe(analysis.environmentsTotal);
    expect(analysis.sampled?.of).toBeGreaterThan(kept.length);
    // A round may overrun the budget by the rows it evaluates together, never by more.
    expect(analysis.evaluations).toBeLessThan(300 + 64);
    for (const row of analysis.routes) {
      const ids = row.outcomes.flatMap((o) => o.environmentIds);
      expect([...ids].sort(), row.host).toEqual([...kept].sort());
      for (const outcome of row.outcomes) expect(kept).toContain(outcome.witness.id);
    }
    expect(analysis.notes?.some((note) => note.includes("analysis budget (300 evaluations) ran out"))).toBe(true);
    // What it covered is still a verdict: the PAC proxies DO's service hosts.
    expect(serviceViolations(analysis).length).toBeGreaterThan(0);
  }, 120_000);

  it("is not reached on a loop over 1,000 networks, whose classes are few: the loop is one test, in or out of the table", async () => {
    const source = createSourceFile(addressTablePac(1000), "table.pac");
    // lint's evaluation budget without its wall clock, which a loaded machine would make the test's outcome.
    const analysis = await analyze(source, { otherHosts: false, coverage: false, budget: { evaluations: LINT_BUDGET.evaluations } });
    expect(analysis.sampled).toBeUndefined();
    expect(analysis.environments.length).toBe(analysis.environmentsTotal);
    expect(analysis.environments.length).toBeLessThan(20);
    expect(analysis.evaluations).toBeLessThan(1_000);
    expect(analysis.environments.some((e) => e.label.includes("in one of the 1,000 networks of INTERNAL"))).toBe(true);
    expect([...new Set(serviceViolations(analysis).map((v) => v.outcome.result))].sort()).toEqual(["PROXY emea.proxy.corp.example:8080; DIRECT", "PROXY proxy.corp.example:8080; DIRECT"]);
  }, 120_000);

  it("is not reached on an ordinary PAC, whose analysis covers every class", async () => {
    const text = [
      "function FindProxyForURL(url, host) {",
      '  if (isInNet(myIpAddress(), "10.20.0.0", "255.255.0.0")) return "DIRECT";',
      '  return "PROXY p.example:8080";',
      "}",
    ].join("\n");
    const analysis = await analyze(createSourceFile(text), { otherHosts: false });
    expect(analysis.sampled).toBeUndefined();
    expect(analysis.environments.length).toBe(analysis.environmentsTotal);
  });

  it("is not applied when comparing under given classes: the fixer's second analysis covers all of the first's", async () => {
    const source = createSourceFile(addressTablePac(200));
    const before = await analyze(source, { otherHosts: false, coverage: false, budget: { evaluations: 100 } });
    const after = await analyze(source, { otherHosts: false, coverage: false, environments: before.environments });
    expect(after.sampled).toBeUndefined();
    expect(after.environments).toEqual(before.environments);
  }, 120_000);
});
