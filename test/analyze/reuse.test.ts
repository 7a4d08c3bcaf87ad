import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyze, collect, environmentFor, type RouteAnalysis } from "../../src/analyze/index.js";
import { createEvaluator } from "../../src/evaluate/index.js";
import type { ProfileName } from "../../src/evaluate/types.js";
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
async function everyCell(source: SourceFile, program: Program, analysis: RouteAnalysis, profile: ProfileName): Promise<Row[] | undefined> {
  const created = await createEvaluator(source, { profile, program, limits: LIMITS });
  if (!created.ok) throw new Error(created.failure.message);
  using evaluator = created.evaluator;
  const rows: Row[] = [];
  for (const route of analysis.routes) {
    const outcomes = new Map<string, Answer & { ids: string[] }>();
    for (const environment of analysis.environments) {
      const evaluation = await evaluator.evaluate({ url: route.url, entryPoint: route.entryPoint }, environmentFor(environment, route.host));
      if (evaluation.failure?.kind === "timeout") return undefined;
      const answer: Answer = {
        result: evaluation.result,
        failure: evaluation.failure ? `${evaluation.failure.kind}: ${evaluation.failure.message}` : null,
        returnRange: evaluation.returnRange ?? null,
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
