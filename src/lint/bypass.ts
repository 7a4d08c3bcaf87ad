import type { Expression, Node, ReturnStatement } from "../syntax/ast.js";
import { forEachChild, someNode } from "./ast-utils.js";
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

/**
 * Names that stand for DO hosts: functions whose body names one (`function isDo(h) { return
 * dnsDomainIs(h, ".do.dsp.mp.microsoft.com"); }`) and variables initialised with one (`var doRe = /.../`).
 */
function doNames(program: Node): Set<string> {
  const names = new Set<string>();
  const visit = (node: Node): void => {
    if (node.type === "FunctionDeclaration" && someNode(node.body, namesDoHost)) names.add(node.id.name);
    else if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.init && someNode(node.init, namesDoHost)) {
      names.add(node.id.name);
    }
    forEachChild(node, visit);
  };
  visit(program);
  return names;
}

/** Every DO bypass of the file: a DIRECT result whose guards name a DO host, directly or through a helper or variable. */
export function findDoBypasses(context: RuleContext, returns: readonly ReturnStatement[]): DoBypass[] {
  const bypasses: DoBypass[] = [];
  const names = doNames(context.program);
  const namesDo = (node: Node): boolean => namesDoHost(node) || (node.type === "Identifier" && names.has(node.name));
  for (const statement of returns) {
    for (const result of directResults(statement.argument)) {
      const { guards, fn } = guardsOf(result, context);
      if (guards.some((guard) => someNode(guard, namesDo))) {
        bypasses.push({ statement, guards, fn });
        break;
      }
    }
  }
  return bypasses;
}
