/**
 * The node profile's hard deadline. pac-resolver is asynchronous (a call resolves through QuickJS's
 * job queue and the host's promises), so `vm`'s watchdog (backstop.ts), which bounds one synchronous
 * operation, cannot wrap it, and its interrupt handler never reaches a single long native step (a
 * huge `new RegExp`, `join` in a loop, a backtracking match) nor a promise the PAC never settles (a
 * `Promise.prototype.then` that drops its callbacks). So the evaluator (node-profile.ts) runs in a
 * worker thread, and the main thread watches it: the worker writes into a shared array which call it
 * is running and since when; a timer on the main thread checks it, and a call still running at its
 * deadline plus the grace gets its worker terminated (V8 stops running wasm too) and reads "timed out
 * after N ms". The next call starts a new worker, which loads the PAC again. Calls of a batch that
 * the worker finished before it was terminated are not known to the main thread: they run again in
 * the new worker (only a PAC keeping state in globals could tell), as after a cut-off batch crossing
 * in the sandbox.
 *
 * Memory: the worker's QuickJS runtime has a wasm instance of its own with its memory capped at the
 * limit (quickjs-variant.ts), and the worker's own heap is bounded (`resourceLimits`): a worker that
 * runs out of either ends its call as "memory limit of N MB exceeded".
 *
 * Cost: one message each way per `evaluateMany` (up to its whole batch) or `evaluate`, a structured
 * clone of the requests and the answers, two stores into the shared array per call, and a timer per
 * message; about 100-200 ms to start a worker, paid at load and after each termination.
 */
import { requestUrl } from "./url.js";
import { memoryMessage, oneLine } from "./messages.js";
import { busyFailure, wallLimit } from "./cpu-time.js";
import { loadBudget } from "./limiter.js";
import { loadedOrDisposed, ranOutOfResources, type CreateEvaluatorResult, type Environment, type EvaluateCall, type EvaluateManyOptions, type EvaluateRequest, type Evaluation, type EvaluationFailure, type Limits, type PacEvaluator } from "./types.js";
import type { WasmModule } from "./quickjs-variant.js";
import type { NodeEvaluator } from "./node-profile.js";

type WorkerThreads = typeof import("node:worker_threads");
type Worker = import("node:worker_threads").Worker;

/** The shared array: which call of the request is running, and since when (ms after `base`), IDLE between calls. */
const AT = 0;
const SINCE = 1;
const IDLE = -1;

/** What a worker is started with. */
interface WorkerData {
  /** This module's URL: the worker imports it and calls serveNodeProfile. */
  readonly entry: string;
  readonly wasm: WasmModule;
  readonly state: SharedArrayBuffer;
  /** The epoch (ms) both threads count SINCE from. */
  readonly base: number;
}

/** What the main thread sends: load a PAC (dropping the one before), drop it, or evaluate calls. */
type Request =
  | { readonly type: "load"; readonly text: string; readonly limits: Limits; readonly loadEnvironment: Environment | undefined }
  | { readonly type: "drop" }
  | { readonly type: "many"; readonly calls: readonly EvaluateCall[]; readonly stopAfterTimeouts: number };

type Reply =
  | { readonly type: "ready" }
  | { readonly type: "loaded"; readonly failure: EvaluationFailure | undefined }
  | { readonly type: "answers"; readonly evaluations: Evaluation[] };

/** How one exchange with the worker ended: its reply, or stopped at call `at` (terminated, or the worker failed). */
type Outcome = { readonly reply: Reply } | { readonly stopped: { readonly at: number; readonly failure: EvaluationFailure } };

/** A started worker and the array it marks its calls in. */
interface Slot {
  readonly worker: Worker;
  readonly state: Int32Array<SharedArrayBuffer>;
  readonly base: number;
}

/**
 * Workers whose evaluator was disposed while they were healthy, kept for the next evaluator (an
 * analysis loads the PAC once per group of client environments): starting one costs 100-400 ms, a
 * load in one already started a few. A worker keeps nothing of a PAC it dropped: each load gets a
 * new wasm instance, and the PAC reaches nothing of the worker's own realm.
 */
const idle: Slot[] = [];
const IDLE_WORKERS = 2;

/**
 * The worker's first script (a script or a module, as the process's --input-type makes eval'd code:
 * builtins through process.getBuiltinModule). It imports this module and serves. Under the test runner this module is
 * the TypeScript source: Node strips the types, and relative `.js` imports are pointed at the `.ts`
 * files beside them.
 */
const BOOT = `
const builtin = (name) => process.getBuiltinModule(name);
const { workerData } = builtin("node:worker_threads");
if (workerData.entry.endsWith(".ts")) {
  const nodeModule = builtin("node:module");
  const { existsSync, readFileSync } = builtin("node:fs");
  const { fileURLToPath } = builtin("node:url");
  process.emitWarning = () => undefined;
  nodeModule.registerHooks({
    resolve(specifier, context, next) {
      if (/^\\.\\.?\\//.test(specifier) && specifier.endsWith(".js") && context.parentURL && context.parentURL.endsWith(".ts")) {
        const source = new URL(specifier.slice(0, -3) + ".ts", context.parentURL);
        if (existsSync(source)) return { url: source.href, format: "module", shortCircuit: true };
      }
      return next(specifier, context);
    },
    load(url, context, next) {
      if (!url.endsWith(".ts")) return next(url, context);
      const source = nodeModule.stripTypeScriptTypes(readFileSync(fileURLToPath(url), "utf8"), { mode: "transform", sourceUrl: url });
      return { format: "module", source, shortCircuit: true };
    },
  });
}
import(workerData.entry).then((module) => module.serveNodeProfile());
`;

function workerThreads(): WorkerThreads {
  const get = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process?.getBuiltinModule;
  const threads = typeof get === "function" ? (get("node:worker_threads") as WorkerThreads | undefined) : undefined;
  if (threads === undefined) throw new Error("the node profile needs node:worker_threads");
  return threads;
}

/**
 * The worker's CPU time in ms (`Worker.cpuUsage`, where Node has it), else the whole process's, which bounds it
 * from above: a process that used less than the budget proves the worker did too.
 */
async function workerCpu(worker: Worker): Promise<number> {
  const own = (worker as { cpuUsage?: () => Promise<{ user: number; system: number }> }).cpuUsage;
  const usage = typeof own === "function" ? await own.call(worker).catch(() => process.cpuUsage()) : process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Wall clock in ms, comparable between threads (the worker's `Date` is pinned to the environment during a call). */
function now(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * The worker's heap limit. Guest memory lives in the wasm instance (capped at the memory limit); the
 * heap holds pac-resolver, the PAC's parse by esprima (about 60 MB for a 1 MB PAC) and copies of what
 * the guest passes to the helpers.
 */
const WORKER_HEAP_MB = 256;

export interface IsolatedNodeOptions {
  readonly text: string;
  readonly limits: Limits;
  readonly loadEnvironment?: Environment;
  /** The compiled QuickJS wasm (quickjs.ts compiledQuickJS), sent to each worker. */
  readonly wasm: WasmModule;
  /** A call is cut off this long after its deadline. */
  readonly graceMs: number;
}

/** Loads the PAC into pac-resolver in a worker thread under a hard deadline, or says why it does not load. */
export async function createIsolatedNodeEvaluator(options: IsolatedNodeOptions): Promise<CreateEvaluatorResult> {
  const evaluator = new IsolatedNodeEvaluator(options);
  return loadedOrDisposed(evaluator, await evaluator.start());
}

class IsolatedNodeEvaluator implements PacEvaluator {
  readonly profile = "node" as const;
  readonly entryPoints = ["FindProxyForURL"] as const;
  readonly branchPoints = [];
  /** The worker the PAC is loaded in; undefined after it was stopped, until the next call starts another. */
  private slot: Slot | undefined;
  /** Exchanges with the worker, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: IsolatedNodeOptions) {}

  /** Loads the PAC (under the deadline) in an idle worker or a new one; the load's failure, if any. */
  async start(): Promise<EvaluationFailure | undefined> {
    let slot: Slot;
    try {
      slot = idle.pop() ?? (await spawn(this.options.wasm));
    } catch (error) {
      return { kind: "exception", message: oneLine(error instanceof Error ? error.message : String(error)) };
    }
    this.slot = slot;
    const { text, limits, loadEnvironment } = this.options;
    const outcome = await this.exchange(slot, { type: "load", text, limits, loadEnvironment });
    if ("stopped" in outcome) return outcome.stopped.failure;
    return outcome.reply.type === "loaded" ? outcome.reply.failure : undefined;
  }

  async evaluate(request: EvaluateRequest, env: Environment): Promise<Evaluation> {
    const [evaluation] = await this.evaluateMany([{ request, env }]);
    if (!evaluation) throw new Error("the node profile's worker answered no call");
    return evaluation;
  }

  evaluateMany(calls: readonly EvaluateCall[], options: EvaluateManyOptions = {}): Promise<Evaluation[]> {
    if (this.disposed) return Promise.reject(new Error("evaluator used after dispose"));
    const run = this.queue.then(() => this.runMany(calls, options.stopAfterTimeouts ?? Infinity));
    this.queue = run.catch(() => undefined);
    return run;
  }

  [Symbol.dispose](): void {
    this.disposed = true;
    // Once the exchanges under way are done: a healthy worker goes back to the pool.
    void this.queue.then(() => {
      const slot = this.slot;
      this.slot = undefined;
      if (!slot) return;
      if (idle.length < IDLE_WORKERS) {
        slot.worker.postMessage({ type: "drop" } satisfies Request);
        idle.push(slot);
      } else {
        void slot.worker.terminate();
      }
    });
  }

  /**
   * Sends the calls to the worker, starting one where there is none. A call the worker was stopped in
   * fails alone; the calls before it in the same exchange run again in the next worker.
   */
  private async runMany(calls: readonly EvaluateCall[], stopAfter: number): Promise<Evaluation[]> {
    const out: Evaluation[] = [];
    let timeouts = 0;
    let next = 0;
    let stuck: { at: number; failure: EvaluationFailure } | undefined;
    while (next < calls.length) {
      const call = calls[next];
      if (call === undefined) break;
      if (stuck?.at === next) {
        out.push(failed(call.request, stuck.failure));
        stuck = undefined;
        next++;
        if (ranOutOfResources(out[out.length - 1]?.failure) && ++timeouts >= stopAfter) break;
        continue;
      }
      let slot = this.slot;
      if (slot === undefined) {
        const failure = await this.start();
        slot = this.slot;
        // The PAC did not load again (its top level was stopped, say): this call reads so, as in-thread.
        if (slot === undefined) {
          stuck = { at: next, failure: failure ?? { kind: "exception", message: "the node profile's worker did not start" } };
          continue;
        }
      }
      const batch = calls.slice(next, stuck?.at ?? calls.length);
      const outcome = await this.exchange(slot, { type: "many", calls: batch, stopAfterTimeouts: stopAfter - timeouts });
      if ("stopped" in outcome) {
        stuck = { at: next + Math.min(Math.max(outcome.stopped.at, 0), batch.length - 1), failure: outcome.stopped.failure };
        continue;
      }
      if (outcome.reply.type !== "answers") throw new Error("the node profile's worker answered out of turn");
      const { evaluations } = outcome.reply;
      for (const evaluation of evaluations) {
        out.push(evaluation);
        if (ranOutOfResources(evaluation.failure)) timeouts++;
      }
      next += evaluations.length;
      // The worker stopped after the timeouts allowed.
      if (evaluations.length < batch.length) break;
    }
    return out;
  }

  /**
   * Sends `request` and watches the worker until it answers: a call (or a top level) running longer
   * than its CPU budget on the wall clock, stretched by the machine's load, plus the grace
   * (cpu-time.ts wallLimit), or a worker that fails, stops it. The worker's own interrupt handler stops
   * a call at its CPU budget; the watchdog cuts off what that cannot reach.
   */
  private exchange(slot: Slot, request: Request): Promise<Outcome> {
    const { limits, graceMs } = this.options;
    const budget = request.type === "load" ? loadBudget(limits, request.text.length) : limits.timeoutMs;
    const limit = wallLimit(budget, graceMs);
    const { worker, state, base } = slot;
    const loopAtStart = worker.performance.eventLoopUtilization();
    const cpuAtStart = workerCpu(worker);
    /**
     * A call cut off before the worker had its CPU budget, its event loop busy all along: the machine
     * starved it. Unlike a sandbox crossing, a call here can also wait with no CPU at all (a promise the
     * PAC never lets settle, a live lookup): its event loop is then idle, and that is the PAC's timeout.
     */
    const starved = async (): Promise<boolean> => {
      if (worker.performance.eventLoopUtilization(loopAtStart).idle >= budget / 2) return false;
      const [before, after] = await Promise.all([cpuAtStart, workerCpu(worker)]);
      return after - before < budget;
    };
    return new Promise<Outcome>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      // The cut-off's verdict is asynchronous (starved): an answer may arrive meanwhile, and wins.
      let settled = false;
      const finish = (outcome: Outcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if ("stopped" in outcome) {
          // V8 stops the worker wherever it runs, wasm included; the next call starts another.
          if (this.slot === slot) this.slot = undefined;
          void worker.terminate();
        }
        resolve(outcome);
      };
      const stopped = (failure: EvaluationFailure): void => finish({ stopped: { at: Atomics.load(state, AT), failure } });
      const check = (): void => {
        const since = Atomics.load(state, SINCE);
        const ran = now() - base - since;
        if (since !== IDLE && ran >= limit) {
          void starved().then((busy) => stopped(busy ? busyFailure() : { kind: "timeout", message: `timed out after ${budget} ms` }));
        } else timer = setTimeout(check, since === IDLE ? limit : Math.max(1, limit - ran));
      };
      const onMessage = (reply: Reply): void => finish({ reply });
      const onError = (error: unknown): void => {
        const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
        if (code === "ERR_WORKER_OUT_OF_MEMORY") return stopped({ kind: "memory", message: memoryMessage(limits) });
        const message = error instanceof Error ? error.message : String(error);
        stopped({ kind: "exception", message: `the sandbox failed and was rebuilt: ${oneLine(message)}` });
      };
      const onExit = (code: number): void => stopped({ kind: "exception", message: `the sandbox failed and was rebuilt: its worker exited with code ${code}` });
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      timer = setTimeout(check, limit);
      Atomics.store(state, AT, 0);
      worker.postMessage(request);
    });
  }
}

/** Starts a worker and waits until it can take a PAC. */
function spawn(wasm: WasmModule): Promise<Slot> {
  const threads = workerThreads();
  const state = new Int32Array(new SharedArrayBuffer(8));
  state[SINCE] = IDLE;
  const base = Math.floor(now());
  const data: WorkerData = { entry: import.meta.url, wasm, state: state.buffer, base };
  // SHARE_ENV: pac-resolver's time helpers read the local zone, which the worker sets through TZ
  // (node-profile.ts pinHostClock); a worker's own copy of the environment would not reach it.
  const worker = new threads.Worker(BOOT, { eval: true, workerData: data, env: threads.SHARE_ENV, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  // A worker never keeps the process alive: a pending exchange does, through its timer.
  worker.unref();
  return new Promise<Slot>((resolve, reject) => {
    const fail = (error: unknown): void => {
      worker.off("message", ready);
      reject(new Error(`the node profile's worker did not start: ${error instanceof Error ? error.message : String(error)}`));
    };
    const ready = (): void => {
      worker.off("error", fail);
      worker.off("exit", fail);
      resolve({ worker, state, base });
    };
    worker.once("message", ready);
    worker.once("error", fail);
    worker.once("exit", fail);
  });
}

/** The answer of a call the worker was stopped in. */
function failed(request: EvaluateRequest, failure: EvaluationFailure): Evaluation {
  const derived = requestUrl("node", request.url);
  const url = derived.ok ? derived.url : request.url;
  const host = request.host ?? (derived.ok ? derived.host : "");
  return { url, host, entryPoint: "FindProxyForURL", result: null, entries: [], failure, ...(request.trace ? { calls: [] } : {}) };
}

/** The worker's side: takes a PAC, answers requests in turn, marking each call (or top level) it runs in the shared array. */
export async function serveNodeProfile(): Promise<void> {
  const { parentPort, workerData } = workerThreads();
  if (!parentPort) throw new Error("serveNodeProfile runs in the node profile's worker");
  const port = parentPort;
  const data = workerData as WorkerData;
  const state = new Int32Array(data.state);
  const begin = (at: number): void => {
    Atomics.store(state, AT, at);
    Atomics.store(state, SINCE, Math.floor(now() - data.base));
  };
  const end = (): void => void Atomics.store(state, SINCE, IDLE);
  const [{ loadNodeEvaluator }, { cappedQuickJSFrom }] = await Promise.all([import("./node-profile.js"), import("./quickjs-variant.js")]);
  let evaluator: NodeEvaluator | undefined;
  // The call a load belongs to: a load is timed from its top level on, not from pac-resolver's parse.
  let loading = 0;

  const serve = async (request: Request): Promise<void> => {
    if (request.type === "drop") {
      evaluator?.[Symbol.dispose]();
      evaluator = undefined;
      return;
    }
    if (request.type === "load") {
      evaluator?.[Symbol.dispose]();
      const { limits, loadEnvironment } = request;
      loading = 0;
      const loaded = await loadNodeEvaluator({
        text: request.text,
        limits,
        runtimes: { fresh: () => cappedQuickJSFrom(data.wasm, limits.memoryBytes) },
        topLevelStarts: () => begin(loading),
        ...(loadEnvironment ? { loadEnvironment } : {}),
      });
      end();
      evaluator = loaded.evaluator;
      port.postMessage({ type: "loaded", failure: loaded.failure } satisfies Reply);
      return;
    }
    if (!evaluator) throw new Error("the node profile's worker has no PAC");
    const evaluations: Evaluation[] = [];
    let timeouts = 0;
    for (const [at, { request: call, env }] of request.calls.entries()) {
      // A runtime left broken loads again first, its top level timed on its own: the call then gets its whole deadline.
      loading = at;
      await evaluator.prepare();
      end();
      begin(at);
      const evaluation = await evaluator.evaluate(call, env);
      end();
      evaluations.push(evaluation);
      if (ranOutOfResources(evaluation.failure) && ++timeouts >= request.stopAfterTimeouts) break;
    }
    port.postMessage({ type: "answers", evaluations } satisfies Reply);
  };

  // One request at a time, in the order sent (a drop and the next load may come together).
  let queue = Promise.resolve();
  port.on("message", (request: Request) => {
    queue = queue.then(() => serve(request));
  });
  port.postMessage({ type: "ready" } satisfies Reply);
}
