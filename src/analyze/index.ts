/**
 * Route analysis: how a PAC routes every DO endpoint (and a sample of other hosts) under each entry
 * point it defines, across the environment classes it can tell apart.
 */
import { createEvaluator } from "../evaluate/index.js";
import { deadlineClock } from "../evaluate/cpu-time.js";
import { ranOutOfResources, type EntryPointName, type Environment, type Evaluation, type EvaluationFailure, type FailureKind, type Limits, type PacEvaluator, type ProfileName } from "../evaluate/types.js";
import { positionAt, type SourceFile } from "../source/source-file.js";
import type { Range } from "../types.js";
import type { Program } from "../syntax/ast.js";
import { answersAlike, answersRead, type AnswersRead } from "./answers.js";
import { clockKeys, readingKey } from "./clock.js";
import { collect, type AddressTest, type Collected } from "./collect.js";
import { parseAddress } from "./address.js";
import { buildEnvironments, environmentFor, matches, type EnvironmentSpace } from "./environments.js";
import { planHosts, type HostQuery } from "./hosts.js";
import { analyzeByPublicAddress, SRCIP } from "./public-address.js";
import type { EnvironmentClass, EnvironmentDimension, HostRoutes, RouteAnalysis, RouteOutcome } from "./types.js";

export type { AddressTest, Collected, TimeTest } from "./collect.js";
export { collect } from "./collect.js";
export { buildEnvironments, buildUnionEnvironments, environmentFor, DEFAULT_MAX_CLASSES, type EnvironmentInput } from "./environments.js";
export { GENERIC_HOSTS, hostVariants, planHosts, queryFor, type HostQuery } from "./hosts.js";
export { compareRoutes, effectiveFirstEntry, serviceViolations, type RouteChange, type ServiceViolation } from "./findings.js";
export type * from "./types.js";

export interface AnalyzeOptions {
  readonly profile?: ProfileName;
  /** Set on a PAC whose `${SRCIP}` is to stay as written (it did not parse, so it cannot be split by public address). */
  readonly publicAddressRendered?: boolean;
  /** Extra hosts (or URLs) to analyse besides the catalogue and the generic sample. */
  readonly hosts?: readonly string[];
  readonly limits?: Partial<Limits>;
  /** The parsed program, when the caller already has it. */
  readonly program?: Program;
  /** What `collect(program)` found, when the caller already has it (with `program`). */
  readonly collected?: Collected;
  /**
   * Evaluate under these classes instead of the ones collected from this PAC: the fixer passes the
   * original's classes when analysing the rewritten PAC, so both are compared class by class.
   */
  readonly environments?: readonly EnvironmentClass[];
  /**
   * Ask about exactly these hosts instead of planning them (`hosts` and `otherHosts` are then
   * ignored): `pac-do diff` asks both PACs about the same ones.
   */
  readonly queries?: readonly HostQuery[];
  /** Cap on the number of environment classes (default 400). */
  readonly maxClasses?: number;
  /** IANA zone for the PAC's local time (default UTC). */
  readonly timeZone?: string;
  /**
   * Also analyse hosts outside the catalogue: the generic sample and the PAC's own host names
   * (default true). The fixer needs them to prove other routes unchanged; lint rules about DO
   * endpoints do not, and skipping them roughly halves the work.
   */
  readonly otherHosts?: boolean;
  /**
   * Record branch coverage (default true). Without it the PAC gets no branch probes, so each
   * evaluation runs faster (a probe is a guest call per branch outcome: on a PAC of 15,000 rules
   * about half an evaluation), and `coverage` lists nothing (total 0). Lint rules do not read it.
   */
  readonly coverage?: boolean;
  /**
   * How much evaluation the analysis may spend (see `AnalysisBudget`, default `DEFAULT_BUDGET`). With
   * `environments` and no budget, none: those classes come from an analysis that kept to its own.
   */
  readonly budget?: AnalysisBudget;
  /**
   * Give a class the outcome of an earlier evaluation whose environment reads it answers alike (see
   * answers.ts), without running the PAC again (default true). Never for a PAC that keeps state between
   * calls. Off, only the coarser reuse by dimensions read remains: the tests compare the two.
   */
  readonly shareEvaluations?: boolean;
}

/**
 * What one analysis may spend. Classes come in a fixed order (representative values first, each
 * dimension's values taking turns), and every (host, entry point) row advances through them
 * together; once the evaluations or the time run out, the classes every row has reached are the
 * ones analysed, the rest are left out, and `sampled` says so. Every row always gets the first class.
 * The evaluation count is deterministic; the time is the thread's CPU time (evaluate/cpu-time.ts), so
 * a loaded machine covers as many classes as a quiet one, and only a slower one fewer.
 */
export interface AnalysisBudget {
  /** Evaluations in the sandbox (cells answered by reuse are free). */
  readonly evaluations?: number;
  /** Milliseconds of the thread's CPU time (the wall clock where that is unknown), from the first load of the PAC. */
  readonly ms?: number;
}

/**
 * `analyze()`'s, so `routes` and `fix`: enough for every fixture and benchmark PAC to be analysed in
 * full (the 1 MB enterprise PAC takes 862 evaluations, about 4 s); a loop over a 1,000-network table
 * is not (about 40 x 2,000 cells of 3-4 ms each).
 */
export const DEFAULT_BUDGET: Required<AnalysisBudget> = { evaluations: 20_000, ms: 20_000 };

/** `lint`'s, which runs in editors and commit hooks: it answers within about 10 s on any PAC. */
export const LINT_BUDGET: Required<AnalysisBudget> = { evaluations: 10_000, ms: 5_000 };

/** Analyses how `source` routes the catalogue's hosts; never throws for a bad PAC (see `loadFailure`). */
export async function analyze(source: SourceFile, options: AnalyzeOptions = {}): Promise<RouteAnalysis> {
  // Zscaler fills in the client's public address before serving the PAC: one rendering per address class.
  if (!options.publicAddressRendered && source.text.includes(SRCIP)) return analyzeByPublicAddress(source, options, analyze);
  const profile = options.profile ?? "winhttp";
  // Start compiling the sandbox's wasm first: it compiles off the main thread while the file parses
  // (the compile only, as in lint: every sandbox instantiates its own).
  if (options.program === undefined) {
    await import("../evaluate/quickjs.js").then(({ compiledQuickJS }) => void compiledQuickJS().catch(() => undefined));
  }
  const program = options.program ?? (await parseProgram(source));
  if (!("type" in program)) return failed(profile, program);
  const collected = options.program !== undefined && options.collected !== undefined ? options.collected : collect(program);
  const space = options.environments
    ? { classes: options.environments, total: options.environments.length }
    : loadedPerClass(
        collected,
        buildEnvironments(collected, source, {
          ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
          ...(options.maxClasses === undefined ? {} : { maxClasses: options.maxClasses }),
        }),
      );
  const { queries, omitted } = options.queries
    ? { queries: options.queries, omitted: 0 }
    : planHosts(options.hosts ?? [], collected.hostLiterals, options.otherHosts ?? true, collected.serviceNamePatterns);

  const coverage = options.coverage ?? true;
  const budget = options.environments && !options.budget ? undefined : { ...DEFAULT_BUDGET, ...options.budget };
  const groups = loadGroups(collected, space.classes);
  const started = deadlineClock();
  const merged = new MergedRoutes(space.classes);
  const kept = new Set<string>();
  const taken = new Set<number>();
  let evaluations = 0;
  let skipped = 0;
  const exhausted = new Set<FailureKind>();
  let stoppedBy: "evaluations" | "time" | undefined;
  let branchPoints: PacEvaluator["branchPoints"] = [];
  const entryPoints = new Set<EntryPointName>();
  for (const group of groups) {
    const left = budget && { evaluations: budget.evaluations - evaluations, ms: budget.ms - (deadlineClock() - started) };
    if (left && (left.evaluations <= 0 || left.ms <= 0)) {
      stoppedBy ??= left.evaluations <= 0 ? "evaluations" : "time";
      continue;
    }
    const created = await createEvaluator(source, {
      profile,
      program,
      // The analysis reads helper names (`reads`, or a trace's names), never where a helper was called.
      probes: { callSites: false, branches: coverage },
      ...(options.limits === undefined ? {} : { limits: options.limits }),
      ...(group.load ? { loadEnvironment: group.load } : {}),
    });
    if (!created.ok) {
      // The PAC does not load at all, or (with top-level environment reads) not for these clients.
      if (groups.length === 1) return { ...failed(profile, created.failure), environments: space.classes, environmentsTotal: space.total };
      merged.addLoadFailure(queries, group.classes, created.failure);
      for (const c of group.classes) kept.add(c.id);
      continue;
    }
    using evaluator = created.evaluator;
    branchPoints = evaluator.branchPoints;
    for (const name of evaluator.entryPoints) entryPoints.add(name);
    const parts = await reuseParts(collected, group.classes, profile, options.limits);
    const table = await routeTable(evaluator, queries, group.classes, {
      readsDate: collected.usesDate,
      coverage,
      sequential: collected.statefulSites.length > 0,
      share: options.shareEvaluations ?? true,
      ...(parts ? { parts } : {}),
      ...(left ? { budget: left } : {}),
    });
    merged.add(table.routes);
    for (const c of group.classes.slice(0, table.classes)) kept.add(c.id);
    for (const id of table.taken) taken.add(id);
    evaluations += table.evaluations;
    skipped += table.skipped;
    for (const kind of table.exhausted) exhausted.add(kind);
    stoppedBy ??= table.stoppedBy;
  }

  const notes = notesFor(collected, source, groups.length);
  if (skipped > 0) {
    const counted = ranOut(exhausted) === "timed out" ? `${MAX_TIMEOUTS} timeouts` : `${MAX_TIMEOUTS} evaluations had ${ranOut(exhausted)}`;
    notes.push(`after ${counted}, ${skipped} of the remaining (host, entry point, class) cells were not evaluated`);
  }
  const environments = space.classes.filter((c) => kept.has(c.id));
  if (stoppedBy) {
    const spent = stoppedBy === "evaluations" ? `${budget?.evaluations} evaluations` : `${budget?.ms} ms`;
    notes.push(
      `the analysis budget (${spent}) ran out: it covered ${environments.length} of ${space.total} environment classes, a sample in which every dimension's values take turns; the other classes were not evaluated`,
    );
  }
  const unreached = branchPoints.filter((b) => !taken.has(b.id)).map((b) => b.range);
  return {
    profile,
    entryPoints: ENTRY_POINT_ORDER.filter((name) => entryPoints.has(name)),
    environments,
    routes: merged.routes(),
    coverage: { total: branchPoints.length, taken: branchPoints.length - unreached.length, unreached },
    environmentsTotal: space.total,
    hostsOmitted: omitted,
    evaluations,
    ...(skipped > 0 ? { skipped } : {}),
    notes,
    ...(collected.statefulSites.length > 0 ? { statefulSites: collected.statefulSites } : {}),
    ...(stoppedBy ? { sampled: { classes: environments.length, of: space.total, stoppedBy } } : {}),
  };
}

const ENTRY_POINT_ORDER: readonly EntryPointName[] = ["FindProxyForURL", "FindProxyForURLEx"];

/** With environment reads at top level, each class's label says the PAC was loaded in it too. */
function loadedPerClass(collected: Collected, space: EnvironmentSpace): EnvironmentSpace {
  if (collected.loadTimeReads.length === 0 || space.classes.length < 2) return space;
  return { ...space, classes: space.classes.map((c) => ({ ...c, label: `${c.label}; the PAC loaded in this environment` })) };
}

/** Classes that load the PAC alike, and the environment their top level runs in. */
interface LoadGroup {
  readonly load?: Environment;
  readonly classes: readonly EnvironmentClass[];
}

/**
 * Each client loads the PAC itself, so top-level reads (`var me = myIpAddress()`) answer per client:
 * classes whose witnesses agree on everything the top level reads load it alike and share one
 * sandbox, loaded with the first one's environment. A PAC whose top level reads nothing is loaded once.
 */
function loadGroups(collected: Collected, classes: readonly EnvironmentClass[]): LoadGroup[] {
  if (collected.loadTimeReads.length === 0 || classes.length === 0) return [{ classes }];
  const names = new Set(collected.loadTimeReads.map((read) => read.name));
  const readsClient = [...names].some((name) => name.startsWith("myIpAddress") || name.startsWith("isInNet"));
  const readsDns = [...names].some((name) => /^(dnsResolve|isResolvable|isInNet)/.test(name));
  const readsClock = [...names].some((name) => CLOCK_HELPERS.has(name));
  const groups = new Map<string, { load: Environment; classes: EnvironmentClass[] }>();
  for (const c of classes) {
    const w = c.witness;
    const key = JSON.stringify([readsClient ? w.clientIps : 0, readsDns ? [...w.dns] : 0, readsClock ? w.now : 0]);
    const group = groups.get(key);
    if (group) group.classes.push(c);
    else groups.set(key, { load: w, classes: [c] });
  }
  return [...groups.values()];
}

/** Route rows gathered from several sandboxes (one per load group), as if one had answered them all in class order. */
class MergedRoutes {
  private readonly order: ReadonlyMap<string, number>;
  private readonly rows = new Map<string, { row: Omit<HostRoutes, "outcomes">; outcomes: Map<string, { outcome: RouteOutcome; ids: string[] }> }>();

  constructor(classes: readonly EnvironmentClass[]) {
    this.order = new Map(classes.map((c, i) => [c.id, i]));
  }

  add(routes: readonly HostRoutes[]): void {
    for (const route of routes) {
      const { outcomes, ...row } = route;
      const key = `${route.url}\n${route.entryPoint}`;
      let entry = this.rows.get(key);
      if (!entry) this.rows.set(key, (entry = { row, outcomes: new Map() }));
      else if (row.readsDate && !entry.row.readsDate) entry.row = { ...entry.row, readsDate: true };
      for (const outcome of outcomes) {
        const outcomeKey = JSON.stringify([outcome.result, outcome.failure?.kind ?? null, outcome.failure?.message ?? null, outcome.returnRange ?? null, outcome.implicitBypass ?? null]);
        const known = entry.outcomes.get(outcomeKey);
        if (!known) entry.outcomes.set(outcomeKey, { outcome, ids: [...outcome.environmentIds] });
        else {
          known.ids.push(...outcome.environmentIds);
          if (this.position(outcome.witness.id) < this.position(known.outcome.witness.id)) known.outcome = outcome;
        }
      }
    }
  }

  /** Every row fails for these classes: the PAC does not load in their environment. */
  addLoadFailure(queries: readonly HostQuery[], classes: readonly EnvironmentClass[], failure: EvaluationFailure): void {
    const witness = classes[0];
    if (!witness) return;
    const environmentIds = classes.map((c) => c.id);
    const entryPoints = new Set<EntryPointName>(["FindProxyForURL"]);
    for (const entry of this.rows.values()) entryPoints.add(entry.row.entryPoint);
    this.add(
      queries.flatMap((query) =>
        [...entryPoints].map((entryPoint): HostRoutes => ({
          host: query.host,
          url: query.url,
          ...(query.endpoint ? { endpoint: query.endpoint } : {}),
          entryPoint,
          outcomes: [{ result: null, entries: [], failure, environmentIds, witness }],
        })),
      ),
    );
  }

  routes(): HostRoutes[] {
    return [...this.rows.values()].map(({ row, outcomes }) => ({
      ...row,
      outcomes: [...outcomes.values()]
        .map(({ outcome, ids }) => ({ ...outcome, environmentIds: ids.sort((a, b) => this.position(a) - this.position(b)) }))
        .sort((a, b) => this.position(a.witness.id) - this.position(b.witness.id)),
    }));
  }

  private position(id: string): number {
    return this.order.get(id) ?? Number.MAX_SAFE_INTEGER;
  }
}

/**
 * Finer parts for telling classes apart than their own `parts`, where the PAC keeps no state between
 * calls: by how a class's values answer this PAC's own tests (`clockParts`, `addressParts`). Classes
 * built for several PACs (`pac-do diff`) carry every PAC's boundaries; each PAC then evaluates once
 * per value it can tell apart, as if analysed alone.
 */
async function reuseParts(
  collected: Collected,
  classes: readonly EnvironmentClass[],
  profile: ProfileName,
  limits: Partial<Limits> | undefined,
): Promise<Map<EnvironmentClass, EnvironmentClass["parts"]> | undefined> {
  // With state carried between calls, which calls run changes the answers: keep to the coarser reuse.
  if (collected.statefulSites.length > 0) return undefined;
  const clock = await clockParts(collected, classes, profile, limits);
  const address = addressParts(collected, classes);
  if (!clock && !address) return undefined;
  const parts = new Map<EnvironmentClass, EnvironmentClass["parts"]>();
  for (const c of classes) {
    // A class without parts is never taken for another (see `agrees`).
    if (c.parts) parts.set(c, { ...c.parts, ...address?.get(c), ...clock?.get(c) });
  }
  return parts;
}

/**
 * When the PAC reads the clock only through literal time tests, `day` and `clock` say how a class's
 * reading answers those tests, so classes whose readings answer alike share an evaluation that read
 * only the helpers (business hours: every reading inside the hours is one, not one per boundary).
 * `instant` keeps the reading itself, for an evaluation that read `Date` after all.
 */
async function clockParts(
  collected: Collected,
  classes: readonly EnvironmentClass[],
  profile: ProfileName,
  limits: Partial<Limits> | undefined,
): Promise<Map<EnvironmentClass, EnvironmentClass["parts"]> | undefined> {
  if (!collected.timeTestsComplete || collected.timeTests.length === 0) return undefined;
  const timed = classes.filter((c) => c.parts?.day !== undefined || c.parts?.clock !== undefined);
  if (timed.length === 0) return undefined;
  const keys = await clockKeys(
    collected.timeTests,
    timed.map((c) => c.witness),
    profile,
    limits,
  );
  if (!keys) return undefined;
  const parts = new Map<EnvironmentClass, EnvironmentClass["parts"]>();
  for (const c of timed) {
    const key = keys.get(readingKey(c.witness));
    if (key) parts.set(c, { ...key, instant: readingKey(c.witness) });
  }
  return parts;
}

/**
 * When every address test of the PAC was understood (`addressTestsComplete`, the condition under
 * which buildEnvironments already merges addresses that pass the same tests), `client` and `dns`
 * say which of this PAC's tests the class's client address and DNS answer pass, with the address
 * family and, for DNS, whether the host resolves at all; the probe hosts' part is kept as it is.
 */
function addressParts(collected: Collected, classes: readonly EnvironmentClass[]): Map<EnvironmentClass, EnvironmentClass["parts"]> | undefined {
  if (!collected.addressTestsComplete) return undefined;
  const clientTests = collected.addressTests.filter((t) => t.target !== "dns");
  const hostTests = collected.addressTests.filter((t) => t.target !== "client" && !(t.kind === "network" && t.probe));
  const signature = (tests: readonly AddressTest[], ip: string): string =>
    `${rangeOf(ip)}:${tests.map((t) => (matches(t, ip) ? "1" : "0")).join("")}`;
  const parts = new Map<EnvironmentClass, EnvironmentClass["parts"]>();
  for (const c of classes) {
    const part: Partial<Record<EnvironmentDimension, string>> = {};
    // Every address of a list counts (a dual-stack client, a host with A and AAAA records): the Ex helpers read them all.
    const clients = c.witness.clientIps;
    if (c.parts?.client !== undefined && clients.length > 0) part.client = `a${clients.map((ip) => signature(clientTests, ip)).join("+")}`;
    if (c.parts?.dns !== undefined) {
      const answer = c.hostAnswer ?? [];
      const host = c.values?.some((v) => v.key.startsWith("d")) ? (answer.length === 0 ? "none" : answer.map((ip) => signature(hostTests, ip)).join("+")) : "";
      const probes = c.values?.find((v) => v.key.startsWith("p"))?.key ?? "";
      // Without `values` the class's own key is all there is to go by.
      part.dns = c.values ? `a${host}|${probes}` : c.parts.dns;
    }
    parts.set(c, part);
  }
  return parts;
}

/**
 * The well-known range an address is in, as buildEnvironments' defaults stand for them: a test the
 * analysis did not see as one (`String(dnsResolve(host)).indexOf("10.")`) most likely tells these
 * apart, so addresses are shared only within one.
 */
function rangeOf(ip: string): string {
  const address = parseAddress(ip);
  if (!address) return "?";
  if (address.family === 6) return "v6";
  const value = Number(address.value);
  const [a, b] = [value >>> 24, (value >>> 16) & 0xff];
  if (a === 10) return "10/8";
  if (a === 172 && b >= 16 && b < 32) return "172.16/12";
  if (a === 192 && b === 168) return "192.168/16";
  if (a === 100 && b >= 64 && b < 128) return "100.64/10";
  if (a === 127) return "127/8";
  return "public";
}

/** Loaded on demand: lint and fix pass the program they already parsed. */
async function parseProgram(source: SourceFile): Promise<Program | EvaluationFailure> {
  const { parse } = await import("../syntax/parse.js");
  const parsed = parse(source);
  if (parsed.ok) return parsed.program;
  const error = parsed.errors[0];
  return error ? { kind: "syntax", message: error.message, range: error.range } : { kind: "syntax", message: "syntax error" };
}

function notesFor(collected: Collected, source: SourceFile, loads: number): string[] {
  const at = (range: Range): string => {
    const { line, column } = positionAt(source, range[0]);
    return `${line}:${column}`;
  };
  const perClass =
    loads > 1
      ? `so the PAC was loaded once per environment it can tell apart at load (${loads} loads), each class in its own`
      : "so it was loaded in the environment of the classes (which agree on what the load reads)";
  return [
    ...collected.loadTimeReads.map(({ name, range }) => `${at(range)}: ${name}() runs when the PAC loads, on each client, ${perClass}`),
    ...collected.statefulSites.map(({ what, range }) => `${at(range)}: ${what}, so answers may depend on earlier calls`),
  ];
}

function failed(profile: ProfileName, failure: EvaluationFailure): RouteAnalysis {
  return { profile, entryPoints: [], environments: [], routes: [], coverage: { total: 0, taken: 0, unreached: [] }, loadFailure: failure };
}

/**
 * Evaluates every host under every entry point the evaluator defines and every environment class,
 * and groups equal answers (same result, failure and returning line). An evaluation is reused for
 * a later class when it read none of the dimensions in which the two classes differ (by their
 * `parts`, or `options.parts` where given), or (with `share`) when the class answers every
 * environment read the evaluation made as its own environment did (answers.ts): the PAC ran the same
 * path, so it would answer the same (this assumes calls leave no state behind in globals).
 *
 * Which evaluation a (host, entry point) row needs next depends only on that row's earlier answers,
 * so the rows advance in rounds: each round evaluates the next cell of every row that needs one in a
 * single `evaluateMany`. Without state and timeouts that gives what evaluating row by row gives. A
 * timeout makes the remaining cells depend on the order (after `maxTimeouts` they are skipped), so
 * then, and for a PAC with state (`sequential`), the table is built row by row, reusing the answers
 * the rounds already have; each cell is evaluated at most once.
 */
export async function routeTable(
  evaluator: PacEvaluator,
  queries: readonly HostQuery[],
  environments: readonly EnvironmentClass[],
  options: {
    /** The PAC mentions `Date`: its clock reads count unless the evaluator reports them in `reads`. */
    readonly readsDate?: boolean;
    /** After this many timeouts the remaining cells are not evaluated (default MAX_TIMEOUTS). */
    readonly maxTimeouts?: number;
    /** Ask for branch coverage (default true); `taken` stays empty without it. */
    readonly coverage?: boolean;
    /** Parts to compare classes by instead of their own `parts` (see `reuseParts`). */
    readonly parts?: ReadonlyMap<EnvironmentClass, EnvironmentClass["parts"]>;
    /** Evaluate row by row, in order: calls may leave state behind, so the order is part of the answer. */
    readonly sequential?: boolean;
    /**
     * Log every evaluation's DNS reads and share its outcome with the later classes that answer its
     * environment reads alike (default false; never with `sequential`).
     */
    readonly share?: boolean;
    /** Stop once this is spent; the classes every row reached are the ones analysed (see `AnalysisBudget`). */
    readonly budget?: AnalysisBudget;
  } = {},
): Promise<{
  routes: HostRoutes[];
  taken: Set<number>;
  evaluations: number;
  skipped: number;
  /** The kinds of the failures that counted towards `maxTimeouts` (see ranOutOfResources). */
  exhausted: ReadonlySet<FailureKind>;
  /** How many of `environments`, from the first, the routes cover: all of them unless the budget ran out. */
  classes: number;
  stoppedBy?: "evaluations" | "time";
}> {
  const maxTimeouts = options.maxTimeouts ?? MAX_TIMEOUTS;
  const coverage = options.coverage ?? true;
  const readsDate = options.readsDate ?? true;
  const share = (options.share ?? false) && !options.sequential && evaluator.profile !== "node" && environments.length > 1;
  const rowSpecs = queries.flatMap((query) => evaluator.entryPoints.map((entryPoint) => ({ query, entryPoint })));
  const started = deadlineClock();
  let spent = 0;
  const overBudget = (): "evaluations" | "time" | undefined => {
    if (options.budget?.evaluations !== undefined && spent >= options.budget.evaluations) return "evaluations";
    if (options.budget?.ms !== undefined && deadlineClock() - started >= options.budget.ms) return "time";
    return undefined;
  };
  /** Evaluations that fit in the time left at the pace so far: a round of slow ones must not overrun the budget by much. */
  const roomLeft = (): number => {
    const ms = options.budget?.ms;
    if (ms === undefined || spent === 0) return MAX_ROUND;
    const elapsed = deadlineClock() - started;
    return Math.max(1, Math.floor((ms - elapsed) / (elapsed / spent)));
  };
  // Branch ids of every evaluation run, whichever pass used its answer (with newBranchesOnly each id comes once).
  const taken = new Set<number>();
  const done = new Map<number, Evaluation>();
  const cellId = (row: number, index: number): number => row * environments.length + index;
  // A full trace answers the same question as `reads`, more slowly: only asked for until the
  // evaluator shows it supports `reads`.
  let readsSupported = false;

  /**
   * Evaluates the cells not evaluated yet, in one crossing when there are several. A batch stops at
   * its first timeout (the rounds give up on it anyway): the cells after it come back undefined.
   */
  const evaluate = async (cells: readonly (readonly [row: number, index: number])[]): Promise<(Evaluation | undefined)[]> => {
    const missing = cells.filter(([row, index]) => !done.has(cellId(row, index)));
    const calls = missing.map(([row, index]) => {
      const spec = rowSpecs[row];
      const environment = environments[index];
      if (!spec || !environment) throw new Error("no such cell");
      return {
        request: { url: spec.query.url, entryPoint: spec.entryPoint, coverage, newBranchesOnly: coverage, reads: true, trace: !readsSupported, ...(share ? { lookups: true } : {}) },
        env: environmentFor(environment, spec.query.host),
      };
    });
    const first = calls[0];
    spent += calls.length;
    const results = calls.length === 1 && first ? [await evaluator.evaluate(first.request, first.env)] : await evaluator.evaluateMany(calls, { stopAfterTimeouts: 1 });
    for (const [i, evaluation] of results.entries()) {
      const cell = missing[i];
      if (cell) done.set(cellId(...cell), evaluation);
      if (evaluation.reads !== undefined) readsSupported = true;
      for (const branch of evaluation.branches ?? []) taken.add(branch);
    }
    return cells.map(([row, index]) => done.get(cellId(row, index)));
  };

  /** The table built by one pass, or undefined when a round hit a timeout. */
  const pass = async (
    rounds: boolean,
  ): Promise<{ routes: HostRoutes[]; evaluations: number; skipped: number; exhausted: ReadonlySet<FailureKind>; classes: number; stoppedBy?: "evaluations" | "time" } | undefined> => {
    let evaluations = 0;
    /** Evaluations that ran out of time or memory (ranOutOfResources), and which of those it was. */
    let timeouts = 0;
    const exhausted = new Set<FailureKind>();
    let skipped = 0;
    // Classes considered: all, until the budget runs out; then those every row has reached (at least one).
    let limit = environments.length;
    let stoppedBy: "evaluations" | "time" | undefined;
    const rows = rowSpecs.map(() => ({
      outcomes: new Map<string, { outcome: Omit<RouteOutcome, "environmentIds">; ids: string[] }>(),
      earlier: [] as { parts: EnvironmentClass["parts"]; read: ReadonlySet<EnvironmentDimension>; key: string }[],
      answered: [] as { answers: AnswersRead; key: string }[],
      next: 0,
      readsDate: false,
    }));
    const record = (row: (typeof rows)[number], environment: EnvironmentClass, key: string, outcome: () => Omit<RouteOutcome, "environmentIds">): void => {
      let entry = row.outcomes.get(key);
      if (!entry) row.outcomes.set(key, (entry = { outcome: outcome(), ids: [] }));
      entry.ids.push(environment.id);
    };
    /** Answers the row's cells that need no evaluation; stops at the first that does (returns its index). */
    const advance = (r: number): number | undefined => {
      const row = rows[r];
      if (!row) return undefined;
      for (; row.next < limit; row.next++) {
        const environment = environments[row.next];
        if (!environment) break;
        const parts = options.parts?.get(environment) ?? environment.parts;
        let key = row.earlier.find((e) => agrees(e.parts, parts, e.read))?.key;
        if (key === undefined && row.answered.length > 0) {
          const env = environmentFor(environment, rowSpecs[r]?.query.host ?? "");
          key = row.answered.find((e) => answersAlike(e.answers, env))?.key;
        }
        if (key !== undefined) {
          record(row, environment, key, () => fail("reused an unknown outcome"));
        } else if (timeouts >= maxTimeouts) {
          // Every further timeout costs the whole deadline: a looping PAC would take minutes.
          skipped++;
          record(row, environment, SKIPPED, () => ({
            result: null,
            entries: [],
            failure: { kind: "timeout", message: `not evaluated: the PAC had already ${ranOut(exhausted)} ${timeouts} times in this analysis` },
            witness: environment,
          }));
        } else {
          return row.next;
        }
      }
      return undefined;
    };
    const apply = (r: number, evaluation: Evaluation): void => {
      const row = rows[r];
      const environment = row ? environments[row.next] : undefined;
      if (!row || !environment) return;
      evaluations++;
      if (ranOutOfResources(evaluation.failure)) {
        timeouts++;
        exhausted.add(evaluation.failure?.kind ?? "timeout");
      }
      const key = outcomeKey(evaluation);
      const utc = environment.witness.timeZone === "UTC";
      const dateUnseen = readsDate && !(evaluation.reads !== undefined && evaluator.profile !== "node");
      if (dateUnseen || evaluation.reads?.includes("Date")) row.readsDate = true;
      const parts = options.parts?.get(environment) ?? environment.parts;
      row.earlier.push({ parts, read: dimensionsRead(evaluation, dateUnseen, utc), key });
      const answers = share ? answersRead(evaluation, environmentFor(environment, rowSpecs[r]?.query.host ?? ""), readsDate) : undefined;
      if (answers) row.answered.push({ answers, key });
      record(row, environment, key, () => ({
        result: evaluation.result,
        entries: evaluation.entries,
        ...(evaluation.failure ? { failure: evaluation.failure } : {}),
        ...(evaluation.returnRange ? { returnRange: evaluation.returnRange } : {}),
        ...(evaluation.implicitBypass ? { implicitBypass: evaluation.implicitBypass } : {}),
        witness: environment,
      }));
      row.next++;
    };

    if (rounds) {
      for (;;) {
        if (stoppedBy === undefined && (stoppedBy = overBudget())) {
          limit = Math.min(limit, Math.max(1, Math.min(...rows.map((row) => row.next))));
        }
        const pending: [number, number][] = [];
        for (let r = 0; r < rows.length; r++) {
          const index = advance(r);
          if (index !== undefined) pending.push([r, index]);
        }
        if (pending.length === 0) break;
        // The first call alone: it tells whether the evaluator reports `reads`, and a PAC that
        // always loops costs one deadline before the row-by-row pass takes over.
        const round = readsSupported ? pending.slice(0, Math.min(MAX_ROUND, roomLeft())) : pending.slice(0, 1);
        const results = await evaluate(round);
        if (results.some((evaluation) => ranOutOfResources(evaluation?.failure))) return undefined;
        for (const [i, [r]] of round.entries()) {
          const evaluation = results[i];
          if (evaluation) apply(r, evaluation);
        }
      }
    } else {
      for (let r = 0; r < rows.length; r++) {
        for (let index = advance(r); index !== undefined; index = advance(r)) {
          const [evaluation] = await evaluate([[r, index]]);
          if (evaluation) apply(r, evaluation);
          // Rows before this one went further: the classes past this row's are cut from them below.
          if (stoppedBy === undefined && (stoppedBy = overBudget())) limit = Math.min(limit, Math.max(1, rows[r]?.next ?? 1));
        }
      }
    }
    const kept = new Set(environments.slice(0, limit).map((environment) => environment.id));
    const routes = rowSpecs.map(({ query, entryPoint }, r): HostRoutes => ({
      host: query.host,
      url: query.url,
      ...(query.endpoint ? { endpoint: query.endpoint } : {}),
      entryPoint,
      outcomes: [...(rows[r]?.outcomes.values() ?? [])].flatMap(({ outcome, ids }) => {
        const environmentIds = limit === environments.length ? ids : ids.filter((id) => kept.has(id));
        return environmentIds.length > 0 ? [{ ...outcome, environmentIds }] : [];
      }),
      ...(rows[r]?.readsDate ? { readsDate: true as const } : {}),
    }));
    return { routes, evaluations, skipped, exhausted, classes: limit, ...(stoppedBy ? { stoppedBy } : {}) };
  };

  const table = (options.sequential ? undefined : await pass(true)) ?? (await pass(false));
  if (!table) throw new Error("the row-by-row pass always completes");
  return { ...table, taken };
}

function fail(message: string): never {
  throw new Error(`routeTable: ${message}`);
}

/**
 * Cells evaluated in one round at most: a PAC that loops for some hosts only costs up to this many
 * deadlines before a timeout in the round sends the analysis row by row (where it stops after
 * MAX_TIMEOUTS); the lint's catalogue rows number about 40.
 */
const MAX_ROUND = 64;

/**
 * Evaluations that run out of time or memory (`ranOutOfResources`) after which an analysis stops
 * evaluating: each one costs up to the full per-call deadline.
 */
export const MAX_TIMEOUTS = 4;

/** How the counted evaluations failed, in words: "timed out", "run out of memory", or both. */
function ranOut(kinds: ReadonlySet<FailureKind>): string {
  const time = kinds.has("timeout") || kinds.has("busy");
  if (!kinds.has("memory")) return "timed out";
  return time ? "run out of time or memory" : "run out of memory";
}
const SKIPPED = "skipped";

/**
 * Which helper reads which part of the environment (research §4, §2.2). In UTC, timeRange reads
 * only the time of day and weekdayRange/dateRange only the date; in other zones the local date and
 * time both depend on the offset, so any clock helper reads both.
 */
const DIMENSIONS_OF: Readonly<Record<string, readonly EnvironmentDimension[]>> = {
  myIpAddress: ["client"],
  myIpAddressEx: ["client"],
  dnsResolve: ["dns"],
  dnsResolveEx: ["dns"],
  isResolvable: ["dns"],
  isResolvableEx: ["dns"],
  isInNet: ["dns"],
  isInNetEx: ["dns"],
  timeRange: ["clock"],
  weekdayRange: ["day"],
  dateRange: ["day"],
  Date: ["day", "clock", "instant"],
};
const CLOCK_HELPERS = new Set(["timeRange", "weekdayRange", "dateRange"]);

/**
 * The dimensions an evaluation read, from its `reads` or else its helper trace. Reads of `Date` the
 * evaluator cannot see (pac-resolver's own Date, or a trace, which lists helpers only) count as
 * reading the whole clock when the PAC mentions Date. Without either, everything counts.
 */
function dimensionsRead(evaluation: Evaluation, dateUnseen: boolean, utc: boolean): Set<EnvironmentDimension> {
  const names = evaluation.reads ?? evaluation.calls?.map((call) => call.name);
  if (names === undefined) return new Set(["client", "dns", "day", "clock", "instant"]);
  const read = new Set<EnvironmentDimension>(dateUnseen ? ["day", "clock", "instant"] : []);
  for (const name of names) {
    if (!utc && CLOCK_HELPERS.has(name)) {
      read.add("day").add("clock");
      continue;
    }
    for (const dimension of (Object.hasOwn(DIMENSIONS_OF, name) && DIMENSIONS_OF[name]) || []) read.add(dimension);
  }
  return read;
}

function agrees(a: EnvironmentClass["parts"], b: EnvironmentClass["parts"], read: ReadonlySet<EnvironmentDimension>): boolean {
  if (!a || !b) return false;
  for (const dimension of read) if (a[dimension] !== b[dimension]) return false;
  return true;
}

function outcomeKey(evaluation: Evaluation): string {
  const { result, failure, returnRange, implicitBypass } = evaluation;
  return JSON.stringify([result, failure?.kind ?? null, failure?.message ?? null, returnRange ?? null, implicitBypass ?? null]);
}

/** Entry points in the order a profile's client prefers them. */
export function preferredEntryPoint(analysis: RouteAnalysis): EntryPointName | undefined {
  if (analysis.profile === "winhttp" && analysis.entryPoints.includes("FindProxyForURLEx")) return "FindProxyForURLEx";
  return analysis.entryPoints.includes("FindProxyForURL") ? "FindProxyForURL" : undefined;
}
