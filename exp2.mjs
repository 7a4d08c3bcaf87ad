import * as rs from "@jitl/quickjs-wasmfile-release-sync";
import { newQuickJSWASMModuleFromVariant, newVariant } from "quickjs-emscripten-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
const variant = rs.default?.type ? rs.default : rs.default?.default ?? rs;
let t = performance.now();
const bytes = readFileSync(createRequire(import.meta.url).resolve("@jitl/quickjs-wasmfile-release-sync/wasm"));
const compiled = await WebAssembly.compile(bytes);
console.log("compile", performance.now() - t);
for (let i = 0; i < 6; i++) {
  t = performance.now();
  const mem = new WebAssembly.Memory({ initial: 256, maximum: 256 + 1024 + 64 });
  const m = await newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmMemory: mem, wasmModule: compiled }));
  const t1 = performance.now() - t;
  const rt = m.newRuntime(); const ctx = rt.newContext();
  const r = ctx.evalCode("1+1"); r.value.dispose();
  console.log("instance", t1, "+rt+eval", performance.now() - t);
}
import vm from "node:vm";
const ctx = vm.createContext({ f: null });
const script = new vm.Script("f()");
ctx.f = () => 1;
for (let k = 0; k < 3; k++) {
t = performance.now();
for (let i = 0; i < 2000; i++) script.runInContext(ctx, { timeout: 1100 });
console.log("vm per call us", (performance.now() - t) / 2000 * 1000);
t = performance.now();
for (let i = 0; i < 2000; i++) script.runInContext(ctx);
console.log("vm no timeout per call us", (performance.now() - t) / 2000 * 1000);
}
