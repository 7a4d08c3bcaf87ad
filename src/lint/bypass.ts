import type { Expression, FunctionDeclaration, Node, ReturnStatement, VariableDeclarator } from "../syntax/ast.js";
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

/** The function `node` belongs to, or null at top level. */
export function functionOf(node: Node, context: RuleContext): Node | null {
  for (let parent = context.parentOf(node); parent !== null; parent = context.parentOf(parent)) {
    if (parent.type === "FunctionDeclaration" || parent.type === "FunctionExpression" || parent.type === "ArrowFunctionExpression") return parent;
  }
  return null;
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
 * Only names a guard uses are ever asked about, so a body is searched the first time its name is:
 * searching every function body would read a 1 MB FindProxyForURL for nothing.
 */
function doNames(declarations: readonly Declaration[]): (name: string) => boolean {
  const byName = new Map<string, Node[]>();
  for (const declaration of declarations) {
    if (declaration.type === "FunctionDeclaration") add(byName, declaration.id.name, declaration.body);
    else if (declaration.id.type === "Identifier" && declaration.init) add(byName, declaration.id.name, declaration.init);
  }
  const answers = new Map<string, boolean>();
  return (name) => {
    let answer = answers.get(name);
    if (answer === undefined) {
      answer = (byName.get(name) ?? []).some((node) => someNode(node, namesDoHost));
      answers.set(name, answer);
    }
    return answer;
  };
}

function add(map: Map<string, Node[]>, name: string, node: Node): void {
  const list = map.get(name);
  if (list) list.push(node);
  else map.set(name, [node]);
}

/** What may give a name a DO host: rules collect these as they walk (their `FunctionDeclaration` and `VariableDeclarator` listeners). */
export type Declaration = FunctionDeclaration | VariableDeclarator;

/**
 * Every DO bypass of the file: a DIRECT result whose guards name a DO host, directly or through a
 * helper or variable. `returns` and `declarations` are every ReturnStatement, FunctionDeclaration
 * and VariableDeclarator of the program.
 */
export function findDoBypasses(context: RuleContext, returns: readonly ReturnStatement[], declarations: readonly Declaration[]): DoBypass[] {
  const bypasses: DoBypass[] = [];
  let isDoName: ((name: string) => boolean) | undefined;
  const namesDo = (node: Node): boolean => namesDoHost(node) || (node.type === "Identifier" && (isDoName ??= doNames(declarations))(node.name));
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
