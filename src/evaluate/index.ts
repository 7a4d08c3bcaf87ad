/**
 * The PAC evaluator: `createEvaluator` loads a PAC into a sandbox for one client profile and returns
 * a `PacEvaluator` whose `evaluate()` answers FindProxyForURL for a URL in a given environment.
 */
import type { QuickJSWASMModule } from "quickjs-emscripten-core";

/** What an evaluator needs of a QuickJS module (the release build, or the debug build tests wrap to detect leaks). */
export type QuickJSModule = Pick<QuickJSWASMModule, "newRuntime">;
import type { SourceFile } from "../source/source-file.js";
import type { Program } from "../syntax/ast.js";
import { positionAt } from "../source/source-file.js";
import { findModernSyntax, type ModernSyntax } from "./es5.js";
import { findOversizedRegexes, oversizedNotes, QUICKJS_MAX_CAPTURES } from "./regex-captures.js";
import { instrumentIfFits, type Instrumented, type ProbeOptions } from "./instrument.js";
import { defaultBackstop, type Backstop } from "./backstop.js";
import { compiledQuickJS, quickJSInstance, quickJSModule } from "./quickjs.js";
import { BACKSTOP_GRACE_MS, createSandbox } from "./sandbox.js";
import { DEFAULT_LIMITS, type Environment, type EvaluationFailure, type CreateEvaluatorResult, type Limits, type ProfileName } from "./types.js";

export { defaultEnvironment, DEFAULT_CLIENT_IP, isValidTimeZone, machineTimeZone } from "./environment.js";
export type * from "./types.js";
export { DEFAULT_LIMITS } from "./types.js";
export type { Instrumented, ProbeOptions } from "./instrument.js";
export type { ModernSyntax } from "./es5.js";
export { defaultBackstop, inlineBackstop, BackstopExpired, type Backstop } from "./backstop.js";

export const PROFILES: readonly ProfileName[] = ["winhttp", "chromium", "node"];

export interface EvaluatorOptions {
  /** Whose semantics to reproduce; default winhttp (what Delivery Optimization sees). */
  readonly profile?: ProfileName;
  readonly limits?: Partial<Limits>;
  /**
   * The parsed PAC. With it, results name the deciding `return` and branch coverage is recorded,
   * and winhttp rejects ES2015+ syntax as JScript does; without it the text runs as is.
   */
  readonly program?: Program;
  /**
   * Probes to leave out when the evaluator will never need them (with `program`; all are in by
   * default). Each probe is a guest function call: on a PAC of 10,000 `shExpMatch` rules the call-site
   * probes alone made an evaluation about 1.7x as slow. Without `branches`, `branchPoints` is empty and
   * coverage lists nothing; without `callSites`, traced helper calls have no `range`.
   */
  readonly probes?: ProbeOptions;
  /**
   * What `compilePac` made of the parsed PAC, instead of `program` (and `probes`): a process that
   * found it in a cache (src/cache/) needs no parser.
   */
  readonly compiled?: CompiledPac;
  /**
   * The QuickJS module to run in (tests pass the debug build to check for leaks). Without it each
   * runtime gets a wasm instance of its own, whose memory is capped at the memory limit.
   */
  readonly module?: QuickJSModule;
  /**
   * Cuts off a guest crossing that outlives its deadline by more than a grace (see backstop.ts).
   * Default: `vm`'s watchdog under Node; where there is none (a browser), nothing, and the host runs
   * the library in a Worker it terminates.
   */
  readonly backstop?: Backstop;
  /** Answers names for `Environment.liveDns` in the winhttp and chromium profiles (default: the system resolver; tests pass a fake). */
  readonly liveResolver?: (host: string) => Promise<readonly string[]>;
  /**
   * The environment the PAC's top level runs in: each client loads the PAC itself, so
   * `var me = myIpAddress()` at top level differs per client (default: the helpers' defaults).
   */
  readonly loadEnvironment?: Environment;
}

/**
 * What an evaluator takes from a PAC's syntax tree: the script with its probes and, for winhttp, the
 * first ES2015+ construct. Plain data (JSON round-trips it), so that a cache can keep it.
 */
export interface CompiledPac {
  /** Absent when the tree does not fit the text: the original then runs, and results name no line. */
  readonly instrumented?: Instrumented;
  readonly modern?: ModernSyntax;
}

/** Compiles a parsed PAC for `createEvaluator`'s `compiled` (see `EvaluatorOptions.probes`). */
export function compilePac(text: string, program: Program, probes: ProbeOptions = {}): CompiledPac {
  const instrumented = instrumentIfFits(text, program, probes);
  const modern = findModernSyntax(program, text);
  return { ...(instrumented ? { instrumented } : {}), ...(modern ? { modern } : {}) };
}


/**
 * Loads `source` (runs its top level under the limits) for one profile. Fails when the script does
 * not load: syntax error, ES2015+ syntax under winhttp, a top-level exception, timeout or OOM.
 */
export async function createEvaluator(source: SourceFile, options: EvaluatorOptions = {}): Promise<CreateEvaluatorResult> {
  const profile = options.profile ?? "winhttp";
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  if (profile === "node") {
    const backstop = options.backstop ?? defaultBackstop();
    const loadEnvironment = options.loadEnvironment ? { loadEnvironment: options.loadEnvironment } : {};
    // In a worker thread that a watchdog terminates (node-worker.ts), unless the caller brings its own
    // module (the leak test's debug build) or bounds the thread itself (inlineBackstop).
    const wasm = options.module === undefined && backstop.hard ? await compiledQuickJS() : undefined;
    // Loaded on demand: pac-resolver brings esprima, escodegen and degenerator, which the other profiles do not need.
    const created =
      wasm !== undefined
        ? await (await import("./node-worker.js")).createIsolatedNodeEvaluator({ text: source.text, limits, wasm, graceMs: backstop.graceMs ?? BACKSTOP_GRACE_MS, ...loadEnvironment })
        : await (await import("./node-profile.js")).createNodeEvaluator({ text: source.text, limits, runtimes: { shared: options.module ?? (await quickJSModule()) }, ...loadEnvironment });
    return created.ok ? created : { ok: false, failure: explainFailure(created.failure, source, options, profile) };
  }
  const compiled = options.compiled ?? (options.program ? compilePac(source.text, options.program, options.probes) : undefined);
  if (profile === "winhttp" && compiled?.modern) {
    const { modern } = compiled;
    return {
      ok: false,
      failure: {
        kind: "syntax",
        message: `${modern.construct} is ES2015+ syntax; Windows runs PACs with JScript, which rejects it and ignores the whole file`,
        range: modern.range,
      },
    };
  }
  const created = await createSandbox({
    profile,
    source,
    limits,
    runtimes: options.module ? { shared: options.module } : { fresh: () => quickJSInstance(limits.memoryBytes) },
    backstop: options.backstop ?? defaultBackstop(),
    ...(compiled?.instrumented ? { instrumented: compiled.instrumented } : {}),
    ...(options.liveResolver ? { liveResolver: options.liveResolver } : {}),
    ...(options.loadEnvironment ? { loadEnvironment: options.loadEnvironment } : {}),
  });
  return created.ok ? created : { ok: false, failure: explainFailure(created.failure, source, options, profile) };
}

/** A load failure with what pac-do knows about its cause: which regex has too many groups for QuickJS, and why it stayed so. */
function explainFailure(failure: EvaluationFailure, source: SourceFile, options: EvaluatorOptions, profile: ProfileName): EvaluationFailure {
  if (!failure.message.includes("too many captures")) return failure;
  const notes = options.compiled?.instrumented?.oversizedRegexes ?? (options.program ? oversizedNotes(findOversizedRegexes(options.program)) : []);
  // pac-resolver runs the PAC as written; the other profiles rewrite what they provably can.
  const regex = notes.find((note) => profile === "node" || !note.rewritten);
  if (!regex) return failure;
  const line = positionAt(source, regex.range[0]).line;
  const use = regex.at === undefined ? "" : ` (line ${positionAt(source, regex.at).line})`;
  const why = profile === "node" ? "; pac-resolver runs the PAC as written" : regex.why ? `; pac-do keeps its groups because ${regex.why}${use}` : "";
  return {
    ...failure,
    message: `${failure.message}: the regex on line ${line} has ${regex.captures} capture groups, more than QuickJS's ${QUICKJS_MAX_CAPTURES} (Chromium's V8 compiles it)${why}`,
    range: regex.range,
  };
}
export { requestUrl, chromiumImplicitBypass } from "./url.js";
export { findModernSyntax } from "./es5.js";
