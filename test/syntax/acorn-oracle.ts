import { Script } from "node:vm";
import * as acorn from "acorn";
import { expect } from "vitest";
import type { ParseResult } from "../../src/syntax/parse.js";

/** What acorn makes of a script with the options the issue prescribes: an AST, or the error. */
export function acornParse(text: string): { ok: true; program: unknown } | { ok: false; message: string } {
  try {
    const program = acorn.parse(text, { ecmaVersion: 2022, sourceType: "script", allowReturnOutsideFunction: false, ranges: true });
    return { ok: true, program };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * V8's verdict, the tie-breaker where acorn rejects a valid script: acorn's regex-or-division guess
 * after a nested block is wrong (`do { { } /=/ } while (a)` is a block then a regex, which V8 and the
 * spec accept). Compiling a vm.Script runs nothing.
 */
export function v8Accepts(text: string): boolean {
  try {
    new Script(text);
    return true;
  } catch {
    return false;
  }
}

/** Keys acorn adds that pac-do's AST does not model (positions are compared through `range`). */
const DROPPED = new Set(["start", "end", "loc", "sourceType", "directive", "generator", "async"]);

/** A JSON-comparable form of an ESTree AST from either parser. */
export function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (node instanceof RegExp) return String(node);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  const record = node as Record<string, unknown>;
  const type = record["type"];
  const isFunction = type === "FunctionDeclaration" || type === "FunctionExpression";
  for (const key of Object.keys(record).sort()) {
    if (DROPPED.has(key) || (isFunction && key === "expression")) continue;
    // acorn's constant fields: arrows never have a name, for-of in a script is never `for await`.
    if ((type === "ArrowFunctionExpression" && key === "id") || (type === "ForOfStatement" && key === "await")) continue;
    out[key] = normalize(record[key]);
  }
  return out;
}

/** The path and values of the first difference between two normalized trees, for readable failures. */
export function firstDifference(a: unknown, b: unknown, path = "$"): string | undefined {
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return Object.is(a, b) ? undefined : `${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) {
    const difference = firstDifference(ra[key], rb[key], `${path}.${key}`);
    if (difference !== undefined) return difference;
  }
  return undefined;
}

/**
 * Checks pac-do's parse of `text` against acorn's: the same verdict (V8 breaking ties where acorn
 * rejects a valid script) and, where both accept, the same whole tree, ranges included.
 */
export function expectAcornAgrees(text: string, ours: ParseResult): void {
  const theirs = acornParse(text);
  if (!theirs.ok) {
    if (ours.ok && v8Accepts(text)) return;
    expect(ours.ok, `acorn rejects (${theirs.message}) but pac-do accepts`).toBe(false);
    return;
  }
  if (!ours.ok) throw new Error(`acorn accepts but pac-do reports: ${ours.errors.map((e) => e.message).join("; ")}`);
  expect(firstDifference(normalize(ours.program), normalize(theirs.program))).toBeUndefined();
}
