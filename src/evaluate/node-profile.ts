/**
 * The node profile: pac-resolver 7.0.1 (the resolver proxy-agent 6 / pac-proxy-agent 7 run, and the
 * last release on quickjs-emscripten, research anchor-tools §0) run for real, under pac-do's limits.
 *
 * - Limits: degenerator only calls `qjs.newContext()`, so it gets a context of a runtime that has
 *   pac-do's memory limit, stack limit and deadline (anchor-tools §0 item 6).
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
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten-core";
import { effectiveProxyList, parseProxyList } from "../pac/proxy-string.js";
import type { SourceFile } from "../source/source-file.js";
import { parseIpv4 } from "./address.js";
import { DEFAULT_CLIENT_IP } from "./environment.js";
import { RuntimeLimiter } from "./limiter.js";
import { requestUrl } from "./url.js";
import type { EntryPointName, Environment, EvaluateCall, EvaluateManyOptions, EvaluateRequest, Evaluation, EvaluationFailure, HelperCall, Limits, PacEvaluator } from "./types.js";

type Resolver = ReturnType<typeof createPacResolver>;
type Helper = (...args: never[]) => unknown;

export interface NodeEvaluatorOptions {
  readonly source: SourceFile;
  readonly limits: Limits;
  readonly module: Pick<QuickJSWASMModule, "newRuntime">;
  /** The environment the PAC's top level runs in; default: none (pac-resolver's own defaults). */
  readonly loadEnvironment?: Environment;
}

/** Loads the PAC into pac-resolver 7.0.1 under the limits, or says why it does not load. */
export function createNodeEvaluator(options: NodeEvaluatorOptions): { ok: true; evaluator: PacEvaluator } | { ok: false; failure: EvaluationFailure } {
  const evaluator = new NodeEvaluator(options);
  const failure = evaluator.load();
  if (failure) {
    evaluator[Symbol.dispose]();
    return { ok: false, failure };
  }
  return { ok: true, evaluator };
}

/** Helpers whose answer depends on the environment (client address, DNS, clock). */
const ENVIRONMENT_READERS: ReadonlySet<string> = new Set(["myIpAddress", "dnsResolve", "isResolvable", "isInNet", "timeRange", "weekdayRange", "dateRange"]);

/** The dotted quad as a number, for pac-resolver's netmask arithmetic. */
function ipv4ToInt(ip: string): number | undefined {
  const value = parseIpv4(ip);
  return value === undefined ? undefined : Number(value);
}

class NodeEvaluator implements PacEvaluator {
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

  constructor(private readonly options: NodeEvaluatorOptions) {}

  load(): EvaluationFailure | undefined {
    const { module, limits, source } = this.options;
    const runtime = module.newRuntime();
    const limiter = new RuntimeLimiter(runtime, limits);
    this.limiter = limiter;
    this.runtime = runtime;
    this.broken = false;
    const qjs = {
      newContext: (): QuickJSContext => {
        const context = runtime.newContext();
        this.contexts.push(context);
        this.trackHandles(context);
        return context;
      },
    };
    this.env = this.options.loadEnvironment;
    limiter.start();
    try {
      this.resolver = createPacResolver(qjs, source.text, { sandbox: this.helpers(), filename: "proxy.pac" });
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
    if (this.broken) {
      this.disposeRuntime();
      this.load();
    }
    const resolver = this.resolver;
    if (this.loadFailure || !resolver) return { ...base, result: null, entries: [], failure: this.loadFailure ?? { kind: "exception", message: "not loaded" } };
    this.env = env;
    this.calls = request.trace ? [] : undefined;
    this.reads = request.reads ? new Set() : undefined;
    const restoreClock = pinHostClock(env);
    this.limiter?.start();
    let value: unknown;
    try {
      value = await resolver(request.url, request.host);
    } catch (error) {
      return { ...base, result: null, entries: [], failure: this.classify(error, false), ...(this.calls ? { calls: this.calls } : {}) };
    } finally {
      this.limiter?.stop();
      restoreClock();
      this.freeTransient();
    }
    const calls = { ...(this.calls ? { calls: this.calls } : {}), ...(this.reads ? { reads: [...this.reads] } : {}) };
    if (typeof value !== "string") {
      const shown = value === undefined || value === null ? String(value) : `${typeof value} ${typeof value === "object" ? JSON.stringify(value) : String(value)}`;
      return { ...base, result: null, entries: [], failure: { kind: "not-a-string", message: `FindProxyForURL returned ${shown}, not a string` }, ...calls };
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
      if (evaluation.failure?.kind === "timeout" && ++timeouts >= (options.stopAfterTimeouts ?? Infinity)) break;
    }
    return evaluations;
  }

  [Symbol.dispose](): void {
    this.disposeRuntime();
  }

  /** pac-resolver's helpers, with the ones that touch the network answered from the environment. */
  private helpers(): Record<string, Helper> {
    const record = <T>(name: string, args: readonly unknown[], result: T): T => {
      this.calls?.push({ name, args: [...args], result: result === undefined ? null : result });
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

  private classify(error: unknown, loading: boolean): EvaluationFailure {
    const cause = typeof error === "object" && error !== null && "cause" in error && typeof error.cause === "object" && error.cause !== null ? error.cause : error;
    const name = typeof cause === "object" && cause !== null && "name" in cause ? String(cause.name) : "";
    const message = typeof cause === "object" && cause !== null && "message" in cause ? String(cause.message) : String(cause);
    const { limits } = this.options;
    if (message === "interrupted" && this.limiter?.outOfMemory === true) {
      this.broken = true;
      return { kind: "memory", message: `memory limit of ${limits.memoryBytes / (1024 * 1024)} MB exceeded` };
    }
    if (message === "interrupted") {
      this.broken = true;
      return { kind: "timeout", message: `timed out after ${limits.timeoutMs} ms` };
    }
    if (message === "out of memory") {
      this.broken = true;
      return { kind: "memory", message: `memory limit of ${limits.memoryBytes / (1024 * 1024)} MB exceeded` };
    }
    if (message === "stack overflow") {
      this.broken = true;
      return { kind: "stack", message: "stack overflow" };
    }
    const text = `${name && name !== "Error" ? `${name}: ` : ""}${message}`.replace(/\s*\n\s*/g, " ");
    return { kind: loading && /SyntaxError|Line \d+:/.test(text) ? "syntax" : "exception", message: text };
  }

  private disposeRuntime(): void {
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
