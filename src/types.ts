/** A half-open `[start, end)` range of UTF-16 offsets into the original text. */
export type Range = readonly [start: number, end: number];

/** A 1-based line and a 1-based column (UTF-16 units), as editors and SARIF show them. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export type Severity = "error" | "warning" | "info";

/** What pac-do reports about a file: a parse error (ruleId null), a rule violation or a sandbox failure. */
export interface Diagnostic {
  readonly ruleId: string | null;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly start: Position;
  readonly end: Position;
  readonly fixable?: boolean;
}
