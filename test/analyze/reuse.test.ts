import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze, collect, environmentFor, type EnvironmentClass, type RouteAnalysis } from "../../src/analyze/index.js";
import { renderPublicAddress } from "../../src/analyze/public-address.js";
import { createEvaluator } from "../../src/evaluate/index.js";
import type { PacEvaluator, ProfileName } from "../../src/evaluate/types.js";
import { createSourceFile, type SourceFile } from "../../src/source/source-file.js";
import type { Program } from "../../src/syntax/ast.js";
import { parse } from "../../src/syntax/parse.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));
/** Larger PACs (the max-size fixtures) would make evaluating every cell take minutes. */
const MAX_BYTES = 64 * 1024;
/** Short deadline: a fixture whose reference run times out anywhere is left out (see below). */
const LIMITS = { timeoutMs: 250 };

function pacFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pacFiles(path);
    return name.endsWith(".pac") && statSync(path).size <= MAX_BYTES ? [path] : [];
  });
}

/** One cell's answer, everything an outcome is grouped by. */
interface Answer {
  readonly result: string | null;
  readonly failure: string | null;
  readonly returnRange: readonly number[] | null;
  readonly implicitBypass: string | null;
}

interface Row {
  readonly host: string;
  readonly entryPoint: string;
  /** Distinct answers in order of first appearance, each with the classes that give it; the first is the witness. */
  readonly outcomes: readonly (Answer & { readonly ids: readonly string[] })[];
}

function rowsOf(analysis: RouteAnalysis): Row[] {
  return analysis.routes.map((route) => ({
    host: route.host,
    entryPoint: route.entryPoint,
    outcomes: route.outcomes.map((o) => {
      expect(o.witness.id).toBe(o.environmentIds[0]);
      return {
        result: o.result,
        failure: o.failure ? `${o.failure.kind}: ${o.failure.message}` : null,
        returnRange: o.returnRange ?? null,
        implicitBypass: o.implicitBypass ?? null,
        ids: o.environmentIds,
      };
    }),
  }));
}

/**
 * The straightforward analysis: every (host, entry point, class) evaluated on its own, no reuse.
 * Undefined when some cell failed with a timeout (the optimised analysis may then skip cells).
 */
async function everyCell(source: SourceFile, program: Program | undefined, analysis: RouteAnalysis, profile: ProfileName): Promise<Row[] | undefined> {
  // A PAC that uses ${SRCIP} runs as Zscaler renders it for each class's public address; and each
  // client loads the PAC itself, so with environment reads at top level each class gets its own load.
  const perClass = program !== undefined && collect(program).loadTimeReads.length > 0;
  const evaluators = new Map<string, { evaluator: PacEvaluator; original: (offset: number) => number }>();
  const evaluatorFor = async (environment: EnvironmentClass) => {
    const publicAddress = environment.publicAddress;
    const key = `${publicAddress ?? ""}|${perClass ? environment.id : ""}`;
    let found = evaluators.get(key);
    if (!found) {
      const rendering = publicAddress === undefined ? { source, original: (offset: number) => offset } : renderPublicAddress(source, publicAddress);
      const parsed = publicAddress === undefined ? program : (parse(rendering.source) as { program?: Program }).program;
      const created = await createEvaluator(rendering.source, {
        profile,
        ...(parsed ? { program: parsed } : {}),
        limits: LIMITS,
        ...(perClass ? { loadEnvironment: environment.witness } : {}),
      });
      if (!created.ok) throw new Error(created.failure.message);
      evaluators.set(key, (found = { evaluator: created.evaluator, original: rendering.original }));
    }
    return found;
  };
  try {
    return await cells(analysis, evaluatorFor);
  } finally {
    for (const { evaluator } of evaluators.values()) evaluator[Symbol.dispose]();
  }
}

async function cells(
  analysis: RouteAnalysis,
  evaluatorFor: (environment: EnvironmentClass) => Promise<{ evaluator: PacEvaluator; original: (offset: number) => number }>,
): Promise<Row[] | undefined> {
  const rows: Row[] = [];
  for (const route of analysis.routes) {
    const outcomes = new Map<string, Answer & { ids: string[] }>();
    for (const environment of analysis.environments) {
      const { evaluator, original } = await evaluatorFor(environment);
      const evaluation = await evaluator.evaluate({ url: route.url, entryPoint: route.entryPoint }, environmentFor(environment, route.host));
      if (evaluation.failure?.kind === "timeout") return undefined;
      const answer: Answer = {
        result: evaluation.result,
        failure: evaluation.failure ? `${evaluation.failure.kind}: ${evaluation.failure.message}` : null,
        returnRange: evaluation.returnRange ? [original(evaluation.returnRange[0]), original(evaluation.returnRange[1])] : null,
        implicitBypass: evaluation.implicitBypass ?? null,
      };
      const key = JSON.stringify(answer);
      const seen = outcomes.get(key);
      if (seen) seen.ids.push(environment.id);
      else outcomes.set(key, { ...answer, ids: [environment.id] });
    }
    rows.push({ host: route.host, entryPoint: route.entryPoint, outcomes: [...outcomes.values()] });
  }
  return rows;
}

describe("route analysis reuse", () => {
  const files = pacFiles(FIXTURES);

  it("covers the fixtures", () => {
    expect(files.length).toBeGreaterThan(80);
  });

  // Each profile once, with and without branch probes (which change the script the sandbox runs).
  for (const [profile, coverage] of [
    ["winhttp", true],
    ["chromium", false],
  ] as const) {
    it(`gives the route matrix of evaluating every cell on its own, on every fixture (${profile}, coverage ${coverage})`, { timeout: 300_000 }, async () => {
      let compared = 0;
      for (const file of files) {
        const source = createSourceFile(readFileSync(file, "utf8"), file);
        const parsed = parse(source);
        if (!parsed.ok) continue;
        // Reuse assumes calls leave no state behind; the analysis says so in a note when they may.
        if (collect(parsed.program).statefulSites.length > 0) continue;
        const analysis = await analyze(source, { profile, program: parsed.program, limits: LIMITS, coverage });
        if (analysis.loadFailure) continue;
        const expected = await everyCell(source, parsed.program, analysis, profile);
        if (expected === undefined) continue;
        expect(rowsOf(analysis), file).toEqual(expected);
        compared++;
      }
      expect(compared).toBeGreaterThan(80);
    });
  }
});

const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** A clock helper call with literal arguments, in the forms research §4 lists (and some it does not). */
const timeCall = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 24 }), fc.boolean()).map(([a, b, gmt]) => `timeRange(${a}, ${b}${gmt ? ', "GMT"' : ""})`),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.boolean()).map(([a, gmt]) => `timeRange(${a}${gmt ? ', "GMT"' : ""})`),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(
    ([a, b, c, d]) => `timeRange(${a}, ${b}, ${c}, ${d})`,
  ),
  fc.tuple(fc.constantFrom(...DAYS), fc.constantFrom(...DAYS), fc.boolean()).map(([a, b, gmt]) => `weekdayRange("${a}", "${b}"${gmt ? ', "GMT"' : ""})`),
  fc.constantFrom(...DAYS).map((d) => `weekdayRange("${d}")`),
  fc.tuple(fc.constantFrom(...MONTHS), fc.constantFrom(...MONTHS)).map(([a, b]) => `dateRange("${a}", "${b}")`),
  fc.tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 31 })).map(([a, b]) => `dateRange(${a}, ${b})`),
);

describe("route analysis reuse by time-test answers", () => {
  it("gives the route matrix of evaluating every cell on its own, on generated PACs with clock tests", { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(timeCall, { minLength: 1, maxLength: 4 }),
        fc.constantFrom<ProfileName>("winhttp", "chromium", "node"),
        fc.constantFrom("UTC", "Europe/Berlin", "America/New_York"),
        async (calls, profile, timeZone) => {
          const lines = calls.map((call, i) =>
            i % 2 === 0
              ? `  if (${call} && isInNet(myIpAddress(), "10.20.0.0", "255.255.0.0")) return "PROXY p${i}.corp.example:8080";`
              : `  if (${call}) return "PROXY p${i}.corp.example:8080";`,
          );
          const text = ["function FindProxyForURL(url, host) {", ...lines, '  return "DIRECT";', "}"].join("\n");
          const source = createSourceFile(text);
          const parsed = parse(source);
          if (!parsed.ok) throw new Error(text);
          expect(collect(parsed.program).timeTestsComplete).toBe(true);
          const analysis = await analyze(source, { profile, program: parsed.program, timeZone, otherHosts: false, limits: LIMITS });
          const expected = await everyCell(source, profile === "node" ? undefined : parsed.program, analysis, profile);
          expect(expected).toBeDefined();
          expect(rowsOf(analysis), text).toEqual(expected);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("reads the clock through the tests only when nothing else can reach it", () => {
    const complete = (text: string): boolean => {
      const parsed = parse(createSourceFile(text));
      if (!parsed.ok) throw new Error(text);
      return collect(parsed.program).timeTestsComplete;
    };
    expect(complete('function FindProxyForURL(u, h) { return timeRange(8, 18) && weekdayRange("MON", "FRI") ? "DIRECT" : "PROXY p:1"; }')).toBe(true);
    expect(complete('function FindProxyForURL(u, h) { var t = 8; return timeRange(t, 18) ? "DIRECT" : "PROXY p:1"; }')).toBe(false);
    expect(complete('function FindProxyForURL(u, h) { var f = timeRange; return f(8, 18) ? "DIRECT" : "PROXY p:1"; }')).toBe(false);
    expect(complete('function FindProxyForURL(u, h) { return this["timeRange"](8, 18) ? "DIRECT" : "PROXY p:1"; }')).toBe(false);
    expect(complete('function FindProxyForURL(u, h) { return new Date().getHours() > 8 ? "DIRECT" : "PROXY p:1"; }')).toBe(false);
    expect(complete('function FindProxyForURL(u, h) { return eval("time" + "Range(8, 18)") ? "DIRECT" : "PROXY p:1"; }')).toBe(false);
  });
});
