/**
 * src/evaluate/quickjs.ts in the browser. The Node build lets the variant find its .wasm beside its
 * own module; the page instead compiles `emscripten-module.wasm` from its own folder once and hands
 * the compiled module to every worker it starts (playground/main.ts), so that a worker restarted
 * after an overrun needs no network and compiles nothing.
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
