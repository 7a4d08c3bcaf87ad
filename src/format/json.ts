import type { LintResult } from "../lint/linter.js";
import type { Severity } from "../types.js";

/** One file in `--format json`. Positions are 1-based; `endColumn` points just past the last character. */
export interface JsonFileResult {
  readonly filePath: string;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly infoCount: number;
  readonly diagnostics: readonly JsonDiagnostic[];
}

export interface JsonDiagnostic {
  /** null for a parse error. */
  readonly ruleId: string | null;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly fixable: boolean;
}

export function toJson(results: readonly LintResult[]): JsonFileResult[] {
  return results.map((result) => ({
    filePath: result.filePath ?? "<input>",
    errorCount: result.errorCount,
    warningCount: result.warningCount,
    infoCount: result.infoCount,
    diagnostics: result.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
      line: d.start.line,
      column: d.start.column,
      endLine: d.end.line,
      endColumn: d.end.column,
      fixable: d.fixable === true,
    })),
  }));
}

/** `--format json`: an array with one object per file. */
export function formatJson(results: readonly LintResult[]): string {
  return `${JSON.stringify(toJson(results), null, 2)}\n`;
}
