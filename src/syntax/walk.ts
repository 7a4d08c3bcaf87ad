/**
 * Tree traversal with ESLint-style listeners: `{ CallExpression(node, parent) {}, "Program:exit"() {} }`.
 * Children are visited in the order of eslint-visitor-keys (source order, except that a template's
 * quasis come before its expressions).
 */
import type { Node } from "./ast.js";

export type NodeType = Node["type"];
export type NodeOfType<K extends NodeType> = Extract<Node, { readonly type: K }>;

/** Listeners keyed by node type (called on entry) and by `"<type>:exit"` (called after the children). */
export type Listeners = {
  readonly [K in NodeType]?: (node: NodeOfType<K>, parent: Node | null) => void;
} & {
  readonly [K in NodeType as `${K}:exit`]?: (node: NodeOfType<K>, parent: Node | null) => void;
};

/** The child keys of each node type, in visiting order. */
export const VISITOR_KEYS: { readonly [K in NodeType]: readonly (keyof NodeOfType<K> & string)[] } = {
  Program: ["body"],
  VariableDeclaration: ["declarations"],
  VariableDeclarator: ["id", "init"],
  FunctionDeclaration: ["id", "params", "body"],
  FunctionExpression: ["id", "params", "body"],
  ArrowFunctionExpression: ["params", "body"],
  ExpressionStatement: ["expression"],
  BlockStatement: ["body"],
  EmptyStatement: [],
  IfStatement: ["test", "consequent", "alternate"],
  ReturnStatement: ["argument"],
  SwitchStatement: ["discriminant", "cases"],
  SwitchCase: ["test", "consequent"],
  ForStatement: ["init", "test", "update", "body"],
  ForInStatement: ["left", "right", "body"],
  ForOfStatement: ["left", "right", "body"],
  WhileStatement: ["test", "body"],
  DoWhileStatement: ["body", "test"],
  BreakStatement: ["label"],
  ContinueStatement: ["label"],
  ThrowStatement: ["argument"],
  TryStatement: ["block", "handler", "finalizer"],
  CatchClause: ["param", "body"],
  LabeledStatement: ["label", "body"],
  WithStatement: ["object", "body"],
  DebuggerStatement: [],
  Identifier: [],
  Literal: [],
  ThisExpression: [],
  TemplateElement: [],
  TemplateLiteral: ["quasis", "expressions"],
  TaggedTemplateExpression: ["tag", "quasi"],
  ArrayExpression: ["elements"],
  ObjectExpression: ["properties"],
  Property: ["key", "value"],
  SpreadElement: ["argument"],
  UnaryExpression: ["argument"],
  UpdateExpression: ["argument"],
  BinaryExpression: ["left", "right"],
  LogicalExpression: ["left", "right"],
  AssignmentExpression: ["left", "right"],
  ConditionalExpression: ["test", "consequent", "alternate"],
  CallExpression: ["callee", "arguments"],
  NewExpression: ["callee", "arguments"],
  MemberExpression: ["object", "property"],
  ChainExpression: ["expression"],
  SequenceExpression: ["expressions"],
  ObjectPattern: ["properties"],
  ArrayPattern: ["elements"],
  AssignmentPattern: ["left", "right"],
  RestElement: ["argument"],
};

type AnyListener = (node: Node, parent: Node | null) => void;

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && "type" in value && "range" in value;
}

const CHILD_KEYS: Readonly<Record<string, readonly string[] | undefined>> = VISITOR_KEYS;

/**
 * Calls `fn` with each direct child of `node`, in visiting order (array holes are skipped), without
 * building an array: the walks of a 1 MB PAC visit hundreds of thousands of nodes. A type this
 * parser never produces (from acorn, in tests) has its node-valued properties visited in property order.
 */
export function forEachChild(node: Node, fn: (child: Node) => void): void {
  const keys = CHILD_KEYS[node.type];
  if (keys === undefined) {
    for (const key in node) visitValue(Reflect.get(node, key), fn);
    return;
  }
  for (const key of keys) visitValue(Reflect.get(node, key), fn);
}

function visitValue(value: unknown, fn: (child: Node) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) if (isNode(item)) fn(item);
  } else if (isNode(value)) {
    fn(value);
  }
}

/** The direct children of `node`, in visiting order (array holes are skipped). */
export function childNodes(node: Node): Node[] {
  const children: Node[] = [];
  forEachChild(node, (child) => void children.push(child));
  return children;
}

/**
 * Calls `enter` for `root` and every node below it, parents first, in visiting order; when `enter`
 * returns false the node's children are skipped. Iterative: generated PACs hold chains (a
 * 1,000,000-term `+`, a 50,000-branch else-if, a 100,000-step member chain) whose trees are as deep
 * as they are long, far deeper than the call stack.
 */
export function preorder(root: Node, enter: (node: Node) => boolean | void): void {
  const stack: Node[] = [root];
  const push = (child: Node): void => void stack.push(child);
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (enter(node) === false) continue;
    const start = stack.length;
    forEachChild(node, push);
    // Children were pushed first to last; reverse them so that they pop in visiting order.
    for (let i = start, j = stack.length - 1; i < j; i++, j--) {
      const first = stack[i]!;
      stack[i] = stack[j]!;
      stack[j] = first;
    }
  }
}

/** Visits `root` and every node below it, depth first, calling the matching listeners. Iterative, as `preorder`. */
export function walk(root: Node, listeners: Listeners): void {
  const table: Readonly<Record<string, AnyListener | undefined>> = listeners as Readonly<Record<string, AnyListener | undefined>>;
  const enter = new Map<string, AnyListener>();
  const exit = new Map<string, AnyListener>();
  for (const key of Object.keys(table)) {
    const fn = table[key];
    if (fn === undefined) continue;
    if (key.endsWith(":exit")) exit.set(key.slice(0, -5), fn);
    else enter.set(key, fn);
  }
  // Frames of (node, parent, exiting): a node is pushed once to enter and once more to exit after its children.
  const nodes: Node[] = [root];
  const parents: (Node | null)[] = [null];
  const exiting: boolean[] = [false];
  const children: Node[] = [];
  const collect = (child: Node): void => void children.push(child);
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop()!;
    if (exiting.pop()) {
      exit.get(node.type)?.(node, parent);
      continue;
    }
    enter.get(node.type)?.(node, parent);
    nodes.push(node);
    parents.push(parent);
    exiting.push(true);
    children.length = 0;
    forEachChild(node, collect);
    for (let i = children.length - 1; i >= 0; i--) {
      nodes.push(children[i]!);
      parents.push(node);
      exiting.push(false);
    }
  }
}
