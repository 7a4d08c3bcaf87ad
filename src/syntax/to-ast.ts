/**
 * CST to AST: turns the Chevrotain CST of `grammar/parser.ts` into the ESTree-shaped tree of
 * `ast.ts`, with half-open ranges, and reports the early errors (ECMA-262 "Static Semantics: Early
 * Errors") that the grammar leaves out: assignment targets, `return` outside a function, `break`
 * and `continue` targets, operator mixing (`a ?? b || c`, `-a ** b`), malformed literals.
 */
import type { IToken } from "chevrotain";
import type * as C from "../../grammar/cst.js";
import { tokenEnd } from "../../grammar/offsets.js";
import type * as A from "./ast.js";
import type { Range } from "../types.js";
import { decodeEscapes, identifierName, LiteralError, normalizeLineTerminators, numericValue, regexValue } from "./literals.js";

/** An early error found while building the AST. */
export interface SemanticError {
  readonly message: string;
  readonly range: Range;
}

/** Binding power of binary operators (§13.6 to §13.13); `**` is right-associative. */
const PRECEDENCE: Readonly<Record<string, number>> = {
  "??": 1,
  "||": 1,
  "&&": 2,
  "|": 3,
  "^": 4,
  "&": 5,
  "==": 6,
  "!=": 6,
  "===": 6,
  "!==": 6,
  "<": 7,
  ">": 7,
  "<=": 7,
  ">=": 7,
  instanceof: 7,
  in: 7,
  "<<": 8,
  ">>": 8,
  ">>>": 8,
  "+": 9,
  "-": 9,
  "*": 10,
  "/": 10,
  "%": 10,
  "**": 11,
};

/** A statement's CST node: the statement kinds share a label in their parent (see `statementAt()` in grammar/parser.ts). */
type StatementCst = NonNullable<C.BlockCstChildren["statement"]>[number];

/** The CST children that hold member/call steps (see `suffix()` in grammar/parser.ts). */
type SuffixChildren = Pick<C.UnaryExpressionCstChildren, "suffix" | "IdentifierName" | "expression" | "RBracket" | "argument" | "Ellipsis" | "RParen">;

interface FunctionContext {
  labels: { name: string; loop: boolean }[];
  loopDepth: number;
  switchDepth: number;
}

function first<T>(items: readonly T[] | undefined): T {
  const item = items?.[0];
  if (item === undefined) throw new Error("internal error: malformed CST");
  return item;
}

function nth<T>(items: readonly T[] | undefined, index: number): T {
  const item = items?.[index];
  if (item === undefined) throw new Error("internal error: malformed CST");
  return item;
}

function start(token: IToken): number {
  return token.startOffset;
}

class Converter {
  readonly errors: SemanticError[] = [];
  /** The range including parentheses of each parenthesized expression (ESTree ranges exclude them). */
  private readonly outer = new Map<A.Node, Range>();
  /** `{ a = 1 }` properties that have not (yet) been reinterpreted as destructuring patterns. */
  private readonly coverInitialized = new Set<A.Property>();
  /** Array literals whose spread element is followed by a comma (invalid as a rest pattern). */
  private readonly commaAfterSpread = new Set<A.ArrayExpression>();
  private fn: FunctionContext | undefined;
  private readonly top: FunctionContext = { labels: [], loopDepth: 0, switchDepth: 0 };

  constructor(private readonly text: string) {}

  private error(message: string, range: Range): void {
    this.errors.push({ message, range });
  }

  private tokenRange(token: IToken): Range {
    return [token.startOffset, tokenEnd(token)];
  }

  private outerStart(node: A.Node): number {
    return (this.outer.get(node) ?? node.range)[0];
  }

  private outerEnd(node: A.Node): number {
    return (this.outer.get(node) ?? node.range)[1];
  }

  private get ctx(): FunctionContext {
    return this.fn ?? this.top;
  }

  program(cst: C.ProgramCstNode, length: number): A.Program {
    const body = this.statements(cst.children.statement);
    for (const property of this.coverInitialized) {
      this.error("shorthand property with '=' is only valid in destructuring patterns", property.range);
    }
    return { type: "Program", body, range: [0, length] };
  }

  private statements(list: StatementCst[] | undefined): A.Statement[] {
    return list === undefined ? [] : list.map((s) => this.statement(s));
  }

  /**
   * `context` names the single-statement positions around the statement, as acorn does ("if",
   * "while", "label", "whilelabel", ...): declarations are restricted there (§14.6.1, B.3.3).
   */
  statement(cst: StatementCst, context?: string): A.Statement {
    switch (cst.name) {
      case "expressionStatement":
        return this.expressionStatement(cst);
      case "ifStatement":
        return this.ifStatement(cst);
      case "returnStatement":
        return this.returnStatement(cst);
      case "variableStatement": {
        const v = cst.children;
        const declaration = this.variableDeclarationList(first(v.variableDeclarationList), false);
        return { ...declaration, range: [declaration.range[0], this.eosEnd(v.Semicolon, declaration.range[1])] };
      }
      case "block":
        return this.block(cst);
      case "functionDeclaration": {
        const declaration = this.functionDeclaration(cst);
        if (context !== undefined && context !== "if" && context !== "label") {
          this.error("a function declaration is not allowed as the body of a loop, 'with' or nested label", declaration.range);
        }
        return declaration;
      }
      case "emptyStatement":
        return { type: "EmptyStatement", range: this.tokenRange(first(cst.children.Semicolon)) };
      case "forStatement":
        return this.forStatement(cst);
      case "whileStatement": {
        const w = cst.children;
        const test = this.expression(first(w.expression));
        const body = this.loopBody(first(w.statement));
        return { type: "WhileStatement", test, body, range: [start(first(w.While)), body.range[1]] };
      }
      case "doWhileStatement": {
        const d = cst.children;
        const body = this.loopBody(first(d.statement));
        const test = this.expression(first(d.expression));
        const end = tokenEnd(first(d.Semicolon ?? d.RParen));
        return { type: "DoWhileStatement", body, test, range: [start(first(d.Do)), end] };
      }
      case "breakStatement":
      case "continueStatement":
        return this.jump(cst);
      case "switchStatement":
        return this.switchStatement(cst);
      case "throwStatement": {
        const t = cst.children;
        const keyword = first(t.Throw);
        if (!t.expression) {
          this.error("expected an expression on the same line after 'throw'", this.tokenRange(keyword));
          return { type: "ThrowStatement", argument: { type: "Identifier", name: "undefined", range: this.tokenRange(keyword) }, range: this.tokenRange(keyword) };
        }
        const argument = this.expression(first(t.expression));
        return { type: "ThrowStatement", argument, range: [start(keyword), this.eosEnd(t.Semicolon, this.outerEnd(argument))] };
      }
      case "tryStatement":
        return this.tryStatement(cst);
      case "labelledStatement":
        return this.labelledStatement(cst, context);
      case "withStatement": {
        const w = cst.children;
        const object = this.expression(first(w.expression));
        const body = this.substatement(first(w.statement), "with");
        return { type: "WithStatement", object, body, range: [start(first(w.With)), body.range[1]] };
      }
      case "debuggerStatement": {
        const keyword = first(cst.children.Debugger);
        return { type: "DebuggerStatement", range: [start(keyword), this.eosEnd(cst.children.Semicolon, tokenEnd(keyword))] };
      }
    }
  }

  /** The end of a statement: after its `;`, or after its last token when the `;` was inserted. */
  private eosEnd(semicolons: IToken[] | undefined, end: number): number {
    const semicolon = semicolons?.[0];
    return semicolon === undefined ? end : tokenEnd(semicolon);
  }

  /** A statement in a single-statement position (if/while/for/with/label bodies): no `let`/`const`. */
  private substatement(cst: StatementCst, context: string): A.Statement {
    const statement = this.statement(cst, context);
    if (statement.type === "VariableDeclaration" && statement.kind !== "var") {
      this.error(`'${statement.kind}' declarations are not allowed in a single-statement context`, statement.range);
    }
    return statement;
  }

  private loopBody(cst: StatementCst): A.Statement {
    this.ctx.loopDepth++;
    try {
      return this.substatement(cst, "loop");
    } finally {
      this.ctx.loopDepth--;
    }
  }

  private expressionStatement(cst: C.ExpressionStatementCstNode): A.ExpressionStatement {
    const expression = this.expressionList(cst.children.assignmentExpression ?? []);
    const begin = this.outerStart(expression);
    return { type: "ExpressionStatement", expression, range: [begin, this.eosEnd(cst.children.Semicolon, this.outerEnd(expression))] };
  }

  /** An `if` and its `else if` chain, which the grammar reads as a list: nested from the last. */
  private ifStatement(cst: C.IfStatementCstNode): A.IfStatement {
    const c = cst.children;
    const conditions = c.assignmentExpression ?? [];
    if (c.If.length === 1 && conditions.length === 1) {
      // The common case, one `if` with one condition expression: no lists to split.
      const test = this.expressionItem(conditions[0]!);
      const consequent = this.substatement(first(c.consequent), "if");
      const alternate = c.alternate ? this.substatement(first(c.alternate), "if") : null;
      return { type: "IfStatement", test, consequent, alternate, range: [start(c.If[0]!), (alternate ?? consequent).range[1]] };
    }
    // The conditions' expressions are one list; each belongs to the branch whose `)` follows it.
    const parts: A.Expression[] = [];
    for (const condition of conditions) parts.push(this.expressionItem(condition));
    const tests: A.Expression[] = [];
    const consequents: A.Statement[] = [];
    let next = 0;
    for (let i = 0; i < c.If.length; i++) {
      const close = nth(c.RParen, i).startOffset;
      const test: A.Expression[] = [];
      while (next < parts.length && this.outerStart(parts[next]!) < close) test.push(parts[next++]!);
      tests.push(this.sequence(test));
      consequents.push(this.substatement(nth(c.consequent, i), "if"));
    }
    let alternate: A.Statement | null = c.alternate ? this.substatement(first(c.alternate), "if") : null;
    for (let i = c.If.length - 1; i >= 0; i--) {
      const consequent = consequents[i]!;
      alternate = { type: "IfStatement", test: tests[i]!, consequent, alternate, range: [start(c.If[i]!), (alternate ?? consequent).range[1]] };
    }
    if (alternate?.type !== "IfStatement") throw new Error("internal error: if without branches");
    return alternate;
  }

  private returnStatement(cst: C.ReturnStatementCstNode): A.ReturnStatement {
    const c = cst.children;
    const keyword = first(c.Return);
    const argument = c.assignmentExpression ? this.expressionList(c.assignmentExpression) : null;
    const range: Range = [start(keyword), this.eosEnd(c.Semicolon, argument ? this.outerEnd(argument) : tokenEnd(keyword))];
    if (this.fn === undefined) this.error("'return' outside of a function", range);
    return { type: "ReturnStatement", argument, range };
  }

  private jump(cst: C.BreakStatementCstNode | C.ContinueStatementCstNode): A.BreakStatement | A.ContinueStatement {
    const isBreak = cst.name === "breakStatement";
    const c = cst.children;
    const keyword = first("Break" in c ? c.Break : c.Continue);
    const labelToken = c.Identifier?.[0];
    const label: A.Identifier | null = labelToken ? this.identifier(labelToken) : null;
    const range: Range = [start(keyword), this.eosEnd(c.Semicolon, tokenEnd(labelToken ?? keyword))];
    const ctx = this.ctx;
    if (label !== null) {
      const target = ctx.labels.findLast((l) => l.name === label.name);
      if (target === undefined) this.error(`undefined label '${label.name}'`, label.range);
      else if (!isBreak && !target.loop) this.error(`'continue' target '${label.name}' is not a loop`, range);
    } else if (isBreak ? ctx.loopDepth === 0 && ctx.switchDepth === 0 : ctx.loopDepth === 0) {
      this.error(`'${isBreak ? "break" : "continue"}' outside of a ${isBreak ? "loop or switch" : "loop"}`, range);
    }
    return isBreak ? { type: "BreakStatement", label, range } : { type: "ContinueStatement", label, range };
  }

  private switchStatement(cst: C.SwitchStatementCstNode): A.SwitchStatement {
    const c = cst.children;
    const discriminant = this.expression(first(c.expression));
    this.ctx.switchDepth++;
    let sawDefault = false;
    const cases = (c.caseClause ?? []).map((clause): A.SwitchCase => {
      const k = clause.children;
      const keyword = first(k.Case ?? k.Default);
      if (k.Default) {
        if (sawDefault) this.error("more than one 'default' clause in a switch", this.tokenRange(keyword));
        sawDefault = true;
      }
      const test = k.expression ? this.expression(first(k.expression)) : null;
      const consequent = this.statements(k.statement);
      const end = consequent.length > 0 ? consequent[consequent.length - 1]!.range[1] : tokenEnd(first(k.Colon));
      return { type: "SwitchCase", test, consequent, range: [start(keyword), end] };
    });
    this.ctx.switchDepth--;
    return { type: "SwitchStatement", discriminant, cases, range: [start(first(c.Switch)), tokenEnd(first(c.RBrace))] };
  }

  private tryStatement(cst: C.TryStatementCstNode): A.TryStatement {
    const c = cst.children;
    const block = this.block(first(c.block));
    let handler: A.CatchClause | null = null;
    if (c.catchClause) {
      const k = first(c.catchClause).children;
      const param = k.bindingTarget ? this.bindingTarget(first(k.bindingTarget)) : null;
      const body = this.block(first(k.block));
      handler = { type: "CatchClause", param, body, range: [start(first(k.Catch)), body.range[1]] };
    }
    const finalizer = c.finallyClause ? this.block(first(first(c.finallyClause).children.block)) : null;
    const end = (finalizer ?? handler ?? block).range[1];
    return { type: "TryStatement", block, handler, finalizer, range: [start(first(c.Try)), end] };
  }

  private labelledStatement(cst: C.LabelledStatementCstNode, context: string | undefined): A.LabeledStatement {
    const c = cst.children;
    const label = this.identifier(first(c.Identifier));
    const ctx = this.ctx;
    if (ctx.labels.some((l) => l.name === label.name)) this.error(`label '${label.name}' is already declared`, label.range);
    const inner = first(c.statement).name;
    const loop = inner === "forStatement" || inner === "whileStatement" || inner === "doWhileStatement";
    ctx.labels.push({ name: label.name, loop });
    const body = this.substatement(first(c.statement), context === undefined ? "label" : context.endsWith("label") ? context : `${context}label`);
    ctx.labels.pop();
    return { type: "LabeledStatement", label, body, range: [label.range[0], body.range[1]] };
  }

  private block(cst: C.BlockCstNode | C.FunctionBodyCstNode): A.BlockStatement {
    const c = cst.children;
    return { type: "BlockStatement", body: this.statements(c.statement), range: [start(first(c.LBrace)), tokenEnd(first(c.RBrace))] };
  }

  private forStatement(cst: C.ForStatementCstNode): A.ForStatement | A.ForInStatement | A.ForOfStatement {
    const c = cst.children;
    const begin = start(first(c.For));
    let init: A.VariableDeclaration | A.Expression | null = null;
    if (c.variableDeclarationList) init = this.variableDeclarationList(first(c.variableDeclarationList), true);
    else if (c.init) init = this.expression(first(c.init));
    if (c.In || c.of) {
      const isOf = c.of !== undefined;
      const rightCst = first(c.right);
      const right = rightCst.name === "expression" ? this.expression(rightCst) : this.assignmentExpression(rightCst);
      const left = this.forInOfLeft(init, isOf);
      const body = this.loopBody(first(c.statement));
      const range: Range = [begin, body.range[1]];
      return isOf ? { type: "ForOfStatement", left, right, body, range } : { type: "ForInStatement", left, right, body, range };
    }
    const test = c.test ? this.expression(first(c.test)) : null;
    const update = c.update ? this.expression(first(c.update)) : null;
    if (init?.type === "VariableDeclaration") this.checkInitializers(init);
    const body = this.loopBody(first(c.statement));
    return { type: "ForStatement", init, test, update, body, range: [begin, body.range[1]] };
  }

  private forInOfLeft(init: A.VariableDeclaration | A.Expression | null, isOf: boolean): A.VariableDeclaration | A.Pattern {
    const keyword = isOf ? "for-of" : "for-in";
    if (init === null) throw new Error("internal error: for-in without a head");
    if (init.type === "VariableDeclaration") {
      const declarator = init.declarations[0];
      if (init.declarations.length !== 1) this.error(`only one variable may be declared in a ${keyword} loop`, init.range);
      else if (declarator?.init && (isOf || init.kind !== "var" || declarator.id.type !== "Identifier")) {
        this.error(`${keyword} loop variable declaration may not have an initializer`, declarator.range);
      }
      return init;
    }
    if (isOf && init.type === "Identifier" && init.name === "async" && !this.outer.has(init)) {
      this.error("the left-hand side of a for-of loop may not be 'async'", init.range);
    }
    return this.toPattern(init, "assignment");
  }

  private variableDeclarationList(cst: C.VariableDeclarationListCstNode, inForHead: boolean): A.VariableDeclaration {
    const c = cst.children;
    const keyword = first(c.Var ?? c.Let ?? c.Const);
    const kind = keyword.image === "var" ? "var" : keyword.image === "let" ? "let" : "const";
    const declarations = c.variableDeclaration.map((d): A.VariableDeclarator => {
      const id = this.bindingTarget(first(d.children.bindingTarget));
      const init = d.children.assignmentExpression ? this.assignmentExpression(first(d.children.assignmentExpression)) : null;
      return { type: "VariableDeclarator", id, init, range: [id.range[0], init ? this.outerEnd(init) : id.range[1]] };
    });
    const last = declarations[declarations.length - 1]!;
    const declaration: A.VariableDeclaration = { type: "VariableDeclaration", kind, declarations, range: [start(keyword), last.range[1]] };
    if (!inForHead) this.checkInitializers(declaration);
    return declaration;
  }

  private checkInitializers(declaration: A.VariableDeclaration): void {
    for (const d of declaration.declarations) {
      if (d.init !== null) continue;
      if (declaration.kind === "const") this.error("missing initializer in const declaration", d.range);
      else if (d.id.type !== "Identifier") this.error("a destructuring declaration needs an initializer", d.range);
    }
  }

  private functionDeclaration(cst: C.FunctionDeclarationCstNode): A.FunctionDeclaration {
    const c = cst.children;
    const id = this.identifier(first(c.Identifier));
    const { params, body } = this.functionParts(first(c.formalParameters), first(c.functionBody));
    return { type: "FunctionDeclaration", id, params, body, range: [start(first(c.Function)), body.range[1]] };
  }

  private functionParts(
    params: C.FormalParametersCstNode,
    body: C.FunctionBodyCstNode,
  ): { params: A.Pattern[]; body: A.BlockStatement } {
    const saved = this.fn;
    this.fn = { labels: [], loopDepth: 0, switchDepth: 0 };
    try {
      return { params: this.formalParameters(params), body: this.block(body) };
    } finally {
      this.fn = saved;
    }
  }

  private formalParameters(cst: C.FormalParametersCstNode): A.Pattern[] {
    const elements = cst.children.bindingElement ?? [];
    const trailingComma = (cst.children.Comma?.length ?? 0) >= elements.length;
    return elements.map((element, i) => {
      const pattern = this.bindingElement(element);
      if (pattern.type === "RestElement") {
        if (i !== elements.length - 1) this.error("a rest parameter must be the last parameter", pattern.range);
        else if (trailingComma) this.error("a rest parameter may not have a trailing comma", pattern.range);
      }
      return pattern;
    });
  }

  private bindingElement(cst: C.BindingElementCstNode): A.Pattern {
    const c = cst.children;
    const target = this.bindingTarget(first(c.bindingTarget));
    if (c.Ellipsis) return { type: "RestElement", argument: target, range: [start(first(c.Ellipsis)), target.range[1]] };
    if (c.assignmentExpression) {
      const right = this.assignmentExpression(first(c.assignmentExpression));
      return { type: "AssignmentPattern", left: target, right, range: [target.range[0], this.outerEnd(right)] };
    }
    return target;
  }

  private bindingTarget(cst: C.BindingTargetCstNode): A.Identifier | A.ObjectPattern | A.ArrayPattern {
    const c = cst.children;
    if (c.Identifier) return this.bindingIdentifier(first(c.Identifier));
    if (c.arrayBindingPattern) {
      const a = first(c.arrayBindingPattern).children;
      const elements: (A.Pattern | null)[] = [];
      let expectElement = true;
      let restEnd: number | undefined;
      for (const item of a.arrayBindingItem ?? []) {
        const e = item.children;
        if (e.Comma) {
          if (expectElement) elements.push(null);
          expectElement = true;
          if (restEnd !== undefined) this.error("a rest element must be last in a destructuring pattern", [restEnd, tokenEnd(first(e.Comma))]);
          restEnd = undefined;
          continue;
        }
        const element = this.bindingElement(first(e.bindingElement));
        if (element.type === "RestElement") restEnd = element.range[0];
        elements.push(element);
        expectElement = false;
      }
      return { type: "ArrayPattern", elements, range: [start(first(a.LBracket)), tokenEnd(first(a.RBracket))] };
    }
    const o = first(c.objectBindingPattern).children;
    const list = o.bindingProperty ?? [];
    const properties = list.map((p, i): A.Property | A.RestElement => {
      const k = p.children;
      if (k.Ellipsis) {
        const argument = this.bindingIdentifier(first(k.Identifier));
        if (i !== list.length - 1 || (o.Comma?.length ?? 0) >= list.length) {
          this.error("a rest element must be last in a destructuring pattern", [start(first(k.Ellipsis)), argument.range[1]]);
        }
        return { type: "RestElement", argument, range: [start(first(k.Ellipsis)), argument.range[1]] };
      }
      const { key, computed, begin } = this.propertyName(first(k.propertyName));
      if (k.bindingElement) {
        const value = this.bindingElement(first(k.bindingElement));
        return { type: "Property", key, value, kind: "init", computed, shorthand: false, method: false, range: [begin, value.range[1]] };
      }
      const id = this.shorthandIdentifier(key, computed);
      if (k.assignmentExpression) {
        const right = this.assignmentExpression(first(k.assignmentExpression));
        const value: A.AssignmentPattern = { type: "AssignmentPattern", left: id, right, range: [begin, this.outerEnd(right)] };
        return { type: "Property", key, value, kind: "init", computed: false, shorthand: true, method: false, range: value.range };
      }
      return { type: "Property", key, value: id, kind: "init", computed: false, shorthand: true, method: false, range: key.range };
    });
    return { type: "ObjectPattern", properties, range: [start(first(o.LBrace)), tokenEnd(first(o.RBrace))] };
  }

  /** The identifier of a shorthand property (`{ a }`): the key must be a plain identifier. */
  private shorthandIdentifier(key: A.Expression, computed: boolean): A.Identifier {
    if (computed || key.type !== "Identifier" || this.keywordKeys.has(key)) {
      this.error("expected ':' after the property name", key.range);
      return { type: "Identifier", name: "undefined", range: key.range };
    }
    return { type: "Identifier", name: key.name, range: key.range };
  }

  /** Property keys spelled as keywords (`{ if: 1 }`), which cannot be shorthand properties. */
  private readonly keywordKeys = new WeakSet<A.Node>();

  private bindingIdentifier(token: IToken): A.Identifier {
    return this.identifier(token);
  }

  private identifier(token: IToken): A.Identifier {
    let name = token.image;
    if (name.includes("\\")) {
      try {
        name = identifierName(name);
      } catch (e) {
        this.literalError(e, token);
      }
    }
    return { type: "Identifier", name, range: this.tokenRange(token) };
  }

  private literalError(e: unknown, token: IToken): void {
    if (!(e instanceof LiteralError)) throw e;
    const offset = token.startOffset + e.offset;
    this.error(e.message, [offset, Math.max(offset + 1, e.offset === 0 ? tokenEnd(token) : offset + 1)]);
  }

  expression(cst: C.ExpressionCstNode): A.Expression {
    return this.expressionList(cst.children.assignmentExpression);
  }

  /** One expression, or a SequenceExpression of several (§13.16). */
  private expressionList(list: readonly (IToken | C.AssignmentExpressionCstNode | C.UnaryExpressionCstNode)[]): A.Expression {
    if (list.length === 1) return this.expressionItem(list[0]!);
    return this.sequence(list.map((e) => this.expressionItem(e)));
  }

  /**
   * An expression of a comma list: an assignmentExpression node, or a lone token or
   * unaryExpression node standing for one.
   */
  private expressionItem(cst: IToken | C.AssignmentExpressionCstNode | C.UnaryExpressionCstNode): A.Expression {
    return "image" in cst || cst.name === "unaryExpression" ? this.operand(cst) : this.assignmentExpression(cst);
  }

  private sequence(expressions: A.Expression[]): A.Expression {
    if (expressions.length === 1) return nth(expressions, 0);
    const last = expressions[expressions.length - 1]!;
    return { type: "SequenceExpression", expressions, range: [this.outerStart(expressions[0]!), this.outerEnd(last)] };
  }

  assignmentExpression(cst: C.AssignmentExpressionCstNode): A.Expression {
    const c = cst.children;
    if (c.arrowFunction) return this.arrowFunction(first(c.arrowFunction));
    let left = this.binaryExpression(c.operand ?? [], c.BinaryOperator);
    if (c.consequent) {
      const consequent = this.assignmentExpression(first(c.consequent));
      const alternate = this.assignmentExpression(first(c.alternate));
      left = { type: "ConditionalExpression", test: left, consequent, alternate, range: [this.outerStart(left), this.outerEnd(alternate)] };
    }
    const operatorToken = c.Assign?.[0] ?? c.AssignmentOperator?.[0];
    if (operatorToken === undefined) return left;
    const right = this.assignmentExpression(first(c.right));
    const operator = operatorToken.image;
    let target: A.Pattern;
    if (operator === "=") {
      target = this.toPattern(left, "assignment");
    } else {
      if (left.type !== "Identifier" && left.type !== "MemberExpression") this.error("invalid assignment target", this.outerRange(left));
      target = left.type === "Identifier" || left.type === "MemberExpression" ? left : { type: "Identifier", name: "undefined", range: left.range };
    }
    return { type: "AssignmentExpression", operator, left: target, right, range: [this.outerStart(left), this.outerEnd(right)] };
  }

  private outerRange(node: A.Node): Range {
    return this.outer.get(node) ?? node.range;
  }

  /**
   * Reinterprets an expression as a destructuring target (§13.15.5 AssignmentPattern): the
   * "cover grammar" step for `[a, b] = pair`, `({ a = 1 } = o)` and `for ([k, v] of entries)`.
   */
  private toPattern(node: A.Expression | A.SpreadElement, context: "assignment" | "nested"): A.Pattern {
    const parenthesized = this.outer.has(node);
    switch (node.type) {
      case "Identifier":
      case "MemberExpression":
        return node;
      case "ObjectExpression":
        if (parenthesized) break;
        return {
          type: "ObjectPattern",
          range: node.range,
          properties: node.properties.map((p, i): A.Property | A.RestElement => {
            if (p.type === "SpreadElement") {
              if (i !== node.properties.length - 1) this.error("a rest element must be last in a destructuring pattern", p.range);
              const argument = this.toPattern(p.argument, "nested");
              if (argument.type !== "Identifier" && argument.type !== "MemberExpression") this.error("invalid rest element", p.range);
              return { type: "RestElement", argument, range: p.range };
            }
            if (p.kind !== "init" || p.method) {
              this.error("invalid destructuring target", p.range);
              return p;
            }
            if (this.coverInitialized.delete(p)) return p;
            const value = p.value.type === "AssignmentPattern" ? p.value : this.toPattern(p.value as A.Expression, "nested");
            return { ...p, value };
          }),
        };
      case "ArrayExpression":
        if (parenthesized) break;
        return {
          type: "ArrayPattern",
          range: node.range,
          elements: node.elements.map((e, i) => {
            if (e === null) return null;
            if (e.type === "SpreadElement") {
              if (i !== node.elements.length - 1 || this.commaAfterSpread.has(node)) {
                this.error("a rest element must be last in a destructuring pattern", e.range);
              }
              const argument = this.toPattern(e.argument, "nested");
              return { type: "RestElement", argument, range: e.range };
            }
            return this.toPattern(e, "nested");
          }),
        };
      case "AssignmentExpression":
        if (context === "nested" && node.operator === "=" && !parenthesized) {
          return { type: "AssignmentPattern", left: node.left, right: node.right, range: node.range };
        }
        break;
      default:
        break;
    }
    this.error("invalid assignment target", this.outerRange(node));
    return { type: "Identifier", name: "undefined", range: node.range };
  }

  private arrowFunction(cst: C.ArrowFunctionCstNode): A.ArrowFunctionExpression {
    const c = cst.children;
    const saved = this.fn;
    this.fn = { labels: [], loopDepth: 0, switchDepth: 0 };
    try {
      const params = c.Identifier ? [this.bindingIdentifier(first(c.Identifier))] : this.formalParameters(first(c.formalParameters));
      const begin = start(first(c.Identifier ?? c.LParen));
      if (c.functionBody) {
        const body = this.block(first(c.functionBody));
        return { type: "ArrowFunctionExpression", params, body, expression: false, range: [begin, body.range[1]] };
      }
      const body = this.assignmentExpression(first(c.assignmentExpression));
      return { type: "ArrowFunctionExpression", params, body, expression: true, range: [begin, this.outerEnd(body)] };
    } finally {
      this.fn = saved;
    }
  }

  /** Applies precedence and associativity to the flat operand/operator list (precedence climbing). */
  private binaryExpression(operands: (IToken | C.UnaryExpressionCstNode)[], operators: IToken[] | undefined): A.Expression {
    if (operators === undefined) return this.operand(operands[0]!);
    // `**` groups to the right, so a run of them nests (and precedence climbing recurses) once per operator.
    for (let i = 0, run = 0; i < operators.length; i++) {
      run = operators[i]!.image === "**" ? run + 1 : 0;
      if (run > MAX_PREFIX_OPERATORS) {
        this.error(`more than ${MAX_PREFIX_OPERATORS} '**' operators in a row`, [start(operators[i - run + 1]!), tokenEnd(operators[i]!)]);
        return this.operand(operands[0]!);
      }
    }
    const nodes = operands.map((o) => this.operand(o));
    let next = 0;
    let op = 0;
    const climb = (minPrecedence: number): A.Expression => {
      let left = nodes[next++]!;
      while (op < operators.length) {
        const token = operators[op]!;
        const precedence = PRECEDENCE[token.image]!;
        if (precedence < minPrecedence) break;
        op++;
        const right = climb(token.image === "**" ? precedence : precedence + 1);
        left = this.binary(token, left, right);
      }
      return left;
    };
    return climb(0);
  }

  private binary(token: IToken, left: A.Expression, right: A.Expression): A.Expression {
    const operator = token.image;
    const range: Range = [this.outerStart(left), this.outerEnd(right)];
    if (operator === "**" && left.type === "UnaryExpression" && !this.outer.has(left)) {
      this.error("a unary operator before '**' needs parentheses, as in (-a) ** b", this.outerRange(left));
    }
    if (operator === "||" || operator === "&&" || operator === "??") {
      for (const side of [left, right]) {
        if (side.type === "LogicalExpression" && !this.outer.has(side) && (side.operator === "??") !== (operator === "??")) {
          this.error("'??' cannot be mixed with '||' or '&&' without parentheses", range);
        }
      }
      return { type: "LogicalExpression", operator, left, right, range };
    }
    return { type: "BinaryExpression", operator, left, right, range };
  }

  private operand(cst: IToken | C.UnaryExpressionCstNode): A.Expression {
    if (!("image" in cst)) return this.unaryExpression(cst);
    const type = cst.tokenType.name;
    if (type === "Identifier") return this.identifier(cst);
    return type === "StringLiteral" ? this.stringLiteral(cst) : this.numericLiteral(cst);
  }

  private unaryExpression(cst: C.UnaryExpressionCstNode): A.Expression {
    const c = cst.children;
    let node: A.Expression;
    if (c.Identifier) node = this.identifier(first(c.Identifier));
    else if (c.StringLiteral) node = this.stringLiteral(first(c.StringLiteral));
    else if (c.NumericLiteral) node = this.numericLiteral(first(c.NumericLiteral));
    else if (c.RegularExpressionLiteral) node = this.regexLiteral(first(c.RegularExpressionLiteral));
    else if (c.primaryExpression) node = this.primaryExpression(first(c.primaryExpression));
    else node = this.newExpression(first(c.newExpression));
    if (c.suffix) {
      // Only `?.` can follow a `new C` without arguments here (§13.3: `new C?.x` is not an OptionalExpression).
      const step = first(c.suffix);
      if (c.newExpression && !first(c.newExpression).children.arguments && "image" in step) {
        this.error("an optional chain cannot follow 'new' without arguments", [node.range[0], tokenEnd(step)]);
      }
      node = this.suffixes(node, c, true);
    }
    const postfix = c.postfix?.[0];
    if (postfix !== undefined) {
      node = {
        type: "UpdateExpression",
        operator: postfix.image === "++" ? "++" : "--",
        prefix: false,
        argument: this.updateTarget(node),
        range: [this.outerStart(node), tokenEnd(postfix)],
      };
    }
    const prefixes = c.prefix;
    if (prefixes === undefined) return node;
    if (prefixes.length > MAX_PREFIX_OPERATORS) {
      // Each prefix nests the tree one level: QuickJS compiles them by recursion (docs/limits.md).
      this.error(`more than ${MAX_PREFIX_OPERATORS} prefix operators in a row`, [start(prefixes[0]!), tokenEnd(prefixes[prefixes.length - 1]!)]);
    }
    for (let i = prefixes.length - 1; i >= 0; i--) {
      const token = prefixes[i]!;
      const range: Range = [start(token), this.outerEnd(node)];
      if (token.image === "++" || token.image === "--") {
        node = { type: "UpdateExpression", operator: token.image, prefix: true, argument: this.updateTarget(node), range };
      } else {
        node = { type: "UnaryExpression", operator: token.image as A.UnaryExpression["operator"], prefix: true, argument: node, range };
      }
    }
    return node;
  }

  private updateTarget(node: A.Expression): A.Expression {
    if (node.type !== "Identifier" && node.type !== "MemberExpression") this.error("invalid update target", this.outerRange(node));
    return node;
  }

  /**
   * Applies the member, call, template and optional-chain steps of `c.suffix` in order; the names,
   * index expressions and `]` that complete `.` and `[` steps, and the arguments and `)` of calls,
   * come from their own ordered lists.
   */
  private suffixes(head: A.Expression, c: SuffixChildren, allowCalls: boolean): A.Expression {
    let node = head;
    let optionalChain = false;
    let optional = false;
    let names = 0;
    let indexes = 0;
    let calls = 0;
    const begin = this.outerStart(head);
    const args = c.argument ? this.argumentList(c.argument, c.Ellipsis) : [];
    // The one call of a chain (`shExpMatch(host, p)`, `re.test(host)`) takes every argument.
    const oneCall = c.RParen?.length === 1;
    let nextArgument = 0;
    const parts = c.suffix ?? [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (!("image" in part)) {
        if (optionalChain) this.error("tagged template in an optional chain", this.cstRange(part));
        const quasi = this.templateLiteral(part, true);
        node = { type: "TaggedTemplateExpression", tag: node, quasi, range: [begin, quasi.range[1]] };
      } else if (part.tokenType.name === "LParen") {
        const close = nth(c.RParen, calls++);
        let callArguments = args;
        if (!oneCall) {
          // This call's arguments are the next ones that start before its `)`.
          const from = nextArgument;
          while (nextArgument < args.length && this.outerStart(args[nextArgument]!) < close.startOffset) nextArgument++;
          callArguments = args.slice(from, nextArgument);
        }
        node = { type: "CallExpression", callee: node, arguments: callArguments, optional, range: [begin, tokenEnd(close)] };
      } else if (part.tokenType.name === "QuestionDot") {
        optionalChain = true;
        optional = true;
        continue;
      } else if (part.tokenType.name === "LBracket") {
        const property = this.expression(nth(c.expression, indexes));
        const end = tokenEnd(nth(c.RBracket, indexes));
        indexes++;
        node = { type: "MemberExpression", object: node, property, computed: true, optional, range: [begin, end] };
      } else {
        // After `.` the name is the next of `c.IdentifierName`; after `?.` the part is the name.
        const name = part.tokenType.name === "Dot" ? nth(c.IdentifierName, names++) : part;
        const property = this.identifier(name);
        node = { type: "MemberExpression", object: node, property, computed: false, optional, range: [begin, tokenEnd(name)] };
      }
      optional = false;
    }
    if (optionalChain) {
      if (!allowCalls) this.error("optional chain in a 'new' expression", node.range);
      if (node.type === "CallExpression" || node.type === "MemberExpression") {
        return { type: "ChainExpression", expression: node, range: node.range };
      }
    }
    return node;
  }

  private cstRange(cst: C.TemplateLiteralCstNode): Range {
    const c = cst.children;
    const open = first(c.NoSubstitutionTemplate ?? c.TemplateHead);
    return [start(open), tokenEnd(first(c.NoSubstitutionTemplate ?? c.TemplateTail))];
  }

  private newExpression(cst: C.NewExpressionCstNode): A.Expression {
    const c = cst.children;
    const keyword = first(c.New);
    const head = c.newExpression ? this.newExpression(first(c.newExpression)) : this.primaryExpression(first(c.primaryExpression));
    const callee = c.suffix ? this.suffixes(head, c, false) : head;
    if (c.arguments) {
      const { args, end } = this.arguments(first(c.arguments));
      return { type: "NewExpression", callee, arguments: args, range: [start(keyword), end] };
    }
    return { type: "NewExpression", callee, arguments: [], range: [start(keyword), this.outerEnd(callee)] };
  }

  private arguments(cst: C.ArgumentsCstNode): { args: (A.Expression | A.SpreadElement)[]; end: number } {
    const c = cst.children;
    return { args: c.argument ? this.argumentList(c.argument, c.Ellipsis) : [], end: tokenEnd(first(c.RParen)) };
  }

  /** Arguments in source order, each `...` paired with the argument it precedes. */
  private argumentList(items: readonly (IToken | C.AssignmentExpressionCstNode)[], ellipses?: readonly IToken[]): (A.Expression | A.SpreadElement)[] {
    const list: (A.Expression | A.SpreadElement)[] = [];
    let e = 0;
    for (const a of items) {
      const expression = "image" in a ? this.operand(a) : this.assignmentExpression(a);
      // Each `...` lies between the previous argument and its own, so offsets pair them.
      const ellipsis = ellipses?.[e];
      if (ellipsis === undefined || ellipsis.startOffset > this.outerStart(expression)) {
        list.push(expression);
      } else {
        e++;
        list.push({ type: "SpreadElement", argument: expression, range: [start(ellipsis), this.outerEnd(expression)] });
      }
    }
    return list;
  }

  private primaryExpression(cst: C.PrimaryExpressionCstNode): A.Expression {
    const c = cst.children;
    if (c.Identifier) return this.identifier(first(c.Identifier));
    if (c.StringLiteral) return this.stringLiteral(first(c.StringLiteral));
    if (c.NumericLiteral) return this.numericLiteral(first(c.NumericLiteral));
    if (c.parenthesizedExpression) {
      const p = first(c.parenthesizedExpression).children;
      const inner = this.expression(first(p.expression));
      this.outer.set(inner, [start(first(p.LParen)), tokenEnd(first(p.RParen))]);
      return inner;
    }
    if (c.True || c.False) {
      const token = first(c.True ?? c.False);
      return { type: "Literal", value: token.image === "true", raw: token.image, range: this.tokenRange(token) };
    }
    if (c.Null) return { type: "Literal", value: null, raw: "null", range: this.tokenRange(first(c.Null)) };
    if (c.This) return { type: "ThisExpression", range: this.tokenRange(first(c.This)) };
    if (c.RegularExpressionLiteral) return this.regexLiteral(first(c.RegularExpressionLiteral));
    if (c.functionExpression) {
      const f = first(c.functionExpression).children;
      const id = f.Identifier ? this.identifier(first(f.Identifier)) : null;
      const { params, body } = this.functionParts(first(f.formalParameters), first(f.functionBody));
      return { type: "FunctionExpression", id, params, body, range: [start(first(f.Function)), body.range[1]] };
    }
    if (c.objectLiteral) return this.objectLiteral(first(c.objectLiteral));
    if (c.arrayLiteral) return this.arrayLiteral(first(c.arrayLiteral));
    return this.templateLiteral(first(c.templateLiteral), false);
  }

  private numericLiteral(token: IToken): A.Literal {
    return { type: "Literal", value: numericValue(token.image), raw: token.image, range: this.tokenRange(token) };
  }

  private stringLiteral(token: IToken): A.Literal {
    let value = "";
    try {
      value = decodeEscapes(token.image.slice(1, -1), false);
    } catch (e) {
      if (e instanceof LiteralError) this.literalError(new LiteralError(e.message, e.offset + 1), token);
      else throw e;
    }
    return { type: "Literal", value, raw: token.image, range: this.tokenRange(token) };
  }

  private regexLiteral(token: IToken): A.Literal {
    try {
      const { pattern, flags, value } = regexValue(token.image);
      return { type: "Literal", value, raw: token.image, regex: { pattern, flags }, range: this.tokenRange(token) };
    } catch (e) {
      this.literalError(e, token);
      return { type: "Literal", value: null, raw: token.image, range: this.tokenRange(token) };
    }
  }

  private arrayLiteral(cst: C.ArrayLiteralCstNode): A.ArrayExpression {
    const c = cst.children;
    const elements: (A.Expression | A.SpreadElement | null)[] = [];
    let expectElement = true;
    let commaAfterSpread = false;
    for (const item of c.arrayItem ?? []) {
      const e = item.children;
      if (e.Comma) {
        if (expectElement) elements.push(null);
        else if (elements[elements.length - 1]?.type === "SpreadElement") commaAfterSpread = true;
        expectElement = true;
        continue;
      }
      const expression = this.assignmentExpression(first(e.assignmentExpression));
      const ellipsis = e.Ellipsis?.[0];
      elements.push(ellipsis ? { type: "SpreadElement", argument: expression, range: [start(ellipsis), this.outerEnd(expression)] } : expression);
      expectElement = false;
      commaAfterSpread = false;
    }
    const node: A.ArrayExpression = { type: "ArrayExpression", elements, range: [start(first(c.LBracket)), tokenEnd(first(c.RBracket))] };
    if (commaAfterSpread && elements[elements.length - 1]?.type === "SpreadElement") this.commaAfterSpread.add(node);
    return node;
  }

  private objectLiteral(cst: C.ObjectLiteralCstNode): A.ObjectExpression {
    const c = cst.children;
    const values = c.propertyValue ?? [];
    let simple = 0;
    const properties = (c.propertyDefinition ?? []).map((p) => ("image" in p ? this.simpleProperty(p, nth(values, simple++)) : this.propertyDefinition(p)));
    return { type: "ObjectExpression", properties, range: [start(first(c.LBrace)), tokenEnd(first(c.RBrace))] };
  }

  private propertyDefinition(cst: C.PropertyDefinitionCstNode): A.Property | A.SpreadElement {
    const c = cst.children;
    if (c.Ellipsis) {
      const argument = this.assignmentExpression(first(c.assignmentExpression));
      return { type: "SpreadElement", argument, range: [start(first(c.Ellipsis)), this.outerEnd(argument)] };
    }
    const { key, computed, begin: keyStart } = this.propertyName(first(c.propertyName));
    const accessor = c.accessor?.[0];
    const begin = accessor ? start(accessor) : keyStart;
    if (c.methodTail) {
      const m = first(c.methodTail).children;
      const { params, body } = this.functionParts(first(m.formalParameters), first(m.functionBody));
      const value: A.FunctionExpression = { type: "FunctionExpression", id: null, params, body, range: [start(first(m.LParen)), body.range[1]] };
      const kind = accessor === undefined ? "init" : accessor.image === "get" ? "get" : "set";
      if (kind === "get" && params.length !== 0) this.error("a getter takes no parameters", value.range);
      if (kind === "set" && (params.length !== 1 || params[0]?.type === "RestElement")) this.error("a setter takes exactly one parameter", value.range);
      return { type: "Property", key, value, kind, computed, shorthand: false, method: kind === "init", range: [begin, body.range[1]] };
    }
    if (c.Colon) {
      const value = this.assignmentExpression(first(c.assignmentExpression));
      return { type: "Property", key, value, kind: "init", computed, shorthand: false, method: false, range: [begin, this.outerEnd(value)] };
    }
    const id = this.shorthandIdentifier(key, computed);
    if (c.shorthandDefault) {
      const right = this.assignmentExpression(first(c.shorthandDefault));
      const value: A.AssignmentPattern = { type: "AssignmentPattern", left: id, right, range: [begin, this.outerEnd(right)] };
      const property: A.Property = { type: "Property", key, value, kind: "init", computed: false, shorthand: true, method: false, range: value.range };
      this.coverInitialized.add(property);
      return property;
    }
    return { type: "Property", key, value: id, kind: "init", computed: false, shorthand: true, method: false, range: key.range };
  }

  /** `name: value` written out as two tokens in the object literal (see `property()` in grammar/parser.ts). */
  private simpleProperty(name: IToken, value: IToken): A.Property {
    const type = name.tokenType.name;
    const key = type === "Identifier" ? this.identifier(name) : type === "StringLiteral" ? this.stringLiteral(name) : this.numericLiteral(name);
    return { type: "Property", key, value: this.operand(value), kind: "init", computed: false, shorthand: false, method: false, range: [key.range[0], tokenEnd(value)] };
  }

  private propertyName(cst: C.PropertyNameCstNode): { key: A.Expression; computed: boolean; begin: number } {
    const c = cst.children;
    if (c.IdentifierName) {
      const token = first(c.IdentifierName);
      const key = this.identifier(token);
      if (token.tokenType.name !== "Identifier") this.keywordKeys.add(key);
      return { key, computed: false, begin: key.range[0] };
    }
    if (c.StringLiteral) {
      const key = this.stringLiteral(first(c.StringLiteral));
      return { key, computed: false, begin: key.range[0] };
    }
    if (c.NumericLiteral) {
      const token = first(c.NumericLiteral);
      return { key: { type: "Literal", value: numericValue(token.image), raw: token.image, range: this.tokenRange(token) }, computed: false, begin: token.startOffset };
    }
    return { key: this.assignmentExpression(first(c.assignmentExpression)), computed: true, begin: start(first(c.LBracket)) };
  }

  private templateLiteral(cst: C.TemplateLiteralCstNode, tagged: boolean): A.TemplateLiteral {
    const c = cst.children;
    const parts = c.NoSubstitutionTemplate ?? [first(c.TemplateHead), ...(c.TemplateMiddle ?? []), first(c.TemplateTail)];
    const expressions = (c.expression ?? []).map((e) => this.expression(e));
    const quasis = parts.map((token, i): A.TemplateElement => {
      const tail = i === parts.length - 1;
      const begin = token.startOffset + 1;
      const end = tokenEnd(token) - (tail ? 1 : 2);
      const body = this.text.slice(begin, end);
      let cooked: string | null = null;
      try {
        cooked = decodeEscapes(body, true);
      } catch (e) {
        if (!(e instanceof LiteralError)) throw e;
        if (!tagged) this.literalError(new LiteralError(e.message, e.offset + 1), token);
      }
      return { type: "TemplateElement", value: { raw: normalizeLineTerminators(body), cooked }, tail, range: [begin, end] };
    });
    return { type: "TemplateLiteral", quasis, expressions, range: [start(first(parts)), tokenEnd(parts[parts.length - 1]!)] };
  }
}

/** Converts a CST without syntax errors into the AST, collecting early errors. */
/** The most prefix operators (`!`, `-`, `typeof`, `++`, ...) one operand may have in a row, and the most `**` in a row. */
export const MAX_PREFIX_OPERATORS = 100;

export function toAst(cst: C.ProgramCstNode, text: string): { program: A.Program; errors: SemanticError[] } {
  const converter = new Converter(text);
  const program = converter.program(cst, text.length);
  return { program, errors: converter.errors };
}
