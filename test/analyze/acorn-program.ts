import { parse as acornParse } from "acorn";
import type { Program } from "../../src/syntax/ast.js";

/** An ESTree program with ranges from acorn, standing in for the project parser in unit tests. */
export function acornProgram(text: string): Program {
  const program: unknown = acornParse(text, { ecmaVersion: 2022, ranges: true });
  return program as Program;
}
