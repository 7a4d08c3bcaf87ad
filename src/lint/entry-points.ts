import type { EntryPointName } from "../evaluate/types.js";
import { findDefinitions } from "../pac/entry-points.js";
import type { ArrowFunctionExpression, FunctionDeclaration, FunctionExpression, Program } from "../syntax/ast.js";
import type { Range } from "../types.js";

/** An entry point defined as a function, which the rules can read. */
export interface EntryPointFunction {
  readonly name: EntryPointName;
  readonly fn: FunctionDeclaration | FunctionExpression | ArrowFunctionExpression;
  /** The defining name in the source (the identifier or member key), for reports. */
  readonly nameRange: Range;
}

/**
 * Every definition of an entry point as a function, anywhere: `function F(url, host) {}`,
 * `var F = function () {}`, `F = function () {}` and `this.F = ...`. When a name is defined twice,
 * the last one wins at run time, so all of them are returned in source order.
 */
export function findEntryPoints(program: Program): EntryPointFunction[] {
  return findDefinitions(program).flatMap(({ name, node, value, nameRange }): EntryPointFunction[] => {
    if (node.type === "AssignmentExpression" && node.operator !== "=") return [];
    if (value.type !== "FunctionDeclaration" && value.type !== "FunctionExpression" && value.type !== "ArrowFunctionExpression") return [];
    return [{ name, fn: value, nameRange }];
  });
}
