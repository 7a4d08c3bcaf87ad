import type { Literal, Node, Statement } from "../syntax/ast.js";
import { forEachChild } from "../syntax/walk.js";

/** True when `node` or a node below it satisfies `test`. */
export function someNode(node: Node, test: (node: Node) => boolean): boolean {
  const stack: Node[] = [node];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    if (test(current)) return true;
    forEachChild(current, (child) => void stack.push(child));
  }
  return false;
}

/** Every node below `node` (inclusive) that satisfies `test`, in no particular order. */
export function findNodes<T extends Node>(node: Node, test: (node: Node) => node is T): T[] {
  const found: T[] = [];
  const stack: Node[] = [node];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    if (test(current)) found.push(current);
    forEachChild(current, (child) => void stack.push(child));
  }
  return found;
}

export function isStringLiteral(node: Node | null | undefined): node is Literal & { readonly value: string } {
  return node?.type === "Literal" && typeof node.value === "string";
}

/** Whether `statement` always returns or throws, so nothing after it runs (conservative: loops and switches do not count). */
export function alwaysExits(statement: Statement): boolean {
  switch (statement.type) {
    case "ReturnStatement":
    case "ThrowStatement":
      return true;
    case "BlockStatement":
      return statement.body.some(alwaysExits);
    case "IfStatement": {
      // An else-if chain is walked as the loop it is: generated PACs chain tens of thousands of branches.
      let branch: Statement = statement;
      while (branch.type === "IfStatement") {
        if (branch.alternate === null || !alwaysExits(branch.consequent)) return false;
        branch = branch.alternate;
      }
      return alwaysExits(branch);
    }
    case "TryStatement":
      return (
        (statement.finalizer !== null && alwaysExits(statement.finalizer)) ||
        (alwaysExits(statement.block) && (statement.handler === null || alwaysExits(statement.handler.body)))
      );
    default:
      return false;
  }
}

/** Whether `node` lies inside `outer` (ranges nest in a tree). */
export function contains(outer: { readonly range: readonly [number, number] }, node: { readonly range: readonly [number, number] }): boolean {
  return outer.range[0] <= node.range[0] && node.range[1] <= outer.range[1];
}
