/**
 * The QuickJS sandbox behind the winhttp and chromium profiles: one runtime per PAC with a memory
 * limit, a stack limit and a deadline checked by the interrupt handler, the helper library running
 * guest-side (prelude.ts), and one host->guest call per evaluation.
 */
import { lookup } from "node:dns/promises";
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten-core";
import { effectiveProxyList, parseProxyList } from "../pac/proxy-string.js";
import type { SourceFile } from "../source/source-file.js";
import type { Range } from "../types.js";
import { guestEnvironment } from "./environment.js";
import { RuntimeLimiter } from "./limiter.js";
import { originalOffset, type Instrumented } from "./instrument.js";
import { HARNESS, prelude } from "./prelude.js";
import { chromiumImplicitBypass, requestUrl } from "./url.js";
import type {
  BranchPoint,
  EntryPointName,
  Environment,
  EvaluateCall,
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

/** The file name QuickJS reports in stack frames of the PAC (never shown to users). */
const SCRIPT_NAME = "pac-do:script";
/** A live-DNS evaluation is replayed at most this often, once per batch of newly seen names (like Chromium's tracing resolver). */
const MAX_DNS_REPLAYS = 16;

export type SandboxProfile = "winhttp" | "chromium";

export interface SandboxOptions {
  readonly profile: SandboxProfile;
  readonly source: SourceFile;
  /** The script with its probes (see CompiledPac); without it the PAC runs as written and results name no line. */
  readonly instrumented?: Instrumented;
  readonly limits: Limits;
  readonly module: Pick<QuickJSWASMModule, "newRuntime">;
  /** Answers names for `Environment.liveDns` (default: the system resolver). */
  readonly liveResolver?: (host: string) => Promise<readonly string[]>;
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
  readonly run: QuickJSHandle;
  readonly env: QuickJSHandle;
  readonly trace: QuickJSHandle;
  readonly batch: QuickJSHandle;
  readonly finished: QuickJSHandle;
  readonly rethrow: QuickJSHandle;
  /** Which call of a batch is running (the prelude's completion value; see prelude.ts). */
  readonly progress: QuickJSHandle;
  readonly limiter: RuntimeLimiter;
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

/** Separates the fields of a batch (see prelude.ts): far cheaper to join and split than JSON, and no URL or host has it. */
const FIELD = "\u0001";
/** What one guest crossing of a batch takes at most: memory stays bounded whatever the batch's size. */
const BATCH_CALLS = 2048;
const BATCH_CHARS = 1 << 21;

/** Creates a sandboxed evaluator, or the reason the PAC cannot load. */
export function createSandbox(options: SandboxOptions): { ok: true; evaluator: PacEvaluator } | { ok: false; failure: EvaluationFailure } {
  const evaluator = new SandboxEvaluator(options);
  const failure = evaluator.load();
  if (failure) {
    evaluator[Symbol.dispose]();
    return { ok: false, failure };
  }
  return { ok: true, evaluator };
}

class SandboxEvaluator implements PacEvaluator {
  readonly profile: SandboxProfile;
  entryPoints: readonly EntryPointName[] = [];
  readonly branchPoints: readonly BranchPoint[];
  private readonly instrumented: Instrumented | undefined;
  private readonly script: string;
  private guest: Guest | undefined;
  private envJson = "";
  private lastEnv: Environment | undefined;
  /** Set after a timeout, OOM or stack overflow: the next evaluation rebuilds the runtime. */
  private broken = false;
  private loadFailure: EvaluationFailure | undefined;
  private readonly liveAnswers = new Map<string, readonly string[]>();
  private readonly readResults = new Map<string, { readonly entries: readonly ProxyEntry[]; readonly effective: string }>();

  constructor(private readonly options: SandboxOptions) {
    this.profile = options.profile;
    this.instrumented = options.instrumented;
    this.script = this.instrumented?.text ?? options.source.text;
    this.branchPoints = this.instrumented?.branchPoints ?? [];
  }

  /** Builds the runtime and runs the PAC's top level; returns why it failed, if it did. */
  load(): EvaluationFailure | undefined {
    const { module, limits, profile } = this.options;
    const runtime = module.newRuntime();
    const limiter = new RuntimeLimiter(runtime, limits);
    const context = runtime.newContext();
    limiter.markHeap();
    const setup = context.evalCode(prelude(profile), "pac-do:prelude", { type: "global" });
    if (setup.error) {
      const message = describeThrown(context, setup.error);
      setup.error.dispose();
      context.dispose();
      runtime.dispose();
      throw new Error(`the PAC helper library failed to load: ${message}`);
    }
    const global = (name: string): QuickJSHandle => context.getProp(context.global, name);
    // The batch entry points and the progress array are the prelude's completion value, never globals.
    const hidden = (index: number): QuickJSHandle => context.getProp(setup.value, index);
    this.guest = {
      runtime,
      context,
      run: global(HARNESS.run),
      env: global(HARNESS.env),
      trace: global(HARNESS.trace),
      progress: hidden(0),
      batch: hidden(1),
      finished: hidden(2),
      rethrow: hidden(3),
      limiter,
    };
    setup.value.dispose();
    this.envJson = "";
    this.lastEnv = undefined;
    this.broken = false;

    limiter.start();
    const result = context.evalCode(this.script, SCRIPT_NAME, { type: "global" });
    limiter.stop();
    if (result.error) {
      const failure = this.failure(context, result.error, true);
      result.error.dispose();
      this.loadFailure = failure;
      return failure;
    }
    result.value.dispose();
    const entries = context.evalCode(`${HARNESS.entries}()`, "pac-do:entries", { type: "global" });
    const found = entries.error ? "" : context.getString(entries.value);
    (entries.error ?? entries.value).dispose();
    const names: EntryPointName[] = [];
    if (found.includes("F")) names.push("FindProxyForURL");
    if (found.includes("X")) names.push("FindProxyForURLEx");
    this.entryPoints = names;
    this.loadFailure = undefined;
    return undefined;
  }

  async evaluate(request: EvaluateRequest, env: Environment): Promise<Evaluation> {
    const prepared = this.prepare(request);
    if ("evaluation" in prepared) return prepared.evaluation;
    const { base } = prepared;
    if (this.broken) {
      this.disposeGuest();
      this.load();
    }
    if (this.loadFailure) return { ...base, result: null, entries: [], failure: this.loadFailure };

    let trace = request.trace === true || env.liveDns;
    const coverage = request.coverage !== true ? 0 : request.newBranchesOnly === true ? 2 : 1;
    // New-only outcomes listed by a replayed (discarded) call would never be listed again: keep them.
    let listedBefore: readonly number[] = [];
    for (let replay = 0; ; replay++) {
      const outcome = this.call(base, env, trace, coverage, request.reads === true);
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
  async evaluateMany(calls: readonly EvaluateCall[]): Promise<Evaluation[]> {
    const evaluations = new Array<Evaluation>(calls.length);
    let next = 0;
    while (next < calls.length) {
      const call = calls[next];
      if (call === undefined) break;
      const after = call.env.liveDns || this.broken || this.loadFailure !== undefined ? next : this.runBatch(calls, next, evaluations);
      if (after === next) {
        // A call the guest cannot take in a batch (live DNS, a U+0001 in its URL or host) or that must rebuild the sandbox first.
        evaluations[next] = await this.evaluate(call.request, call.env);
        next++;
      } else {
        next = after;
      }
    }
    return evaluations;
  }

  [Symbol.dispose](): void {
    this.disposeGuest();
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
   * Answers calls from `start` on, up to a bounded number, with one guest crossing: the environments
   * (each distinct one once) and the requests go in as one string, the guest runs them in order and
   * the answers come back as one string. Stops before a call with live DNS or a U+0001 in its URL or
   * host. A call that throws ends the crossing there and is read as a single call's failure is; a
   * timeout or out-of-memory also breaks the sandbox, and the caller rebuilds it for the rest. Returns
   * the index of the first call not answered (calls after it that the host answered alone, such as
   * invalid URLs, are simply answered again).
   */
  private runBatch(calls: readonly EvaluateCall[], start: number, into: Evaluation[]): number {
    const guest = this.guest;
    if (!guest) throw new Error("evaluator used after dispose");
    const pending: GuestCall[] = [];
    const items: (number | string)[] = [];
    const envIndex = new Map<Environment, number>();
    const envJson: string[] = [];
    let chars = 0;
    let next = start;
    for (; next < calls.length && pending.length < BATCH_CALLS && chars < BATCH_CHARS; next++) {
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
        envJson.push(env === this.lastEnv ? this.envJson : this.environmentJson(env));
        chars += envJson[e]?.length ?? 0;
      }
      const json = envJson[e] ?? "";
      const trace = request.trace === true;
      const coverage = request.coverage !== true ? 0 : request.newBranchesOnly === true ? 2 : 1;
      const flags = (trace ? 1 : 0) | (coverage > 0 ? 2 : 0) | (coverage === 2 ? 4 : 0);
      items.push(flags | (base.entryPoint === "FindProxyForURL" ? 0 : 8) | (e << 4), base.host, base.url);
      chars += base.host.length + base.url.length;
      pending.push({ index: next, base, env, envJson: json, trace, coverage, reads: request.reads === true });
    }
    if (pending.length === 0) return next;

    const { context, limiter } = guest;
    const arg = context.newString(`[${envJson.join(",")}]${FIELD}${items.join(FIELD)}`);
    limiter.startBatch(() => this.progress(guest), 1);
    const result = context.callFunction(guest.batch, context.undefined, arg);
    limiter.stop();
    arg.dispose();
    let answers: string[];
    let failure: EvaluationFailure | undefined;
    if (result.error) {
      // An uncatchable failure (timeout, memory): the guest is given up, but first asked for the answers it finished.
      failure = this.failure(context, result.error, false);
      result.error.dispose();
      answers = this.finishedAnswers(guest);
    } else {
      answers = parseAnswers(context.getString(result.value));
      result.value.dispose();
    }

    let at = 0;
    for (const call of pending) {
      const answer = answers[at++];
      if (answer === undefined || answer === "x") {
        // The call that ended the batch: a thrown exception is read from the guest as `call` reads it.
        if (answer === "x") {
          const thrown = context.callFunction(guest.rethrow, context.undefined);
          if (thrown.error) {
            failure = this.failure(context, thrown.error, false);
            thrown.error.dispose();
          } else {
            thrown.value.dispose();
          }
        }
        this.settleEnvironment(call);
        const traced = call.trace && !this.broken ? this.readTrace(guest) : { calls: [] };
        const failed = failure ?? { kind: "exception" as const, message: "the sandbox lost this call's answer" };
        into[call.index] = { ...call.base, result: null, entries: [], failure: failed, ...(call.trace ? { calls: traced.calls } : {}) };
        return call.index + 1;
      }
      const traced = call.trace ? parseTrace(answers[at++] ?? "", this.instrumented) : undefined;
      into[call.index] = this.decode(call.base, answer, traced, call.coverage > 0, call.reads);
    }
    const last = pending[pending.length - 1];
    if (last) this.settleEnvironment(last);
    return next;
  }

  /** The guest's environment after a batch is that of the last call it ran: later calls compare against it. */
  private settleEnvironment(call: GuestCall): void {
    this.lastEnv = call.env;
    this.envJson = call.envJson;
  }

  /** Which call of the running batch the guest is at. */
  private progress(guest: Guest): number {
    const { context } = guest;
    const value = context.getProp(guest.progress, 0);
    const at = context.typeof(value) === "number" ? context.getNumber(value) : -1;
    value.dispose();
    return at;
  }

  /** The answers a batch finished before it failed; the memory limit is lifted first, as the guest is given up anyway. */
  private finishedAnswers(guest: Guest): string[] {
    const { context, runtime, limiter } = guest;
    if (this.broken) runtime.setMemoryLimit(-1);
    limiter.markHeap();
    const result = context.callFunction(guest.finished, context.undefined);
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
  ): { evaluation: Evaluation; misses: readonly string[] } {
    const guest = this.guest;
    if (!guest) throw new Error("evaluator used after dispose");
    const { context } = guest;
    this.setEnvironment(guest, env);
    const flags = (trace ? 1 : 0) | (coverage > 0 ? 2 : 0) | (coverage === 2 ? 4 : 0);
    const { url, host, entryPoint: entry } = base;
    const requestHandle = context.newString(`${flags},${entry === "FindProxyForURL" ? 0 : 1},${host.length},${host}${url}`);
    guest.limiter.start();
    const result = context.callFunction(guest.run, context.undefined, requestHandle);
    guest.limiter.stop();
    requestHandle.dispose();
    if (result.error) {
      const failure = this.failure(context, result.error, false);
      result.error.dispose();
      const traced = trace && !this.broken ? this.readTrace(guest) : { calls: [], misses: [] };
      return { evaluation: { ...base, result: null, entries: [], failure, ...(trace ? { calls: traced.calls } : {}) }, misses: traced.misses };
    }
    const raw = context.getString(result.value);
    result.value.dispose();
    const traced = trace ? this.readTrace(guest) : undefined;
    return { evaluation: this.decode(base, raw, traced, coverage > 0, reads), misses: traced?.misses ?? [] };
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
    const returnId = Number(raw.slice(1, bar1));
    const value = raw.slice(bar3 + 1);
    const returnRange = this.instrumented?.returns[returnId];
    let evaluation: Building;
    if (kind === "n") {
      const failure: EvaluationFailure = { kind: "no-entry-point", message: `${entry} is not defined` };
      evaluation = { url: base.url, host: base.host, entryPoint: entry, result: null, entries: [], failure };
    } else if (kind === "v") {
      const colon = value.indexOf(":");
      const type = value.slice(0, colon);
      const shown = type === "undefined" || type === "object" && value.endsWith(":null") ? value.slice(colon + 1) : `${type} ${value.slice(colon + 1)}`;
      const failure: EvaluationFailure = { kind: "not-a-string", message: `${entry} returned ${shown}, not a string`, ...(returnRange ? { range: returnRange } : {}) };
      evaluation = { url: base.url, host: base.host, entryPoint: entry, result: null, entries: [], failure };
    } else {
      const read = this.readResult(value);
      evaluation = { url: base.url, host: base.host, entryPoint: entry, result: value, entries: read.entries, effective: read.effective };
    }
    if (returnRange) evaluation.returnRange = returnRange;
    if (coverage) evaluation.branches = raw.slice(bar1 + 1, bar2).split(",").filter(Boolean).map(Number);
    if (reads) evaluation.reads = readNames(Number(raw.slice(bar2 + 1, bar3)));
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

  private readTrace(guest: Guest): Traced {
    const { context } = guest;
    const result = context.callFunction(guest.trace, context.undefined);
    if (result.error) {
      result.error.dispose();
      return { calls: [], misses: [] };
    }
    const text = context.getString(result.value);
    result.value.dispose();
    return parseTrace(text, this.instrumented);
  }

  private setEnvironment(guest: Guest, env: Environment): void {
    if (env === this.lastEnv) return;
    this.lastEnv = env;
    const json = this.environmentJson(env);
    if (json === this.envJson) return;
    this.envJson = json;
    const { context } = guest;
    const arg = context.newString(json);
    const result = context.callFunction(guest.env, context.undefined, arg);
    arg.dispose();
    if (result.error) {
      const message = describeThrown(context, result.error);
      result.error.dispose();
      throw new Error(`could not set the PAC environment: ${message}`);
    }
    result.value.dispose();
  }

  /** Classifies a guest exception; a resource failure marks the runtime for rebuilding. */
  private failure(context: QuickJSContext, error: QuickJSHandle, loading: boolean): EvaluationFailure {
    const { limits } = this.options;
    const thrown = inspectThrown(context, error);
    const range = this.errorRange(thrown.stack);
    const at = range ? { range } : {};
    if (thrown.name === "InternalError" && thrown.message === "interrupted" && this.guest?.limiter.outOfMemory === true) {
      this.broken = true;
      return { kind: "memory", message: `out of memory (limit ${formatMegabytes(limits.memoryBytes)})`, ...at };
    }
    if (thrown.name === "InternalError" && thrown.message === "interrupted") {
      this.broken = true;
      return { kind: "timeout", message: `timed out after ${limits.timeoutMs} ms`, ...at };
    }
    if (thrown.message === "out of memory" || thrown.oom) {
      this.broken = true;
      return { kind: "memory", message: `out of memory (limit ${formatMegabytes(limits.memoryBytes)})`, ...at };
    }
    if (thrown.name === "InternalError" && thrown.message === "stack overflow") {
      this.broken = true;
      return { kind: "stack", message: "stack overflow", ...at };
    }
    const kind = thrown.name === "SyntaxError" && loading ? "syntax" : "exception";
    return { kind, message: thrown.text, ...at };
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

  private disposeGuest(): void {
    const guest = this.guest;
    if (!guest) return;
    this.guest = undefined;
    for (const handle of [guest.run, guest.env, guest.trace, guest.batch, guest.finished, guest.rethrow, guest.progress]) {
      handle.dispose();
    }
    guest.context.dispose();
    guest.runtime.dispose();
  }
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

interface Thrown {
  readonly name: string | undefined;
  readonly message: string;
  readonly stack: string | undefined;
  /** One line for users: "ReferenceError: foo is not defined" or the thrown value. */
  readonly text: string;
  readonly oom: boolean;
}

function inspectThrown(context: QuickJSContext, error: QuickJSHandle): Thrown {
  let dumped: unknown;
  try {
    dumped = context.dump(error);
  } catch {
    return { name: undefined, message: "out of memory", stack: undefined, text: "out of memory", oom: true };
  }
  if (typeof dumped === "object" && dumped !== null && "message" in dumped) {
    const name = "name" in dumped && typeof dumped.name === "string" ? dumped.name : undefined;
    const message = String(dumped.message);
    const stack = "stack" in dumped && typeof dumped.stack === "string" ? dumped.stack : undefined;
    return { name, message, stack, text: oneLine(name ? `${name}: ${message}` : message), oom: false };
  }
  if (dumped === null && context.typeof(error) === "object") {
    return { name: undefined, message: "out of memory", stack: undefined, text: "out of memory", oom: true };
  }
  const text = typeof dumped === "string" ? dumped : JSON.stringify(dumped) ?? String(dumped);
  return { name: undefined, message: text, stack: undefined, text: oneLine(`uncaught exception: ${text}`), oom: false };
}

function describeThrown(context: QuickJSContext, error: QuickJSHandle): string {
  return inspectThrown(context, error).text;
}

function oneLine(text: string): string {
  const line = text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ").trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
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

function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

function withLiveAnswers(env: Environment, live: ReadonlyMap<string, readonly string[]>): Environment {
  const dns = new Map(live);
  for (const [host, ips] of env.dns) dns.set(host.toLowerCase(), ips);
  return { ...env, dns };
}

async function resolveLive(host: string): Promise<readonly string[]> {
  try {
    const answers = await lookup(host, { all: true });
    return answers.map((a) => a.address);
  } catch {
    return [];
  }
}
