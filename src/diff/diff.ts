/**
 * The semantic diff: both PACs analysed over one set of environment classes (the union of what each
 * can tell apart) and one set of hosts, then compared cell by cell, (host, caller, class).
 */
import { collect } from "../analyze/collect.js";
import { buildUnionEnvironments, environmentFor } from "../analyze/environments.js";
import { effectiveFirstEntry } from "../analyze/findings.js";
import { analyze, DEFAULT_BUDGET } from "../analyze/index.js";
import type { HostQuery } from "../analyze/hosts.js";
import { prefixClasses, publicAddressValues, SRCIP, type PublicAddressValue } from "../analyze/public-address.js";
import type { EnvironmentClass, RouteAnalysis, RouteOutcome } from "../analyze/types.js";
import type { EntryPointName, EvaluationFailure, ProfileName } from "../evaluate/types.js";
import { positionAt, type SourceFile } from "../source/source-file.js";
import type { Program } from "../syntax/ast.js";
import { describeClasses } from "./describe.js";
import { planDiffHosts } from "./hosts.js";
import type { DiffAnswer, DiffOptions, PacDiff, RouteDifference } from "./types.js";

/** Compares how `old` and `now` route; never throws for a bad PAC (see `unparsable`). */
export async function diffPacs(old: SourceFile, now: SourceFile, options: DiffOptions = {}): Promise<PacDiff> {
  const profile = options.profile ?? "winhttp";
  await import("../evaluate/quickjs.js").then(({ quickJSModule }) => void quickJSModule().catch(() => undefined));
  const { parse } = await import("../syntax/parse.js");
  const programs: Program[] = [];
  for (const [side, source] of [["old", old], ["new", now]] as const) {
    const parsed = parse(source);
    if (!parsed.ok) {
      const error = parsed.errors[0];
      const failure: EvaluationFailure = error ? { kind: "syntax", message: error.message, range: error.range } : { kind: "syntax", message: "syntax error" };
      return { ...empty(profile), unparsable: { side, failure } };
    }
    programs.push(parsed.program);
  }
  const [oldProgram, newProgram] = programs as [Program, Program];
  const sides = [
    { source: old, program: oldProgram, collected: collect(oldProgram) },
    { source: now, program: newProgram, collected: collect(newProgram) },
  ] as const;
  const space = buildUnionEnvironments(
    [
      { collected: sides[0].collected, source: old, name: "OLD" },
      { collected: sides[1].collected, source: now, name: "NEW" },
    ],
    {
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
      ...(options.maxClasses === undefined ? {} : { maxClasses: options.maxClasses }),
    },
  );
  const classes = withPublicAddresses(space.classes, sides);
  const { queries, omitted } = planDiffHosts(sides[0], sides[1], options.hosts ?? []);
  const analyses: RouteAnalysis[] = [];
  for (const side of sides) {
    analyses.push(
      await analyze(side.source, {
        profile,
        program: side.program,
        collected: side.collected,
        environments: classes,
        queries,
        coverage: false,
        // Each PAC keeps to a budget of its own, as `routes` does: a PAC that loops over a huge table stops, it does not hang the diff.
        budget: options.budget ?? DEFAULT_BUDGET,
        ...(options.limits === undefined ? {} : { limits: options.limits }),
      }),
    );
  }
  const [before, after] = analyses as [RouteAnalysis, RouteAnalysis];
  // A budget that ran out leaves a PAC's later classes unevaluated: only classes both PACs covered are compared.
  const covered = (analysis: RouteAnalysis): Set<string> => new Set((analysis.loadFailure ? classes : analysis.environments).map((c) => c.id));
  const [beforeIds, afterIds] = [covered(before), covered(after)];
  const compared = compare(before, after, old, now, queries, classes.filter((c) => beforeIds.has(c.id) && afterIds.has(c.id)));
  return {
    profile,
    entryPoints: compared.entryPoints,
    changes: compared.changes,
    unchanged: compared.unchanged,
    environments: classes.filter((c) => beforeIds.has(c.id) && afterIds.has(c.id)),
    environmentsTotal: space.total * Math.max(1, new Set(classes.map((c) => c.publicAddress)).size),
    hosts: queries.length,
    hostsOmitted: omitted,
    evaluations: (before.evaluations ?? 0) + (after.evaluations ?? 0),
    notes: [...notesOf("OLD", before), ...notesOf("NEW", after)],
  };
}

/**
 * Zscaler-hosted PACs read the client's public address through `${SRCIP}`, which the analysis
 * handles as one rendering per address (src/analyze/public-address.ts): the union's classes are
 * crossed with the public addresses either PAC tests, so both are rendered for the same addresses.
 */
function withPublicAddresses(classes: readonly EnvironmentClass[], sides: readonly { source: SourceFile; program: Program }[]): readonly EnvironmentClass[] {
  const values = new Map<string, PublicAddressValue>();
  for (const [i, { source, program }] of sides.entries()) {
    if (!source.text.includes(SRCIP)) continue;
    const name = i === 0 ? "OLD" : "NEW";
    for (const value of publicAddressValues(program, source)) {
      if (!values.has(value.ip)) values.set(value.ip, { ip: value.ip, label: value.label.replace(/from line (\d+)\)$/, `from line $1 of ${name})`) });
    }
  }
  if (values.size === 0) return classes;
  return [...values.values()].flatMap((value, index) =>
    prefixClasses(classes, value, index).map((c) => ({ ...c, values: [{ key: `s${index}`, label: value.label }, ...(c.values ?? [])] })),
  );
}

function empty(profile: ProfileName): PacDiff {
  return { profile, entryPoints: [], changes: [], unchanged: 0, environments: [], environmentsTotal: 0, hosts: 0, hostsOmitted: 0, evaluations: 0, notes: [] };
}

function notesOf(name: string, analysis: RouteAnalysis): string[] {
  const load = analysis.loadFailure ? [`the PAC fails when it loads (${analysis.loadFailure.kind}: ${analysis.loadFailure.message}), so every call fails`] : [];
  return [...load, ...(analysis.notes ?? [])].map((note) => `${name}: ${note}`);
}

/**
 * The callers to compare. Under WinHTTP, `FindProxyForURLEx` is compared when either PAC defines it:
 * Windows calls it when defined and FindProxyForURL otherwise (research §2.1). Chromium and
 * pac-resolver never call it.
 */
function callers(profile: ProfileName, before: RouteAnalysis, after: RouteAnalysis): EntryPointName[] {
  const defined = new Set([...before.entryPoints, ...after.entryPoints]);
  const ex = profile === "winhttp" && defined.has("FindProxyForURLEx");
  if (!defined.has("FindProxyForURL") && ex) return ["FindProxyForURLEx"];
  return ex ? ["FindProxyForURL", "FindProxyForURLEx"] : ["FindProxyForURL"];
}

/** The entry point a PAC answers a caller with, or a failure when it has none. */
function answeringEntryPoint(analysis: RouteAnalysis, caller: EntryPointName): EntryPointName | EvaluationFailure {
  if (analysis.loadFailure) return analysis.loadFailure;
  if (analysis.entryPoints.includes(caller)) return caller;
  if (caller === "FindProxyForURLEx" && analysis.entryPoints.includes("FindProxyForURL")) return "FindProxyForURL";
  return { kind: "no-entry-point", message: `the PAC does not define ${caller}` };
}

/** Each class's outcome for one host and caller, by class id. */
function cells(analysis: RouteAnalysis, query: HostQuery, caller: EntryPointName, classes: readonly EnvironmentClass[]): Map<string, RouteOutcome> {
  const out = new Map<string, RouteOutcome>();
  const entryPoint = answeringEntryPoint(analysis, caller);
  const row = typeof entryPoint === "string" ? analysis.routes.find((r) => r.url === query.url && r.entryPoint === entryPoint) : undefined;
  if (row) {
    for (const outcome of row.outcomes) for (const id of outcome.environmentIds) out.set(id, outcome);
    return out;
  }
  const failure: EvaluationFailure = typeof entryPoint === "string" ? { kind: "no-entry-point", message: "not evaluated" } : entryPoint;
  const first = classes[0];
  if (!first) return out;
  const failed: RouteOutcome = { result: null, entries: [], failure, environmentIds: classes.map((c) => c.id), witness: first };
  for (const c of classes) out.set(c.id, failed);
  return out;
}

/**
 * What the client does with an answer: the proxies it would try, in order, with names in lower case
 * and default ports written out, so a refactor that respells a result string is no change. Any
 * failure counts as one answer (the client gets no list), whatever its message.
 */
export function routeKey(outcome: Pick<RouteOutcome, "result" | "entries" | "failure" | "implicitBypass">): string {
  if (outcome.implicitBypass) return "implicit DIRECT";
  if (outcome.failure || outcome.result === null) return "failure";
  return outcome.entries
    .map((e) => (e.invalid !== undefined || e.type === null ? `!${e.text.trim()}` : `${e.type} ${(e.host ?? "").toLowerCase()}:${e.port ?? ""}`))
    .join(";");
}

function answer(outcome: RouteOutcome | undefined, source: SourceFile): DiffAnswer {
  if (!outcome) return { result: null, entries: [], failure: { kind: "no-entry-point", message: "not evaluated" }, line: null };
  const range = outcome.returnRange ?? outcome.failure?.range;
  return {
    result: outcome.failure ? null : outcome.result,
    entries: outcome.entries,
    ...(outcome.failure ? { failure: outcome.failure } : {}),
    ...(outcome.implicitBypass ? { implicitBypass: outcome.implicitBypass } : {}),
    ...(range ? { range } : {}),
    line: range ? positionAt(source, range[0]).line : null,
  };
}

function goesDirect(outcome: RouteOutcome | undefined, profile: ProfileName): boolean {
  if (!outcome || outcome.failure) return false;
  if (outcome.implicitBypass) return true;
  const first = effectiveFirstEntry(outcome, profile);
  return first === "DIRECT" || first?.type === "DIRECT";
}

function compare(
  before: RouteAnalysis,
  after: RouteAnalysis,
  oldSource: SourceFile,
  newSource: SourceFile,
  queries: readonly HostQuery[],
  classes: readonly EnvironmentClass[],
): { entryPoints: EntryPointName[]; changes: RouteDifference[]; unchanged: number } {
  const entryPoints = callers(before.profile, before, after);
  const changes: RouteDifference[] = [];
  let unchanged = 0;
  for (const query of queries) {
    for (const entryPoint of entryPoints) {
      const was = cells(before, query, entryPoint, classes);
      const now = cells(after, query, entryPoint, classes);
      const groups = new Map<string, { witness: EnvironmentClass; ids: string[]; from?: RouteOutcome; to?: RouteOutcome }>();
      for (const c of classes) {
        const from = was.get(c.id);
        const to = now.get(c.id);
        const fromKey = from ? routeKey(from) : "failure";
        const toKey = to ? routeKey(to) : "failure";
        if (fromKey === toKey) {
          unchanged++;
          continue;
        }
        const key = `${fromKey}\n${toKey}`;
        const group = groups.get(key);
        if (group) group.ids.push(c.id);
        else groups.set(key, { witness: c, ids: [c.id], ...(from ? { from } : {}), ...(to ? { to } : {}) });
      }
      for (const { witness, ids, from, to } of groups.values()) {
        const service = query.endpoint?.role === "service";
        const wasDirect = goesDirect(from, before.profile);
        const isDirect = goesDirect(to, after.profile);
        changes.push({
          host: query.host,
          url: query.url,
          ...(query.endpoint ? { endpoint: query.endpoint } : {}),
          entryPoint,
          before: answer(from, oldSource),
          after: answer(to, newSource),
          witness,
          environment: environmentFor(witness, query.host),
          environmentIds: ids,
          covers: describeClasses(ids, classes),
          ...(service && wasDirect && !isDirect ? { doEffect: "violation" as const } : {}),
          ...(service && !wasDirect && isDirect ? { doEffect: "fixed" as const } : {}),
        });
      }
    }
  }
  return { entryPoints, changes, unchanged };
}
