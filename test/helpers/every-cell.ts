/**
 * The reference the route analysis's reuse is checked against: every (host, entry point, class) cell evaluated on its
 * own, with no reuse, and the analysis's route matrix in the same shape (test/analyze/reuse-*.test.ts).
 */
import { expect } from "vitest";
import { collect, environmentFor, type EnvironmentClass, type RouteAnalysis } from "../../src/analyze/index.js";
import { renderPublicAddress } from "../../src/analyze/public-address.js";
import { createEvaluator } from "../../src/evaluate/index.js";
import type { PacEvaluator, ProfileName } from "../../src/evaluate/types.js";
import type { SourceFile } from "../../src/source/source-file.js";
import type { Program } from "../../src/syntax/ast.js";
import { parse } from "../../src/syntax/parse.js";

/** Short deadline: a fixture whose reference run times out anywhere is left out. */
export const LIMITS = { timeoutMs: 250 };

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

export function rowsOf(analysis: RouteAnalysis): Row[] {
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
export async function everyCell(
  source: SourceFile,
  program: Program | undefined,
  analysis: RouteAnalysis,
  profile: ProfileName,
  limits: { timeoutMs: number } = LIMITS,
): Promise<Row[] | undefined> {
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
        limits,
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
