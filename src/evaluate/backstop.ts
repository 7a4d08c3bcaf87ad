/**
 * The hard deadline behind the interrupt handler. QuickJS polls its interrupt handler about every
 * 10,000 interpreter steps, so a single long native step (compiling a huge RegExp, `join` of a large
 * array, a backtracking match) or guest code the host runs while reading a value could outlast any
 * deadline. A backstop cuts a synchronous guest operation off after a wall-clock limit without the
 * guest's cooperation; the runtime it ran in is then in an unknown state, and the sandbox discards its
 * whole wasm instance (see sandbox.ts).
 *
 * Node: `vm`'s `timeout`, whose watchdog thread calls V8's TerminateExecution, which also stops
 * running wasm. Measured on the shared project machine (load 5): cutting off `new RegExp` on a
 * 10-million-character pattern and `for(;;){}` both 200-204 ms into a 200 ms limit; about 0.2-0.45 ms
 * per run for starting the watchdog thread, paid once per guest crossing (an `evaluate`, or up to
 * 2,048 calls of an `evaluateMany`), never per call inside a batch. A worker thread that the main
 * thread terminates was the alternative; it would also pay a message round trip and a structured
 * clone of every answer per crossing, and a separate bundle entry.
 *
 * Elsewhere (a browser) there is no way to stop the thread one runs on: `inlineBackstop` runs the
 * operation unguarded, and a host there runs the library in a Web Worker that its page terminates
 * (the seam is `EvaluatorOptions.backstop`).
 */

export interface Backstop {
  /** True when `run` really cuts an operation off. */
  readonly hard: boolean;
  /**
   * How long past its deadline a guest operation may run before it is cut off (default
   * BACKSTOP_GRACE_MS, sandbox.ts); the node profile's worker watchdog (node-worker.ts) uses it too.
   */
  readonly graceMs?: number;
  /** Runs `operation`; throws `BackstopExpired` when `ms` milliseconds pass before it returns. */
  run<T>(ms: number, operation: () => T): T;
}

export class BackstopExpired extends Error {
  constructor(readonly ms: number) {
    super(`the guest operation was cut off after ${ms} ms`);
  }
}

/** Runs operations as they are: for hosts that bound the whole thread themselves. */
export const inlineBackstop: Backstop = { hard: false, run: (_ms, operation) => operation() };

let shared: Backstop | undefined;

/** The process's backstop: `vm`'s watchdog under Node, `inlineBackstop` where there is no `vm`. */
export function defaultBackstop(): Backstop {
  shared ??= vmBackstop() ?? inlineBackstop;
  return shared;
}

interface VmModule {
  createContext(sandbox: object): object;
  Script: new (code: string, options?: { filename?: string }) => { runInContext(context: object, options: { timeout: number }): unknown };
}

function vmBackstop(): Backstop | undefined {
  const get = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process?.getBuiltinModule;
  const vm = typeof get === "function" ? (get("node:vm") as VmModule | undefined) : undefined;
  if (vm === undefined) return undefined;
  // One context for the process: the script only calls back into the host realm, so nothing of the guest lives in it.
  const slot: { operation: (() => void) | undefined } = { operation: undefined };
  const context = vm.createContext({ run: () => slot.operation?.() });
  const script = new vm.Script("run()", { filename: "pac-do:backstop" });
  return {
    hard: true,
    run<T>(ms: number, operation: () => T): T {
      let value: T | undefined;
      let done = false;
      slot.operation = () => {
        value = operation();
        done = true;
      };
      const limit = Math.max(1, Math.ceil(ms));
      const started = performance.now();
      try {
        script.runInContext(context, { timeout: limit });
      } catch (error) {
        // The watchdog's error, or whatever a host callback inside the wasm made of the termination on its
        // way out (the operation may even have returned after it: its runtime's state is unknown all the same).
        if (isTimeout(error) || (!done && performance.now() - started >= limit - 5)) throw new BackstopExpired(ms);
        throw error;
      } finally {
        slot.operation = undefined;
      }
      return value as T;
    },
  };
}

function isTimeout(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  return ("code" in error && error.code === "ERR_SCRIPT_EXECUTION_TIMEOUT") || ("message" in error && /Script execution timed out/.test(String(error.message)));
}
