import type { SourceFile } from "../source/source-file.js";
import { positionAt } from "../source/source-file.js";
import type { Comment } from "../syntax/parse.js";

/**
 * Inline disables, read from comments:
 * `// pac-do-disable-next-line rule-a, rule-b`, `/* pac-do-disable-line *\/` (same line) and
 * `/* pac-do-disable rule-a *\/` (whole file). Without rule ids a directive covers every rule.
 */
export interface Directives {
  /** Whether a diagnostic of `ruleId` starting on `line` (1-based) is silenced. */
  suppresses(ruleId: string, line: number): boolean;
}

const DIRECTIVE = /^\s*(pac-do-disable(?:-next-line|-line)?)(?:\s+([\s\S]*?))?\s*(?:--[\s\S]*)?$/;

type Scope = "all" | ReadonlySet<string>;

export function readDirectives(source: SourceFile, comments: readonly Comment[]): Directives {
  let file: Scope | undefined;
  const lines = new Map<number, Scope[]>();
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.value);
    if (!match) continue;
    const kind = match[1];
    const ids = (match[2] ?? "")
      .split(/[\s,]+/)
      .filter((id) => id.length > 0);
    const scope: Scope = ids.length === 0 ? "all" : new Set(ids);
    if (kind === "pac-do-disable") {
      file = file === "all" || scope === "all" ? "all" : new Set([...(file ?? []), ...scope]);
      continue;
    }
    const start = positionAt(source, comment.range[0]).line;
    const end = positionAt(source, comment.range[1]).line;
    const line = kind === "pac-do-disable-line" ? start : end + 1;
    lines.set(line, [...(lines.get(line) ?? []), scope]);
  }
  const covers = (scope: Scope | undefined, ruleId: string): boolean =>
    scope !== undefined && (scope === "all" || scope.has(ruleId));
  return {
    suppresses: (ruleId, line) => covers(file, ruleId) || (lines.get(line) ?? []).some((scope) => covers(scope, ruleId)),
  };
}
