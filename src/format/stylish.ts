import type { LintDiagnostic, LintResult } from "../lint/linter.js";
import { lineText, type SourceFile } from "../source/source-file.js";
import type { Severity } from "../types.js";
import { terminalSafe } from "./terminal.js";

export interface StylishOptions {
  readonly color: boolean;
}

type Style = "red" | "yellow" | "blue" | "dim" | "bold" | "underline";
const CODES: Readonly<Record<Style, readonly [number, number]>> = {
  red: [31, 39],
  yellow: [33, 39],
  blue: [34, 39],
  dim: [2, 22],
  bold: [1, 22],
  underline: [4, 24],
};

const SEVERITY_STYLE: Readonly<Record<Severity, Style>> = { error: "red", warning: "yellow", info: "blue" };

/**
 * The default human format, after ESLint's stylish: the file, then one `line:col  severity  message
 * rule-id` row per finding, the offending line under each error, and a summary.
 */
export function formatStylish(results: readonly LintResult[], options: StylishOptions): string {
  const paint = (style: Style, text: string): string => {
    if (!options.color) return text;
    const [open, close] = CODES[style];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  };
  let out = "";
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    infos += result.infoCount;
    fixable += result.fixableCount;
    if (result.diagnostics.length === 0 && result.notes.length === 0) continue;
    // Everything from the PAC or the command line is escaped before it is painted (terminal.ts).
    out += `\n${paint("underline", terminalSafe(result.filePath ?? "<input>"))}\n`;
    for (const note of result.notes) out += `  ${paint("dim", `note: ${terminalSafe(note)}`)}\n`;
    if (result.diagnostics.length === 0) continue;
    const positions = result.diagnostics.map((d) => `${d.start.line}:${d.start.column}`);
    // Reduced, not spread: a file with 200,000 findings would pass more arguments than the stack holds.
    const positionWidth = positions.reduce((width, p) => Math.max(width, p.length), 0);
    const severityWidth = result.diagnostics.reduce((width, d) => Math.max(width, d.severity.length), 0);
    result.diagnostics.forEach((d, index) => {
      const position = (positions[index] ?? "").padEnd(positionWidth);
      const severity = paint(SEVERITY_STYLE[d.severity], d.severity.padEnd(severityWidth));
      const rule = d.ruleId === null ? paint("dim", "parse error") : paint("dim", d.ruleId);
      out += `  ${paint("dim", position)}  ${severity}  ${terminalSafe(d.message)}  ${rule}\n`;
      if (d.severity === "error") out += codeFrame(result.source, d, paint);
    });
  }
  const total = errors + warnings + infos;
  if (total === 0) return out;
  const summary = `${total} ${plural(total, "problem")} (${errors} ${plural(errors, "error")}, ${warnings} ${plural(warnings, "warning")}, ${infos} info)`;
  out += `\n${paint(errors > 0 ? "red" : warnings > 0 ? "yellow" : "blue", paint("bold", `✖ ${summary}`))}\n`;
  if (fixable > 0) out += paint("dim", `  ${fixable} ${plural(fixable, "problem")} can be fixed with \`pac-do fix\`.\n`);
  return out;
}

/** The offending line with a caret under the start of the finding (tabs kept so the caret lines up). */
function codeFrame(source: SourceFile, d: LintDiagnostic, paint: (style: Style, text: string) => string): string {
  const raw = lineText(source, d.start.line);
  if (raw.length > 200 || raw.trim() === "") return "";
  const text = terminalSafe(raw);
  const before = terminalSafe(raw.slice(0, d.start.column - 1)).replace(/[^\t]/g, " ");
  const width =
    d.end.line === d.start.line
      ? Math.max(1, terminalSafe(raw.slice(d.start.column - 1, d.end.column - 1)).length)
      : Math.max(1, text.length - before.length);
  const gutter = `${d.start.line} | `;
  return `${paint("dim", `    ${gutter}`)}${text}\n${" ".repeat(4 + gutter.length)}${before}${paint("red", "^".repeat(width))}\n`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
