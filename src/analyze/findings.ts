/** Questions lint and fix ask of a route analysis. */
import { isServiceHost } from "../do/catalogue.js";
import type { EntryPointName, ProfileName, ProxyEntry } from "../evaluate/types.js";
import type { Range } from "../types.js";
import type { EnvironmentClass, HostRoutes, RouteAnalysis, RouteOutcome } from "./types.js";

/**
 * The entry a client acts on first: the first one the profile does not drop. When every entry is
 * dropped (or the result is empty), Chromium goes DIRECT (research §3.2); for the other profiles
 * there is no documented fallback, so undefined.
 */
export function effectiveFirstEntry(outcome: RouteOutcome, profile: ProfileName): ProxyEntry | "DIRECT" | undefined {
  const first = outcome.entries.find((entry) => entry.invalid === undefined);
  if (first) return first;
  if (outcome.failure === undefined && outcome.result !== null && profile === "chromium") return "DIRECT";
  return undefined;
}

export interface ServiceViolation {
  readonly host: string;
  readonly routes: HostRoutes;
  readonly entryPoint: EntryPointName;
  readonly outcome: RouteOutcome;
  /** Why it breaks DO: a proxy first, the PAC failed, or no usable entry. */
  readonly reason: "proxied" | "failed" | "no-entry";
  readonly witness: EnvironmentClass;
  readonly returnRange?: Range;
}

/**
 * Every outcome in which a DO service host does not go DIRECT first: one per (host, entry point,
 * distinct answer), each with the first environment class that produces it and the returning line.
 */
export function serviceViolations(analysis: RouteAnalysis): ServiceViolation[] {
  const out: ServiceViolation[] = [];
  for (const routes of analysis.routes) {
    if (routes.endpoint?.role !== "service" && !isServiceHost(routes.host)) continue;
    for (const outcome of routes.outcomes) {
      const reason = violation(outcome, analysis.profile);
      if (reason === undefined) continue;
      out.push({
        host: routes.host,
        routes,
        entryPoint: routes.entryPoint,
        outcome,
        reason,
        witness: outcome.witness,
        ...(outcome.returnRange ? { returnRange: outcome.returnRange } : {}),
      });
    }
  }
  return out;
}

function violation(outcome: RouteOutcome, profile: ProfileName): ServiceViolation["reason"] | undefined {
  if (outcome.failure) return "failed";
  const first = effectiveFirstEntry(outcome, profile);
  if (first === undefined) return "no-entry";
  return first === "DIRECT" || first.type === "DIRECT" ? undefined : "proxied";
}

export interface RouteChange {
  readonly host: string;
  readonly url: string;
  readonly entryPoint: EntryPointName;
  /** The environment class in which the answers differ; absent when a whole row is missing. */
  readonly environment?: EnvironmentClass;
  readonly before: string;
  readonly after: string;
}

/**
 * Where `after` routes a non-DO-service host differently from `before`: per host, entry point and
 * environment class (matched by id, so analyse `after` with `environments: before.environments`).
 * Answers are compared by result string and failure, not by returning line, since a rewrite moves
 * lines. DO service hosts are left out: the fixer changes them on purpose (check them with
 * `serviceViolations(after)`).
 */
export function compareRoutes(before: RouteAnalysis, after: RouteAnalysis): RouteChange[] {
  const changes: RouteChange[] = [];
  const afterRows = new Map(after.routes.map((r) => [`${r.url}\n${r.entryPoint}`, r]));
  const environments = new Map(before.environments.map((e) => [e.id, e]));
  for (const row of before.routes) {
    if (row.endpoint?.role === "service" || isServiceHost(row.host)) continue;
    const other = afterRows.get(`${row.url}\n${row.entryPoint}`);
    if (!other) {
      changes.push({ host: row.host, url: row.url, entryPoint: row.entryPoint, before: "evaluated", after: "not evaluated" });
      continue;
    }
    const answers = answersById(other);
    for (const outcome of row.outcomes) {
      const was = describeAnswer(outcome);
      for (const id of outcome.environmentIds) {
        const now = answers.get(id) ?? "not evaluated";
        if (now !== was) {
          const environment = environments.get(id);
          changes.push({ host: row.host, url: row.url, entryPoint: row.entryPoint, ...(environment ? { environment } : {}), before: was, after: now });
        }
      }
    }
  }
  return changes;
}

function answersById(row: HostRoutes): Map<string, string> {
  const out = new Map<string, string>();
  for (const outcome of row.outcomes) {
    const answer = describeAnswer(outcome);
    for (const id of outcome.environmentIds) out.set(id, answer);
  }
  return out;
}

/** `"PROXY p:8080; DIRECT"`, or the failure: `exception: ReferenceError: x is not defined`. */
export function describeAnswer(outcome: Pick<RouteOutcome, "result" | "failure" | "implicitBypass">): string {
  if (outcome.failure) return `${outcome.failure.kind}: ${outcome.failure.message}`;
  if (outcome.implicitBypass) return "DIRECT without calling the PAC";
  return outcome.result === null ? "no result" : JSON.stringify(outcome.result);
}
