/**
 * `diffPacs` with NEW's side on a worker thread (Node only): its parse, collection and analysis
 * run on a second core while OLD's run on this one. The answers are the same as `diffPacs`'s (the
 * same steps on the same inputs); where no worker can be started (the sources run unbuilt, as in the
 * tests, or a worker fails) NEW's side runs on this thread.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { HostQuery } from "../analyze/hosts.js";
import type { EnvironmentClass, RouteAnalysis } from "../analyze/types.js";
import type { WasmModule } from "../evaluate/quickjs-variant.js";
import type { SourceFile } from "../source/source-file.js";
import { diffPacs, diffSides, localSide, type DiffSideRunner, type PreparedSide } from "./diff.js";
import type { DiffOptions, PacDiff } from "./types.js";

export interface WorkerData {
  readonly source: SourceFile;
  readonly options: DiffOptions;
}

export type ToWorker =
  | { readonly type: "prepare"; readonly changed: readonly number[] }
  | { readonly type: "analyze"; readonly classes: readonly EnvironmentClass[]; readonly queries: readonly HostQuery[]; readonly wasm?: WasmModule };

export type FromWorker =
  | { readonly type: "prepared"; readonly prepared: PreparedSide }
  | { readonly type: "analysed"; readonly analysis: RouteAnalysis }
  | { readonly type: "error"; readonly message: string };

/** Beside this module, as tsc emits it (dist/src/diff/) and as the bundle names its entry (dist/bin/). */
const WORKER = new URL("./diff-worker.js", import.meta.url);

/**
 * PACs smaller than this are diffed on one thread. A worker costs its own start-up (Node's, the
 * modules', the parser's tables, cold JIT) before it can parse NEW, and the main thread waits for
 * that: on two 10 KB PACs that was as long as NEW's whole side, for about a third more CPU
 * (docs/performance.md, "Diffing").
 */
export const PARALLEL_FROM_BYTES = 128 * 1024;

/**
 * `diffPacs(old, now, options)`, NEW's side on a worker thread when the PACs are large enough and one
 * can start. `how` is for tests: another worker script, another size from which to use it.
 */
export async function diffPacsInParallel(
  old: SourceFile,
  now: SourceFile,
  options: DiffOptions = {},
  how: { readonly worker?: URL; readonly fromBytes?: number } = {},
): Promise<PacDiff> {
  const script = how.worker ?? WORKER;
  if (Math.max(old.text.length, now.text.length) < (how.fromBytes ?? PARALLEL_FROM_BYTES) || !existsSync(fileURLToPath(script))) return diffPacs(old, now, options);
  const side = workerSide(script, now, options);
  try {
    return await diffSides(old, now, options, side.runner);
  } finally {
    side.close();
  }
}

/**
 * NEW's side on a worker. A step the worker cannot finish (it fails to start, throws, or exits) is
 * run on this thread instead, from the start: the worker's state is then not trusted.
 */
function workerSide(script: URL, source: SourceFile, options: DiffOptions): { runner: DiffSideRunner; close: () => void } {
  const data: WorkerData = { source, options };
  // Looked up here, not imported: a diff of small PACs, which has no worker, need not load worker_threads.
  const { Worker } = process.getBuiltinModule("node:worker_threads");
  const worker = new Worker(script, { workerData: data });
  let fallback: DiffSideRunner | undefined;
  let changed: ReadonlySet<number> = new Set();
  let pending: { resolve: (message: FromWorker) => void; reject: (error: Error) => void } | undefined;
  let broken: Error | undefined;
  const fail = (error: Error): void => {
    broken ??= error;
    pending?.reject(error);
    pending = undefined;
  };
  worker.on("message", (message: FromWorker) => {
    const waiting = pending;
    pending = undefined;
    if (message.type === "error") waiting?.reject(new Error(message.message));
    else waiting?.resolve(message);
  });
  worker.on("error", fail);
  worker.on("messageerror", fail);
  worker.on("exit", (code) => fail(new Error(`the diff worker exited (${code})`)));
  const ask = (message: ToWorker): Promise<FromWorker> =>
    new Promise((resolve, reject) => {
      if (broken) return reject(broken);
      pending = { resolve, reject };
      worker.postMessage(message);
    });
  /** This thread's side, prepared again, for when the worker failed. */
  const local = async (): Promise<DiffSideRunner> => {
    if (!fallback) {
      fallback = localSide(source, "NEW", options);
      await fallback.prepare(changed);
    }
    return fallback;
  };
  const runner: DiffSideRunner = {
    async prepare(lines) {
      changed = lines;
      try {
        const reply = await ask({ type: "prepare", changed: [...lines] });
        if (reply.type === "prepared") return reply.prepared;
      } catch {
        // Run below on this thread.
      }
      fallback = localSide(source, "NEW", options);
      return fallback.prepare(lines);
    },
    async analyze(classes, queries) {
      if (!fallback) {
        try {
          const { compiledQuickJS } = await import("../evaluate/quickjs.js");
          const wasm = await compiledQuickJS().catch(() => undefined);
          const reply = await ask({ type: "analyze", classes, queries, ...(wasm === undefined ? {} : { wasm }) });
          if (reply.type === "analysed") return reply.analysis;
        } catch {
          // Run below on this thread.
        }
      }
      return (await local()).analyze(classes, queries);
    },
  };
  return { runner, close: () => void worker.terminate() };
}
