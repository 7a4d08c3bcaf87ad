import type { ParsedPac } from "../../src/fix/plan.js";
import type { SourceFile } from "../../src/source/source-file.js";
import { parse } from "../../src/syntax/parse.js";

/** Parses a PAC with the project's parser for the planner tests; undefined when it does not parse. */
export function parsePac(source: SourceFile): ParsedPac | undefined {
  const parsed = parse(source);
  return parsed.ok ? { source, program: parsed.program, comments: parsed.comments } : undefined;
}
