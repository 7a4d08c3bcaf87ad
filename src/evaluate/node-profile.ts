/**
 * The node profile: pac-resolver 7.0.1 (the resolver proxy-agent 6 / pac-proxy-agent 7 run, and the
 * last release on quickjs-emscripten, research anchor-tools §0) run for real, under pac-do's limits.
 *
 * - Limits: degenerator only calls `qjs.newContext()`, so it gets a context of a runtime that has
 *   pac-do's memory limit, stack limit and deadline (anchor-tools §0 item 6). This runs in a worker
 *   thread that node-worker.ts terminates when a call outlives its deadline (the hard deadline); the
 *   runtime has a wasm instance of its own there, whose memory is capped (quickjs-variant.ts).
 * - Reads: what the host takes from the guest as a result or a thrown value is read as primitives,
 *   strings capped at TEXT_LIMIT, objects by the harness below, under the call's deadline (never
 *   through degenerator's `dump`, which runs the value's toJSON and getters and copies any size).
 * - No network: `dnsResolve`, `isResolvable`, `isInNet` and `myIpAddress` are replaced through the
 *   `sandbox` option by async functions that read the environment (async like the originals, so
 *   degenerator rewrites the PAC exactly as it would in production, failures included).
 * - Clock: pac-resolver's time helpers run on the host with `new Date()`, so the host clock and
 *   `TZ` are pointed at the environment for the duration of each call.
 * Its own semantics stay: 2-argument timeRange excludes the end hour, dateRange is always false,
 * no Microsoft extensions, only FindProxyForURL.
 */
import { lookup } from "node:dns/promises";
import { createPacResolver, sandbox as stockHelpers } from "pac-resolver";
import { errors, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime, type QuickJSWASMModule, type VmFunctionImplementation } from "quickjs-emscripten-core";
import { effectiveProxyList, parseProxyList } from "../pac/proxy-string.js";
import { parseIpv4 } from "./address.js";
import { DEFAULT_CLIENT_IP } from "./environment.js";
import { loadBudget, RuntimeLimiter } from "./limiter.js";
import { parseDescribed, READS, TEXT_LIMIT, TRACE_LIMIT, type Described } from "./prelude.js";
import { instanceHeapCap } from "./quickjs-variant.js";
import { memoryMessage, oneLine } from "./messages.js";
import { requestUrl } from "./url.js";
import { loadedOrDisposed, ranOutOfResources, type CreateEvaluatorResult, type EntryPointName, type Environment, type EvaluateCall, type EvaluateManyOptions, type EvaluateRequest, type Evaluation, type EvaluationFailure, type HelperCall, type Limits, type PacEvaluator } from "./types.js";

type Resolver = ReturnType<typeof createPacResolver>;
type Helper = (...args: never[]) => unknown;

export interface NodeEvaluatorOptions {
  /** The PAC's text. */
  readonly text: string;
  readonly limits: Limits;
  /**
   * Where runtimes come from (as in sandbox.ts). `fresh`: a wasm instance of its own per runtime,
   * memory capped, dropped whole and never torn down; `shared`: runtimes of one module, disposed.
   */
  readonly runtimes: { readonly fresh: () => Promise<Pick<QuickJSWASMModule, "newRuntime">> } | { readonly shared: Pick<QuickJSWASMModule, "newRuntime"> };
  /** The environment the PAC's top level runs in; default: none (pac-resolver's own defaults). */
  readonly loadEnvironment?: Environment;
  /** Called when the PAC's top level starts to run, after pac-resolver has parsed and rewritten it (node-worker.ts times it from there). */
  readonly topLevelStarts?: () => void;
}

/** Loads the PAC into pac-resolver 7.0.1 under the limits, or says why it does not load. */
export async function createNodeEvaluator(options: NodeEvaluatorOptions): Promise<CreateEvaluatorResult> {
  const { evaluator, failure } = await loadNodeEvaluator(options);
  return loadedOrDisposed(evaluator, failure);
}

/**
 * Loads the PAC and keeps the evaluator even when it does not load (its calls then answer with the
 * load failure, and one that failed for a resource loads again first): for node-worker.ts, whose
 * worker answers calls whatever became of the load.
 */
export async function loadNodeEvaluator(options: NodeEvaluatorOptions): Promise<{ evaluator: NodeEvaluator; failure: EvaluationFailure | undefined }> {
  const evaluator = new NodeEvaluator(options);
  return { evaluator, failure: await evaluator.load() };
}

/**
 * The harness evaluated in the PAC's context before the PAC (so with the original builtins): it reads
 * thrown values (describe) and non-string results (show) for the host, and cuts long strings
 * (capped). Its functions are handles the host keeps, never globals.
 */
const HARNESS = `(function (G) {
"use strict";
var S = G.String, call = G.Function.prototype.call, stringify = G.JSON.stringify, LIMIT = ${TEXT_LIMIT};
var substring = call.bind(S.prototype.substring), hasOwn = call.bind(G.Object.prototype.hasOwnProperty);
${READS}
/* A result that is no string, as pac-resolver's dump showed it: its JSON, else its text (the value's own toJSON or toString run, inside the call's deadline). */
function show(value) {
  var text;
  try { text = stringify(value); } catch (e) { text = undefined; }
  if (typeof text !== "string") { try { text = S(value); } catch (e) { text = ""; } }
  return capped(text);
}
return [describe, show, capped];
})(globalThis)`;

/** A guest string longer than TEXT_LIMIT: its length and its first TEXT_LIMIT characters, never the whole. */
class LongText {
  constructor(
    readonly length: number,
    readonly head: string,
  ) {}
}

/** A guest object or function, kept as a handle until the harness reads it under the call's deadline. */
class GuestObject {
  constructor(readonly handle: QuickJSHandle) {}
}

/** The harness's functions in one context. */
interface Harness {
  readonly context: QuickJSContext;
  readonly describe: QuickJSHandle;
  readonly show: QuickJSHandle;
  readonly capped: QuickJSHandle;
}

/** Helpers whose answer depends on the environment (client address, DNS, clock). */
const ENVIRONMENT_READERS: ReadonlySet<string> = new Set(["myIpAddress", "dnsResolve", "isResolvable", "isInNet", "timeRange", "weekdayRange", "dateRange"]);

/** The dotted quad as a number, for pac-resolver's netmask arithmetic. */
function ipv4ToInt(ip: string): number | undefined {
  const value = parseIpv4(ip);
  return value === undefined ? undefined : Number(value);
}

export class NodeEvaluator implements PacEvaluator {
  readonly profile = "node" as const;
  readonly entryPoints: readonly EntryPointName[] = ["FindProxyForURL"];
  readonly branchPoints = [];
  private runtime: QuickJSRuntime | undefined;
  private contexts: QuickJSContext[] = [];
  private transient: QuickJSHandle[] = [];
  private kept: QuickJSHandle[] = [];
  private resolver: Resolver | undefined;
  private env: Environment | undefined;
  private calls: HelperCall[] | undefined;
  private reads: Set<string> | undefined;
  private broken = false;
  private loadFailure: EvaluationFailure | undefined;
  private limiter: RuntimeLimiter | undefined;
  /** The runtime has a wasm instance of its own: dropped with it, never torn down (sandbox.ts dropGuest). */
  private owned = false;
  private harness: Harness | undefined;
  /** Above 0 while a host helper runs: its arguments are read as pac-resolver reads them (see readGuest). */
  private inHelper = 0;

  constructor(private readonly options: NodeEvaluatorOptions) {}

  async load(): Promise<EvaluationFailure | undefined> {
    const { runtimes, limits, text } = this.options;
    const owned = "fresh" in runtimes;
    const runtime = ("fresh" in runtimes ? await runtimes.fresh() : runtimes.shared).newRuntime();
    const limiter = new RuntimeLimiter(runtime, limits, owned);
    this.owned = owned;
    this.limiter = limiter;
    this.runtime = runtime;
    this.broken = false;
    const qjs = {
      // degenerator asks for the context after its parse and rewrite of the PAC: the deadline starts here, for the guest alone.
      newContext: (): QuickJSContext => {
        this.options.topLevelStarts?.();
        limiter.start(loadBudget(limits, text.length));
        const context = runtime.newContext();
        this.contexts.push(context);
        this.harness = this.installHarness(context);
        this.trackHandles(context);
        return context;
      },
    };
    this.env = this.options.loadEnvironment;
    try {
      this.resolver = createPacResolver(qjs, text, { sandbox: this.helpers(), filename: "proxy.pac" });
      this.loadFailure = undefined;
      return undefined;
    } catch (error) {
      this.loadFailure = this.classify(error, true);
      return this.loadFailure;
    } finally {
      limiter.stop();
    }
  }

  async evaluate(request: EvaluateRequest, env: Environment): Promise<Evaluation> {
    const derived = requestUrl("node", request.url);
    const entryPoint = request.entryPoint ?? "FindProxyForURL";
    const base = { url: derived.ok ? derived.url : request.url, host: request.host ?? (derived.ok ? derived.host : ""), entryPoint };
    if (!derived.ok) return { ...base, result: null, entries: [], failure: { kind: "exception", message: derived.message } };
    if (entryPoint !== "FindProxyForURL") {
      return { ...base, result: null, entries: [], failure: { kind: "no-entry-point", message: "pac-resolver only calls FindProxyForURL" } };
    }
    await this.prepare();
    const resolver = this.resolver;
    if (this.loadFailure || !resolver) return { ...base, result: null, entries: [], failure: this.loadFailure ?? { kind: "exception", message: "not loaded" } };
    this.env = env;
    this.calls = request.trace ? [] : undefined;
    this.reads = request.reads ? new Set() : undefined;
    const restoreClock = pinHostClock(env);
    this.limiter?.start();
    let value: unknown;
    let shown: string | undefined;
    try {
      value = await resolver(request.url, request.host);
      // Read here, while the deadline runs: the harness's show() may run the value's toJSON or toString.
      if (value instanceof GuestObject) shown = this.show(value);
    } catch (error) {
      return { ...base, result: null, entries: [], failure: this.classify(error, false), ...(this.calls ? { calls: this.calls } : {}) };
    } finally {
      this.limiter?.stop();
      restoreClock();
      this.freeTransient();
    }
    const calls = { ...(this.calls ? { calls: this.calls } : {}), ...(this.reads ? { reads: [...this.reads] } : {}) };
    if (value instanceof LongText) {
      const message = `FindProxyForURL returned a string of ${value.length.toLocaleString("en-US")} characters, over the limit of ${TEXT_LIMIT.toLocaleString("en-US")}`;
      return { ...base, result: null, entries: [], failure: { kind: "too-long", message }, ...calls };
    }
    if (typeof value !== "string") {
      if (shown === undefined) shown = value === undefined || value === null ? String(value) : `${typeof value} ${String(value)}`;
      return { ...base, result: null, entries: [], failure: { kind: "not-a-string", message: `FindProxyForURL returned ${oneLine(shown, 200)}, not a string` }, ...calls };
    }
    const entries = parseProxyList(value, "node");
    return { ...base, result: value, entries, effective: effectiveProxyList(entries, "node"), ...calls };
  }

  async evaluateMany(calls: readonly EvaluateCall[], options: EvaluateManyOptions = {}): Promise<Evaluation[]> {
    const evaluations: Evaluation[] = [];
    let timeouts = 0;
    for (const { request, env } of calls) {
      const evaluation = await this.evaluate(request, env);
      evaluations.push(evaluation);
      if (ranOutOfResources(evaluation.failure) && ++timeouts >= (options.stopAfterTimeouts ?? Infinity)) break;
    }
    return evaluations;
  }

  [Symbol.dispose](): void {
    this.disposeRuntime();
  }

  /** Replaces a runtime that a timeout, out-of-memory or stack overflow left broken (its own step, so that node-worker.ts can time it apart from the call). */
  async prepare(): Promise<void> {
    if (!this.broken) return;
    this.disposeRuntime();
    await this.load();
  }

  /** pac-resolver's helpers, with the ones that touch the network answered from the environment. */
  private helpers(): Record<string, Helper> {
    const record = <T>(name: string, args: readonly unknown[], result: T): T => {
      // As the sandbox's traces: primitives only, strings capped, at most TRACE_LIMIT calls.
      if (this.calls && this.calls.length < TRACE_LIMIT) this.calls.push({ name, args: args.slice(0, 16).map(traced), result: result === undefined ? null : traced(result) });
      if (this.reads && ENVIRONMENT_READERS.has(name) && !(name === "isInNet" && ipv4ToInt(String(args[0])) !== undefined)) this.reads.add(name);
      return result;
    };
    const resolve4 = async (host: string): Promise<string | null> => {
      if (ipv4ToInt(host) !== undefined) return host;
      const env = this.env;
      const key = String(host).toLowerCase();
      if (key === "localhost") return "127.0.0.1";
      const listed = env?.dns.get(key) ?? [...(env?.dns ?? [])].find(([name]) => name.toLowerCase() === key)?.[1];
      if (listed) return listed.find((ip) => ipv4ToInt(ip) !== undefined) ?? null;
      if (env?.liveDns) {
        try {
          return (await lookup(host, { family: 4 })).address;
        } catch {
          return null;
        }
      }
      return null;
    };
    const wrapped: Record<string, Helper> = {};
    for (const [name, fn] of Object.entries(stockHelpers)) {
      wrapped[name] = (...args: unknown[]) => record(name, args, Reflect.apply(fn, undefined, args));
    }
    wrapped["alert"] = (...args: unknown[]) => void record("alert", args.slice(0, 1), undefined);
    wrapped["dnsResolve"] = async (host: string) => record("dnsResolve", [host], await resolve4(host));
    wrapped["isResolvable"] = async (host: string) => record("isResolvable", [host], (await resolve4(host)) !== null);
    wrapped["myIpAddress"] = async () => {
      const ips = this.env?.clientIps ?? [];
      return record("myIpAddress", [], ips.find((ip) => ipv4ToInt(ip) !== undefined) ?? ips[0] ?? DEFAULT_CLIENT_IP);
    };
    // pac-resolver's isInNet: resolve (even an IP literal) as IPv4, then `new Netmask(pattern, mask).contains(ip)`;
    // any error (bad pattern, non-contiguous or malformed mask, failed lookup) means false.
    wrapped["isInNet"] = async (host: string, pattern: string, mask: string) => {
      const ip = await resolve4(host);
      const address = ip === null ? undefined : ipv4ToInt(ip);
      const net = ipv4ToInt(pattern);
      const bits = ipv4ToInt(mask);
      let result = false;
      if (address !== undefined && net !== undefined && bits !== undefined) {
        const ones = bits.toString(2).padStart(32, "0");
        if (/^1*0*$/.test(ones)) {
          const prefix = ones.indexOf("0") === -1 ? 32 : ones.indexOf("0");
          const divisor = 2 ** (32 - prefix);
          result = Math.floor(address / divisor) === Math.floor(net / divisor);
        }
      }
      return record("isInNet", [host, pattern, mask], result);
    };
    return wrapped;
  }

  /**
   * pac-resolver 7.0.1 never frees the FindProxyForURL handle it evaluates nor the two argument
   * strings it creates per call: left alone, a long run fills the memory limit and freeing the
   * runtime aborts. Handles created through the context are tracked and freed after each call
   * (arguments) or with the evaluator (the function).
   */
  private trackHandles(context: QuickJSContext): void {
    const newString = context.newString.bind(context);
    const evalCode = context.evalCode.bind(context);
    const newFunction = context.newFunction.bind(context);
    const dump = context.dump.bind(context);
    // degenerator reads every guest value with `dump`: a helper's arguments (kept as pac-resolver reads
    // them), and the result or thrown value of a call (read by readGuest instead).
    context.dump = (handle: QuickJSHandle): unknown => (this.inHelper > 0 ? dump(handle) : this.readGuest(context, handle, dump));
    const helping = (delta: number): void => {
      this.inHelper += delta;
    };
    context.newFunction = ((name: string | undefined, implementation: VmFunctionImplementation<QuickJSHandle>) =>
      newFunction(name, function (this: QuickJSHandle, ...args: QuickJSHandle[]) {
        helping(1);
        try {
          return implementation.apply(this, args);
        } finally {
          helping(-1);
        }
      })) as QuickJSContext["newFunction"];
    context.newString = (value: string): QuickJSHandle => {
      const handle = newString(value);
      this.transient.push(handle);
      return handle;
    };
    context.evalCode = (...args: Parameters<QuickJSContext["evalCode"]>) => {
      const result = evalCode(...args);
      if (!result.error) this.kept.push(result.value);
      return result;
    };
  }

  private freeTransient(): void {
    for (const handle of this.transient) if (handle.alive) handle.dispose();
    this.transient = [];
  }

  /** The harness's functions, evaluated in a new context before anything of the PAC. */
  private installHarness(context: QuickJSContext): Harness {
    const result = context.evalCode(HARNESS, "pac-do:harness", { type: "global" });
    if (result.error) {
      result.error.dispose();
      throw new Error("the node profile's harness failed to load");
    }
    const [describe, show, capped] = [0, 1, 2].map((index) => context.getProp(result.value, index)) as [QuickJSHandle, QuickJSHandle, QuickJSHandle];
    result.value.dispose();
    this.kept.push(describe, show, capped);
    return { context, describe, show, capped };
  }

  /**
   * A guest value as the host may read it: primitives as they are, a string over TEXT_LIMIT as its
   * length and head (LongText), an object or function as a handle for the harness (GuestObject).
   * Never runs the PAC's code: a string's length is no property lookup a PAC can intercept.
   */
  private readGuest(context: QuickJSContext, handle: QuickJSHandle, dump: (handle: QuickJSHandle) => unknown): unknown {
    const type = context.typeof(handle);
    if (type === "string") {
      const length = context.getProp(handle, "length").consume((h) => context.getNumber(h));
      if (length <= TEXT_LIMIT) return context.getString(handle);
      return new LongText(length, this.callHarness("capped", handle) ?? "");
    }
    if (type === "object" || type === "function") {
      if (context.sameValue(handle, context.null)) return null;
      const kept = handle.dup();
      this.transient.push(kept);
      return new GuestObject(kept);
    }
    // number, bigint, boolean, undefined, symbol: dump reads them without running guest code.
    return dump(handle);
  }

  /** Calls a harness function on a guest value; undefined when it failed (the deadline or memory ran out while it read). */
  private callHarness(name: "describe" | "show" | "capped", value: QuickJSHandle): string | undefined {
    const harness = this.harness;
    if (!harness?.context.alive) return undefined;
    const { context } = harness;
    const result = context.callFunction(harness[name], context.undefined, value);
    if (result.error) {
      result.error.dispose();
      return undefined;
    }
    const text = context.getString(result.value);
    result.value.dispose();
    return text;
  }

  /** A non-string result as text, or the failure that reading it met. */
  private show(value: GuestObject): string {
    const text = this.callHarness("show", value.handle);
    if (text === undefined) throw new HarnessFailed();
    return `${this.harness?.context.typeof(value.handle) ?? "object"} ${text}`;
  }

  /** The runtime's wasm memory is as large as it can grow (see sandbox.ts heapFull). */
  private heapFull(): boolean {
    if (!this.owned || !this.limiter) return false;
    const cap = instanceHeapCap(this.options.limits.memoryBytes);
    return this.limiter.heapBytes() >= cap - Math.max(cap / 16, 1 << 20);
  }

  /**
   * What a call or the top level threw, read as primitives: degenerator rethrows what readGuest made
   * of the guest's exception (or wraps it in a QuickJSUnwrapError); anything else is the host's own.
   */
  private classify(error: unknown, loading: boolean): EvaluationFailure {
    const { limits } = this.options;
    const limiter = this.limiter;
    if (limiter?.interrupted || error instanceof HarnessFailed) {
      this.broken = true;
      if (limiter?.outOfMemory || !limiter?.interrupted) return { kind: "memory", message: memoryMessage(limits) };
      return { kind: "timeout", message: `timed out after ${limiter?.budgetMs ?? limits.timeoutMs} ms` };
    }
    const thrown: unknown = error instanceof errors.QuickJSUnwrapError ? error.cause : error;
    let described: Described;
    if (thrown instanceof GuestObject) {
      const text = this.callHarness("describe", thrown.handle);
      if (text === undefined) return this.classify(new HarnessFailed(), loading);
      described = parseDescribed(text);
    } else if (thrown instanceof LongText) {
      described = { kind: "p", name: "", message: thrown.head, stack: "" };
    } else if (thrown instanceof Error) {
      described = { kind: "e", name: thrown.name, message: thrown.message, stack: "" };
    } else {
      // QuickJS throws null when it cannot even build its "out of memory" error: the heap is then at its cap.
      if (thrown === null && this.heapFull()) return this.classify(new HarnessFailed(), loading);
      described = { kind: "p", name: "", message: String(thrown), stack: "" };
    }
    const { name, message } = described;
    if (message === "out of memory") {
      this.broken = true;
      return { kind: "memory", message: memoryMessage(limits) };
    }
    if (message === "stack overflow") {
      this.broken = true;
      return { kind: "stack", message: "stack overflow" };
    }
    if (described.kind === "o") return { kind: "exception", message: oneLine(`uncaught exception: ${name ? `an object named ${name}` : "an object"} without a message`) };
    const text = oneLine(`${name && name !== "Error" ? `${name}: ` : ""}${message}`);
    return { kind: loading && /SyntaxError|Line \d+:/.test(text) ? "syntax" : "exception", message: text };
  }

  private disposeRuntime(): void {
    this.harness = undefined;
    this.resolver = undefined;
    if (this.owned) {
      // Dropped whole with its wasm instance: QuickJS's teardown asserts on a heap a failure left inconsistent (issue #18).
      this.transient = [];
      this.kept = [];
      this.contexts = [];
      this.runtime = undefined;
      return;
    }
    // pac-resolver keeps its FindProxyForURL handle for the resolver's lifetime and never frees it;
    // the runtime goes with it.
    this.freeTransient();
    for (const handle of this.kept) if (handle.alive) handle.dispose();
    this.kept = [];
    for (const context of this.contexts) {
      if (context.alive) context.dispose();
    }
    this.contexts = [];
    this.resolver = undefined;
    if (this.runtime?.alive) this.runtime.dispose();
    this.runtime = undefined;
  }
}

/** The harness could not read a value: only a resource ends it (the deadline or memory, which the limiter tells apart). */
class HarnessFailed extends Error {}

/** A helper's argument or answer as a trace keeps it (prelude.ts traced()). */
function traced(value: unknown): unknown {
  if (typeof value === "string") return value.length > TEXT_LIMIT ? value.slice(0, TEXT_LIMIT) : value;
  if (typeof value === "number" || typeof value === "boolean") return value;
  return value === undefined || value === null ? null : `[${typeof value}]`;
}

/**
 * Points the host's `Date` (and `TZ`) at the environment until the returned function is called:
 * pac-resolver's time helpers and QuickJS's own clock both read them.
 */
function pinHostClock(env: Environment): () => void {
  const RealDate = globalThis.Date;
  const previousTz = process.env["TZ"];
  const now = env.now;
  class PinnedDate extends RealDate {
    constructor(...args: ConstructorParameters<DateConstructor> | []) {
      if (args.length === 0) super(now);
      else super(...(args as ConstructorParameters<DateConstructor>));
    }
    static override now(): number {
      return now;
    }
  }
  globalThis.Date = PinnedDate as DateConstructor;
  if (previousTz !== env.timeZone) process.env["TZ"] = env.timeZone;
  return () => {
    globalThis.Date = RealDate;
    if (previousTz !== env.timeZone) {
      if (previousTz === undefined) delete process.env["TZ"];
      else process.env["TZ"] = previousTz;
    }
  };
}
