import { parse as acornParse, type Comment } from "acorn";
import { createSourceFile, type SourceFile } from "../../src/source/source-file.js";
import type { Program } from "../../src/syntax/ast.js";
import type { ParsedPac } from "../../src/fix/plan.js";

/** Parses with acorn (ESTree with ranges), standing in for the project parser in planner tests. */
export function acornPac(text: string | SourceFile): ParsedPac {
  const source = typeof text === "string" ? createSourceFile(text) : text;
  const comments: Comment[] = [];
  const program: unknown = acornParse(source.text, { ecmaVersion: 2022, ranges: true, onComment: comments, allowReturnOutsideFunction: false });
  return {
    source,
    program: program as Program,
    comments: comments.map((c) => ({ type: c.type, value: c.value, range: [c.start, c.end] as const })),
  };
}
