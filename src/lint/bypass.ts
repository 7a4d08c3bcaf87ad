import type { Expression, Node, ReturnStatement } from "../syntax/ast.js";
import { someNode } from "./ast-utils.js";
import type { RuleContext } from "./define-rule.js";
import { namesDoHost } from "./do-hosts.js";

/** A `return "DIRECT..."` whose guarding conditions name a Delivery Optimization host. */
export interface DoBypass {
  readonly statement: ReturnStatement;
  /** The conditions that must hold (or fail) for control to reach the return, innermost first. */
  readonly guards: readonly Expression[];
  /** The function the return belongs to, or null at top level. */
  readonly fn: Node | null;
}

/** The conditions that guard `node` up to its function: if tests, switch discriminants and case tests. */
export function guardsOf(node: Node, context: RuleContext): { guards: Expression[]; fn: Node | null } {
  const guards: Expression[] = [];
  let child = node;
  for (let parent = context.parentOf(child); parent !== null; child = parent, parent = context.parentOf(parent)) {
    switch (parent.type) {
      case "IfStatement":
        if (child !== parent.test) guards.push(parent.test);
        break;
      case "ConditionalExpression":
        if (child !== parent.test) guards.push(parent.test);
        break;
      case "SwitchCase":
        if (parent.test && child !== parent.test) guards.push(parent.test);
        break;
      case "SwitchStatement":
        if (child !== parent.discriminant) guards.push(parent.discriminant);
        break;
      case "LogicalExpression":
        if (child === parent.right) guards.push(parent.left);
        break;
      case "FunctionDeclaration":
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        return { guards, fn: parent };
      default:
        break;
    }
  }
  return { guards, fn: null };
}

/** The DIRECT string literals a return can produce, through `?:` branches. */
function directResults(expression: Expression | null): Expression[] {
  if (!expression) return [];
  if (expression.type === "ConditionalExpression") return [...directResults(expression.consequent), ...directResults(expression.alternate)];
  if (expression.type === "Literal" && typeof expression.value === "string") {
    return expression.value.split(";")[0]?.trim().toUpperCase() === "DIRECT" ? [expression] : [];
  }
  return [];
}

/** Every DO bypass of the file: a DIRECT result whose guards name a DO host. */
export function findDoBypasses(context: RuleContext, returns: readonly ReturnStatement[]): DoBypass[] {
  const bypasses: DoBypass[] = [];
  for (const statement of returns) {
    for (const result of directResults(statement.argument)) {
      const { guards, fn } = guardsOf(result, context);
      if (guards.some((guard) => someNode(guard, namesDoHost))) {
        bypasses.push({ statement, guards, fn });
        break;
      }
    }
  }
  return bypasses;
}
