import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { collect } from "../../src/analyze/collect.js";
import { buildUnionEnvironments } from "../../src/analyze/environments.js";
import { analyze } from "../../src/analyze/index.js";
import type { RouteAnalysis } from "../../src/analyze/types.js";
import { describeClasses } from "../../src/diff/describe.js";
import { diffPacs, diffSides, localSide, type DiffSideRunner } from "../../src/diff/diff.js";
import { busyFailure } from "../../src/evaluate/cpu-time.js";
import { changedLines, planDiffHosts } from "../../src/diff/hosts.js";
import { createSourceFile, type SourceFile } from "../../src/source/source-file.js";
import { parse } from "../../src/syntax/parse.js";
import { renderPublicAddress } from "../../src/analyze/public-address.js";
import { createEvaluator } from "../../src/evaluate/index.js";

const PAIRS = ["renamed-vars", "extracted-helpers", "subnet-change", "time-window-change", "dns-dependent-change"];

function read(name: string, side: "old" | "new"): SourceFile {
  return createSourceFile(readFileSync(new URL(`../../fixtures/diff/${name}.${side}.pac`, import.meta.url), "utf8"), `${name}.${side}.pac`);
}

function side(source: SourceFile) {
  const parsed = parse(source);
  if (!parsed.ok) throw new Error("does not parse");
  return { source, program: parsed.program, collected: collect(parsed.program) };
}

describe("diffPacs", { timeout: 120_000 }, () => {
  it.each(PAIRS)("%s: each PAC answers the union's classes as evaluating every class on its own would", async (name) => {
    const [a, b] = [side(read(name, "old")), side(read(name, "new"))];
    const { classes } = buildUnionEnvironments([
      { collected: a.collected, source: a.source, name: "OLD" },
      { collected: b.collected, source: b.source, name: "NEW" },
    ]);
    const { queries } = planDiffHosts(a, b, []);
    for (const pac of [a, b]) {
      const shared = await analyze(pac.source, { program: pac.program, environments: classes, queries, coverage: false });
      const unshared = classes.map(({ parts: _parts, ...rest }) => rest);
      const full = await analyze(pac.source, { program: pac.program, environments: unshared, queries, coverage: false, shareEvaluations: false });
      const table = (analysis: RouteAnalysis) => analysis.routes.map((r) => [r.url, r.entryPoint, r.outcomes.map((o) => [o.result, o.returnRange, o.environmentIds])]);
      expect(table(shared)).toEqual(table(full));
      expect(shared.evaluations).toBeLessThan(full.evaluations ?? 0);
    }
  });

  it("says which PAC could not be parsed, and compares nothing", async () => {
    const diff = await diffPacs(read("subnet-change", "old"), createSourceFile("function FindProxyForURL(url, host) {"));
    expect(diff.unparsable?.side).toBe("new");
    expect(diff.unparsable?.failure.kind).toBe("syntax");
    expect(diff.changes).toEqual([]);
  });

  it("gives a PAC that throws when it loads as failing everywhere", async () => {
    const diff = await diffPacs(read("do-bypass-removed", "old"), createSourceFile('throw new Error("broken");\nfunction FindProxyForURL(url, host) { return "DIRECT"; }'));
    expect(diff.changes.length).toBeGreaterThan(0);
    expect(diff.changes.every((c) => c.after.result === null && c.after.failure?.kind === "exception")).toBe(true);
    expect(diff.notes[0]).toMatch(/^NEW: the PAC fails when it loads \(exception/);
  });

  it("crosses the classes with the public addresses a Zscaler PAC tests through ${SRCIP}, and each witness replays on the rendered PACs", async () => {
    const old = read("srcip-egress-change", "old");
    const now = read("srcip-egress-change", "new");
    const diff = await diffPacs(old, now);
    const kv = diff.changes.filter((c) => c.host === "kv801.prod.do.dsp.mp.microsoft.com");
    expect(kv.map((c) => [c.witness.publicAddress, c.before.result, c.after.result, c.doEffect])).toEqual([
      ["198.51.100.1", "DIRECT", "PROXY ${GATEWAY}:9400; PROXY ${SECONDARY_GATEWAY}:9400; DIRECT", "violation"],
      ["192.0.2.1", "PROXY ${GATEWAY}:9400; PROXY ${SECONDARY_GATEWAY}:9400; DIRECT", "DIRECT", "fixed"],
    ]);
    expect(kv[0]?.covers).toMatch(/^public address 198\.51\.100\.1 \(in 198\.51\.100\.0\/24 from line 5 of OLD\)/);
    for (const change of diff.changes) {
      const ip = change.witness.publicAddress ?? "";
      const answers: (string | null)[] = [];
      for (const template of [old, now]) {
        const created = await createEvaluator(renderPublicAddress(template, ip).source, { profile: "winhttp" });
        if (!created.ok) throw new Error(created.failure.message);
        using pac = created.evaluator;
        answers.push((await pac.evaluate({ url: change.url, entryPoint: change.entryPoint }, change.environment)).result);
      }
      expect(answers).toEqual([change.before.result, change.after.result]);
    }
  });

  it("compares no cell whose answer the machine was too busy to finish, and says how many", async () => {
    const source = read("subnet-change", "old");
    const local = localSide(source, "NEW", {});
    // NEW is the same PAC, whose first host's evaluations all came back busy.
    const starved: DiffSideRunner = {
      prepare: (changed) => local.prepare(changed),
      analyze: async (classes, queries) => {
        const analysis = await local.analyze(classes, queries);
        const first = analysis.routes[0]?.host;
        const routes = analysis.routes.map((route) =>
          route.host !== first ? route : { ...route, outcomes: route.outcomes.map((outcome) => ({ ...outcome, result: null, entries: [], failure: busyFailure() })) },
        );
        return { ...analysis, routes };
      },
    };
    const diff = await diffSides(source, source, {}, starved);
    expect(diff.changes).toEqual([]);
    expect(diff.undecided).toBeGreaterThan(0);
    expect(diff.notes).toContain(`${diff.undecided} (host, entry point, class) cells were not compared: the machine was too busy to finish their evaluation; run again`);
    expect((await diffPacs(source, source)).undecided).toBeUndefined();
  });

  it("says when NEW routes DO service hosts on what the classes only sample, rather than a bare 'no route differs'", async () => {
    const diff = await diffPacs(read("proxy-one-minute-an-hour", "old"), read("proxy-one-minute-an-hour", "new"));
    expect(diff.changes).toEqual([]);
    expect(diff.notes).toEqual([expect.stringMatching(/^NEW: geo\.prod\.do\.dsp\.mp\.microsoft\.com reads the clock through Date, .* \(line 3\): DO service hosts are compared only in the environments tried$/)]);
  });

  it("treats respelled result strings as the same route", async () => {
    const diff = await diffPacs(
      createSourceFile('function FindProxyForURL(url, host) { return "PROXY Proxy.Corp.Example:8080; DIRECT"; }'),
      createSourceFile('function FindProxyForURL(url, host) { return "PROXY proxy.corp.example:8080;  DIRECT"; }'),
    );
    expect(diff.changes).toEqual([]);
  });
});

describe("the hosts a diff asks about", () => {
  it("finds the lines only one side has, spaces aside", () => {
    const [a, b] = changedLines(createSourceFile("a\n  b  c\nd\n"), createSourceFile("a\nb c\ne\n"));
    expect([...a]).toEqual([3]);
    expect([...b]).toEqual([3]);
  });

  it("asks about both sides of the names in a changed rule, even when the change is on the next line", () => {
    const rules = (last: string) =>
      ["function FindProxyForURL(url, host) {", ...Array.from({ length: 200 }, (_, i) => `  if (dnsDomainIs(host, ".site${i}.example"))`, ).flatMap((line, i) => [line, `    return "PROXY p${i === 150 ? last : i}:8080";`]), '  return "DIRECT";', "}"].join("\n");
    const { queries, omitted } = planDiffHosts(side(createSourceFile(rules("150"))), side(createSourceFile(rules("x"))), []);
    const hosts = queries.map((q) => q.host);
    expect(hosts).toEqual(expect.arrayContaining(["www.site150.example", "site150.example", "xsite150.example"]));
    expect(omitted).toBeGreaterThan(0);
  });
});

describe("environments in words", () => {
  const text = [
    "function FindProxyForURL(url, host) {",
    '  if (isInNet(myIpAddress(), "10.20.0.0", "255.255.0.0") && timeRange(8, 18)) return "DIRECT";',
    '  return "PROXY p:8080";',
    "}",
  ].join("\n");
  const source = createSourceFile(text);
  const { classes } = buildUnionEnvironments([{ collected: side(source).collected, source, name: "NEW" }]);

  it("says a dimension the set takes whole as any", () => {
    const office = classes.filter((c) => c.witness.clientIps[0] === "10.20.0.1").map((c) => c.id);
    expect(describeClasses(office, classes)).toBe("client 10.20.0.1 (in 10.20.0.0/16 from line 2 of NEW), any time");
  });

  it("groups clock readings by day", () => {
    const morning = classes.filter((c) => c.witness.clientIps[0] === "10.20.0.1" && new Date(c.witness.now).getUTCHours() === 8).map((c) => c.id);
    expect(describeClasses(morning, classes)).toMatch(/^client 10\.20\.0\.1 \(in 10\.20\.0\.0\/16 from line 2 of NEW\), at 08:00 UTC on any day$/);
  });

  it("counts a set that is no product of its dimensions", () => {
    const ids = [classes[0]?.id ?? "", classes[classes.length - 1]?.id ?? ""];
    expect(describeClasses(ids, classes)).toMatch(/^2 of \d+ environment classes, e\.g\. /);
    expect(describeClasses(classes.map((c) => c.id), classes)).toBe(`every environment (all ${classes.length} classes)`);
  });
});
