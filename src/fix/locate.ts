/**
 * Finds where the managed block goes: every top-level definition of an entry point (a function
 * declaration, `var F = function`, `F = function`, `this.F = function`), its host expression and the
 * managed block it may already hold. Definitions pac-do cannot rewrite (inside another function, or
 * not a function literal) are reported, because leaving one of them unfixed could keep DO proxied.
 */
import type { EntryPointName } from "../evaluate/types.js";
import { findDefinitions, type EntryPointDefinition } from "../pac/entry-points.js";
import type {
  ArrowFunctionExpression,
  BlockStatement,
  Expression,
  FunctionDeclaration,
  FunctionExpression,
  Node,
  Program,
  Statement,
} from "../syntax/ast.js";
import type { Range } from "../types.js";

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

export function findEntryPoints(program: Program): EntryPointScan {
  const sites: EntryPointSite[] = [];
  const unfixable: Unfixable[] = [];
  // The statement each top-level definition stands in: a declaration, a `var` or an assignment statement.
  const topLevel = new Map<Node, Statement>();
  for (const statement of program.body) {
    if (statement.type === "FunctionDeclaration") topLevel.set(statement, statement);
    else if (statement.type === "VariableDeclaration") for (const declarator of statement.declarations) topLevel.set(declarator, statement);
    else if (statement.type === "ExpressionStatement") topLevel.set(statement.expression, statement);
  }

  for (const definition of findDefinitions(program)) {
    const { name, node, value } = definition;
    const statement = topLevel.get(node);
    const site = statement && siteForm(definition, statement);
    if (!site) {
      unfixable.push({ name, range: node.range, reason: outOfReach(definition) });
    } else if (value.type !== "FunctionDeclaration" && value.type !== "FunctionExpression" && value.type !== "ArrowFunctionExpression") {
      unfixable.push({ name, range: site.range, reason: `${name} is assigned a ${describe(value)}, not a function literal` });
    } else {
      const found = siteOf(name, site.form, site.range, value);
      if (typeof found === "string") unfixable.push({ name, range: site.range, reason: found });
      else sites.push(found);
    }
  }

  sites.sort((a, b) => a.range[0] - b.range[0]);
  unfixable.sort((a, b) => a.range[0] - b.range[0]);
  return { sites, unfixable };
}

/** How a top-level definition reads and what range it covers, or undefined when pac-do cannot rewrite it in place. */
function siteForm({ name, node, member }: EntryPointDefinition, statement: Statement): { form: string; range: Range } | undefined {
  switch (node.type) {
    case "FunctionDeclaration":
      return { form: "function declaration", range: statement.range };
    case "VariableDeclarator":
      return statement.type === "VariableDeclaration" ? { form: `${statement.kind} ${name} = function`, range: node.range } : undefined;
    case "AssignmentExpression":
      if (node.operator !== "=" || member === "other") return undefined;
      return { form: member === "this" ? `this.${name} = function` : `${name} = function`, range: statement.range };
  }
}

/** Why a definition that is not a top-level one is out of reach. */
function outOfReach({ name, node }: EntryPointDefinition): string {
  switch (node.type) {
    case "FunctionDeclaration":
      return `${name} is declared inside another function`;
    case "VariableDeclarator":
      return `${name} is defined inside another function`;
    case "AssignmentExpression":
      return `${name} is assigned inside an expression, another function or on another object than \`this\``;
  }
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
