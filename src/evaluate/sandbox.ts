/**
 * The QuickJS sandbox behind the winhttp and chromium profiles: one runtime per PAC with a memory
 * limit, a stack limit and a deadline checked by the interrupt handler, the helper library running
 * guest-side (prelude.ts), and one host->guest call per evaluation.
 */
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten-core";
import { effectiveProxyList, parseProxyList } from "../pac/proxy-string.js";
import type { SourceFile } from "../source/source-file.js";
import type { Range } from "../types.js";
import { guestEnvironment } from "./environment.js";
import { busyFailure, deadlineClock, wallLimit } from "./cpu-time.js";
import { loadBudget, RuntimeLimiter } from "./limiter.js";
import { originalOffset, type Instrumented } from "./instrument.js";
import { BackstopExpired, type Backstop } from "./backstop.js";
import { instanceHeapCap } from "./quickjs.js";
import { memoryMessage, oneLine } from "./messages.js";
import { BATCH_BUDGET_MS, HIDDEN, PROBE_PREFIX, TEXT_LIMIT, parseDescribed, prelude, type Described } from "./prelude.js";
import { chromiumImplicitBypass, requestUrl } from "./url.js";
import { loadedOrDisposed, ranOutOfResources } from "./types.js";
import type {
  BranchPoint,
  CreateEvaluatorResult,
  DnsRead,
  EntryPointName,
  Environment,
  EvaluateCall,
  EvaluateManyOptions,
  EvaluateRequest,
  Evaluation,
  EvaluationFailure,
  HelperCall,
  Limits,
  PacEvaluator,
  ProxyEntry,
} from "./types.js";

/** The environment-reading helpers by the bit the guest sets when one runs (prelude.ts); "Date" is the PAC's own clock. */
const READ_BITS = [
  "myIpAddress", "myIpAddressEx", "dnsResolve", "dnsResolveEx", "isResolvable", "isResolvableEx", "isInNet", "",
  "timeRange", "weekdayRange", "dateRange", "Date",
] as const;

function readNames(bits: number): string[] {
  return READ_BITS.filter((name, bit) => name !== "" && (bits & (1 << bit)) !== 0);
}

/** The guest's DNS log (prelude.ts logDns): length-prefixed entries, "l<name>" or "m<mask> <name>". */
function dnsReads(log: string): DnsRead[] {
  const out: DnsRead[] = [];
  for (let at = 0; at < log.length; ) {
    const colon = log.indexOf(":", at);
    if (colon < 0) break;
    const entry = log.slice(colon + 1, colon + 1 + Number(log.slice(at, colon)));
    at = colon + 1 + entry.length;
    if (entry[0] === "l") out.push({ name: entry.slice(1) });
    else {
      const space = entry.indexOf(" ");
      out.push({ name: entry.slice(space + 1), mask: Number(entry.slice(1, space)) });
    }
  }
  return out;
}

/** The file name QuickJS reports in stack frames of the PAC (never shown to users). */
const SCRIPT_NAME = "pac-do:script";
/** A live-DNS evaluation is replayed at most this often, once per batch of newly seen names (like Chromium's tracing resolver). */
const MAX_DNS_REPLAYS = 16;
/**
 * The backstop cuts a guest crossing off this long after its deadline: the interrupt handler ends a
 * runaway call at the deadline itself, the backstop only what it cannot reach (one long native step,
 * a host read), and cutting off takes a few milliseconds more (docs/sandbox.md: deadline + 100 ms).
 */
export const BACKSTOP_GRACE_MS = 50;

export type SandboxProfile = "winhttp" | "chromium";

export interface SandboxOptions {
  readonly profile: SandboxProfile;
  readonly source: SourceFile;
  /** The script with its probes (see CompiledPac); without it the PAC runs as written and results name no line. */
  readonly instrumented?: Instrumented;
  readonly limits: Limits;
  /**
   * Where runtimes come from. `fresh`: a new wasm instance per runtime, whose memory is capped by
   * construction and which is dropped whole, never torn down, when the runtime is done or in doubt.
   * `shared`: runtimes of one module (tests pass QuickJS's debug build), disposed when healthy.
   */
  readonly runtimes: { readonly fresh: () => Promise<Pick<QuickJSWASMModule, "newRuntime">> } | { readonly shared: Pick<QuickJSWASMModule, "newRuntime"> };
  readonly backstop: Backstop;
  /** Answers names for `Environment.liveDns` (default: the system resolver). */
  readonly liveResolver?: (host: string) => Promise<readonly string[]>;
  /** The environment the PAC's top level runs in (`var me = myIpAddress()`); default: the prelude's. */
  readonly loadEnvironment?: Environment;
}

/** What every evaluation of a request starts with. */
interface RequestBase {
  readonly url: string;
  readonly host: string;
  readonly entryPoint: EntryPointName;
}

/** An Evaluation while decode fills in its optional fields. */
type Building = { -readonly [K in keyof Evaluation]: Evaluation[K] };

interface Guest {
  readonly runtime: QuickJSRuntime;
  readonly context: QuickJSContext;
  /** The prelude's completion value (see prelude.ts HIDDEN): progress, batch, finished, run, env, trace, entries, describe. */
  readonly hidden: Readonly<Record<(typeof HIDDEN)[number], QuickJSHandle>>;
  readonly limiter: RuntimeLimiter;
  /** The runtime has its own wasm instance, dropped with it. */
  readonly owned: boolean;
}

/** A call of a batch that the guest answers. */
interface GuestCall {
  /** Its place in the batch. */
  readonly index: number;
  readonly base: RequestBase;
  readonly env: Environment;
  /** The environment's JSON as the guest was given it. */
  readonly envJson: string;
  readonly trace: boolean;
  readonly coverage: 0 | 1 | 2;
  readonly reads: boolean;
}

/** The calls of one guest crossing of a batch (see runBatch). */
interface PreparedBatch {
  readonly pending: readonly GuestCall[];
  /** What the guest's batch function takes. */
  readonly text: string;
  /** The index after the last call looked at. */
  readonly next: number;
}

/** Separates the fields of a batch (see prelude.ts): far cheaper to join and split than JSON, and no URL or host has it. */
const FIELD = "\u0001";
/** What one guest crossing of a batch takes at most: memory stays bounded whatever the batch's size. */
const BATCH_CALLS = 2048;
const BATCH_CHARS = 1 << 21;

/** Creates a sandboxed evaluator, or the reason the PAC cannot load. */
export async function createSandbox(options: SandboxOptions): Promise<CreateEvaluatorResult> {
  const evaluator = new SandboxEvaluator(options);
  return loadedOrDisposed(evaluator, await evaluator.load());
}

/** Why a guest crossing ended without an answer: the runtime is now unusable. */
class CrossingFailed extends Error {
  constructor(readonly failure: EvaluationFailure) {
    super(failure.message);
  }
}

class SandboxEvaluator implements PacEvaluator {
  readonly profile: SandboxProfile;
  entryPoints: readonly EntryPointName[] = [];
  readonly branchPoints: readonly BranchPoint[];
  private readonly instrumented: Instrumented | undefined;
  /** The script the guest runs: the probes renamed to this evaluator's prefix (same length, so positions hold). */
  private readonly script: string;
  /** The CPU budget of running `script`'s top level (limiter.ts loadBudget). */
  private readonly loadMs: number;
  private readonly prefix: string;
  private guest: Guest | undefined;
  private envJson = "";
  private lastEnv: Environment | undefined;
  /** Set after a timeout, OOM, stack overflow or a crossing the backstop cut off: the next evaluation rebuilds the runtime. */
  private broken = false;
  /** The runtime's state is unknown (cut off, or the wasm failed): it is dropped, never disposed. */
  private poisoned = false;
  /** Set while a crossing runs again after the machine was too busy for it (see patiently). */
  private patient = false;
  private loadFailure: EvaluationFailure | undefined;
  /** Calls before this index go one per crossing: a crossing the backstop cut off runs again call by call (see runBatch). */
  private singleUntil = 0;
  private readonly liveAnswers = new Map<string, readonly string[]>();
  private readonly readResults = new Map<string, { readonly entries: readonly ProxyEntry[]; readonly effective: string }>();

  constructor(private readonly options: SandboxOptions) {
    this.profile = options.profile;
    this.instrumented = options.instrumented;
    this.prefix = randomPrefix();
    this.script = this.instrumented ? renameProbes(this.instrumented, this.prefix, options.source.text) : options.source.text;
    this.loadMs = loadBudget(options.limits, this.script.length);
    this.branchPoints = this.instrumented?.branchPoints ?? [];
  }

  /** Builds the runtime and runs the PAC's top level; returns why it failed, if it did. */
  async load(): Promise<EvaluationFailure | undefined> {
    const { runtimes } = this.options;
    const owned = "fresh" in runtimes;
    const module = "fresh" in runtimes ? await runtimes.fresh() : runtimes.shared;
    this.envJson = "";
    this.lastEnv = undefined;
    this.broken = false;
    this.poisoned = false;
    this.entryPoints = [];
    this.setUp(module, owned);
    const loaded = this.guarded(this.loadMs, () => this.runTopLevel());
    const failure = "failure" in loaded ? loaded.failure : loaded.value;
    if (failure?.kind === "busy" && !this.patient) return this.patiently(() => this.load());
    this.loadFailure = failure;
    return failure;
  }

  /** Runs `work` again with the backstop at its longest (cpu-time.ts wallStretch): once, after the machine was too busy. */
  private async patiently<T>(work: () => Promise<T>): Promise<T> {
    this.dropGuest();
    this.patient = true;
    try {
      return await work();
    } finally {
      this.patient = false;
    }
  }

  /** The runtime with the helper library and the probes: pac-do's own code, run before the PAC's deadline starts. */
  private setUp(module: Pick<QuickJSWASMModule, "newRuntime">, owned: boolean): void {
    const { limits, profile } = this.options;
    const runtime = module.newRuntime();
    const limiter = new RuntimeLimiter(runtime, limits, owned);
    const context = runtime.newContext();
    limiter.markHeap();
    const setup = context.evalCode(prelude(profile), "pac-do:prelude", { type: "global" });
    if (setup.error) {
      setup.error.dispose();
      throw new Error("the PAC helper library failed to load");
    }
    const hidden = Object.fromEntries(HIDDEN.map((name, index) => [name, context.getProp(setup.value, index)])) as Guest["hidden"];
    setup.value.dispose();
    this.guest = { runtime, context, hidden, limiter, owned };
    // The probes become global lexical constants under this evaluator's prefix: callable by the
    // instrumented script, listed by no reflection, and unguessable by the PAC.
    const holder = `${this.prefix}t`;
    context.setProp(context.global, holder, hidden.probes);
    const probes = ["r", "i", "a", "o", "n", "b", "c", "k"].map((name) => `${this.prefix}${name} = globalThis.${holder}.${name}`).join(", ");
    const bound = context.evalCode(`const ${probes}; delete globalThis.${holder};`, "pac-do:probes", { type: "global" });
    if (bound.error) {
      bound.error.dispose();
      throw new Error("the PAC probes failed to bind");
    }
    bound.value.dispose();
    this.callHidden("hide", context.newString(this.prefix)).dispose();
  }

  /** Runs the PAC's top level and reads which entry points it defined. */
  private runTopLevel(): EvaluationFailure | undefined {
    const guest = this.guest;
    if (!guest) throw new Error("evaluator used after dispose");
    const { context, limiter } = guest;
    // Each client loads the PAC itself: its top level sees that client's environment.
    if (this.options.loadEnvironment) this.setEnvironment(guest, this.options.loadEnvironment);
    limiter.start(this.loadMs);
    try {
      const result = context.evalCode(this.script, SCRIPT_NAME, { type: "global" });
      if (result.error) return this.thrownFailure(result.error, true);
      result.value.dispose();
      const entries = this.callHidden("entries");
      const found = entries === undefined ? "" : context.getString(entries);
      entries?.dispose();
      const names: EntryPointName[] = [];
      if (found.includes("F")) names.push("FindProxyForURL");
      if (found.includes("X")) names.push("FindProxyForURLEx");
      this.entryPoints = names;
      return undefined;
    } finally {
      limiter.stop();
    }
  }

  async evaluate(request: EvaluateRequest, env: Environment): Promise<Evaluation> {
    const prepared = this.prepare(request);
    if ("evaluation" in prepared) return prepared.evaluation;
    const { base } = prepared;
    if (this.broken) await this.rebuild();
    if (this.loadFailure) return { ...base, result: null, entries: [], failure: this.loadFailure };

    let trace = request.trace === true || env.liveDns;
    const coverage = request.coverage !== true ? 0 : request.newBranchesOnly === true ? 2 : 1;
    // New-only outcomes listed by a replayed (discarded) call would never be listed again: keep them.
    let listedBefore: readonly number[] = [];
    for (let replay = 0; ; replay++) {
      const outcome = this.call(base, env, trace, coverage, request.reads === true, request.lookups === true);
      if (outcome.evaluation.failure?.kind === "busy" && !this.patient) {
        return this.patiently(async () => {
          await this.load();
          return this.evaluate(request, env);
        });
      }
      // Without live DNS, trace is request.trace and nothing was listed before: the evaluation is final as built.
      if (!env.liveDns) return outcome.evaluation;
      if (outcome.misses.length === 0 || replay >= MAX_DNS_REPLAYS || "failure" in outcome.evaluation) {
        // Live DNS traces every call to learn the names it missed; the calls are only reported when asked for.
        const { calls, ...evaluation } = outcome.evaluation;
        const branches = listedBefore.length ? { branches: [...listedBefore, ...(evaluation.branches ?? [])] } : {};
        return { ...evaluation, ...branches, ...(request.trace && calls ? { calls } : {}) };
      }
      if (coverage === 2) listedBefore = [...listedBefore, ...(outcome.evaluation.branches ?? [])];
      for (const name of outcome.misses) this.liveAnswers.set(name, await (this.options.liveResolver ?? resolveLive)(name));
      this.lastEnv = undefined;
      trace = true;
    }
  }

  /**
   * Runs as many calls as it can per guest crossing (see runBatch). A call that needs the host between
   * guest steps (live DNS replays), holds the batch's field separator, or comes after a failure that
   * broke the sandbox goes through `evaluate` (which rebuilds it); the batches then resume.
   */
  async evaluateMany(calls: readonly EvaluateCall[], options: EvaluateManyOptions = {}): Promise<Evaluation[]> {
    const evaluations = new Array<Evaluation>(calls.length);
    const stopAfter = options.stopAfterTimeouts ?? Infinity;
    let timeouts = 0;
    let next = 0;
    while (next < calls.length) {
      const call = calls[next];
      if (call === undefined) break;
      const after = call.env.liveDns || this.broken || this.loadFailure !== undefined ? next : this.runBatch(calls, next, evaluations);
      const from = next;
      if (after === next) {
        // A call the guest cannot take in a batch (live DNS, a U+0001 in its URL or host) or that must rebuild the sandbox first.
        evaluations[next] = await this.evaluate(call.request, call.env);
        next++;
      } else {
        next = after;
      }
      for (let i = from; i < next; i++) {
        if (ranOutOfResources(evaluations[i]?.failure) && ++timeouts >= stopAfter) return evaluations.slice(0, i + 1);
      }
    }
    return evaluations;
  }

  [Symbol.dispose](): void {
    this.dropGuest();
  }

  /** Replaces a broken runtime: a fresh one runs the prelude and the PAC's top level again. */
  private async rebuild(): Promise<void> {
    this.dropGuest();
    await this.load();
  }

  /**
   * Runs one guest crossing under the backstop: `ms` plus BACKSTOP_GRACE_MS of wall clock, whatever
   * the guest does. A crossing cut off, or one in which the wasm itself failed (an abort, V8's own
   * stack overflow through the wasm frames), ends as that crossing's failure; the runtime is then
   * dropped and rebuilt for the next call.
   */
  private guarded<T>(ms: number, crossing: () => T): { value: T } | { failure: EvaluationFailure } {
    const cpuAtStart = deadlineClock();
    try {
      return { value: this.options.backstop.run(wallLimit(ms, this.options.backstop.graceMs ?? BACKSTOP_GRACE_MS, this.patient), crossing) };
    } catch (error) {
      if (error instanceof CrossingFailed) return { failure: error.failure };
      this.broken = true;
      this.poisoned = true;
      // Cut off before the thread had its CPU budget: the machine, not the PAC, ran out of time.
      if (error instanceof BackstopExpired) {
        return { failure: deadlineClock() - cpuAtStart < ms ? busyFailure() : { kind: "timeout", message: `timed out after ${ms} ms` } };
      }
      if (error instanceof RangeError && /call stack/i.test(error.message)) return { failure: { kind: "stack", message: "stack overflow" } };
      const message = error instanceof Error ? error.message : String(error);
      return { failure: { kind: "exception", message: `the sandbox failed and was rebuilt: ${oneLine(message)}` } };
    }
  }

  /** The url, host and entry point the PAC is called with, or the answer when the PAC is not called at all. */
  private prepare(request: EvaluateRequest): { base: RequestBase } | { evaluation: Evaluation } {
    const derived = requestUrl(this.profile, request.url);
    const url = derived.ok ? derived.url : request.url;
    const host = request.host ?? (derived.ok ? derived.host : "");
    const entryPoint = request.entryPoint ?? this.defaultEntryPoint();
    const base = { url, host, entryPoint };
    if (!derived.ok && request.host === undefined) {
      return { evaluation: { ...base, result: null, entries: [], failure: { kind: "exception", message: derived.message } } };
    }
    if (this.profile === "chromium" && request.host === undefined && chromiumImplicitBypass(host)) {
      const reason = "Chromium sends loopback and link-local hosts DIRECT without calling the PAC";
      return { evaluation: { ...base, result: null, entries: [{ text: "DIRECT", type: "DIRECT" }], effective: "DIRECT", implicitBypass: reason } };
    }
    return { base };
  }

  /**
   * Answers calls from `start` on with guest crossings of up to BATCH_CALLS calls each: the
   * environments (each distinct one once) and the requests go in as one string, the guest runs them in
   * order and the answers come back as one string. A crossing stops before a call with live DNS or a
   * U+0001 in its URL or host, and after a call that throws. A timeout or out-of-memory breaks the
   * sandbox, and the caller rebuilds it for the rest. Returns the index of the first call not answered
   * (calls after it that the host answered alone, such as invalid URLs, are simply answered again).
   *
   * The backstop bounds the crossings of one run as a whole: one deadline plus BATCH_BUDGET_MS (no
   * call, and no further crossing, starts after that budget) plus its grace. Starting its watchdog
   * costs about 1 ms of CPU on the shared project machine, a tenth of a 2,048-call crossing of a fast
   * PAC, so one run takes as many crossings as the budget allows. Crossings are not made larger
   * instead: per call, a crossing of 8,192 calls measured slower than two of 4,096 or four of 2,048.
   * When the backstop cuts a run off (a call stuck in one native step), nothing of it is known: the
   * caller rebuilds the sandbox and runs its calls again one per crossing, each with its own deadline.
   * Only state a PAC keeps in globals can tell: the calls before the stuck one ran twice, the second
   * time after the rebuild.
   */
  private runBatch(calls: readonly EvaluateCall[], start: number, into: Evaluation[]): number {
    const guest = this.guest;
    if (!guest) throw new Error("evaluator used after dispose");
    const { limits } = this.options;
    const crossings: { batch: PreparedBatch; answers: string[]; failure?: EvaluationFailure }[] = [];
    // Where the crossing under way ends: a run cut off in it runs its calls again one by one.
    let reached = start;
    const crossed = this.guarded(limits.timeoutMs + BATCH_BUDGET_MS, () => {
      const budgetEnd = performance.now() + BATCH_BUDGET_MS;
      let next = start;
      for (;;) {
        const batch = this.prepareBatch(calls, next, into, crossings[crossings.length - 1]?.batch);
        next = batch.next;
        if (batch.pending.length === 0) return next;
        reached = next;
        const crossing = this.crossBatch(guest, batch, budgetEnd - performance.now());
        crossings.push({ batch, ...crossing });
        // Another crossing only after one that answered every call without a throw (a stack overflow breaks the runtime), with budget left.
        const traced = batch.pending.reduce((count, call) => count + (call.trace ? 1 : 0), 0);
        if (crossing.failure || crossing.answers.length < batch.pending.length + traced || crossing.answers.some((answer) => answer[0] === "e")) return next;
        if (next >= calls.length || performance.now() >= budgetEnd) return next;
      }
    });
    // Cut off by the backstop: the crossings that finished are answered; the calls of the one under way
    // run again, one per crossing, after the rebuild.
    const cut = "failure" in crossed;
    if (cut) this.singleUntil = reached;
    let next = cut ? start : crossed.value;
    for (const { batch, answers, failure } of crossings) {
      const after = this.decodeBatch(batch, answers, failure, into);
      if (after !== batch.next) return after;
      next = Math.max(next, after);
    }
    return next;
  }

  /** The calls from `start` that one guest crossing takes (see runBatch); calls the host answers alone go into `into`. */
  private prepareBatch(calls: readonly EvaluateCall[], start: number, into: Evaluation[], before: PreparedBatch | undefined): PreparedBatch {
    const pending: GuestCall[] = [];
    const items: (number | string)[] = [];
    const envIndex = new Map<Environment, number>();
    const envJson: string[] = [];
    // The environment the guest holds after the crossing before, whose JSON is at hand.
    const last = before?.pending[before.pending.length - 1];
    let chars = 0;
    let next = start;
    const most = start < this.singleUntil ? 1 : BATCH_CALLS;
    for (; next < calls.length && pending.length < most && chars < BATCH_CHARS; next++) {
      const call = calls[next];
      if (call === undefined || call.env.liveDns) break;
      const { request, env } = call;
      const prepared = this.prepare(request);
      if ("evaluation" in prepared) {
        into[next] = prepared.evaluation;
        continue;
      }
      const { base } = prepared;
      if (base.host.includes(FIELD) || base.url.includes(FIELD)) break;
      let e = envIndex.get(env);
      if (e === undefined) {
        e = envJson.length;
        envIndex.set(env, e);
        envJson.push(env === last?.env ? last.envJson : env === this.lastEnv ? this.envJson : this.environmentJson(env));
        chars += envJson[e]?.length ?? 0;
      }
      const json = envJson[e] ?? "";
      const trace = request.trace === true;
      const coverage = request.coverage !== true ? 0 : request.newBranchesOnly === true ? 2 : 1;
      const flags = (trace ? 1 : 0) | (coverage > 0 ? 2 : 0) | (coverage === 2 ? 4 : 0) | (request.lookups === true ? 8 : 0);
      items.push(flags | (base.entryPoint === "FindProxyForURL" ? 0 : 16) | (e << 5), base.host, base.url);
      chars += base.host.length + base.url.length;
      pending.push({ index: next, base, env, envJson: json, trace, coverage, reads: request.reads === true });
    }
    return { pending, text: `[${envJson.join(",")}]${FIELD}${items.join(FIELD)}`, next };
  }

  /** One guest crossing of a prepared batch; no call starts after `budgetMs`. */
  private crossBatch(guest: Guest, batch: PreparedBatch, budgetMs: number): { answers: string[]; failure?: EvaluationFailure } {
    const { context, limiter } = guest;
    const arg = context.newString(batch.text);
    const budget = context.newNumber(Math.max(0, budgetMs));
    limiter.startBatch(() => this.progress(guest), 1);
    try {
      const result = context.callFunction(guest.hidden.batch, context.undefined, arg, budget);
      if (!result.error) {
        const text = context.getString(result.value);
        result.value.dispose();
        return { answers: parseAnswers(text) };
      }
      // An uncatchable failure (timeout, memory): the guest is given up, but first asked for the answers it finished.
      const failure = this.thrownFailure(result.error, false);
      limiter.stop();
      return { answers: this.finishedAnswers(guest), failure };
    } finally {
      limiter.stop();
      arg.dispose();
      budget.dispose();
    }
  }

  /** Fills in the evaluations of a crossing's answers; returns the index of the first call not answered. */
  private decodeBatch(batch: PreparedBatch, answers: readonly string[], failure: EvaluationFailure | undefined, into: Evaluation[]): number {
    let at = 0;
    for (const call of batch.pending) {
      const answer = answers[at++];
      if (answer === undefined) {
        // The call that ended the crossing with an uncatchable failure, or the first call after a crossing that stopped early.
        if (failure) {
          this.settleEnvironment(call);
          into[call.index] = { ...call.base, result: null, entries: [], failure, ...(call.trace ? { calls: [] } : {}) };
          return call.index + 1;
        }
        return call.index;
      }
      const traced = call.trace ? parseTrace(answers[at++] ?? "", this.instrumented) : undefined;
      into[call.index] = this.decode(call.base, answer, traced, call.coverage > 0, call.reads);
      // A call that threw a stack overflow or out-of-memory broke the runtime: the next call rebuilds it.
      if (answer[0] === "e" && this.broken) {
        this.settleEnvironment(call);
        return call.index + 1;
      }
    }
    const last = batch.pending[batch.pending.length - 1];
    if (last) this.settleEnvironment(last);
    return batch.next;
  }

  /** The guest's environment after a batch is that of the last call it ran: later calls compare against it. */
  private settleEnvironment(call: GuestCall): void {
    this.lastEnv = call.env;
    this.envJson = call.envJson;
  }

  /** Which call of the running batch the guest is at. */
  private progress(guest: Guest): number {
    const { context } = guest;
    const value = context.getProp(guest.hidden.progress, 0);
    const at = context.typeof(value) === "number" ? context.getNumber(value) : -1;
    value.dispose();
    return at;
  }

  /** The answers a batch finished before it failed; the memory limit is lifted first, as the guest is given up anyway. */
  private finishedAnswers(guest: Guest): string[] {
    const { context, runtime, limiter } = guest;
    if (this.broken) runtime.setMemoryLimit(-1);
    limiter.markHeap();
    const result = context.callFunction(guest.hidden.finished, context.undefined);
    if (result.error) {
      result.error.dispose();
      return [];
    }
    const answers = parseAnswers(context.getString(result.value));
    result.value.dispose();
    return answers;
  }

  private environmentJson(env: Environment): string {
    return guestEnvironment(this.liveAnswers.size ? withLiveAnswers(env, this.liveAnswers) : env);
  }

  private defaultEntryPoint(): EntryPointName {
    // WinINET and (probably) WinHTTP call FindProxyForURLEx when the script defines it (research §2.1).
    return this.profile === "winhttp" && this.entryPoints.includes("FindProxyForURLEx") ? "FindProxyForURLEx" : "FindProxyForURL";
  }

  private call(
    base: RequestBase,
    env: Environment,
    trace: boolean,
    /** 0 off, 1 every outcome taken, 2 only outcomes not listed before. */
    coverage: 0 | 1 | 2,
    reads: boolean,
    lookups: boolean,
  ): { evaluation: Evaluation; misses: readonly string[] } {
    const guest = this.guest;
    if (!guest) throw new Error("evaluator used after dispose");
    const { context, limiter } = guest;
    const flags = (trace ? 1 : 0) | (coverage > 0 ? 2 : 0) | (coverage === 2 ? 4 : 0) | (lookups ? 8 : 0);
    const { url, host, entryPoint: entry } = base;
    const crossed = this.guarded(this.options.limits.timeoutMs, () => {
      this.setEnvironment(guest, env);
      const requestHandle = context.newString(`${flags},${entry === "FindProxyForURL" ? 0 : 1},${host.length},${host}${url}`);
      limiter.start();
      try {
        const result = context.callFunction(guest.hidden.run, context.undefined, requestHandle);
        if (result.error) throw new CrossingFailed(this.thrownFailure(result.error, false));
        const raw = context.getString(result.value);
        result.value.dispose();
        return { raw, traced: trace ? this.traceText(guest) : undefined };
      } finally {
        limiter.stop();
        requestHandle.dispose();
      }
    });
    if ("value" in crossed) {
      const { raw, traced: text } = crossed.value;
      const traced = text === undefined ? undefined : parseTrace(text, this.instrumented);
      return { evaluation: this.decode(base, raw, traced, coverage > 0, reads), misses: traced?.misses ?? [] };
    }
    const { failure } = crossed;
    return { evaluation: { ...base, result: null, entries: [], failure, ...(trace ? { calls: [] } : {}) }, misses: [] };
  }

  /**
   * Builds the evaluation from the guest's answer in one object, its optional fields assigned in the
   * order the callers have always listed them (returnRange, branches, reads, calls): most evaluations
   * are plain strings, and per-call spreads were a measurable share of the host's cost.
   */
  private decode(base: RequestBase, raw: string, traced: Traced | undefined, coverage: boolean, reads: boolean): Evaluation {
    const entry = base.entryPoint;
    const kind = raw[0];
    const bar1 = raw.indexOf("|");
    const bar2 = raw.indexOf("|", bar1 + 1);
    const bar3 = raw.indexOf("|", bar2 + 1);
    // With a DNS log (request.lookups) the reads field is "<bits>;<log length>" and the log precedes the value.
    // A log given up (too many entries) has length -1: no lookups are reported.
    const semicolon = raw.indexOf(";", bar2 + 1);
    const logged = semicolon >= 0 && semicolon < bar3;
    const logLength = logged ? Number(raw.slice(semicolon + 1, bar3)) : -1;
    const value = raw.slice(bar3 + 1 + Math.max(logLength, 0));
    if (kind === "e") {
      const failure = this.describedFailure(parseDescribed(value), false);
      return { url: base.url, host: base.host, entryPoint: entry, result: null, entries: [], failure, ...(traced ? { calls: traced.calls } : {}) };
    }
    const returnId = Number(raw.slice(1, bar1));
    const returnRange = this.instrumented?.returns[returnId];
    let evaluation: Building;
    if (kind === "n") {
      const failure: EvaluationFailure = { kind: "no-entry-point", message: `${entry} is not defined` };
      evaluation = { url: base.url, host: base.host, entryPoint: entry, result: null, entries: [], failure };
    } else if (kind === "v") {
      const colon = value.indexOf(":");
      const type = value.slice(0, colon);
      const text = oneLine(value.slice(colon + 1), 200);
      const shown = type === "undefined" || type === "object" && text === "null" ? text : `${type} ${text}`;
      const failure: EvaluationFailure = { kind: "not-a-string", message: `${entry} returned ${shown}, not a string`, ...(returnRange ? { range: returnRange } : {}) };
      evaluation = { url: base.url, host: base.host, entryPoint: entry, result: null, entries: [], failure };
    } else if (kind === "L") {
      const message = `${entry} returned a string of ${Number(value).toLocaleString("en-US")} characters, over the limit of ${TEXT_LIMIT.toLocaleString("en-US")}`;
      const failure: EvaluationFailure = { kind: "too-long", message, ...(returnRange ? { range: returnRange } : {}) };
      evaluation = { url: base.url, host: base.host, entryPoint: entry, result: null, entries: [], failure };
    } else {
      const read = this.readResult(value);
      evaluation = { url: base.url, host: base.host, entryPoint: entry, result: value, entries: read.entries, effective: read.effective };
    }
    if (returnRange) evaluation.returnRange = returnRange;
    if (coverage) evaluation.branches = raw.slice(bar1 + 1, bar2).split(",").filter(Boolean).map(Number);
    if (reads) evaluation.reads = readNames(Number(raw.slice(bar2 + 1, logged ? semicolon : bar3)));
    if (logLength >= 0) evaluation.lookups = dnsReads(raw.slice(bar3 + 1, bar3 + 1 + logLength));
    if (traced) evaluation.calls = traced.calls;
    return evaluation;
  }

  /** The entries of a result string and the list the client uses, read once per distinct string. */
  private readResult(value: string): { readonly entries: readonly ProxyEntry[]; readonly effective: string } {
    let read = this.readResults.get(value);
    if (read === undefined) {
      // A PAC returns few distinct strings: each is read once.
      if (this.readResults.size >= 1024) this.readResults.clear();
      const entries = parseProxyList(value, this.profile);
      read = { entries, effective: effectiveProxyList(entries, this.profile) };
      this.readResults.set(value, read);
    }
    return read;
  }

  /** The trace's JSON (built by the guest from primitives; see prelude.ts traceText). */
  private traceText(guest: Guest): string {
    const { context } = guest;
    const result = context.callFunction(guest.hidden.trace, context.undefined);
    if (result.error) {
      result.error.dispose();
      return "";
    }
    const text = context.getString(result.value);
    result.value.dispose();
    return text;
  }

  private setEnvironment(guest: Guest, env: Environment): void {
    if (env === this.lastEnv) return;
    this.lastEnv = env;
    const json = this.environmentJson(env);
    if (json === this.envJson) return;
    this.envJson = json;
    this.callHidden("env", guest.context.newString(json))?.dispose();
  }

  /** Calls a harness function (disposing `arg`); undefined when it threw. */
  private callHidden(name: "hide" | "entries" | "env", arg?: QuickJSHandle): QuickJSHandle {
    const guest = this.guest;
    if (!guest) throw new Error("evaluator used after dispose");
    const { context } = guest;
    const result = arg === undefined ? context.callFunction(guest.hidden[name], context.undefined) : context.callFunction(guest.hidden[name], context.undefined, arg);
    arg?.dispose();
    if (result.error) throw new CrossingFailed(this.thrownFailure(result.error, false));
    return result.value;
  }

  /**
   * A guest exception the guest did not catch itself: the uncatchable interrupt (timeout or memory,
   * which the limiter knows without reading the value), or what the top level threw. The value is
   * read by the guest's describe(), under the same deadline, which never calls its toString, toJSON
   * or getters.
   */
  private thrownFailure(error: QuickJSHandle, loading: boolean): EvaluationFailure {
    const guest = this.guest;
    const limiter = guest?.limiter;
    const { limits } = this.options;
    if (limiter?.interrupted) {
      error.dispose();
      this.broken = true;
      if (limiter.outOfMemory) return { kind: "memory", message: memoryMessage(limits) };
      return { kind: "timeout", message: `timed out after ${limiter.budgetMs} ms` };
    }
    if (!guest) {
      error.dispose();
      return { kind: "exception", message: "uncaught exception" };
    }
    const { context } = guest;
    const described = context.callFunction(guest.hidden.describe, context.undefined, error);
    error.dispose();
    if (described.error) {
      // Only a resource can fail describe(): the deadline or memory ran out while reading.
      described.error.dispose();
      this.broken = true;
      if (limiter?.interrupted && !limiter.outOfMemory) return { kind: "timeout", message: `timed out after ${limiter.budgetMs} ms` };
      return { kind: "memory", message: memoryMessage(limits) };
    }
    const text = context.getString(described.value);
    described.value.dispose();
    return this.describedFailure(parseDescribed(text), loading);
  }

  /** Classifies a thrown value; a resource failure marks the runtime for rebuilding. */
  private describedFailure(thrown: Described, loading: boolean): EvaluationFailure {
    const { limits } = this.options;
    const range = this.errorRange(thrown.stack);
    const at = range ? { range } : {};
    if (thrown.kind === "e" && thrown.name === "InternalError" && thrown.message === "out of memory") {
      this.broken = true;
      return { kind: "memory", message: memoryMessage(limits), ...at };
    }
    if (thrown.kind === "e" && thrown.name === "InternalError" && thrown.message === "stack overflow") {
      this.broken = true;
      return { kind: "stack", message: "stack overflow", ...at };
    }
    // QuickJS throws null when it cannot even build its "out of memory" error: the heap is then at its cap.
    if (thrown.kind === "p" && thrown.message === "null" && this.heapFull()) {
      this.broken = true;
      return { kind: "memory", message: memoryMessage(limits) };
    }
    if (thrown.kind === "p") return { kind: "exception", message: oneLine(`uncaught exception: ${thrown.message}`), ...at };
    if (thrown.kind === "o") {
      return { kind: "exception", message: oneLine(`uncaught exception: ${thrown.name ? `an object named ${thrown.name}` : "an object"} without a message`), ...at };
    }
    const kind = thrown.name === "SyntaxError" && loading ? "syntax" : "exception";
    return { kind, message: oneLine(thrown.name ? `${thrown.name}: ${thrown.message}` : thrown.message), ...at };
  }

  /**
   * The runtime's wasm memory is as large as it can grow (a runtime of its own only): emscripten grows
   * the heap by at least 5 % at a time, so growing may stop that far below the cap.
   */
  private heapFull(): boolean {
    const guest = this.guest;
    if (!guest?.owned) return false;
    const cap = instanceHeapCap(this.options.limits.memoryBytes);
    return guest.limiter.heapBytes() >= cap - Math.max(cap / 16, 1 << 20);
  }

  /** The original-file position of the first stack frame inside the PAC. */
  private errorRange(stack: string | undefined): Range | undefined {
    if (!stack) return undefined;
    const match = new RegExp(`${SCRIPT_NAME.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+):(\\d+)`).exec(stack);
    if (!match) return undefined;
    const offset = offsetInScript(this.script, Number(match[1]), Number(match[2]));
    const original = this.instrumented ? originalOffset(this.instrumented.insertions, offset) : offset;
    const clamped = Math.min(original, this.options.source.text.length);
    return [clamped, clamped];
  }

  /**
   * Lets go of the runtime. A runtime with its own wasm instance is dropped whole (the instance's
   * memory goes with it), never torn down: QuickJS's teardown asserts on a heap that a cut-off or
   * failed crossing left inconsistent, and an assertion aborts the wasm. A shared module's runtime is
   * disposed when its state is known.
   */
  private dropGuest(): void {
    const guest = this.guest;
    if (!guest) return;
    this.guest = undefined;
    if (guest.owned || this.poisoned) return;
    try {
      for (const handle of Object.values(guest.hidden)) handle.dispose();
      guest.context.dispose();
      guest.runtime.dispose();
    } catch {
      // A runtime that cannot be torn down is simply dropped.
    }
  }
}

/**
 * A random identifier of PROBE_PREFIX's length: the probes' names for one evaluator. From the host's
 * `Math.random`, which no guest can read (a PAC's `Math.random` is QuickJS's own generator), so the
 * names are as unpredictable to the PAC as with WebCrypto, whose first use loads Node's crypto modules:
 * about 5 ms of the main thread in every cold command that evaluates (docs/performance.md, "Start-up").
 */
function randomPrefix(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const characters = Array.from({ length: PROBE_PREFIX.length - 2 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]);
  return `_${characters.join("")}$`;
}

/**
 * The instrumented script with PROBE_PREFIX replaced by `prefix` inside the inserted texts only (a PAC's
 * own text keeps its characters). When the PAC's text holds no PROBE_PREFIX, every occurrence is inside
 * an insertion (none starts with a proper suffix of the prefix or ends with a proper prefix of it, so
 * none straddles a boundary), and one replaceAll does it: a 1 MB PAC has 30,000 insertions.
 */
function renameProbes(instrumented: Instrumented, prefix: string, original: string): string {
  const { text, insertions } = instrumented;
  if (!original.includes(PROBE_PREFIX)) return text.replaceAll(PROBE_PREFIX, prefix);
  const parts: string[] = [];
  let shift = 0;
  let copied = 0;
  for (const [offset, length] of insertions) {
    const at = offset + shift;
    parts.push(text.slice(copied, at), text.slice(at, at + length).replaceAll(PROBE_PREFIX, prefix));
    copied = at + length;
    shift += length;
  }
  parts.push(text.slice(copied));
  return parts.join("");
}

/** The helper calls a traced call made, and the names it looked up that live DNS has not answered yet. */
interface Traced {
  readonly calls: readonly HelperCall[];
  readonly misses: readonly string[];
}

/** Reads the guest's trace JSON (see prelude.ts); anything unreadable is an empty trace. */
function parseTrace(text: string, instrumented: Instrumented | undefined): Traced {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { calls: [], misses: [] };
  }
  const calls: HelperCall[] = [];
  const misses: string[] = [];
  if (typeof parsed === "object" && parsed !== null && "calls" in parsed && Array.isArray(parsed.calls)) {
    for (const call of parsed.calls as unknown[]) {
      if (!Array.isArray(call)) continue;
      const [name, args, answer, site] = call as [unknown, unknown, unknown, unknown];
      const range = typeof site === "number" ? instrumented?.sites[site] : undefined;
      calls.push({ name: String(name), args: Array.isArray(args) ? args : [], result: answer, ...(range ? { range } : {}) });
    }
  }
  if (typeof parsed === "object" && parsed !== null && "miss" in parsed && Array.isArray(parsed.miss)) {
    for (const name of parsed.miss as unknown[]) if (typeof name === "string" && !misses.includes(name)) misses.push(name);
  }
  return { calls, misses };
}

/** The guest's list of answers of a batch (strings only: the guest builds it from strings). */
function parseAnswers(text: string): string[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((answer): answer is string => typeof answer === "string") : [];
}

/**
 * The offset of a QuickJS line:column in the script. QuickJS counts lines at "\n" only and columns
 * in UTF-8 bytes from 1.
 */
export function offsetInScript(script: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = script.indexOf("\n", start);
    if (next === -1) return script.length;
    start = next + 1;
  }
  let bytes = 1;
  let offset = start;
  while (bytes < column && offset < script.length) {
    const code = script.codePointAt(offset) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    offset += code >= 0x10000 ? 2 : 1;
  }
  return offset;
}

function withLiveAnswers(env: Environment, live: ReadonlyMap<string, readonly string[]>): Environment {
  const dns = new Map(live);
  for (const [host, ips] of env.dns) dns.set(host.toLowerCase(), ips);
  return { ...env, dns };
}

async function resolveLive(host: string): Promise<readonly string[]> {
  try {
    // Loaded on demand: only --live-dns needs it, and a browser has no node:dns.
    const { lookup } = await import("node:dns/promises");
    const answers = await lookup(host, { all: true });
    return answers.map((a) => a.address);
  } catch {
    return [];
  }
}
