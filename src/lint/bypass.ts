import type { Expression, FunctionDeclaration, Node, ReturnStatement, VariableDeclarator } from "../syntax/ast.js";
import { someNode } from "./ast-utils.js";
import type { RuleContext } from "./define-rule.js";
import { namesDoHost } from "./do-hosts.js";

/** A `return "DIRECT..."` whose guarding conditions name a Delivery Optimization host. */
export interface DoBypass {
  readonly statement: ReturnStatement;
  /** The conditions that must hold (or fail) for control to reach the return, innermost first. */
  readonly guards: GuardList;
  /** The function the return belongs to, or null at top level. */
  readonly fn: Node | null;
}

/**
 * Guards as a list whose tails are shared: every branch of an else-if chain has all the tests
 * before it as guards, so copying them into an array per return would be quadratic in the chain's
 * length (generated PACs chain tens of thousands). `namesDo` caches whether any guard from here on
 * names a DO host.
 */
export interface GuardList {
  readonly guard: Expression;
  readonly next: GuardList | null;
}

/** The function `node` belongs to, or null at top level; cached per node, since returns deep in a chain share their ancestors. */
export function functionOf(node: Node, context: RuleContext): Node | null {
  return scopeOf(node, context).fn;
}

interface Scope {
  readonly guards: GuardList | null;
  readonly fn: Node | null;
}

/** Per node: the guards from it up to its function, and the function. Nodes belong to one tree, so one cache serves every rule. */
const scopes = new WeakMap<Node, Scope>();

function isFunction(node: Node): boolean {
  return node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression";
}

/** The guard `parent` puts on `child`, if any: if tests, `?:` tests, switch discriminants and case tests, the left of `&&`/`||`. */
function guardOn(parent: Node, child: Node): Expression | undefined {
  switch (parent.type) {
    case "IfStatement":
    case "ConditionalExpression":
      return child !== parent.test ? parent.test : undefined;
    case "SwitchCase":
      return parent.test && child !== parent.test ? parent.test : undefined;
    case "SwitchStatement":
      return child !== parent.discriminant ? parent.discriminant : undefined;
    case "LogicalExpression":
      return child === parent.right ? parent.left : undefined;
    default:
      return undefined;
  }
}

/** Walks up to the first node already known (iteratively, as deep as the chain), then fills in the path on the way down. */
function scopeOf(node: Node, context: RuleContext): Scope {
  const path: Node[] = [];
  let known: Scope | undefined;
  for (let child: Node = node; ; ) {
    known = scopes.get(child);
    if (known !== undefined) break;
    const parent = context.parentOf(child);
    if (parent === null) {
      known = { guards: null, fn: null };
      scopes.set(child, known);
      break;
    }
    path.push(child);
    if (isFunction(parent)) {
      known = { guards: null, fn: parent };
      break;
    }
    child = parent;
  }
  let scope = known;
  for (let i = path.length - 1; i >= 0; i--) {
    const child = path[i]!;
    const parent = context.parentOf(child)!;
    const guard = isFunction(parent) ? undefined : guardOn(parent, child);
    if (isFunction(parent)) scope = { guards: null, fn: parent };
    else if (guard !== undefined) scope = { guards: { guard, next: scope.guards }, fn: scope.fn };
    scopes.set(child, scope);
  }
  return scope;
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
  // Whether a guard list names a DO host, per cell: shared tails are searched once.
  const naming = new Map<GuardList, boolean>();
  const listNamesDo = (list: GuardList | null): boolean => {
    const path: GuardList[] = [];
    let answer = false;
    for (let cell = list; cell !== null; cell = cell.next) {
      const known = naming.get(cell);
      if (known !== undefined) {
        answer = known;
        break;
      }
      path.push(cell);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const cell = path[i]!;
      answer = answer || someNode(cell.guard, namesDo);
      naming.set(cell, answer);
    }
    return answer;
  };
  for (const statement of returns) {
    for (const result of directResults(statement.argument)) {
      const { guards, fn } = scopeOf(result, context);
      if (guards !== null && listNamesDo(guards)) {
        bypasses.push({ statement, guards, fn });
        break;
      }
    }
  }
  return bypasses;
}
