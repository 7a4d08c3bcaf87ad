/**
 * The semantic diff: both PACs analysed over one set of environment classes (the union of what each
 * can tell apart) and one set of hosts, then compared cell by cell, (host, caller, class).
 */
import { collect, type Collected } from "../analyze/collect.js";
import { buildUnionEnvironments, environmentFor } from "../analyze/environments.js";
import { effectiveFirstEntry } from "../analyze/findings.js";
import { verdictGaps } from "../analyze/gaps.js";
import { analyze, DEFAULT_BUDGET } from "../analyze/index.js";
import type { HostQuery } from "../analyze/hosts.js";
import { prefixClasses, publicAddressValues, SRCIP, type PublicAddressValue } from "../analyze/public-address.js";
import type { EnvironmentClass, HostRoutes, RouteAnalysis, RouteOutcome } from "../analyze/types.js";
import type { EntryPointName, EvaluationFailure, ProfileName } from "../evaluate/types.js";
import { positionAt, type SourceFile } from "../source/source-file.js";
import type { Program } from "../syntax/ast.js";
import { classDescriber } from "./describe.js";
import { changedLines, changedNames, planQueries } from "./hosts.js";
import type { DiffAnswer, DiffOptions, PacDiff, RouteDifference } from "./types.js";

/** Compares how `old` and `now` route; never throws for a bad PAC (see `unparsable`). */
export async function diffPacs(old: SourceFile, now: SourceFile, options: DiffOptions = {}): Promise<PacDiff> {
  return diffSides(old, now, options, localSide(now, "NEW", options));
}

/** One PAC's part of a diff once it is parsed: what planning the hosts and classes needs of it. */
export interface SideSummary {
  readonly collected: Collected;
  /** Host names on or next to its changed lines (hosts.ts `changedNames`). */
  readonly changedNames: readonly string[];
  /** The public addresses it tests through `${SRCIP}`, labelled with the PAC's name ("from line 5 of NEW"). */
  readonly publicAddresses: readonly PublicAddressValue[];
}

export type PreparedSide = { readonly ok: true; readonly summary: SideSummary } | { readonly ok: false; readonly failure: EvaluationFailure };

/**
 * One PAC's work in a diff, in two steps: parse and collect it (`prepare`, given its changed lines),
 * then analyse it over the classes and hosts planned from both (`analyze`). Each PAC's steps depend
 * on the other's only through the plan, so NEW's may run on another thread (parallel.ts).
 */
export interface DiffSideRunner {
  prepare(changed: ReadonlySet<number>): Promise<PreparedSide>;
  analyze(classes: readonly EnvironmentClass[], queries: readonly HostQuery[]): Promise<RouteAnalysis>;
}

/** A side run on this thread. */
export function localSide(source: SourceFile, name: "OLD" | "NEW", options: DiffOptions): DiffSideRunner {
  let parsed: { program: Program; collected: Collected } | undefined;
  return {
    async prepare(changed) {
      const { parse } = await import("../syntax/parse.js");
      const result = parse(source);
      if (!result.ok) {
        const error = result.errors[0];
        return { ok: false, failure: error ? { kind: "syntax", message: error.message, range: error.range } : { kind: "syntax", message: "syntax error" } };
      }
      parsed = { program: result.program, collected: collect(result.program) };
      return { ok: true, summary: summarize({ source, ...parsed }, name, changed) };
    },
    analyze(classes, queries) {
      if (!parsed) throw new Error("diff: a side is analysed before it is prepared");
      return analyzeSide(source, parsed, classes, queries, options);
    },
  };
}

/** What `prepare` tells the plan about a parsed PAC. */
export function summarize(side: { source: SourceFile; program: Program; collected: Collected }, name: "OLD" | "NEW", changed: ReadonlySet<number>): SideSummary {
  // `${SRCIP}` (hosted PACs): the addresses the PAC tests, each labelled with the PAC's name.
  const publicAddresses = side.source.text.includes(SRCIP)
    ? publicAddressValues(side.program, side.source).map((value) => ({ ip: value.ip, label: value.label.replace(/from line (\d+)\)$/, `from line $1 of ${name})`) }))
    : [];
  return { collected: side.collected, changedNames: changedNames(side, changed), publicAddresses };
}

/** One PAC's analysis over the diff's classes and hosts. */
export function analyzeSide(
  source: SourceFile,
  parsed: { program: Program; collected: Collected },
  classes: readonly EnvironmentClass[],
  queries: readonly HostQuery[],
  options: DiffOptions,
): Promise<RouteAnalysis> {
  return analyze(source, {
    profile: options.profile ?? "winhttp",
    program: parsed.program,
    collected: parsed.collected,
    environments: classes,
    queries,
    coverage: false,
    // Each PAC keeps to a budget of its own, as `routes` does: a PAC that loops over a huge table stops, it does not hang the diff.
    budget: options.budget ?? DEFAULT_BUDGET,
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  }).then((analysis) => {
    // "No route differs" covers the classes compared; say where they cannot stand for every environment.
    const gaps = verdictGaps(analysis, parsed.program, source.text);
    if (gaps.length === 0) return analysis;
    const notes = gaps.map(({ what, range }) => `${what} (line ${positionAt(source, range[0]).line}): DO service hosts are compared only in the environments tried`);
    return { ...analysis, notes: [...(analysis.notes ?? []), ...notes] };
  });
}

/** `diffPacs` with NEW's steps run by `newSide` (this thread's or a worker's). */
export async function diffSides(old: SourceFile, now: SourceFile, options: DiffOptions, newSide: DiffSideRunner): Promise<PacDiff> {
  const profile = options.profile ?? "winhttp";
  // Start compiling the sandbox's wasm while the PACs parse. Only the compiled module: each evaluator
  // instantiates its own (quickJSInstance), so a shared instance would be made for nothing.
  await import("../evaluate/quickjs.js").then(({ compiledQuickJS }) => void compiledQuickJS().catch(() => undefined));
  const [oldLines, newLines] = changedLines(old, now);
  const oldSide = localSide(old, "OLD", options);
  const newPrepared = newSide.prepare(newLines);
  // Settled here too: OLD's syntax error is reported first, and NEW's promise must not be left unhandled meanwhile.
  newPrepared.catch(() => undefined);
  const oldPrepared = await oldSide.prepare(oldLines);
  if (!oldPrepared.ok) return { ...empty(profile), unparsable: { side: "old", failure: oldPrepared.failure } };
  const nowPrepared = await newPrepared;
  if (!nowPrepared.ok) return { ...empty(profile), unparsable: { side: "new", failure: nowPrepared.failure } };
  const summaries = [oldPrepared.summary, nowPrepared.summary] as const;
  const space = buildUnionEnvironments(
    [
      { collected: summaries[0].collected, source: old, name: "OLD" },
      { collected: summaries[1].collected, source: now, name: "NEW" },
    ],
    {
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
      ...(options.maxClasses === undefined ? {} : { maxClasses: options.maxClasses }),
    },
  );
  const classes = withPublicAddresses(space.classes, summaries);
  const { queries, omitted } = planQueries(
    { changedNames: summaries[0].changedNames, hostLiterals: summaries[0].collected.hostLiterals },
    { changedNames: summaries[1].changedNames, hostLiterals: summaries[1].collected.hostLiterals },
    options.hosts ?? [],
  );
  const [before, after] = await Promise.all([oldSide.analyze(classes, queries), newSide.analyze(classes, queries)]);
  // A budget that ran out leaves a PAC's later classes unevaluated: only classes both PACs covered are compared.
  const covered = (analysis: RouteAnalysis): Set<string> => new Set((analysis.loadFailure ? classes : analysis.environments).map((c) => c.id));
  const [beforeIds, afterIds] = [covered(before), covered(after)];
  const compared = compare(before, after, old, now, queries, classes.filter((c) => beforeIds.has(c.id) && afterIds.has(c.id)));
  return {
    profile,
    entryPoints: compared.entryPoints,
    changes: compared.changes,
    unchanged: compared.unchanged,
    ...(compared.undecided > 0 ? { undecided: compared.undecided } : {}),
    environments: classes.filter((c) => beforeIds.has(c.id) && afterIds.has(c.id)),
    environmentsTotal: space.total * Math.max(1, new Set(classes.map((c) => c.publicAddress)).size),
    hosts: queries.length,
    hostsOmitted: omitted,
    evaluations: (before.evaluations ?? 0) + (after.evaluations ?? 0),
    notes: [
      ...notesOf("OLD", before),
      ...notesOf("NEW", after),
      ...(compared.undecided > 0 ? [`${compared.undecided} (host, entry point, class) cells were not compared: the machine was too busy to finish their evaluation; run again`] : []),
    ],
  };
}

/**
 * Zscaler-hosted PACs read the client's public address through `${SRCIP}`, which the analysis
 * handles as one rendering per address (src/analyze/public-address.ts): the union's classes are
 * crossed with the public addresses either PAC tests, so both are rendered for the same addresses.
 */
function withPublicAddresses(classes: readonly EnvironmentClass[], summaries: readonly SideSummary[]): readonly EnvironmentClass[] {
  const values = new Map<string, PublicAddressValue>();
  for (const summary of summaries) for (const value of summary.publicAddresses) if (!values.has(value.ip)) values.set(value.ip, value);
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

/** Each class's outcome for one host and caller, with its `routeKey`, by class id. */
function cells(
  analysis: RouteAnalysis,
  rows: ReadonlyMap<string, HostRoutes>,
  query: HostQuery,
  caller: EntryPointName,
  classes: readonly EnvironmentClass[],
): Map<string, Cell> {
  const out = new Map<string, Cell>();
  const entryPoint = answeringEntryPoint(analysis, caller);
  const row = typeof entryPoint === "string" ? rows.get(`${query.url}\n${entryPoint}`) : undefined;
  if (row) {
    for (const outcome of row.outcomes) {
      // One key per outcome, not per cell: an outcome covers many classes.
      const cell = { outcome, key: routeKey(outcome) };
      for (const id of outcome.environmentIds) out.set(id, cell);
    }
    return out;
  }
  const failure: EvaluationFailure = typeof entryPoint === "string" ? { kind: "no-entry-point", message: "not evaluated" } : entryPoint;
  const first = classes[0];
  if (!first) return out;
  const failed: RouteOutcome = { result: null, entries: [], failure, environmentIds: classes.map((c) => c.id), witness: first };
  const cell = { outcome: failed, key: routeKey(failed) };
  for (const c of classes) out.set(c.id, cell);
  return out;
}

interface Cell {
  readonly outcome: RouteOutcome;
  readonly key: string;
}

/** An analysis' rows by URL and entry point (the first of each, as a search in order finds it). */
function rowsOf(analysis: RouteAnalysis): Map<string, HostRoutes> {
  const rows = new Map<string, HostRoutes>();
  for (const row of analysis.routes) {
    const key = `${row.url}\n${row.entryPoint}`;
    if (!rows.has(key)) rows.set(key, row);
  }
  return rows;
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
): { entryPoints: EntryPointName[]; changes: RouteDifference[]; unchanged: number; undecided: number } {
  const entryPoints = callers(before.profile, before, after);
  const [beforeRows, afterRows] = [rowsOf(before), rowsOf(after)];
  const describe = classDescriber(classes);
  const changes: RouteDifference[] = [];
  let unchanged = 0;
  let undecided = 0;
  for (const query of queries) {
    for (const entryPoint of entryPoints) {
      const was = cells(before, beforeRows, query, entryPoint, classes);
      const now = cells(after, afterRows, query, entryPoint, classes);
      const groups = new Map<string, { witness: EnvironmentClass; ids: string[]; from?: RouteOutcome; to?: RouteOutcome }>();
      for (const c of classes) {
        const fromCell = was.get(c.id);
        const toCell = now.get(c.id);
        const from = fromCell?.outcome;
        const to = toCell?.outcome;
        const fromKey = fromCell ? fromCell.key : "failure";
        const toKey = toCell ? toCell.key : "failure";
        // The machine, not the PAC, ran out of time: nothing is known of that answer.
        if (from?.failure?.kind === "busy" || to?.failure?.kind === "busy") {
          undecided++;
          continue;
        }
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
          covers: describe(ids),
          ...(service && wasDirect && !isDirect ? { doEffect: "violation" as const } : {}),
          ...(service && !wasDirect && isDirect ? { doEffect: "fixed" as const } : {}),
        });
      }
    }
  }
  return { entryPoints, changes, unchanged, undecided };
}
