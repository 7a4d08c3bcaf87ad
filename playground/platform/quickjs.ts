/**
 * src/evaluate/quickjs.ts in the browser. The Node build lets the variant find its .wasm beside its
 * own module; the page instead compiles `emscripten-module.wasm` from its own folder once and hands
 * the compiled module to every worker it starts (playground/main.ts), so that a worker restarted
 * after an overrun needs no network and compiles nothing. It has every export of the Node module
 * (the build fails on a missing one).
 */
import * as releaseSync from "@jitl/quickjs-wasmfile-release-sync";
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSSyncVariant, type QuickJSWASMModule } from "quickjs-emscripten-core";

let wasm: WebAssembly.Module | undefined;
let shared: Promise<QuickJSWASMModule> | undefined;

/** Sets the compiled QuickJS wasm; the worker calls it before any analysis. */
export function useQuickJSWasm(module: WebAssembly.Module): void {
  wasm = module;
}

export function quickJSModule(): Promise<QuickJSWASMModule> {
  if (!wasm) return Promise.reject(new Error("QuickJS wasm not set: call useQuickJSWasm first"));
  const module = wasm;
  shared ??= newQuickJSWASMModuleFromVariant(newVariant(syncVariant(releaseSync), { wasmModule: module }));
  return shared;
}

/** The compiled QuickJS wasm (the Node build compiles it from disk; here the page did). */
export function compiledQuickJS(): Promise<WebAssembly.Module | undefined> {
  return Promise.resolve(wasm);
}

// As in src/evaluate/quickjs.ts: emscripten's initial heap for this build, the wasm page, the build's most pages.
const INITIAL_HEAP = 16 * 1024 * 1024;
const PAGE = 64 * 1024;
const MAX_PAGES = 32768;

/** The most wasm memory a `quickJSInstance` for this memory limit can grow to, in bytes. */
export function instanceHeapCap(memoryBytes: number): number {
  return Math.min(MAX_PAGES, Math.ceil((INITIAL_HEAP + memoryBytes) / PAGE)) * PAGE;
}

/**
 * A QuickJS module of its own for one runtime, its wasm memory capped at the initial heap plus
 * `memoryBytes`, as the Node build makes one (src/evaluate/quickjs.ts `quickJSInstance`).
 */
export function quickJSInstance(memoryBytes: number): Promise<QuickJSWASMModule> {
  if (!wasm) return Promise.reject(new Error("QuickJS wasm not set: call useQuickJSWasm first"));
  const wasmMemory = new WebAssembly.Memory({ initial: INITIAL_HEAP / PAGE, maximum: instanceHeapCap(memoryBytes) / PAGE });
  // printErr: emscripten prints a failed heap growth and an abort; both end as the call's failure instead.
  const emscriptenModule = { printErr: () => undefined };
  type Options = Parameters<typeof newVariant>[1];
  return newQuickJSWASMModuleFromVariant(newVariant(syncVariant(releaseSync), { wasmModule: wasm, wasmMemory, emscriptenModule } as Options));
}

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
