/**
 * How the CLI starts QuickJS for a command that evaluates PACs (resolve, lint with the route analysis):
 * early, so that its wasm compiles while the main thread does other work, and with V8 tuned for a
 * process that lives a second, not an hour. V8's flags are process-wide, so they are set only when
 * pac-do runs as its own program (`ownProcess`), never when `run()` or the library runs inside another.
 */

/**
 * V8 recompiles a wasm function with its optimizing compiler once the function has run about 13 MB
 * of code (`--wasm-tiering-budget`, default 13,000,000). QuickJS's interpreter gets there while it
 * loads pac-do's helper library, so a `resolve` of a few URLs paid for optimizing compiles it never
 * earned back (in process: 184 -> 122 ms of CPU for instantiation and the first evaluations). The main
 * thread's time is the same either way, and a long run (20,000 URLs) still tiers up, a little later,
 * in the same time within measurement noise (docs/performance.md, "Start-up").
 */
const WASM_TIERING_BUDGET = 300_000_000;

let started = false;
let ownsProcess = false;

/** Called when pac-do runs as its own program (not through `run()` in someone else's process): V8's flags are then its to set. */
export function ownProcess(): void {
  ownsProcess = true;
}

/**
 * Starts instantiating QuickJS without waiting for it; `createEvaluator` later awaits the same module.
 * V8 is asked to compile the whole wasm module on background threads meanwhile, instead of each
 * function on the main thread when it first runs: the main thread spends about 25-35 ms less on a
 * `resolve`, for about 10 ms more CPU in all (docs/performance.md, "Start-up").
 */
export function startQuickJS(): void {
  if (started) return;
  started = true;
  if (ownsProcess) {
    // Looked up here, not imported: node:v8 costs a few ms to load, which --version and lint --no-analysis need not pay.
    const v8 = process.getBuiltinModule("node:v8");
    v8.setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
    v8.setFlagsFromString("--no-wasm-lazy-compilation");
  }
  import("../evaluate/quickjs.js")
    .then(({ compiledQuickJS }) => compiledQuickJS())
    .catch(() => undefined);
}
