/**
 * src/evaluate/quickjs.ts in the browser. The Node build lets the variant find its .wasm beside its
 * own module; the page instead compiles `emscripten-module.wasm` from its own folder once and hands
 * the compiled module to every worker it starts (playground/main.ts), so that a worker restarted
 * after an overrun needs no network and compiles nothing. It has every export of the Node module
 * (the build fails on a missing one).
 */
import type { QuickJSWASMModule } from "quickjs-emscripten-core";
import { cappedQuickJSFrom, sharedQuickJSFrom } from "../../src/evaluate/quickjs-variant.js";

export { instanceHeapCap } from "../../src/evaluate/quickjs-variant.js";

let wasm: WebAssembly.Module | undefined;
let shared: Promise<QuickJSWASMModule> | undefined;

/** Sets the compiled QuickJS wasm; the worker calls it before any analysis. */
export function useQuickJSWasm(module: WebAssembly.Module): void {
  wasm = module;
}

export function quickJSModule(): Promise<QuickJSWASMModule> {
  if (!wasm) return Promise.reject(new Error("QuickJS wasm not set: call useQuickJSWasm first"));
  const module = wasm;
  shared ??= sharedQuickJSFrom(module);
  return shared;
}

/** The compiled QuickJS wasm (the Node build compiles it from disk; here the page did). */
export function compiledQuickJS(): Promise<WebAssembly.Module | undefined> {
  return Promise.resolve(wasm);
}

/** A QuickJS module of its own for one runtime, its memory capped, as the Node build makes one. */
export function quickJSInstance(memoryBytes: number): Promise<QuickJSWASMModule> {
  if (!wasm) return Promise.reject(new Error("QuickJS wasm not set: call useQuickJSWasm first"));
  return cappedQuickJSFrom(wasm, memoryBytes);
}
