import type { QuickJSWASMModule } from "quickjs-emscripten-core";
import { cappedQuickJSFrom, sharedQuickJSFrom, type WasmModule } from "./quickjs-variant.js";

export { instanceHeapCap } from "./quickjs-variant.js";

let shared: Promise<QuickJSWASMModule> | undefined;

/**
 * The process-wide QuickJS wasm module (release, synchronous build; importing the variant package
 * directly instead of `quickjs-emscripten` keeps the other three variants out of a cold start).
 * Loading it costs ~20 ms once; every evaluator then gets its own runtime, so limits and failures
 * stay per PAC.
 */
export function quickJSModule(): Promise<QuickJSWASMModule> {
  // From the same compiled wasm as quickJSInstance where there is one: the code V8 optimises is then shared.
  shared ??= whileAlive(compiledQuickJS().then(sharedQuickJSFrom));
  return shared;
}

/**
 * Keeps the process alive until `promise` settles. Node does not count V8's asynchronous WebAssembly
 * compilation as pending work: when V8 compiles the whole module on background threads (the CLI asks
 * it to, src/cli.ts), a process with nothing else to wait for exits before the module arrives
 * (exit code 13, "unsettled top-level await").
 */
function whileAlive<T>(promise: Promise<T>): Promise<T> {
  const timer = setInterval(() => undefined, 2 ** 30);
  return promise.finally(() => clearInterval(timer));
}

/** The WebAssembly API, which the project's TypeScript libraries (es2023, Node's types) do not declare. */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: Promise<WasmModule | undefined> | undefined;

/**
 * The QuickJS wasm compiled once per process, for `quickJSInstance`; undefined where the file cannot
 * be read (a browser: the caller then shares `quickJSModule`). Beside the bundle's chunks the .wasm is
 * a copy (.ci/bundle.mjs); otherwise it is the variant package's own.
 */
export function compiledQuickJS(): Promise<WasmModule | undefined> {
  compiled ??= whileAlive(
    (async () => {
      const get = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process?.getBuiltinModule;
      if (typeof get !== "function") return undefined;
      const fs = get("node:fs") as typeof import("node:fs");
      const nodeModule = get("node:module") as typeof import("node:module");
      const beside = new URL("emscripten-module.wasm", import.meta.url);
      const path = fs.existsSync(beside) ? beside : nodeModule.createRequire(import.meta.url).resolve("@jitl/quickjs-wasmfile-release-sync/wasm");
      // Synchronous: the first use of node:fs/promises loads its modules (readline among them), about
      // 3 ms of a cold start's main thread; reading the 0.5 MB file from the page cache takes less than 1 ms.
      return wasm.compile(fs.readFileSync(path));
    })(),
  );
  return compiled;
}

/**
 * Hands this thread the QuickJS wasm another thread of the process compiled (a compiled
 * WebAssembly module crosses `postMessage` without recompiling; V8 shares its code), instead of
 * compiling the file again: `pac-do diff`'s worker (src/diff/diff-worker.ts). Only before the first use.
 */
export function useCompiledQuickJS(module: WasmModule): void {
  compiled ??= Promise.resolve(module);
}

/** A QuickJS module of its own for one runtime, its memory capped (quickjs-variant.ts `cappedQuickJSFrom`). */
export async function quickJSInstance(memoryBytes: number): Promise<QuickJSWASMModule> {
  const wasmModule = await compiledQuickJS();
  if (wasmModule === undefined) return quickJSModule();
  return cappedQuickJSFrom(wasmModule, memoryBytes);
}
