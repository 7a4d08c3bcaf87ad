import { parse } from "acorn";
import type { Program } from "../../src/syntax/ast.js";

/**
 * An ESTree program with ranges from acorn, standing in for src/syntax/parse.ts in evaluator tests
 * (acorn's node shapes are the ESTree ones the AST types describe).
 */
export function parseForTest(text: string, ecmaVersion: 5 | 2022 = 2022): Program {
  const program: unknown = parse(text, { ecmaVersion, ranges: true, allowReturnOutsideFunction: false });
  if (!isProgram(program)) throw new Error("acorn did not return a Program");
  return program;
}

function isProgram(value: unknown): value is Program {
  return typeof value === "object" && value !== null && "type" in value && value.type === "Program" && "range" in value;
}
