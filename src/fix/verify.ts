/**
 * The proof a fix must pass before anything is written: in the fixed PAC every host the block
 * bypasses is DIRECT first in every environment class under every entry point, and every other host
 * the analysis knows routes exactly as in the PAC without the block (same result, same failure, the
 * same `return` statement deciding).
 */
import { effectiveFirstEntry } from "../analyze/findings.js";
import type { HostRoutes, RouteAnalysis, RouteOutcome } from "../analyze/types.js";
import type { ProfileName } from "../evaluate/types.js";
import { positionAt, type SourceFile } from "../source/source-file.js";
import { bypasses, type BypassTargets } from "./block.js";

/** DIRECT is what the profile's client uses first: no failure, and the first entry it keeps is DIRECT. */
export function isDirectFirst(outcome: RouteOutcome, profile: ProfileName): boolean {
  if (outcome.failure) return false;
  const first = effectiveFirstEntry(outcome, profile);
  return first === "DIRECT" || first?.type === "DIRECT";
}

/** One way a route breaks the contract, in one line. */
export interface RouteProblem {
  readonly host: string;
  readonly entryPoint: string;
  readonly environment: string;
  readonly message: string;
}

/** Hosts the block must send DIRECT that some environment class does not; `ignore` lists hosts not to check. */
export function bypassViolations(
  analysis: RouteAnalysis,
  source: SourceFile,
  targets: BypassTargets,
  ignore: ReadonlySet<string> = new Set(),
): RouteProblem[] {
  const problems: RouteProblem[] = [];
  if (analysis.loadFailure) {
    return [{ host: "*", entryPoint: "*", environment: "*", message: `the PAC does not load: ${analysis.loadFailure.message}` }];
  }
  for (const route of analysis.routes) {
    if (!bypasses(targets, route.host) || ignore.has(route.host)) continue;
    for (const outcome of route.outcomes) {
      if (isDirectFirst(outcome, analysis.profile)) continue;
      problems.push({
        host: route.host,
        entryPoint: route.entryPoint,
        environment: outcome.witness.label,
        message: `${route.host} (${route.entryPoint}) gets ${describeOutcome(outcome, source)} when ${outcome.witness.label}`,
      });
    }
  }
  return problems;
}

/**
 * Every route of `before` whose host the block leaves alone, compared with `after` environment class
 * by environment class (matched by id: analyse `after` with `environments: before.environments`).
 * Unlike the analysis' own `compareRoutes`, this also leaves out the content and cache hosts the block
 * bypasses on request, and requires the same `return` statement to decide.
 */
export function changedRoutes(
  before: RouteAnalysis,
  beforeSource: SourceFile,
  after: RouteAnalysis,
  afterSource: SourceFile,
  targets: BypassTargets,
  /** "proven": the other hosts were shown to route as before without analysing them again (fix.ts `provenHosts`). */
  others: "compare" | "proven" = "compare",
): RouteProblem[] {
  const problems: RouteProblem[] = [];
  if (after.loadFailure && !before.loadFailure) {
    return [{ host: "*", entryPoint: "*", environment: "*", message: `the fixed PAC does not load: ${after.loadFailure.message}` }];
  }
  const missing = before.entryPoints.filter((name) => !after.entryPoints.includes(name));
  if (missing.length > 0) {
    return [{ host: "*", entryPoint: missing.join(", "), environment: "*", message: `the fixed PAC no longer defines ${missing.join(", ")}` }];
  }
  if (others === "proven") return [];
  const afterRoutes = new Map<string, HostRoutes>();
  for (const route of after.routes) afterRoutes.set(routeKey(route), route);
  const labels = new Map(before.environments.map((env) => [env.id, env.label]));

  for (const route of before.routes) {
    if (bypasses(targets, route.host)) continue;
    const fixed = afterRoutes.get(routeKey(route));
    if (!fixed) {
      problems.push({ host: route.host, entryPoint: route.entryPoint, environment: "*", message: `${route.host} (${route.entryPoint}) was not analysed after the fix` });
      continue;
    }
    const afterByEnvironment = new Map<string, RouteOutcome>();
    for (const outcome of fixed.outcomes) for (const id of outcome.environmentIds) afterByEnvironment.set(id, outcome);
    for (const outcome of route.outcomes) {
      for (const id of outcome.environmentIds) {
        const now = afterByEnvironment.get(id);
        const environment = labels.get(id) ?? id;
        if (now && sameOutcome(outcome, beforeSource, now, afterSource)) continue;
        const was = describeOutcome(outcome, beforeSource);
        const is = now ? describeOutcome(now, afterSource) : "no result for this environment";
        // A deadline hit on one side, or a machine too busy to finish a call, says nothing of whether the routes differ.
        const busy = outcome.failure?.kind === "busy" || now?.failure?.kind === "busy";
        const timedOut = outcome.failure?.kind === "timeout" || now?.failure?.kind === "timeout";
        const verdict = busy || timedOut ? "could not be compared" : "changed";
        const hint = busy ? "; the proof is inconclusive, run again" : timedOut ? "; the proof is inconclusive, run again with a higher --timeout" : "";
        problems.push({
          host: route.host,
          entryPoint: route.entryPoint,
          environment,
          message: `${route.host} (${route.entryPoint}) ${verdict} when ${environment}: before ${was}, after ${is}${hint}`,
        });
        break;
      }
    }
  }
  return problems;
}

function routeKey(route: Pick<HostRoutes, "url" | "entryPoint">): string {
  return `${route.entryPoint}\u0000${route.url}`;
}

function sameOutcome(a: RouteOutcome, aSource: SourceFile, b: RouteOutcome, bSource: SourceFile): boolean {
  // Nothing is known of an answer the machine was too busy to finish, even of two such.
  if (a.failure?.kind === "busy" || b.failure?.kind === "busy") return false;
  if (a.result !== b.result || a.failure?.kind !== b.failure?.kind) return false;
  if (a.failure && a.failure.kind !== "timeout" && a.failure.message !== b.failure?.message) return false;
  return returnedText(a, aSource) === returnedText(b, bSource);
}

function returnedText(outcome: RouteOutcome, source: SourceFile): string | undefined {
  return outcome.returnRange ? source.text.slice(outcome.returnRange[0], outcome.returnRange[1]) : undefined;
}

/** `"PROXY p:8080" (line 12)` or `ReferenceError: x is not defined`. */
export function describeOutcome(outcome: RouteOutcome, source: SourceFile): string {
  const where = outcome.returnRange ? ` (line ${positionAt(source, outcome.returnRange[0]).line})` : "";
  if (outcome.failure) return `${outcome.failure.message}${where}`;
  return `${outcome.result === null ? "no string" : JSON.stringify(outcome.result)}${where}`;
}
