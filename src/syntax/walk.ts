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

/** Visits `root` and every node below it, depth first, calling the matching listeners. */
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
  const visit = (node: Node, parent: Node | null): void => {
    enter.get(node.type)?.(node, parent);
    forEachChild(node, (child) => visit(child, node));
    exit.get(node.type)?.(node, parent);
  };
  visit(root, null);
}
