import type { EntryPointName, ProfileName, ProxyEntry } from "../pac/types.js";
import type { Range } from "../types.js";

export type { EntryPointName, ProfileName, ProxyEntry, ProxyEntryType } from "../pac/types.js";

/** The world a PAC sees. Nothing here touches the network unless `liveDns` is set. */
export interface Environment {
  /** What myIpAddress()/myIpAddressEx() answer, IPv4 and/or IPv6, first is primary. */
  readonly clientIps: readonly string[];
  /** DNS answers, keyed by lower-case host name. Unlisted hosts do not resolve. */
  readonly dns: ReadonlyMap<string, readonly string[]>;
  /** Resolve unlisted hosts with the system resolver (off by default, never in tests). */
  readonly liveDns: boolean;
  /** The clock, in epoch milliseconds. */
  readonly now: number;
  /** IANA time zone of the PAC's local time (weekdayRange/dateRange/timeRange without "GMT"). */
  readonly timeZone: string;
}

export interface Limits {
  /**
   * Deadline for each call, in milliseconds of the thread's CPU time (cpu-time.ts); loading the script
   * gets this plus LOAD_MS_PER_MB per megabyte of script (see loadBudget).
   */
  readonly timeoutMs: number;
  readonly memoryBytes: number;
  readonly stackBytes: number;
}

/**
 * QuickJS checks its stack limit against the wasm shadow stack, while the interpreter's wasm frames also
 * use the host (V8) stack, about 1 MB: at 512 KB a deep recursion overflowed V8 first (a host RangeError
 * that leaves the runtime unusable), at 256 KB QuickJS reports "stack overflow" itself.
 */
export const DEFAULT_LIMITS: Limits = { timeoutMs: 1000, memoryBytes: 64 * 1024 * 1024, stackBytes: 256 * 1024 };

/**
 * too-long: the result string is over the 64 K-character limit on what leaves the sandbox. busy: the
 * machine was too loaded for the call to use its CPU time before the wall-clock backstop (cpu-time.ts):
 * nothing is known of its answer.
 */
export type FailureKind = "timeout" | "busy" | "memory" | "stack" | "exception" | "syntax" | "no-entry-point" | "not-a-string" | "too-long";

/**
 * A failure that the PAC's resources, not its answer, decided: the deadline, the memory limit, or a
 * machine too busy to run it. Each costs up to a whole deadline, so callers that evaluate many cells
 * stop after a few (`EvaluateManyOptions.stopAfterTimeouts`, the analysis' MAX_TIMEOUTS): a PAC that
 * allocates without end cost a lint 80 s of 44 memory failures before they counted.
 */
export function ranOutOfResources(failure: EvaluationFailure | undefined): boolean {
  return failure !== undefined && (failure.kind === "timeout" || failure.kind === "memory" || failure.kind === "busy");
}

export type CreateEvaluatorResult = { ok: true; evaluator: PacEvaluator } | { ok: false; failure: EvaluationFailure };

/** An evaluator whose load failed is disposed at once: the caller gets the failure alone. */
export function loadedOrDisposed(evaluator: PacEvaluator, failure: EvaluationFailure | undefined): CreateEvaluatorResult {
  if (!failure) return { ok: true, evaluator };
  evaluator[Symbol.dispose]();
  return { ok: false, failure };
}

export interface EvaluationFailure {
  readonly kind: FailureKind;
  /** One line: "timed out after 1000 ms", "ReferenceError: foo is not defined". */
  readonly message: string;
  /** Where it happened in the original file, when known. */
  readonly range?: Range;
}

/** One call of a PAC helper on the way to the result (recorded when tracing). */
export interface HelperCall {
  readonly name: string;
  readonly args: readonly unknown[];
  readonly result: unknown;
  /** The call site in the original file. */
  readonly range?: Range;
}

export interface Evaluation {
  /** The URL as the profile's client passes it to the PAC (chromium: https reduced to the origin). */
  readonly url: string;
  /** The host argument the PAC received (winhttp: case kept; chromium: lower case). */
  readonly host: string;
  readonly entryPoint: EntryPointName;
  /** The string the PAC returned, or null when it failed or returned a non-string. */
  readonly result: string | null;
  readonly entries: readonly ProxyEntry[];
  readonly failure?: EvaluationFailure;
  /** The `return` (or expression-bodied function) that produced the result, in the original file. */
  readonly returnRange?: Range;
  readonly calls?: readonly HelperCall[];
  /**
   * Names of the environment-reading helpers the call used (myIpAddress*, dnsResolve*,
   * isResolvable*, isInNet*, timeRange, weekdayRange, dateRange), each once, when `reads` was asked
   * for. Lets the route analysis reuse an answer for environments that differ only in what the call
   * did not read, without the cost of a full trace.
   */
  readonly reads?: readonly string[];
  /** The DNS reads the call made, each once, when `lookups` was asked for (sandboxed profiles only). */
  readonly lookups?: readonly DnsRead[];
  /** Ids of the branch outcomes taken (see Instrumentation.branches), when coverage is on. */
  readonly branches?: readonly number[];
  /** The proxy list the profile's client actually uses ("; "-joined valid entries; chromium: DIRECT when none). */
  readonly effective?: string;
  /** Set when the client never called the PAC (chromium's implicit bypass of loopback and link-local hosts). */
  readonly implicitBypass?: string;
}

/**
 * A DNS read of one call: a name looked up (lower case), or, with `mask`, isInNet comparing the
 * first IPv4 address the name resolves to under that mask (a signed 32-bit value, as the guest
 * computes it): then only that address under the mask was read, and only when the name resolves.
 */
export interface DnsRead {
  readonly name: string;
  readonly mask?: number;
}

/** A branch outcome of the PAC: the consequent or alternate of an if/?:, a case, one side of &&/||. */
export interface BranchPoint {
  readonly id: number;
  readonly range: Range;
  readonly kind: "if-then" | "if-else" | "cond-then" | "cond-else" | "case" | "logical-left" | "logical-right";
}

export interface EvaluateRequest {
  readonly url: string;
  /** Defaults to the URL's host as the profile's client derives it. */
  readonly host?: string;
  /** Defaults to the profile's choice (winhttp: Ex when defined). */
  readonly entryPoint?: EntryPointName;
  readonly trace?: boolean;
  readonly coverage?: boolean;
  /**
   * With `coverage`: `branches` lists only the outcomes that no earlier call with this flag listed (it
   * may list one again after a timeout or out-of-memory rebuilt the sandbox). For callers that want
   * the union over many calls, such as the route analysis: a call that takes 10,000 branches no longer
   * ships all 10,000 every time.
   */
  readonly newBranchesOnly?: boolean;
  /** Record which environment-reading helpers the call used (see Evaluation.reads). */
  readonly reads?: boolean;
  /** Record the names the call looked up in DNS (see Evaluation.lookups). */
  readonly lookups?: boolean;
}

export interface PacEvaluator extends Disposable {
  readonly profile: ProfileName;
  /** Entry points the script defines after its top level ran. */
  readonly entryPoints: readonly EntryPointName[];
  /** Every branch outcome of the script, for coverage. */
  readonly branchPoints: readonly BranchPoint[];
  evaluate(request: EvaluateRequest, env: Environment): Promise<Evaluation>;
  /**
   * Evaluates the calls in order, exactly as consecutive `evaluate` calls would (same results, each
   * call with its own deadline, state carried from call to call, a timeout or out-of-memory failing only
   * its own call and rebuilding the sandbox for the rest), with fewer host/guest crossings.
   */
  evaluateMany(calls: readonly EvaluateCall[], options?: EvaluateManyOptions): Promise<Evaluation[]>;
}

export interface EvaluateManyOptions {
  /**
   * Stop after this many calls ran out of time or memory (`ranOutOfResources`): the answers then
   * end with the last such failure (fewer than the calls). For callers that give up on a PAC that
   * keeps running out, so that the calls after it do not each cost a deadline.
   */
  readonly stopAfterTimeouts?: number;
}

/** One call of `PacEvaluator.evaluateMany`: a request and the world it is evaluated in. */
export interface EvaluateCall {
  readonly request: EvaluateRequest;
  readonly env: Environment;
}
