/**
 * The PAC syntax tree: ESTree node names and shapes (https://github.com/estree/estree), limited to
 * what PAC files contain. Every node carries a half-open `range` into the source text.
 */
import type { Range } from "../types.js";

interface BaseNode {
  readonly range: Range;
}

export interface Program extends BaseNode {
  readonly type: "Program";
  readonly body: readonly Statement[];
}

export type Statement =
  | VariableDeclaration
  | FunctionDeclaration
  | ExpressionStatement
  | BlockStatement
  | EmptyStatement
  | IfStatement
  | ReturnStatement
  | SwitchStatement
  | ForStatement
  | ForInStatement
  | ForOfStatement
  | WhileStatement
  | DoWhileStatement
  | BreakStatement
  | ContinueStatement
  | ThrowStatement
  | TryStatement
  | LabeledStatement
  | WithStatement
  | DebuggerStatement;

export type Expression =
  | Identifier
  | Literal
  | TemplateLiteral
  | TaggedTemplateExpression
  | ArrayExpression
  | ObjectExpression
  | FunctionExpression
  | ArrowFunctionExpression
  | UnaryExpression
  | UpdateExpression
  | BinaryExpression
  | LogicalExpression
  | AssignmentExpression
  | ConditionalExpression
  | CallExpression
  | NewExpression
  | MemberExpression
  | ChainExpression
  | SequenceExpression
  | ThisExpression;

export type Pattern = Identifier | ObjectPattern | ArrayPattern | AssignmentPattern | RestElement | MemberExpression;
export type Node = Program | Statement | Expression | Pattern | Property | SwitchCase | CatchClause | VariableDeclarator | TemplateElement | SpreadElement;

export interface Identifier extends BaseNode {
  readonly type: "Identifier";
  readonly name: string;
}

/** String, number, boolean, null and regex literals. `raw` is the exact source text. */
export interface Literal extends BaseNode {
  readonly type: "Literal";
  readonly value: string | number | boolean | null | RegExp;
  readonly raw: string;
  readonly regex?: { readonly pattern: string; readonly flags: string };
}

export interface TemplateElement extends BaseNode {
  readonly type: "TemplateElement";
  readonly value: { readonly raw: string; readonly cooked: string | null };
  readonly tail: boolean;
}

export interface TemplateLiteral extends BaseNode {
  readonly type: "TemplateLiteral";
  readonly quasis: readonly TemplateElement[];
  readonly expressions: readonly Expression[];
}

export interface TaggedTemplateExpression extends BaseNode {
  readonly type: "TaggedTemplateExpression";
  readonly tag: Expression;
  readonly quasi: TemplateLiteral;
}

export interface ThisExpression extends BaseNode {
  readonly type: "ThisExpression";
}

export interface ArrayExpression extends BaseNode {
  readonly type: "ArrayExpression";
  readonly elements: readonly (Expression | SpreadElement | null)[];
}

export interface ObjectExpression extends BaseNode {
  readonly type: "ObjectExpression";
  readonly properties: readonly (Property | SpreadElement)[];
}

export interface Property extends BaseNode {
  readonly type: "Property";
  readonly key: Expression;
  readonly value: Expression | Pattern;
  readonly kind: "init" | "get" | "set";
  readonly computed: boolean;
  readonly shorthand: boolean;
  readonly method: boolean;
}

export interface SpreadElement extends BaseNode {
  readonly type: "SpreadElement";
  readonly argument: Expression;
}

export interface FunctionDeclaration extends BaseNode {
  readonly type: "FunctionDeclaration";
  readonly id: Identifier;
  readonly params: readonly Pattern[];
  readonly body: BlockStatement;
}

export interface FunctionExpression extends BaseNode {
  readonly type: "FunctionExpression";
  readonly id: Identifier | null;
  readonly params: readonly Pattern[];
  readonly body: BlockStatement;
}

export interface ArrowFunctionExpression extends BaseNode {
  readonly type: "ArrowFunctionExpression";
  readonly params: readonly Pattern[];
  readonly body: BlockStatement | Expression;
  readonly expression: boolean;
}

export type Function = FunctionDeclaration | FunctionExpression | ArrowFunctionExpression;

export interface UnaryExpression extends BaseNode {
  readonly type: "UnaryExpression";
  readonly operator: "-" | "+" | "!" | "~" | "typeof" | "void" | "delete";
  readonly prefix: true;
  readonly argument: Expression;
}

export interface UpdateExpression extends BaseNode {
  readonly type: "UpdateExpression";
  readonly operator: "++" | "--";
  readonly prefix: boolean;
  readonly argument: Expression;
}

export interface BinaryExpression extends BaseNode {
  readonly type: "BinaryExpression";
  readonly operator: string;
  readonly left: Expression;
  readonly right: Expression;
}

export interface LogicalExpression extends BaseNode {
  readonly type: "LogicalExpression";
  readonly operator: "&&" | "||" | "??";
  readonly left: Expression;
  readonly right: Expression;
}

export interface AssignmentExpression extends BaseNode {
  readonly type: "AssignmentExpression";
  readonly operator: string;
  readonly left: Pattern;
  readonly right: Expression;
}

export interface ConditionalExpression extends BaseNode {
  readonly type: "ConditionalExpression";
  readonly test: Expression;
  readonly consequent: Expression;
  readonly alternate: Expression;
}

export interface CallExpression extends BaseNode {
  readonly type: "CallExpression";
  readonly callee: Expression;
  readonly arguments: readonly (Expression | SpreadElement)[];
  readonly optional: boolean;
}

export interface NewExpression extends BaseNode {
  readonly type: "NewExpression";
  readonly callee: Expression;
  readonly arguments: readonly (Expression | SpreadElement)[];
}

export interface MemberExpression extends BaseNode {
  readonly type: "MemberExpression";
  readonly object: Expression;
  readonly property: Expression;
  readonly computed: boolean;
  readonly optional: boolean;
}

/** Wraps an optional chain `a?.b.c` (ESTree ES2020). */
export interface ChainExpression extends BaseNode {
  readonly type: "ChainExpression";
  readonly expression: CallExpression | MemberExpression;
}

export interface SequenceExpression extends BaseNode {
  readonly type: "SequenceExpression";
  readonly expressions: readonly Expression[];
}

export interface ObjectPattern extends BaseNode {
  readonly type: "ObjectPattern";
  readonly properties: readonly (Property | RestElement)[];
}

export interface ArrayPattern extends BaseNode {
  readonly type: "ArrayPattern";
  readonly elements: readonly (Pattern | null)[];
}

export interface AssignmentPattern extends BaseNode {
  readonly type: "AssignmentPattern";
  readonly left: Pattern;
  readonly right: Expression;
}

export interface RestElement extends BaseNode {
  readonly type: "RestElement";
  readonly argument: Pattern;
}

export interface VariableDeclaration extends BaseNode {
  readonly type: "VariableDeclaration";
  readonly kind: "var" | "let" | "const";
  readonly declarations: readonly VariableDeclarator[];
}

export interface VariableDeclarator extends BaseNode {
  readonly type: "VariableDeclarator";
  readonly id: Pattern;
  readonly init: Expression | null;
}

export interface ExpressionStatement extends BaseNode {
  readonly type: "ExpressionStatement";
  readonly expression: Expression;
}

export interface BlockStatement extends BaseNode {
  readonly type: "BlockStatement";
  readonly body: readonly Statement[];
}

export interface EmptyStatement extends BaseNode {
  readonly type: "EmptyStatement";
}

export interface IfStatement extends BaseNode {
  readonly type: "IfStatement";
  readonly test: Expression;
  readonly consequent: Statement;
  readonly alternate: Statement | null;
}

export interface ReturnStatement extends BaseNode {
  readonly type: "ReturnStatement";
  readonly argument: Expression | null;
}

export interface SwitchStatement extends BaseNode {
  readonly type: "SwitchStatement";
  readonly discriminant: Expression;
  readonly cases: readonly SwitchCase[];
}

export interface SwitchCase extends BaseNode {
  readonly type: "SwitchCase";
  /** null for `default:` */
  readonly test: Expression | null;
  readonly consequent: readonly Statement[];
}

export interface ForStatement extends BaseNode {
  readonly type: "ForStatement";
  readonly init: VariableDeclaration | Expression | null;
  readonly test: Expression | null;
  readonly update: Expression | null;
  readonly body: Statement;
}

export interface ForInStatement extends BaseNode {
  readonly type: "ForInStatement";
  readonly left: VariableDeclaration | Pattern;
  readonly right: Expression;
  readonly body: Statement;
}

export interface ForOfStatement extends BaseNode {
  readonly type: "ForOfStatement";
  readonly left: VariableDeclaration | Pattern;
  readonly right: Expression;
  readonly body: Statement;
}

export interface WhileStatement extends BaseNode {
  readonly type: "WhileStatement";
  readonly test: Expression;
  readonly body: Statement;
}

export interface DoWhileStatement extends BaseNode {
  readonly type: "DoWhileStatement";
  readonly body: Statement;
  readonly test: Expression;
}

export interface BreakStatement extends BaseNode {
  readonly type: "BreakStatement";
  readonly label: Identifier | null;
}

export interface ContinueStatement extends BaseNode {
  readonly type: "ContinueStatement";
  readonly label: Identifier | null;
}

export interface ThrowStatement extends BaseNode {
  readonly type: "ThrowStatement";
  readonly argument: Expression;
}

export interface TryStatement extends BaseNode {
  readonly type: "TryStatement";
  readonly block: BlockStatement;
  readonly handler: CatchClause | null;
  readonly finalizer: BlockStatement | null;
}

export interface CatchClause extends BaseNode {
  readonly type: "CatchClause";
  readonly param: Pattern | null;
  readonly body: BlockStatement;
}

export interface LabeledStatement extends BaseNode {
  readonly type: "LabeledStatement";
  readonly label: Identifier;
  readonly body: Statement;
}

export interface WithStatement extends BaseNode {
  readonly type: "WithStatement";
  readonly object: Expression;
  readonly body: Statement;
}

export interface DebuggerStatement extends BaseNode {
  readonly type: "DebuggerStatement";
}
