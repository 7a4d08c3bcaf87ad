import type { QuickJSRuntime } from "quickjs-emscripten-core";
import { deadlineClock } from "./cpu-time.js";
import type { Limits } from "./types.js";

/**
 * Loading a script gets the call deadline plus this much CPU time per megabyte of script: QuickJS
 * compiles the whole script in one native step before its top level runs, and an instrumented 5 MB
 * PAC took 500-700 ms of CPU to load on the project machine (140 ms for 1 MB), so a fixed deadline
 * failed large PACs on slower machines and under a user's lower --timeout.
 */
export const LOAD_MS_PER_MB = 1000;

/** The CPU budget of loading a script of `length` characters (see LOAD_MS_PER_MB). */
export function loadBudget(limits: Limits, length: number): number {
  return limits.timeoutMs + Math.ceil((length / (1 << 20)) * LOAD_MS_PER_MB);
}

/**
 * Holds a QuickJS runtime to pac-do's limits: QuickJS's own memory and stack limits, and an
 * interrupt handler that stops a call at its deadline (in the thread's CPU time, cpu-time.ts) or once
 * the wasm heap has outgrown the memory limit (see wasmHeap). Shared by the sandbox and the node profile.
 */
export class RuntimeLimiter {
  /** Set when the interrupt handler stopped the current call for memory rather than time. */
  outOfMemory = false;
  /** Set when the interrupt handler stopped the current call (QuickJS then throws an uncatchable "interrupted"). */
  interrupted = false;
  /** The budget of the call under way (or the last one), in ms: what a timeout message names. */
  budgetMs: number;
  private deadline = Infinity;
  private heapAtStart = 0;
  private readonly heap: () => number;
  private progress: (() => number) | undefined;
  private seen = 0;

  /**
   * `capped`: the runtime's wasm memory has a maximum that enforces the memory limit (quickjs.ts
   * quickJSInstance); QuickJS's own limit, which counts each allocation as 8 bytes under emscripten,
   * then stays off, so that running out always means the cap and reads as such.
   */
  constructor(runtime: QuickJSRuntime, private readonly limits: Limits, capped = false) {
    this.budgetMs = limits.timeoutMs;
    if (!capped) runtime.setMemoryLimit(limits.memoryBytes);
    runtime.setMaxStackSize(limits.stackBytes);
    const heap = wasmHeap(runtime);
    this.heap = heap;
    runtime.setInterruptHandler(() => {
      if (this.progress !== undefined) this.notice(this.progress());
      if (deadlineClock() > this.deadline) return (this.interrupted = true);
      this.outOfMemory = heap() - this.heapAtStart > limits.memoryBytes + this.heapAtStart / 4;
      if (this.outOfMemory) this.interrupted = true;
      return this.outOfMemory;
    });
  }

  /** The wasm heap's size now, in bytes. */
  heapBytes(): number {
    return this.heap();
  }

  /** Takes the heap's current size as the base the memory check measures growth from. */
  markHeap(): void {
    this.heapAtStart = this.heap();
  }

  /** Starts a call: its deadline runs from now (`budgetMs`, default the call deadline), its memory from the heap's size now. */
  start(budgetMs = this.limits.timeoutMs): void {
    this.budgetMs = budgetMs;
    this.deadline = deadlineClock() + budgetMs;
    this.markHeap();
    this.outOfMemory = false;
    this.interrupted = false;
  }

  /**
   * Starts a batch of calls: like `start`, and while it runs the interrupt handler reads `progress`
   * (which call of the batch is running) and starts a new call, deadline and memory, whenever it
   * changes. A call thus gets its full time limit plus at most one interval between two interrupt
   * checks, and a batch of fast calls pays nothing per call for its deadline.
   */
  startBatch(progress: () => number, first: number): void {
    this.start();
    this.progress = progress;
    this.seen = first;
  }

  /** Ends a call or a batch: no deadline until the next start. */
  stop(): void {
    this.deadline = Infinity;
    this.progress = undefined;
  }

  private notice(progress: number): void {
    if (progress === this.seen) return;
    this.seen = progress;
    this.start();
  }
}

/**
 * The size of the wasm heap the runtime lives in. QuickJS's own memory limit undercounts under
 * emscripten (its allocator accounting has no malloc_usable_size there, so every allocation counts as
 * 8 bytes; measured: 50 strings of 100 KB showed as 53 KB), so the interrupt handler also stops a
 * call once the heap has grown by more than the limit since the call began, plus one growth step
 * (emscripten grows the heap by up to 20% of its size at a time), so that growing once is not taken for
 * running out.
 */
export function wasmHeap(runtime: QuickJSRuntime): () => number {
  const module: unknown = Reflect.get(runtime, "module");
  return () => {
    const bytes: unknown = typeof module === "object" && module !== null ? Reflect.get(module, "HEAPU8") : undefined;
    return bytes instanceof Uint8Array ? bytes.byteLength : 0;
  };
}
