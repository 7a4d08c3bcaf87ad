/**
 * `fix`: parse, plan the managed block for every entry point, apply the edits by slicing, then prove
 * with the route analysis that DO service hosts are DIRECT first everywhere and nothing else moved.
 */
import { analyze, collect, MAX_TIMEOUTS, planHosts, type AnalysisBudget, type Collected, type HostQuery } from "../analyze/index.js";
import { verdictGaps } from "../analyze/gaps.js";
import { SRCIP } from "../analyze/public-address.js";
import type { RouteAnalysis } from "../analyze/types.js";
import { SERVICE_DOMAIN } from "../do/catalogue.js";
import type { EntryPointName, Limits, ProfileName } from "../evaluate/types.js";
import { ENTRY_POINTS } from "../pac/entry-points.js";
import { createSourceFile, type SourceFile } from "../source/source-file.js";
import { parse, type ParseError } from "../syntax/parse.js";
import type { Program } from "../syntax/ast.js";
import { bypasses, type BypassTargets } from "./block.js";
import { applyEdits, type Edit } from "./edits.js";
import { planFix, stripEdits, type SitePlan } from "./plan.js";
import { bypassTargets, type TargetOptions } from "./targets.js";
import { blockObservability } from "./unobservable.js";
import { bypassViolations, changedRoutes, type RouteProblem } from "./verify.js";

export { encodeOutput } from "./edits.js";

export interface FixOptions extends TargetOptions {
  /** Whose semantics the analysis reproduces; winhttp (what DO uses) by default. */
  readonly profile?: ProfileName;
  readonly limits?: Partial<Limits>;
  /** What the first route analysis may spend (default `DEFAULT_BUDGET`); the second one covers the same classes. */
  readonly budget?: AnalysisBudget;
  /**
   * Analyse every host in both PACs, even when the block is shown unobservable for the hosts it
   * leaves alone (see `provenHosts`); the verdict is the same, only slower. For tests.
   */
  readonly fullProof?: boolean;
}

export interface FixedSite {
  readonly name: EntryPointName;
  readonly line: number;
  readonly action: SitePlan["action"];
}

export type FixResult =
  /** The file does not parse; nothing was changed. */
  | { readonly status: "parse-error"; readonly errors: readonly ParseError[] }
  /** Bad options, or an entry point pac-do cannot rewrite. */
  | { readonly status: "unfixable"; readonly problems: readonly string[] }
  /** No managed block, but the PAC already routes every bypassed host DIRECT first everywhere. */
  | { readonly status: "compliant" }
  /** Every entry point already holds the current block. */
  | { readonly status: "up-to-date"; readonly sites: readonly FixedSite[] }
  /** Edits made and proven; `output` is the new text (without BOM; see `encodeOutput`). */
  | {
      readonly status: "fixed";
      readonly output: string;
      readonly edits: readonly Edit[];
      readonly sites: readonly FixedSite[];
      /** The proof covers a sample of the environment classes only: the analysis budget ran out (say so). */
      readonly sampled?: string;
    }
  /** Edits made but the proof failed; nothing may be written. */
  | { readonly status: "unverified"; readonly output: string; readonly problems: readonly RouteProblem[] };

/** Fixes one PAC. Never throws for a bad PAC; throws only on internal errors. */
export async function fixPac(source: SourceFile, options: FixOptions = {}): Promise<FixResult> {
  const chosen = bypassTargets(options);
  if (!chosen.ok) return { status: "unfixable", problems: [chosen.message] };
  const targets = chosen.targets;

  const parsed = parse(source);
  if (!parsed.ok) return { status: "parse-error", errors: parsed.errors };
  const plan = planFix(parsed, targets);
  if (!plan.ok) return { status: "unfixable", problems: plan.problems };

  const sites = plan.sites.map(({ site, line, action }): FixedSite => ({ name: site.name, line, action }));
  const edits = plan.sites.flatMap((site) => site.edits);
  if (edits.length === 0) return { status: "up-to-date", sites };

  const spellings = spellingHosts();
  const hosts = [...spellings, ...targets.cacheHosts];
  // The proof compares results and deciding lines, never branch coverage, so the PACs get no branch
  // probes: on a long rule list that is a third of every evaluation.
  const analysisOptions = { profile: options.profile ?? "winhttp", hosts, coverage: false, ...(options.limits ? { limits: options.limits } : {}) };
  const budget = options.budget ? { budget: options.budget } : {};
  const managed = plan.sites.some(({ existing }) => existing !== undefined);

  // The baseline is the PAC as its author wrote it: without any block of ours.
  const baseline = managed ? createSourceFile(applyEdits(source.text, stripEdits(plan.sites)), source.path, source.bom) : source;
  const proven = options.fullProof ? undefined : provenHosts(parsed.program, plan.sites, baseline, managed, hosts, targets);
  const before = await analyze(baseline, {
    ...analysisOptions,
    ...budget,
    // The extra spellings only hold the block to account: the original's answer for them is never read.
    ...(proven
      ? { program: proven.program, collected: proven.collected, queries: proven.queries.filter((query) => !spellings.includes(query.host)) }
      : managed ? {} : { program: parsed.program }),
  });
  if (before.loadFailure) {
    return {
      status: "unfixable",
      problems: [`the PAC does not load under the ${before.profile} profile (${before.loadFailure.message}); a bypass inside it cannot take effect, and nothing can be proven`],
    };
  }
  // The proof would evaluate the same cells again and pay the same timeouts: the PAC already had all
  // the deadlines an analysis allows, and a proof over cells never evaluated proves nothing.
  if (before.skipped !== undefined) {
    const message = `the PAC ran out of time or memory ${MAX_TIMEOUTS} times while it was analysed (${before.skipped} cells not evaluated), so the fix cannot be proven; run again with a higher --timeout or --memory`;
    return { status: "unverified", output: applyEdits(source.text, edits), problems: [{ host: "*", entryPoint: "*", environment: "*", message }] };
  }
  // Compliance is judged on the hosts DO and the cache servers actually use, as lint's
  // do-service-direct does; the extra spellings only hold the block itself to account.
  const compliant = bypassViolations(before, baseline, targets, new Set(spellings)).length === 0;
  // "compliant" is a claim about every environment: a sample cannot make it, nor can an analysis that
  // cannot vouch for every environment (the clock through Date, state, the URL path, JScript's
  // differences; see gaps.ts), so the block goes in.
  if (!managed && compliant && !before.sampled && verdictGaps(before, parsed.program, baseline.text, parsed.comments).length === 0) {
    return { status: "compliant" };
  }

  const output = applyEdits(source.text, edits);
  const fixedSource = createSourceFile(output, source.path, source.bom);
  const reparsed = parse(fixedSource);
  if (!reparsed.ok) {
    const first = reparsed.errors[0];
    return {
      status: "unverified",
      output,
      problems: [{ host: "*", entryPoint: "*", environment: "*", message: `the fixed PAC does not parse: ${first ? `${first.start.line}:${first.start.column} ${first.message}` : "unknown error"}` }],
    };
  }
  // Same hosts and environment classes as the baseline, so the two are compared cell by cell.
  const after = await analyze(fixedSource, {
    ...analysisOptions,
    ...(proven ? { queries: proven.queries } : { hosts: [...new Set(before.routes.map((route) => route.url))] }),
    program: reparsed.program,
    environments: before.environments,
  });
  const problems = verifyFix(before, baseline, after, fixedSource, targets, proven ? "proven" : "compare");
  if (problems.length > 0) return { status: "unverified", output, problems };
  // State plus a replaced String or RegExp method can turn the block off after some calls (gaps.ts).
  const defeated = verdictGaps(after, reparsed.program, fixedSource.text, reparsed.comments).find((gap) => gap.blockDefeated);
  if (defeated) {
    const message = `${defeated.what}, and the PAC replaces part of the library (String, RegExp, a prototype) that the block relies on, so the block cannot vouch for DO service hosts on later calls`;
    return { status: "unverified", output, problems: [{ host: "*", entryPoint: "*", environment: "*", message }] };
  }
  const sampled = before.sampled
    ? `the proof covers the first ${before.sampled.classes} of ${before.sampled.of} environment classes: the analysis budget ran out`
    : undefined;
  return { status: "fixed", output, edits, sites, ...(sampled ? { sampled } : {}) };
}

/** Both halves of the proof; empty when the fix may be written. */
export function verifyFix(
  before: RouteAnalysis,
  beforeSource: SourceFile,
  after: RouteAnalysis,
  afterSource: SourceFile,
  targets: BypassTargets,
  others: "compare" | "proven" = "compare",
): RouteProblem[] {
  return [...bypassViolations(after, afterSource, targets), ...changedRoutes(before, beforeSource, after, afterSource, targets, others)];
}

/**
 * The proof's short way, when the PAC cannot observe the block (`blockObservability`: it cannot read
 * function text or stacks, keeps no state between calls, and leaves the block's builtins alone): every
 * call for a host the block does not bypass then runs exactly as without the block, so those hosts
 * route as before by construction and neither analysis needs to evaluate them. Both analyses then ask
 * about the hosts the full proof would check against the block, and only those: the rows the full
 * proof's analyses have for them, in the same order. Undefined: analyse every host, twice.
 */
function provenHosts(
  program: Program,
  sites: readonly SitePlan[],
  baseline: SourceFile,
  managed: boolean,
  hosts: readonly string[],
  targets: BypassTargets,
): { program: Program; collected: Collected; queries: HostQuery[] } | undefined {
  // A Zscaler template is analysed once per rendering, each with its own literals: the long way.
  if (baseline.text.includes(SRCIP)) return undefined;
  if (!blockObservability(program, sites.map(({ site }) => site.body), ENTRY_POINTS).unobservable) return undefined;
  const own = managed ? parse(baseline) : { ok: true as const, program };
  if (!own.ok) return undefined;
  const collected = collect(own.program);
  const queries = planHosts(hosts, collected.hostLiterals, true, collected.serviceNamePatterns).queries.filter((query) => bypasses(targets, query.host));
  return { program: own.program, collected, queries };
}

/**
 * Spellings of service hosts the block must also handle: the apex, upper case and a trailing dot, which
 * WinHTTP passes through unchanged (research §2.4, §4).
 */
function spellingHosts(): string[] {
  return [SERVICE_DOMAIN, `KV801.PROD.${SERVICE_DOMAIN.toUpperCase()}`, `geo.prod.${SERVICE_DOMAIN}.`];
}
