import type { RouteAnalysis } from "../analyze/types.js";
import type { AnalysisBudget } from "../analyze/index.js";
import type { Limits, ProfileName } from "../evaluate/types.js";
import { createSourceFile, positionAt, type SourceFile } from "../source/source-file.js";
import type { Node } from "../syntax/ast.js";
import { parse, type ParseResult } from "../syntax/parse.js";
import { VISITOR_KEYS } from "../syntax/walk.js";
import type { Diagnostic, Severity } from "../types.js";
import { formatMessage, type RuleContext, type RuleListeners, type RuleModule, type RuleSetting } from "./define-rule.js";
import { readDirectives } from "./directives.js";
import { ruleList } from "./rules/index.js";
import maxSize, { HARD_LIMIT, sourceBytes } from "./rules/max-size.js";

/** A diagnostic as the linter reports it: the shared contract plus the message template id. */
export interface LintDiagnostic extends Diagnostic {
  readonly messageId?: string;
}

export interface LintOptions {
  /** Whose semantics to check against; default winhttp, the client Delivery Optimization uses. */
  readonly profile?: ProfileName;
  /** Rule settings by id; rules not listed keep their default for the profile. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Sandbox limits for the route analysis. */
  readonly limits?: Partial<Limits>;
  /** What the route analysis may spend (default `LINT_BUDGET`: 10,000 evaluations, 5 s). */
  readonly budget?: AnalysisBudget;
  /**
   * false: skip the route analysis (no sandbox starts); rules then see an analysis without routes,
   * so only their static checks report. For fast editor and pre-commit runs, never for a verdict.
   */
  readonly analysis?: boolean;
  /** Replaces the route analysis (tests, or a caller that already has one). */
  readonly analyze?: (source: SourceFile, parsed: Extract<ParseResult, { ok: true }>, profile: ProfileName) => Promise<RouteAnalysis>;
  /** The parse of `input`, when the caller already has it (it must be of this very text). */
  readonly parsed?: ParseResult;
  /** The rule set; defaults to every built-in rule. */
  readonly ruleModules?: readonly RuleModule[];
}

export interface LintResult {
  readonly filePath: string | undefined;
  readonly source: SourceFile;
  /** Sorted by position, then severity (errors first), then rule id. */
  readonly diagnostics: readonly LintDiagnostic[];
  readonly errorCount: number;
  readonly warningCount: number;
  readonly infoCount: number;
  readonly fixableCount: number;
  /** False when the file did not parse (then only parse errors are reported). */
  readonly parsed: boolean;
  /** What the route analysis did not cover, one sentence each (a capped environment product, skipped cells). */
  readonly notes: readonly string[];
}

/** The severity a rule runs at under `profile`, after the user's settings. */
export function effectiveSetting(rule: RuleModule, profile: ProfileName, settings: Readonly<Record<string, RuleSetting>> = {}): RuleSetting {
  return (Object.hasOwn(settings, rule.id) ? settings[rule.id] : undefined) ?? rule.meta.profiles?.[profile] ?? rule.meta.defaultSeverity;
}

/** Lints one PAC file: parse errors, or the findings of every enabled rule. */
export async function lint(input: SourceFile | string, options: LintOptions = {}): Promise<LintResult> {
  const source = typeof input === "string" ? createSourceFile(input) : input;
  const profile = options.profile ?? "winhttp";
  // Over 4 MB (four times what any client accepts) the file is not parsed: tokens and tree would take
  // about 140 bytes of memory per byte of source (1.2 GB for 8 MB); max-size alone says what is wrong.
  const unparsed = !options.parsed && effectiveSetting(maxSize, profile, options.rules) !== "off" && sourceBytes(source) > PARSE_LIMIT;
  const modules: readonly RuleModule[] = unparsed ? [maxSize] : (options.ruleModules ?? ruleList);
  const needsSandbox =
    options.analysis !== false &&
    !options.analyze &&
    modules.some((rule) => rule.meta.usesAnalysis && effectiveSetting(rule, profile, options.rules) !== "off");
  // Start compiling the sandbox's wasm now: it compiles in the background while the file parses. The
  // compile only: each sandbox instantiates its own (quickJSInstance), so instantiating the shared module
  // here (quickJSModule) cost the main thread an instance no winhttp or chromium analysis used.
  if (needsSandbox) await import("../evaluate/quickjs.js").then(({ compiledQuickJS }) => void compiledQuickJS().catch(() => undefined));
  const parsed = options.parsed ?? parse(unparsed ? "" : source);
  if (!parsed.ok) {
    const diagnostics = parsed.errors.map(
      (error): LintDiagnostic => ({ ruleId: null, severity: "error", message: error.message, range: error.range, start: error.start, end: error.end }),
    );
    return summarize(source, diagnostics, false, []);
  }

  const diagnostics: LintDiagnostic[] = [];
  let analysis: Promise<RouteAnalysis> | undefined;
  // Filled by the rules' walk below; listeners and `Program:exit` only run once it has begun.
  const parents = new Map<Node, Node>();
  // Over 1 MB, WinHTTP and Chromium reject the file (max-size says so), and evaluating it in every
  // environment would take tens of seconds: the routes are not analysed (docs/limits.md).
  const oversized = options.analysis !== false && !options.analyze && effectiveSetting(maxSize, profile, options.rules) !== "off" && sourceBytes(source) > HARD_LIMIT;
  const runAnalysis = (): Promise<RouteAnalysis> => {
    if (options.analysis === false) return Promise.resolve(skippedAnalysis(profile));
    if (oversized) return Promise.resolve({ ...skippedAnalysis(profile), notes: [OVERSIZED_NOTE] });
    if (options.analyze) return options.analyze(source, parsed, profile);
    // The rules judge DO endpoints only, so the hosts outside the catalogue (which the fixer needs)
    // are skipped; and no rule reads branch coverage, whose probes would slow every evaluation.
    return import("../analyze/index.js").then(({ analyze, LINT_BUDGET }) =>
      analyze(source, {
        profile,
        program: parsed.program,
        otherHosts: false,
        coverage: false,
        budget: options.budget ?? LINT_BUDGET,
        ...(options.limits ? { limits: options.limits } : {}),
      }),
    );
  };

  const listeners: RuleListeners[] = [];
  for (const rule of modules) {
    const setting = effectiveSetting(rule, profile, options.rules);
    if (setting === "off") continue;
    const configured = options.rules?.[rule.id] !== undefined;
    const context: RuleContext = {
      id: rule.id,
      source,
      program: parsed.program,
      comments: parsed.comments,
      // Read on demand: the parse converts its tokens only when asked, and for 1 MB that costs about as
      // much as the parse itself; only jscript-compatible reads them, at a trailing comma.
      get tokens() {
        return parsed.tokens;
      },
      profile,
      parentOf: (node) => parents.get(node) ?? null,
      analysis: () => (analysis ??= runAnalysis()),
      report: (descriptor) => {
        const range = descriptor.range ?? descriptor.node?.range ?? [0, 0];
        const template = rule.meta.messages[descriptor.messageId] ?? descriptor.messageId;
        diagnostics.push({
          ruleId: rule.id,
          messageId: descriptor.messageId,
          severity: configured ? setting : (descriptor.severity ?? setting),
          message: formatMessage(template, descriptor.data),
          range,
          start: positionAt(source, range[0]),
          end: positionAt(source, range[1]),
          ...(rule.meta.fixable ? { fixable: true } : {}),
        });
      },
    };
    listeners.push(rule.create(context));
  }

  dispatch(parsed.program, listeners, parents);
  await Promise.all(listeners.map((listener) => listener["Program:exit"]?.()));

  const directives = readDirectives(source, parsed.comments);
  const kept = diagnostics.filter((d) => d.ruleId === null || !directives.suppresses(d.ruleId, d.start.line));
  return summarize(source, kept, true, unparsed ? [UNPARSED_NOTE] : analysis ? coverageNotes(await analysis) : []);
}

/** Files larger than this are not parsed by lint (docs/limits.md). */
export const PARSE_LIMIT = 4 * 1024 * 1024;

const UNPARSED_NOTE = "the file was not parsed: it is over 4 MB, so only max-size was checked";

const OVERSIZED_NOTE = "the routes were not analysed: the file is over 1 MB, which WinHTTP and Chromium reject (see max-size)";

/** What rules see when the analysis is skipped: no entry points evaluated, no routes, nothing reached. */
function skippedAnalysis(profile: ProfileName): RouteAnalysis {
  return { profile, entryPoints: [], environments: [], routes: [], coverage: { total: 0, taken: 0, unreached: [] } };
}

type AnyListener = (node: Node, parent: Node | null) => void;

/**
 * One walk for all rules, in source order (as syntax/walk.ts visits): each node type gets a single
 * listener that calls every rule's listener for it in rule order, and every node's parent goes into
 * `parents` on the way, so `parentOf` needs no walk of its own. Iterative, since minified PACs nest
 * deeply. `Program:exit` is left to the caller, since rules may make it async.
 */
function dispatch(root: Node, listeners: readonly RuleListeners[], parents: Map<Node, Node>): void {
  const byType = new Map<string, AnyListener[]>();
  for (const listener of listeners) {
    for (const [type, handler] of Object.entries(listener)) {
      if (type === "Program:exit" || typeof handler !== "function") continue;
      // Registered under the node type it accepts, so it only ever receives that type's nodes.
      byType.set(type, [...(byType.get(type) ?? []), handler as AnyListener]);
    }
  }
  const merged = new Map<string, AnyListener>();
  for (const [type, handlers] of byType) {
    merged.set(type, handlers.length === 1 && handlers[0] ? handlers[0] : (node, parent) => handlers.forEach((handler) => handler(node, parent)));
  }
  const keysOf: Readonly<Record<string, readonly string[]>> = VISITOR_KEYS;
  const stack: Node[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    merged.get(node.type)?.(node, parents.get(node) ?? null);
    // Children pushed last-first, so they come off the stack in source order.
    const keys = keysOf[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const value: unknown = Reflect.get(node, keys[k] ?? "");
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const item: unknown = value[i];
          if (isNode(item)) {
            parents.set(item, node);
            stack.push(item);
          }
        }
      } else if (isNode(value)) {
        parents.set(value, node);
        stack.push(value);
      }
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && "type" in value && "range" in value;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** The analysis' own caveats, so a clean result is not read as more than was checked. */
function coverageNotes(analysis: RouteAnalysis): string[] {
  const notes = [...(analysis.notes ?? [])];
  const total = analysis.environmentsTotal;
  if (total !== undefined && total > analysis.environments.length && !analysis.sampled) {
    notes.unshift(`the route analysis evaluated ${analysis.environments.length} of ${total} environment classes (capped)`);
  }
  return notes;
}

function summarize(source: SourceFile, diagnostics: LintDiagnostic[], parsed: boolean, notes: readonly string[]): LintResult {
  diagnostics.sort(
    (a, b) =>
      a.range[0] - b.range[0] || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.ruleId ?? "").localeCompare(b.ruleId ?? "") || a.range[1] - b.range[1],
  );
  const count = (severity: Severity): number => diagnostics.filter((d) => d.severity === severity).length;
  return {
    filePath: source.path,
    source,
    diagnostics,
    errorCount: count("error"),
    warningCount: count("warning"),
    infoCount: count("info"),
    fixableCount: diagnostics.filter((d) => d.fixable).length,
    parsed,
    notes,
  };
}
