/**
 * pac-do as a library: parse, lint, fix, evaluate and analyse PAC files. The CLI (`src/cli.ts`) is a
 * thin layer over these exports.
 */
export type { Diagnostic, Position, Range, Severity } from "./types.js";
export { createSourceFile, decodeSource, lineText, offsetAt, positionAt, type SourceFile } from "./source/source-file.js";

export { parse, type Comment, type ParseError, type ParseResult, type Token } from "./syntax/parse.js";
export { walk, type Listeners } from "./syntax/walk.js";
export type * from "./syntax/ast.js";

export { lint, effectiveSetting, type LintDiagnostic, type LintOptions, type LintResult } from "./lint/linter.js";
export {
  defineRule,
  ruleDocsUrl,
  type ReportDescriptor,
  type RuleContext,
  type RuleListeners,
  type RuleMeta,
  type RuleModule,
  type RuleSetting,
  type RuleType,
} from "./lint/define-rule.js";
export { ruleList, rules, type RuleId } from "./lint/rules/index.js";
export { checkProxyString, type ResultProblem, type ResultProblemId } from "./lint/proxy-string-check.js";

export { formatJson, formatSarif, formatStylish, toJson, FORMAT_NAMES, type FormatName, type JsonDiagnostic, type JsonFileResult } from "./format/index.js";
export { ConfigError, loadConfig, parseConfig, type LoadedConfig, type PacDoConfig } from "./config/config.js";

export { fixPac, verifyFix, type FixOptions, type FixResult } from "./fix/fix.js";
export { resolveUrls, type ResolveOptions, type ResolvedUrl } from "./resolve/resolve.js";
export { parseProxyList, parseProxyEntry } from "./pac/proxy-string.js";
export { createEvaluator, defaultEnvironment, DEFAULT_LIMITS, PROFILES, type EvaluatorOptions } from "./evaluate/index.js";
export type {
  Environment,
  EntryPointName,
  Evaluation,
  EvaluationFailure,
  Limits,
  PacEvaluator,
  ProfileName,
  ProxyEntry,
} from "./evaluate/types.js";
export { analyze, compareRoutes, serviceViolations, type AnalyzeOptions } from "./analyze/index.js";
export type { EnvironmentClass, HostRoutes, RouteAnalysis, RouteOutcome } from "./analyze/types.js";
export { diffPacs, routeKey } from "./diff/diff.js";
export { diffToJson, diffToMarkdown, diffToStylish, formatDiff, type DiffFormat, type DiffNames } from "./diff/format.js";
export type { DiffAnswer, DiffOptions, PacDiff, RouteDifference } from "./diff/types.js";
export { CATALOGUE, classifyHost, isServiceHost } from "./do/catalogue.js";
export type { Endpoint, EndpointRole } from "./do/types.js";
