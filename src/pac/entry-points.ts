/**
 * Where a PAC defines its entry points, for lint and fix alike. WinHTTP and Chromium call whatever
 * global `FindProxyForURL` / `FindProxyForURLEx` holds once the script has run, so a definition may be
 * a function declaration (labelled or not), a `var`, or an assignment to the bare name, to `this.F`
 * or to `g.F` where `g` is the global object (an IIFE's parameter bound to `this`), at any depth. A
 * wrapper that replaces the original (`global.F = function (url, host) { return original(url,
 * host)... }`) is the function clients call, so that is where the answer is decided and where fix
 * injects; a definition that a later one always replaces before any client call is left alone.
 */
import type { EntryPointName } from "./types.js";
import type {
  ArrowFunctionExpression,
  AssignmentExpression,
  BlockStatement,
  Expression,
  FunctionDeclaration,
  FunctionExpression,
  Node,
  Pattern,
  Program,
  Statement,
  VariableDeclarator,
} from "../syntax/ast.js";
import { forEachChild, preorder } from "../syntax/walk.js";
import type { Range } from "../types.js";

/** The entry points a PAC may define, classic first. */
export const ENTRY_POINTS: readonly EntryPointName[] = ["FindProxyForURL", "FindProxyForURLEx"];

export function isEntryPoint(name: string): name is EntryPointName {
  return name === "FindProxyForURL" || name === "FindProxyForURLEx";
}

/** One place that gives an entry point a value. */
export interface EntryPointDefinition {
  readonly name: EntryPointName;
  /** `function F() {}`, `var F = …` (only with an initialiser) or `… F = …` (any assignment operator). */
  readonly node: FunctionDeclaration | VariableDeclarator | AssignmentExpression;
  /** What the name is given: the declaration itself, the initialiser or the right-hand side. */
  readonly value: FunctionDeclaration | Expression;
  /** The defining name in the source (the identifier or the member key), for reports. */
  readonly nameRange: Range;
  /** For `object.F = …` and `object["F"] = …`: whether the object is `this`. Absent for a bare name. */
  readonly member?: "this" | "other";
}

const definitionsOf = new WeakMap<Program, readonly EntryPointDefinition[]>();

/**
 * Every definition of an entry point anywhere in the program, in source order of the defining name.
 * Several lint rules ask for the same tree, so the answer is kept per (immutable) program.
 */
export function findDefinitions(program: Program): readonly EntryPointDefinition[] {
  let found = definitionsOf.get(program);
  if (!found) {
    const list: EntryPointDefinition[] = [];
    collect(program, list);
    found = list.sort((a, b) => a.nameRange[0] - b.nameRange[0]);
    definitionsOf.set(program, found);
  }
  return found;
}

function collect(root: Node, found: EntryPointDefinition[]): void {
  preorder(root, (node) => collectOne(node, found));
}

function collectOne(node: Node, found: EntryPointDefinition[]): void {
  switch (node.type) {
    case "FunctionDeclaration":
      if (isEntryPoint(node.id.name)) found.push({ name: node.id.name, node, value: node, nameRange: node.id.range });
      break;
    case "VariableDeclarator":
      if (node.id.type === "Identifier" && isEntryPoint(node.id.name) && node.init) {
        found.push({ name: node.id.name, node, value: node.init, nameRange: node.id.range });
      }
      break;
    case "AssignmentExpression": {
      const target = assignmentTarget(node.left);
      if (target) found.push({ ...target, node, value: node.right });
      break;
    }
    default:
      break;
  }
}

/** The entry point an assignment target names: the bare name, or a member key written as a name or a string. */
function assignmentTarget(left: Pattern): Pick<EntryPointDefinition, "name" | "nameRange" | "member"> | undefined {
  if (left.type === "Identifier") return isEntryPoint(left.name) ? { name: left.name, nameRange: left.range } : undefined;
  if (left.type !== "MemberExpression") return undefined;
  const key = left.property;
  const name = !left.computed && key.type === "Identifier" ? key.name : key.type === "Literal" && typeof key.value === "string" ? key.value : undefined;
  if (name === undefined || !isEntryPoint(name)) return undefined;
  return { name, nameRange: key.range, member: left.object.type === "ThisExpression" ? "this" : "other" };
}

type FunctionNode = FunctionDeclaration | FunctionExpression | ArrowFunctionExpression;

/** Where fix can put its block: the top of a function literal's body, after any directive prologue. */
export interface EntryPointSite {
  readonly name: EntryPointName;
  /** How it is defined, for messages: "function declaration", "global.FindProxyForURL = function", ... */
  readonly form: string;
  /** The definition (statement, declarator or assignment), whose line and indentation the block follows. */
  readonly range: Range;
  readonly body: BlockStatement;
  /** The host parameter's name, or `arguments[1]`. */
  readonly hostExpression: string;
  /** Offset right after the opening brace and any directive prologue: nothing may go before it. */
  readonly insertAfter: number;
  /** The first statement after the prologue, if any. */
  readonly firstStatement: Statement | undefined;
}

/** One definition of the global entry point, read once for both lint and fix. */
export interface EntryPoint {
  readonly name: EntryPointName;
  readonly definition: EntryPointDefinition;
  /** The function the entry point is given: the literal, or the top-level function an alias names. */
  readonly fn: FunctionNode | undefined;
  /** Set when a later definition always runs after this one, before any client call. */
  readonly superseded: boolean;
  /** Where fix injects, or why no sound place exists (one sentence; lines from the caller's source). */
  readonly place: EntryPointSite | { readonly reason: Reason };
}

const entryPointsOf = new WeakMap<Program, readonly EntryPoint[]>();

/**
 * Every definition that gives the global entry point a value, in source order. Definitions of
 * something else that happens to share the name (a local variable, a property of another object)
 * are not entry points and are left out.
 */
export function findEntryPointDefinitions(program: Program): readonly EntryPoint[] {
  let found = entryPointsOf.get(program);
  if (!found) {
    found = classify(program);
    entryPointsOf.set(program, found);
  }
  return found;
}

/** An entry point defined as a function, which the lint rules can read. */
export interface EntryPointFunction {
  readonly name: EntryPointName;
  readonly fn: FunctionNode;
  /** The defining name in the source (the identifier or member key), for reports. */
  readonly nameRange: Range;
}

/** The functions the entry points are given, superseded ones included (lint reads their returns too). */
export function findEntryPoints(program: Program): EntryPointFunction[] {
  return findEntryPointDefinitions(program).flatMap(({ name, fn, definition }) => (fn ? [{ name, fn, nameRange: definition.nameRange }] : []));
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

/** A sentence that names lines: the program has offsets, the caller's source turns them into lines. */
type Reason = (lineOf: (offset: number) => number) => string;

/**
 * Where fix injects: the sites of every entry point not superseded (each function once), and what it
 * cannot reach. `lineOf` gives the 1-based line of an offset, for the reasons.
 */
export function findEntryPointSites(program: Program, lineOf: (offset: number) => number): EntryPointScan {
  const sites: EntryPointSite[] = [];
  const unfixable: Unfixable[] = [];
  const seen = new Set<BlockStatement>();
  for (const entry of findEntryPointDefinitions(program)) {
    if (entry.superseded) continue;
    if ("reason" in entry.place) unfixable.push({ name: entry.name, range: entry.definition.node.range, reason: entry.place.reason(lineOf) });
    else if (!seen.has(entry.place.body)) {
      seen.add(entry.place.body);
      sites.push(entry.place);
    }
  }
  sites.sort((a, b) => a.range[0] - b.range[0]);
  unfixable.sort((a, b) => a.range[0] - b.range[0]);
  return { sites, unfixable };
}

/** What an assignment target or declaration binds: the global entry point, something else, or pac-do cannot tell. */
type Target = { readonly kind: "global" } | { readonly kind: "not-global" } | { readonly kind: "unknown"; readonly reason: Reason };

function classify(program: Program): EntryPoint[] {
  const definitions = findDefinitions(program);
  if (definitions.length === 0) return [];
  const paths = pathsTo(program, new Set(definitions.map((d) => d.node)));
  const read: { definition: EntryPointDefinition; path: readonly Node[]; target: Target }[] = [];
  for (const definition of definitions) {
    const path = paths.get(definition.node) ?? [program, definition.node];
    const target = targetOf(definition, path);
    if (target.kind !== "not-global") read.push({ definition, path, target });
  }

  // The last definition of each name that surely runs at load time replaces every earlier one.
  const order = (entry: (typeof read)[number]): number => (isHoisted(entry.path) ? -1 : entry.definition.node.range[0]);
  const last = new Map<EntryPointName, number>();
  for (const entry of read) {
    if (entry.target.kind === "global" && runsAtLoad(entry.path)) last.set(entry.definition.name, Math.max(last.get(entry.definition.name) ?? -2, order(entry)));
  }

  return read.map(({ definition, path, target }) => {
    const lastOrder = last.get(definition.name);
    const superseded = lastOrder !== undefined && order({ definition, path, target }) < lastOrder;
    const fn = functionOf(definition, path, program);
    const place = target.kind === "unknown" ? { reason: target.reason } : placeOf(definition, path, fn);
    return { name: definition.name, definition, fn, superseded, place };
  });
}

/** The chain of nodes from the program down to each wanted node. Iterative: minified PACs nest deeply. */
function pathsTo(program: Program, wanted: ReadonlySet<Node>): Map<Node, Node[]> {
  const found = new Map<Node, Node[]>();
  const path: Node[] = [];
  const stack: (Node | null)[] = [program];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node === null) {
      path.pop();
      continue;
    }
    path.push(node);
    if (wanted.has(node)) {
      found.set(node, [...path]);
      if (found.size === wanted.size) break;
    }
    stack.push(null);
    const start = stack.length;
    forEachChild(node, (child) => void stack.push(child));
    // Reversed in place: spreading the children of a 100,000-element array literal would overflow the stack.
    for (let i = start, j = stack.length - 1; i < j; i++, j--) [stack[i], stack[j]] = [stack[j]!, stack[i]!];
  }
  return found;
}

function isFunction(node: Node | undefined): node is FunctionNode {
  return node?.type === "FunctionDeclaration" || node?.type === "FunctionExpression" || node?.type === "ArrowFunctionExpression";
}

/** Which global name or object a definition writes to. */
function targetOf({ node, name }: EntryPointDefinition, path: readonly Node[]): Target {
  const enclosing = enclosingFunctions(path.slice(0, -1));
  switch (node.type) {
    case "FunctionDeclaration":
    case "VariableDeclarator":
      // A declaration inside a function binds a local of that function.
      return enclosing.length === 0 ? { kind: "global" } : { kind: "not-global" };
    case "AssignmentExpression": {
      const left = node.left;
      if (left.type === "Identifier") return enclosing.some(({ fn }) => declares(fn, name)) ? { kind: "not-global" } : { kind: "global" };
      if (left.type !== "MemberExpression") return { kind: "not-global" };
      const object = left.object;
      if (object.type === "ThisExpression") return thisTarget(path, path.length - 1, `this.${name}`);
      if (object.type === "Identifier") return aliasTarget(object.name, path, path.length - 1, `${object.name}.${name}`);
      return { kind: "not-global" };
    }
  }
}

/** The functions around a point, innermost first, each with its index in the path. */
function enclosingFunctions(path: readonly Node[]): { fn: FunctionNode; index: number }[] {
  const found: { fn: FunctionNode; index: number }[] = [];
  for (let index = path.length - 1; index >= 0; index--) {
    const node = path[index];
    if (isFunction(node)) found.push({ fn: node, index });
  }
  return found;
}

/** What `this` is at `path[at]`: the global object at the top level and in a plain IIFE of sloppy code. */
function thisTarget(path: readonly Node[], at: number, what: string): Target {
  for (let index = at - 1; index >= 0; index--) {
    const node = path[index];
    if (!isFunction(node) || node.type === "ArrowFunctionExpression") continue;
    const call = iifeCall(path, index);
    if (!call) {
      const reason: Reason = (lineOf) =>
        `${what} is assigned inside the function at line ${lineOf(node.range[0])}, which is not called right where it is defined, so pac-do cannot tell whether \`this\` is the global object`;
      return { kind: "unknown", reason };
    }
    if (isStrict(path, index)) {
      const reason: Reason = (lineOf) => `${what} is assigned in strict-mode code at line ${lineOf(node.range[0])}, where \`this\` is undefined and the assignment throws`;
      return { kind: "unknown", reason };
    }
    if (call.thisArgument === undefined) return { kind: "global" };
    if (call.thisArgument.type === "ThisExpression") return thisTarget(path, call.index, what);
    return { kind: "not-global" };
  }
  return { kind: "global" };
}

/** What an identifier names at `path[at]` when used as `name.F = ...`: the global object through an IIFE's parameter, `globalThis`, or something else. */
function aliasTarget(name: string, path: readonly Node[], at: number, what: string): Target {
  for (let index = at - 1; index >= 0; index--) {
    const fn = path[index];
    if (!isFunction(fn) || !declares(fn, name)) continue;
    const position = fn.params.findIndex((param) => param.type === "Identifier" && param.name === name);
    const call = iifeCall(path, index);
    if (position === -1 || !call || redeclaresInBody(fn, name)) return { kind: "not-global" };
    const argument = call.arguments[position];
    if (argument?.type === "ThisExpression") return thisTarget(path, call.index, what);
    if (argument?.type === "Identifier") return aliasTarget(argument.name, path, call.index, what);
    return { kind: "not-global" };
  }
  return name === "globalThis" ? { kind: "global" } : { kind: "not-global" };
}

/** `(function (…) {…})(args)`, `!function () {}()` or `f.call(thisArg, args)` around `path[index]`, with the call's index in the path. */
function iifeCall(path: readonly Node[], index: number): { index: number; arguments: readonly (Expression | undefined)[]; thisArgument?: Expression } | undefined {
  const fn = path[index];
  const parent = path[index - 1];
  const args = (call: { arguments: readonly Node[] }): (Expression | undefined)[] =>
    call.arguments.map((a) => (a.type === "SpreadElement" ? undefined : (a as Expression)));
  if (parent?.type === "CallExpression" && parent.callee === fn) return { index: index - 1, arguments: args(parent) };
  const grand = path[index - 2];
  if (parent?.type === "MemberExpression" && parent.object === fn && !parent.computed && parent.property.type === "Identifier" && parent.property.name === "call" && grand?.type === "CallExpression" && grand.callee === parent) {
    const [thisArgument, ...rest] = args(grand);
    return { index: index - 2, arguments: rest, ...(thisArgument ? { thisArgument } : {}) };
  }
  return undefined;
}

/** Whether the function at `path[index]` or any around it starts with a "use strict" directive. */
function isStrict(path: readonly Node[], index: number): boolean {
  for (let i = index; i >= 0; i--) {
    const node = path[i];
    const body = node?.type === "Program" ? node.body : isFunction(node) && node.body.type === "BlockStatement" ? node.body.body : undefined;
    if (!body) continue;
    for (const statement of body) {
      if (!isDirective(statement)) break;
      if (statement.type === "ExpressionStatement" && statement.expression.type === "Literal" && statement.expression.value === "use strict") return true;
    }
  }
  return false;
}

/** Whether a function binds `name` itself: a parameter, a `var`, a function declaration or its own name. */
function declares(fn: FunctionNode, name: string): boolean {
  if (fn.params.some((param) => param.type === "Identifier" && param.name === name)) return true;
  if (fn.type === "FunctionExpression" && fn.id?.name === name) return true;
  return redeclaresInBody(fn, name);
}

/** A `var`, `let`, `const` or function declaration of `name` in the function's own scope (nested functions skipped). */
function redeclaresInBody(fn: FunctionNode, name: string): boolean {
  if (fn.body.type !== "BlockStatement") return false;
  const stack: Node[] = [...fn.body.body];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node.type === "FunctionDeclaration") {
      if (node.id.name === name) return true;
      continue;
    }
    if (node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression") continue;
    if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.id.name === name) return true;
    forEachChild(node, (child) => void stack.push(child));
  }
  return false;
}

/** A top-level function declaration (labelled or not): defined before any statement runs. */
function isHoisted(path: readonly Node[]): boolean {
  const node = path[path.length - 1];
  return node?.type === "FunctionDeclaration" && path.slice(1, -1).every((p) => p.type === "LabeledStatement");
}

/**
 * Whether a definition surely runs when the PAC loads: only statements, labels, plain blocks and
 * immediately called functions between it and the top level, no branch, loop, `try` or other function.
 */
function runsAtLoad(path: readonly Node[]): boolean {
  for (let index = 1; index < path.length - 1; index++) {
    const node = path[index] as Node;
    switch (node.type) {
      case "ExpressionStatement":
      case "VariableDeclaration":
      case "LabeledStatement":
      case "BlockStatement":
      case "UnaryExpression":
        continue;
      case "CallExpression":
        if (isFunction(path[index + 1]) && node.callee === path[index + 1]) continue;
        return false;
      case "MemberExpression":
        if (iifeCall(path, index + 1)) continue;
        return false;
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        if (iifeCall(path, index)) continue;
        return false;
      default:
        return false;
    }
  }
  return true;
}

/** The function a definition gives the entry point: the literal, or the top-level function an identifier names. */
function functionOf({ value }: EntryPointDefinition, path: readonly Node[], program: Program): FunctionNode | undefined {
  if (isFunction(value)) return value;
  if (value.type !== "Identifier") return undefined;
  if (enclosingFunctions(path.slice(0, -1)).some(({ fn }) => declares(fn, value.name))) return undefined;
  const candidates = program.body.flatMap((statement): FunctionNode[] => {
    const inner = unlabel(statement);
    if (inner.type === "FunctionDeclaration" && inner.id.name === value.name) return [inner];
    if (inner.type === "VariableDeclaration") {
      return inner.declarations.flatMap((d) => (d.id.type === "Identifier" && d.id.name === value.name && isFunction(d.init ?? undefined) ? [d.init as FunctionNode] : []));
    }
    return [];
  });
  return candidates.length === 1 ? candidates[0] : undefined;
}

function unlabel(statement: Statement): Statement {
  let inner = statement;
  while (inner.type === "LabeledStatement") inner = inner.body;
  return inner;
}

/** Where fix injects into a definition of the global entry point, or why it cannot. */
function placeOf(definition: EntryPointDefinition, path: readonly Node[], fn: FunctionNode | undefined): EntryPointSite | { reason: Reason } {
  const { name, node, value } = definition;
  const at = node.range[0];
  if (node.type === "AssignmentExpression" && node.operator !== "=") {
    const operator = node.operator;
    return { reason: (lineOf) => `${name} is changed with ${operator} at line ${lineOf(at)}, not given a function` };
  }
  if (!fn) return { reason: (lineOf) => `${name} is given ${describe(value)} at line ${lineOf(at)}, not a function pac-do can see, so there is no body to put the bypass in` };
  const form = formOf(definition, path, fn);
  // The definition gives the line and indentation of the block; an alias, the function it names.
  const site = siteOf(name, form, fn !== value ? fn.range : node.range, fn);
  return typeof site === "string" ? { reason: (lineOf) => `${site} (line ${lineOf(at)})` } : site;
}

function formOf({ name, node, value }: EntryPointDefinition, path: readonly Node[], fn: FunctionNode): string {
  const labels = path.filter((p) => p.type === "LabeledStatement").map((p) => `${p.label.name}:`);
  const nested = enclosingFunctions(path.slice(0, -1)).length > 0 ? " inside an immediately called function" : "";
  if (fn !== value && fn.type === "FunctionDeclaration") return `function ${fn.id.name}, which ${name} is assigned`;
  switch (node.type) {
    case "FunctionDeclaration":
      return labels.length > 0 ? `function declaration labelled ${labels.join(" ")}` : "function declaration";
    case "VariableDeclarator":
      return `${name} = function`;
    case "AssignmentExpression": {
      const left = node.left;
      const target = left.type === "MemberExpression" ? `${left.object.type === "ThisExpression" ? "this" : left.object.type === "Identifier" ? left.object.name : "…"}.${name}` : name;
      return `${target} = function${nested}`;
    }
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

function describe(node: Expression | FunctionDeclaration): string {
  switch (node.type) {
    case "CallExpression":
      return "the result of a call";
    case "Identifier":
      return `a reference to ${node.name}`;
    case "MemberExpression":
      return "a property of another object";
    default:
      return `a ${node.type}`;
  }
}
