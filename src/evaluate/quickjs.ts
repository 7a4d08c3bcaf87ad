import * as releaseSync from "@jitl/quickjs-wasmfile-release-sync";
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSSyncVariant, type QuickJSWASMModule } from "quickjs-emscripten-core";

let shared: Promise<QuickJSWASMModule> | undefined;

/**
 * The process-wide QuickJS wasm module (release, synchronous build; importing the variant package
 * directly instead of `quickjs-emscripten` keeps the other three variants out of a cold start).
 * Loading it costs ~20 ms once; every evaluator then gets its own runtime, so limits and failures
 * stay per PAC.
 */
export function quickJSModule(): Promise<QuickJSWASMModule> {
  // From the same compiled wasm as quickJSInstance where there is one: the code V8 optimises is then shared.
  shared ??= whileAlive(
    compiledQuickJS().then((wasmModule) =>
      newQuickJSWASMModuleFromVariant(wasmModule === undefined ? syncVariant(releaseSync) : newVariant(syncVariant(releaseSync), { wasmModule } as VariantOptions)),
    ),
  );
  return shared;
}

type VariantOptions = Parameters<typeof newVariant>[1];

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

/**
 * Node's ESM loader hands over the variant as the default export, while TypeScript reads the
 * package through its CommonJS declaration (one more `default`): unwrap until the variant shows.
 */
function syncVariant(namespace: unknown): QuickJSSyncVariant {
  let value = namespace;
  for (let depth = 0; depth < 3 && !isSyncVariant(value); depth++) {
    value = typeof value === "object" && value !== null && "default" in value ? value.default : undefined;
  }
  if (!isSyncVariant(value)) throw new Error("@jitl/quickjs-wasmfile-release-sync did not export a QuickJS variant");
  return value;
}

function isSyncVariant(value: unknown): value is QuickJSSyncVariant {
  return typeof value === "object" && value !== null && "type" in value && value.type === "sync" && "importFFI" in value;
}

/** emscripten's initial heap for this build (its INITIAL_MEMORY): QuickJS's static data, stack and first allocations. */
const INITIAL_HEAP = 16 * 1024 * 1024;
const PAGE = 64 * 1024;
/** The most the build's memory import allows (2 GB). */
const MAX_PAGES = 32768;

/** The WebAssembly API, which the project's TypeScript libraries (es2023, Node's types) do not declare. */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  Memory: new (descriptor: { initial: number; maximum: number }) => object;
}
type WasmModule = object;
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
      return wasm.compile(await fs.promises.readFile(path));
    })(),
  );
  return compiled;
}

/** The most wasm memory a `quickJSInstance` for this memory limit can grow to, in bytes. */
export function instanceHeapCap(memoryBytes: number): number {
  return Math.min(MAX_PAGES, Math.ceil((INITIAL_HEAP + memoryBytes) / PAGE)) * PAGE;
}

/**
 * A QuickJS module of its own (a new wasm instance of the compiled module, about 1 ms), for one
 * runtime. Its wasm memory has a maximum: the initial heap plus `memoryBytes`, so everything the
 * guest allocates (strings and ropes included, which QuickJS's own accounting undercounts under
 * emscripten) fails with QuickJS's "out of memory" at that size, even within one native step. Being
 * its own, the instance can be dropped whole when a crossing was cut off in the middle of the wasm.
 */
export async function quickJSInstance(memoryBytes: number): Promise<QuickJSWASMModule> {
  const wasmModule = await compiledQuickJS();
  if (wasmModule === undefined) return quickJSModule();
  const wasmMemory = new wasm.Memory({ initial: INITIAL_HEAP / PAGE, maximum: instanceHeapCap(memoryBytes) / PAGE });
  // printErr: emscripten prints a failed heap growth and an abort to stderr; both end as the call's failure instead.
  const emscriptenModule = { printErr: () => undefined };
  return newQuickJSWASMModuleFromVariant(newVariant(syncVariant(releaseSync), { wasmModule, wasmMemory, emscriptenModule } as VariantOptions));
}
