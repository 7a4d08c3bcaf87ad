/**
 * The QuickJS sandbox behind the winhttp and chromium profiles: one runtime per PAC with a memory
 * limit, a stack limit and a deadline checked by the interrupt handler, the helper library running
 * guest-side (prelude.ts), and one host->guest call per evaluation.
 */
import { lookup } from "node:dns/promises";
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten-core";
import { effectiveProxyList, parseProxyList } from "../resolve/proxy-string.js";
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
  readonly limiter: RuntimeLimiter;
}

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
    setup.value.dispose();
    const global = (name: string): QuickJSHandle => context.getProp(context.global, name);
    this.guest = {
      runtime,
      context,
      run: global(HARNESS.run),
      env: global(HARNESS.env),
      trace: global(HARNESS.trace),
      limiter,
    };
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
    const derived = requestUrl(this.profile, request.url);
    const url = derived.ok ? derived.url : request.url;
    const host = request.host ?? (derived.ok ? derived.host : "");
    const entryPoint = request.entryPoint ?? this.defaultEntryPoint();
    const base = { url, host, entryPoint };
    if (!derived.ok && request.host === undefined) {
      return { ...base, result: null, entries: [], failure: { kind: "exception", message: derived.message } };
    }
    if (this.profile === "chromium" && request.host === undefined && chromiumImplicitBypass(host)) {
      const reason = "Chromium sends loopback and link-local hosts DIRECT without calling the PAC";
      return { ...base, result: null, entries: [{ text: "DIRECT", type: "DIRECT" }], effective: "DIRECT", implicitBypass: reason };
    }
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

  async evaluateMany(calls: readonly EvaluateCall[]): Promise<Evaluation[]> {
    const evaluations: Evaluation[] = [];
    for (const { request, env } of calls) evaluations.push(await this.evaluate(request, env));
    return evaluations;
  }

  [Symbol.dispose](): void {
    this.disposeGuest();
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
    return this.decode(guest, base, raw, trace, coverage > 0, reads);
  }

  /**
   * Builds the evaluation from the guest's answer in one object, its optional fields assigned in the
   * order the callers have always listed them (returnRange, branches, reads, calls): most evaluations
   * are plain strings, and per-call spreads were a measurable share of the host's cost.
   */
  private decode(
    guest: Guest,
    base: RequestBase,
    raw: string,
    trace: boolean,
    coverage: boolean,
    reads: boolean,
  ): { evaluation: Evaluation; misses: readonly string[] } {
    const entry = base.entryPoint;
    const kind = raw[0];
    const bar1 = raw.indexOf("|");
    const bar2 = raw.indexOf("|", bar1 + 1);
    const bar3 = raw.indexOf("|", bar2 + 1);
    const returnId = Number(raw.slice(1, bar1));
    const value = raw.slice(bar3 + 1);
    const returnRange = this.instrumented?.returns[returnId];
    const traced = trace ? this.readTrace(guest) : undefined;
    const misses = traced?.misses ?? [];
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
    return { evaluation, misses };
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

  private readTrace(guest: Guest): { calls: HelperCall[]; misses: string[] } {
    const { context } = guest;
    const result = context.callFunction(guest.trace, context.undefined);
    if (result.error) {
      result.error.dispose();
      return { calls: [], misses: [] };
    }
    const parsed: unknown = JSON.parse(context.getString(result.value));
    result.value.dispose();
    const calls: HelperCall[] = [];
    const misses: string[] = [];
    if (typeof parsed === "object" && parsed !== null && "calls" in parsed && Array.isArray(parsed.calls)) {
      for (const call of parsed.calls as unknown[]) {
        if (!Array.isArray(call)) continue;
        const [name, args, answer, site] = call as [unknown, unknown, unknown, unknown];
        const range = typeof site === "number" ? this.instrumented?.sites[site] : undefined;
        calls.push({ name: String(name), args: Array.isArray(args) ? args : [], result: answer, ...(range ? { range } : {}) });
      }
    }
    if (typeof parsed === "object" && parsed !== null && "miss" in parsed && Array.isArray(parsed.miss)) {
      for (const name of parsed.miss as unknown[]) if (typeof name === "string" && !misses.includes(name)) misses.push(name);
    }
    return { calls, misses };
  }

  private setEnvironment(guest: Guest, env: Environment): void {
    if (env === this.lastEnv) return;
    this.lastEnv = env;
    const json = guestEnvironment(this.liveAnswers.size ? withLiveAnswers(env, this.liveAnswers) : env);
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
    for (const handle of [guest.run, guest.env, guest.trace]) {
      handle.dispose();
    }
    guest.context.dispose();
    guest.runtime.dispose();
  }
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
