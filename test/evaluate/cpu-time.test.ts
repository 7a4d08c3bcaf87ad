import { newQuickJSWASMModule } from "quickjs-emscripten";
import { describe, expect, it } from "vitest";
import { BackstopExpired, createEvaluator, defaultBackstop, type Backstop, type Environment } from "../../src/evaluate/index.js";
import { busyFailure, countsCpu, MAX_STRETCH, wallLimit, wallStretch } from "../../src/evaluate/cpu-time.js";
import { BACKSTOP_GRACE_MS } from "../../src/evaluate/sandbox.js";
import { LOAD_MS_PER_MB, loadBudget, RuntimeLimiter } from "../../src/evaluate/limiter.js";
import { DEFAULT_LIMITS } from "../../src/evaluate/types.js";
import { createSourceFile } from "../../src/source/source-file.js";

const env: Environment = { clientIps: ["10.0.0.1"], dns: new Map(), liveDns: false, now: Date.UTC(2026, 0, 5, 12), timeZone: "UTC" };
const pac = (body: string): ReturnType<typeof createSourceFile> => createSourceFile(`function FindProxyForURL(url, host) {\n  ${body}\n}\n`, "test.pac");

/** Blocks the thread without using CPU, as a thread the machine does not schedule. */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A backstop that cuts off the crossings numbered in `cuts` (from 0) at once, before they run, as a starved thread's would be. */
function starving(cuts: readonly number[]): Backstop & { runs: number[] } {
  const runs: number[] = [];
  return {
    hard: true,
    runs,
    run(ms, operation) {
      runs.push(ms);
      if (cuts.includes(runs.length - 1)) throw new BackstopExpired(ms);
      return defaultBackstop().run(ms, operation);
    },
  };
}

describe.runIf(countsCpu)("deadlines count the thread's CPU time", () => {
  it("lets a call that waits 600 ms of wall clock without CPU run past a 200 ms deadline", async () => {
    const module = await newQuickJSWASMModule();
    const runtime = module.newRuntime();
    const limiter = new RuntimeLimiter(runtime, { ...DEFAULT_LIMITS, timeoutMs: 200 });
    const context = runtime.newContext();
    const nap = context.newFunction("nap", () => sleep(300));
    context.setProp(context.global, "nap", nap);
    nap.dispose();
    limiter.start();
    // Each loop reaches the interrupt handler many times after the naps: a wall-clock deadline would stop it there.
    const result = context.evalCode("nap(); nap(); var n = 0; for (var i = 0; i < 200000; i++) n += i; n");
    limiter.stop();
    expect(limiter.interrupted).toBe(false);
    expect(context.dump(context.unwrapResult(result))).toBe(19999900000);
    context.dispose();
    runtime.dispose();
  });

  it("still stops a loop at its CPU deadline", async () => {
    const loaded = await createEvaluator(pac("for (;;) {}"), { limits: { timeoutMs: 150 } });
    if (!loaded.ok) throw new Error(loaded.failure.message);
    using evaluator = loaded.evaluator;
    const evaluation = await evaluator.evaluate({ url: "http://a.example/" }, env);
    expect(evaluation.failure).toEqual({ kind: "timeout", message: "timed out after 150 ms" });
  });
});

describe.runIf(countsCpu)("a machine too busy to run a call", () => {
  const limits = { timeoutMs: 100 };
  const text = 'return "PROXY p.example:8080";';
  const patient = (budget: number): number => wallLimit(budget, BACKSTOP_GRACE_MS, true);

  it("loads again, at the longest wall clock, a top level cut off before it had its CPU time", async () => {
    const backstop = starving([0]);
    const loaded = await createEvaluator(pac(text), { limits, backstop });
    if (!loaded.ok) throw new Error(loaded.failure.message);
    using evaluator = loaded.evaluator;
    expect(backstop.runs[1]).toBe(patient(loadBudget({ ...DEFAULT_LIMITS, ...limits }, pac(text).text.length)));
    expect((await evaluator.evaluate({ url: "http://a.example/" }, env)).result).toBe("PROXY p.example:8080");
  });

  it("runs a call cut off before it had its CPU time again, and answers", async () => {
    const backstop = starving([1]);
    const loaded = await createEvaluator(pac(text), { limits, backstop });
    if (!loaded.ok) throw new Error(loaded.failure.message);
    using evaluator = loaded.evaluator;
    const evaluation = await evaluator.evaluate({ url: "http://a.example/" }, env);
    expect(evaluation.result).toBe("PROXY p.example:8080");
    // load, the call cut off, the patient load and call.
    expect(backstop.runs.slice(2)).toEqual([patient(loadBudget({ ...DEFAULT_LIMITS, ...limits }, pac(text).text.length)), patient(100)]);
  });

  it("says busy, not timed out, when the machine starves the call again", async () => {
    const loaded = await createEvaluator(pac(text), { limits, backstop: starving([1, 2, 3, 4, 5, 6]) });
    if (!loaded.ok) throw new Error(loaded.failure.message);
    using evaluator = loaded.evaluator;
    const evaluation = await evaluator.evaluate({ url: "http://a.example/" }, env);
    expect(evaluation.failure).toEqual(busyFailure());
    expect(evaluation.failure?.message).toMatch(/^did not finish: the machine was too busy/);
  });
});

describe("the wall clock a crossing may take", () => {
  it("stretches the CPU budget by at most MAX_STRETCH, and by exactly that when patient", () => {
    expect(wallStretch()).toBeGreaterThanOrEqual(1);
    expect(wallStretch()).toBeLessThanOrEqual(MAX_STRETCH);
    expect(wallLimit(100, 50, true)).toBe(countsCpu ? 100 * MAX_STRETCH + 50 : 150);
  });

  it("gives a top level LOAD_MS_PER_MB of CPU per megabyte of script on top of the call deadline", () => {
    expect(loadBudget(DEFAULT_LIMITS, 0)).toBe(DEFAULT_LIMITS.timeoutMs);
    expect(loadBudget(DEFAULT_LIMITS, 5 << 20)).toBe(DEFAULT_LIMITS.timeoutMs + 5 * LOAD_MS_PER_MB);
  });
});
