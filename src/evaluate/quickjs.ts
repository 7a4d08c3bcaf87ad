import * as releaseSync from "@jitl/quickjs-wasmfile-release-sync";
import { newQuickJSWASMModuleFromVariant, type QuickJSSyncVariant, type QuickJSWASMModule } from "quickjs-emscripten-core";

let shared: Promise<QuickJSWASMModule> | undefined;

/**
 * The process-wide QuickJS wasm module (release, synchronous build; importing the variant package
 * directly instead of `quickjs-emscripten` keeps the other three variants out of a cold start).
 * Loading it costs ~20 ms once; every evaluator then gets its own runtime, so limits and failures
 * stay per PAC.
 */
export function quickJSModule(): Promise<QuickJSWASMModule> {
  shared ??= whileAlive(newQuickJSWASMModuleFromVariant(syncVariant(releaseSync)));
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
