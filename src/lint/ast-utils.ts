import type { CallExpression, Expression, Literal, Node, Program, Statement } from "../syntax/ast.js";
import { childNodes } from "../syntax/walk.js";

/** Calls `visit` with each direct child node of `node`, in source order. */
export function forEachChild(node: Node, visit: (child: Node) => void): void {
  for (const child of childNodes(node)) visit(child);
}

/** Maps every node below `root` to its parent. */
export function parentMap(root: Program): Map<Node, Node> {
  const parents = new Map<Node, Node>();
  const stack: Node[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const parent = node;
    forEachChild(parent, (child) => {
      parents.set(child, parent);
      stack.push(child);
    });
  }
  return parents;
}

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

/** The name of a called function: `f(...)` gives "f", `a.b.f(...)` gives "f". */
export function calleeName(call: CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type === "Identifier") return callee.name;
  if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier") {
    return callee.property.name;
  }
  return undefined;
}

/** A call of a global function by name, e.g. `isInNet(...)`. */
export function isGlobalCall(node: Node, names: ReadonlySet<string>): node is CallExpression {
  return node.type === "CallExpression" && node.callee.type === "Identifier" && names.has(node.callee.name);
}

/** Whether control can run past `statement` (a conservative "does it always return or throw?"). */
export function alwaysExits(statement: Statement): boolean {
  switch (statement.type) {
    case "ReturnStatement":
    case "ThrowStatement":
      return true;
    case "BlockStatement":
      return statement.body.some(alwaysExits);
    case "IfStatement":
      return statement.alternate !== null && alwaysExits(statement.consequent) && alwaysExits(statement.alternate);
    case "TryStatement":
      return (
        (statement.finalizer !== null && alwaysExits(statement.finalizer)) ||
        (alwaysExits(statement.block) && (statement.handler === null || alwaysExits(statement.handler.body)))
      );
    default:
      return false;
  }
}

/** The expressions a condition combines with `&&`, `||` and `!`, flattened. */
export function conditionParts(test: Expression): Expression[] {
  if (test.type === "LogicalExpression") return [...conditionParts(test.left), ...conditionParts(test.right)];
  if (test.type === "UnaryExpression" && test.operator === "!") return conditionParts(test.argument);
  return [test];
}
