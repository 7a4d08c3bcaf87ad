import type { EntryPointName } from "../evaluate/types.js";
import type { ArrowFunctionExpression, FunctionDeclaration, FunctionExpression, Node, Program } from "../syntax/ast.js";
import { forEachChild } from "./ast-utils.js";

const ENTRY_POINT_NAMES: readonly EntryPointName[] = ["FindProxyForURL", "FindProxyForURLEx"];

export interface EntryPointDefinition {
  readonly name: EntryPointName;
  readonly fn: FunctionDeclaration | FunctionExpression | ArrowFunctionExpression;
  /** The defining name in the source (the identifier or member), for reports. */
  readonly nameRange: readonly [number, number];
}

function entryPointName(name: string): EntryPointName | undefined {
  return ENTRY_POINT_NAMES.find((candidate) => candidate === name);
}

/**
 * Every definition of an entry point: `function F(url, host) {}`, `var F = function () {}`,
 * `F = function () {}` and `this.F = ...`. When a name is defined twice, the last one wins at run
 * time, so all of them are returned in source order.
 */
export function findEntryPoints(program: Program): EntryPointDefinition[] {
  const found: EntryPointDefinition[] = [];
  const visit = (node: Node): void => {
    if (node.type === "FunctionDeclaration") {
      const name = entryPointName(node.id.name);
      if (name) found.push({ name, fn: node, nameRange: node.id.range });
    } else if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.init) {
      const name = entryPointName(node.id.name);
      if (name && isFunction(node.init)) found.push({ name, fn: node.init, nameRange: node.id.range });
    } else if (node.type === "AssignmentExpression" && node.operator === "=" && isFunction(node.right)) {
      const target = node.left;
      const id =
        target.type === "Identifier"
          ? target
          : target.type === "MemberExpression" && !target.computed && target.property.type === "Identifier"
            ? target.property
            : undefined;
      const name = id && entryPointName(id.name);
      if (id && name) found.push({ name, fn: node.right, nameRange: id.range });
    }
    forEachChild(node, visit);
  };
  visit(program);
  return found.sort((a, b) => a.nameRange[0] - b.nameRange[0]);
}

function isFunction(node: Node): node is FunctionExpression | ArrowFunctionExpression {
  return node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression";
}

/** Whether `node` lies inside `outer` (ranges nest in a tree). */
export function contains(outer: { readonly range: readonly [number, number] }, node: { readonly range: readonly [number, number] }): boolean {
  return outer.range[0] <= node.range[0] && node.range[1] <= outer.range[1];
}
