/**
 * What loading QuickJS takes in Node and in a browser alike: the release-sync variant, and a module
 * made from an already compiled wasm. src/evaluate/quickjs.ts compiles the wasm from disk; the
 * playground (playground/platform/quickjs.ts) gets it compiled from the page.
 */
import * as releaseSync from "@jitl/quickjs-wasmfile-release-sync";
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSSyncVariant, type QuickJSWASMModule } from "quickjs-emscripten-core";

/** A compiled WebAssembly module (the project's TypeScript libraries, es2023 and Node's types, do not declare the API). */
export type WasmModule = object;

interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number }) => object;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type VariantOptions = Parameters<typeof newVariant>[1];

/** emscripten's initial heap for this build (its INITIAL_MEMORY): QuickJS's static data, stack and first allocations. */
const INITIAL_HEAP = 16 * 1024 * 1024;
const PAGE = 64 * 1024;
/** The most the build's memory import allows (2 GB). */
const MAX_PAGES = 32768;

/**
 * Node's ESM loader hands over the variant as the default export, while TypeScript reads the
 * package through its CommonJS declaration (one more `default`): unwrap until the variant shows.
 */
export function releaseSyncVariant(): QuickJSSyncVariant {
  let value: unknown = releaseSync;
  for (let depth = 0; depth < 3 && !isSyncVariant(value); depth++) {
    value = typeof value === "object" && value !== null && "default" in value ? value.default : undefined;
  }
  if (!isSyncVariant(value)) throw new Error("@jitl/quickjs-wasmfile-release-sync did not export a QuickJS variant");
  return value;
}

function isSyncVariant(value: unknown): value is QuickJSSyncVariant {
  return typeof value === "object" && value !== null && "type" in value && value.type === "sync" && "importFFI" in value;
}

/** A QuickJS module on `wasmModule`, or on the variant's own wasm where there is none; memory as the build sets it. */
export function sharedQuickJSFrom(wasmModule: WasmModule | undefined): Promise<QuickJSWASMModule> {
  const variant = releaseSyncVariant();
  return newQuickJSWASMModuleFromVariant(wasmModule === undefined ? variant : newVariant(variant, { wasmModule } as VariantOptions));
}

/** The most wasm memory a `cappedQuickJSFrom` instance for this memory limit can grow to, in bytes. */
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
export function cappedQuickJSFrom(wasmModule: WasmModule, memoryBytes: number): Promise<QuickJSWASMModule> {
  const wasmMemory = new wasm.Memory({ initial: INITIAL_HEAP / PAGE, maximum: instanceHeapCap(memoryBytes) / PAGE });
  // printErr: emscripten prints a failed heap growth and an abort; both end as the call's failure instead.
  const emscriptenModule = { printErr: () => undefined };
  return newQuickJSWASMModuleFromVariant(newVariant(releaseSyncVariant(), { wasmModule, wasmMemory, emscriptenModule } as VariantOptions));
}
