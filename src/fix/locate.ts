/**
 * Finds where the managed block goes: every top-level definition of an entry point (a function
 * declaration, `var F = function`, `F = function`, `this.F = function`), its host expression and the
 * managed block it may already hold. Definitions pac-do cannot rewrite (inside another function, or
 * not a function literal) are reported, because leaving one of them unfixed could keep DO proxied.
 */
import type { EntryPointName } from "../evaluate/types.js";
import type {
  ArrowFunctionExpression,
  BlockStatement,
  Expression,
  FunctionDeclaration,
  FunctionExpression,
  Node,
  Pattern,
  Program,
  Statement,
} from "../syntax/ast.js";
import { walk } from "../syntax/walk.js";
import type { Range } from "../types.js";

export const ENTRY_POINTS: readonly EntryPointName[] = ["FindProxyForURL", "FindProxyForURLEx"];

type FunctionNode = FunctionDeclaration | FunctionExpression | ArrowFunctionExpression;

export interface EntryPointSite {
  readonly name: EntryPointName;
  /** How it is defined, for messages: "function declaration", "var … = function", ... */
  readonly form: string;
  /** The whole definition (statement or declarator). */
  readonly range: Range;
  readonly body: BlockStatement;
  /** The host parameter's name, or `arguments[1]`. */
  readonly hostExpression: string;
  /** Offset right after the opening brace and any directive prologue: nothing may go before it. */
  readonly insertAfter: number;
  /** The first statement after the prologue, if any. */
  readonly firstStatement: Statement | undefined;
}

export interface Unfixable {
  readonly name: EntryPointName;
  readonly range: Range;
  readonly reason: string;
}

export interface EntryPointScan {
  readonly sites: readonly EntryPointSite[];
  readonly unfixable: readonly Unfixable[];
}

function isEntryPoint(name: string): name is EntryPointName {
  return name === "FindProxyForURL" || name === "FindProxyForURLEx";
}

export function findEntryPoints(program: Program): EntryPointScan {
  const sites: EntryPointSite[] = [];
  const unfixable: Unfixable[] = [];
  const handled = new Set<Node>();

  const take = (name: EntryPointName, form: string, range: Range, fn: Expression | FunctionDeclaration): void => {
    if (fn.type !== "FunctionDeclaration" && fn.type !== "FunctionExpression" && fn.type !== "ArrowFunctionExpression") {
      unfixable.push({ name, range, reason: `${name} is assigned a ${describe(fn)}, not a function literal` });
      return;
    }
    handled.add(fn);
    const site = siteOf(name, form, range, fn);
    if (typeof site === "string") unfixable.push({ name, range, reason: site });
    else sites.push(site);
  };

  for (const statement of program.body) {
    if (statement.type === "FunctionDeclaration" && isEntryPoint(statement.id.name)) {
      take(statement.id.name, "function declaration", statement.range, statement);
    } else if (statement.type === "VariableDeclaration") {
      for (const declarator of statement.declarations) {
        if (declarator.id.type === "Identifier" && isEntryPoint(declarator.id.name) && declarator.init) {
          handled.add(declarator);
          take(declarator.id.name, `${statement.kind} ${declarator.id.name} = function`, declarator.range, declarator.init);
        }
      }
    } else if (statement.type === "ExpressionStatement" && statement.expression.type === "AssignmentExpression") {
      const assignment = statement.expression;
      const target = assignedEntryPoint(assignment.left);
      if (target && assignment.operator === "=") {
        handled.add(assignment);
        take(target.name, target.form, statement.range, assignment.right);
      }
    }
  }

  // Any other definition (nested in a function, an IIFE, a chained assignment) is out of reach.
  walk(program, {
    FunctionDeclaration(node) {
      if (!handled.has(node) && isEntryPoint(node.id.name)) {
        unfixable.push({ name: node.id.name, range: node.range, reason: `${node.id.name} is declared inside another function` });
      }
    },
    VariableDeclarator(node) {
      if (!handled.has(node) && node.id.type === "Identifier" && isEntryPoint(node.id.name) && node.init) {
        unfixable.push({ name: node.id.name, range: node.range, reason: `${node.id.name} is defined inside another function` });
      }
    },
    AssignmentExpression(node) {
      const name = handled.has(node) ? undefined : assignedName(node.left);
      if (name) {
        unfixable.push({ name, range: node.range, reason: `${name} is assigned inside an expression, another function or on another object than \`this\`` });
      }
    },
  });

  sites.sort((a, b) => a.range[0] - b.range[0]);
  unfixable.sort((a, b) => a.range[0] - b.range[0]);
  return { sites, unfixable };
}

/** The entry point an assignment target names, on whatever object. */
function assignedName(left: Pattern): EntryPointName | undefined {
  if (left.type === "Identifier") return isEntryPoint(left.name) ? left.name : undefined;
  if (left.type !== "MemberExpression") return undefined;
  const key = left.property;
  const name = !left.computed && key.type === "Identifier" ? key.name : key.type === "Literal" && typeof key.value === "string" ? key.value : undefined;
  return name !== undefined && isEntryPoint(name) ? name : undefined;
}

function assignedEntryPoint(left: Pattern): { name: EntryPointName; form: string } | undefined {
  if (left.type === "Identifier" && isEntryPoint(left.name)) return { name: left.name, form: `${left.name} = function` };
  if (left.type === "MemberExpression" && left.object.type === "ThisExpression") {
    const key = left.property;
    const name = !left.computed && key.type === "Identifier" ? key.name : key.type === "Literal" && typeof key.value === "string" ? key.value : undefined;
    if (name !== undefined && isEntryPoint(name)) return { name, form: `this.${name} = function` };
  }
  return undefined;
}

function siteOf(name: EntryPointName, form: string, range: Range, fn: FunctionNode): EntryPointSite | string {
  if (fn.body.type !== "BlockStatement") return `${name} is an expression-bodied arrow function; give it a { } body`;
  const body = fn.body;
  const second = fn.params[1];
  let hostExpression: string;
  if (second?.type === "Identifier" && !redeclaresAsFunction(body, second.name)) hostExpression = second.name;
  else if (fn.type === "ArrowFunctionExpression") return `${name} is an arrow function without a plain host parameter (arrows have no \`arguments\`)`;
  else hostExpression = "arguments[1]";

  let insertAfter = body.range[0] + 1;
  let index = 0;
  for (const statement of body.body) {
    if (!isDirective(statement)) break;
    insertAfter = statement.range[1];
    index++;
  }
  return { name, form, range, body, hostExpression, insertAfter, firstStatement: body.body[index] };
}

/** `function host() {}` in the body replaces the parameter's value before the first statement runs. */
function redeclaresAsFunction(body: BlockStatement, name: string): boolean {
  return body.body.some((statement) => statement.type === "FunctionDeclaration" && statement.id.name === name);
}

function isDirective(statement: Statement): boolean {
  return statement.type === "ExpressionStatement" && statement.expression.type === "Literal" && typeof statement.expression.value === "string";
}

function describe(node: Expression): string {
  switch (node.type) {
    case "CallExpression":
      return "call result";
    case "Identifier":
      return `reference to ${node.name}`;
    default:
      return node.type;
  }
}
