/**
 * The PAC grammar: ECMA-262 script syntax (ES5 in full, plus the ES2015+ forms PAC authors write),
 * as a Chevrotain CST parser. Rule names follow the spec's productions where they map one to one;
 * "See §x" comments name the section. Pure syntax: meaning (AST, early errors) is `src/syntax/`.
 *
 * Departures from the spec's grammar, all resolved by the CST-to-AST step:
 * - binary operators are parsed as a flat list (in `assignmentExpression`) and precedence is
 *   applied afterwards, which is faster and keeps the grammar small;
 * - unary, update, member and call expressions share one rule (`unaryExpression`): fewer CST
 *   nodes per operand, which is most of the parse time (allocation and garbage collection);
 * - for the same reason statements and member/call steps are labelled children of their parent
 *   (helpers `statementAt()` and `suffix()`, not rules), lone identifier/string/number operands,
 *   arguments and whole expressions are bare tokens, a call's arguments are children of the
 *   calling expression, and `if`, `return` and expression statements hold their expressions
 *   directly (`commaExpression()`), a lone call or member chain as a unaryExpression node;
 * - an `else if` chain is a loop, not a recursion, so that long chains do not exhaust the stack;
 * - assignment targets and for-in/of heads are parsed as expressions and converted to patterns
 *   (the spec's "cover grammar", §13.15.5);
 * - arrow function parameters are recognised by scanning to the matching `)` for a `=>`.
 */
import type { CstNode, IOrAlt, IParserConfig, IToken, OrMethodOpts, ParserMethod, SubruleMethodOpts, TokenType } from "chevrotain";
import { CstParser, EOF } from "./chevrotain.js";
import { lineBreaksBefore } from "./lexer.js";
import { TableLookahead } from "./lookahead.js";
import { lookaheadPaths } from "./lookahead-paths.js";
import * as t from "./tokens.js";

/** The label of a lone token that stands for a whole expression in `commaExpression`. */
const LONE_EXPRESSION = { LABEL: "assignmentExpression" } as const;

/** The label of the first token of a member, call or optional-chain step. */
const SUFFIX = { LABEL: "suffix" } as const;

const PREFIX = { LABEL: "prefix" } as const;
const OPERAND = { LABEL: "operand" } as const;
const ARGUMENT = { LABEL: "argument" } as const;
const POSTFIX = { LABEL: "postfix" } as const;

/** The name and the value of an object literal's `name: value` property written out as tokens (`property()`). */
const PROPERTY = { LABEL: "propertyDefinition" } as const;
const PROPERTY_VALUE = { LABEL: "propertyValue" } as const;

/** The `noIn` argument of the expression rules (§14.7.4: no `in` operator in a for-statement head). */
const ARGS_IN: SubruleMethodOpts<[boolean]> = { ARGS: [false] };
const ARGS_NO_IN: SubruleMethodOpts<[boolean]> = { ARGS: [true] };

/**
 * How deep the parser's rules may nest. Each level of nesting in the script (a bracket, a block, a
 * function, a `?:` branch, an assignment's right side) takes two to six rule levels and a few
 * hundred bytes of the host's stack per rule; Node's default stack ends at about 780 rule levels for
 * nested blocks and 1,300 for nested parentheses. The limit stops well before either, at the token
 * where it is reached, so that the error can name the line (docs/limits.md).
 */
export const MAX_RULE_DEPTH = 400;

/** Thrown when the rules nest deeper than `MAX_RULE_DEPTH`; `token` is where. */
export class NestingTooDeep extends Error {
  constructor(readonly token: IToken) {
    super("the script nests too deeply to parse");
    this.name = "NestingTooDeep";
  }
}

/** Tokens the parser knows; the keyword and category types are included through `allTokens`. */
const vocabulary: TokenType[] = t.allTokens;

export class PacParser extends CstParser {
  constructor(config: IParserConfig = {}) {
    super(vocabulary, { recoveryEnabled: true, maxLookahead: 1, lookaheadStrategy: new TableLookahead(lookaheadPaths, vocabulary, { maxLookahead: 1 }), ...config });
    // Must come last: Chevrotain records the grammar by running the rules defined above.
    this.performSelfAnalysis();
  }

  /**
   * A rule with parameters. Chevrotain passes SUBRULE's `ARGS` to the rule at run time, but the
   * `CstParser` typings only declare parameterless rules, hence the casts in this one place.
   */
  private ruleWithArgs<A extends unknown[]>(name: string, implementation: (...args: A) => void): ParserMethod<A, CstNode> {
    const rule: unknown = this.RULE(name, implementation as unknown as () => void);
    return rule as ParserMethod<A, CstNode>;
  }

  /** By label, then occurrence index. */
  private readonly statementAlternatives = new Map<string, (OrMethodOpts<void> | undefined)[]>();
  private operandAlternatives1: OrMethodOpts<void> | undefined;
  private suffixAlternatives: IOrAlt<void>[] | undefined;
  private readonly argumentAlternatives = new Map<number, OrMethodOpts<void>>();
  private operandAlternatives2: OrMethodOpts<void> | undefined;
  private operandAlternatives: OrMethodOpts<void> | undefined;
  private expressionAlternatives1: OrMethodOpts<void> | undefined;
  private expressionAlternatives2: OrMethodOpts<void> | undefined;

  /** Tokens before which a `;` is missing and cannot be inserted (§12.10.1); reset with each input. */
  missingSemicolons: IToken[] = [];

  /** Start offsets of the tokens after a line break, from the lexer (`lineBreaksBefore`). */
  private lineBreaks: ReadonlySet<number> = new Set();

  override set input(tokens: IToken[]) {
    this.missingSemicolons = [];
    this.lineBreaks = lineBreaksBefore(tokens);
    super.input = tokens;
  }

  override get input(): IToken[] {
    return super.input;
  }

  /** Chevrotain's own count of the rules being parsed (not in its typings). */
  private get ruleDepth(): number {
    return (this as unknown as { readonly RULE_STACK_IDX: number }).RULE_STACK_IDX;
  }

  /** Called where rules recurse (statements, assignment expressions, `new`): see `MAX_RULE_DEPTH`. */
  private checkDepth(): void {
    if (this.ruleDepth > MAX_RULE_DEPTH && !this.RECORDING_PHASE) throw new NestingTooDeep(this.LA(1));
  }

  /** Whether a line terminator precedes the k-th token ahead. */
  private newlineBefore(k: number): boolean {
    return this.lineBreaks.has(this.LA(k).startOffset);
  }

  /**
   * No line terminator before the next token: the "[no LineTerminator here]" of a restricted
   * production (§12.10.1), for the hot ones (`return`, postfix `++`/`--`) as a condition around
   * the DSL call rather than a GATE, which Chevrotain wraps in a new closure on every call. It is
   * true while Chevrotain records the grammar, so that the guarded part is recorded.
   */
  private sameLine(): boolean {
    return this.RECORDING_PHASE || !this.newlineBefore(1);
  }

  /** §12.10.1: a semicolon may be omitted before `}`, at the end of input, or after a line break. */
  private semicolonInsertable(): boolean {
    const next = this.LA(1).tokenType;
    return next === t.RBrace || next === EOF || this.newlineBefore(1);
  }

  /** `ident =>` or `( ... ) =>`, with no line break before `=>` (§15.3, ArrowFunction). */
  private arrowAhead(): boolean {
    const first = this.LA(1).tokenType;
    if (first === t.Identifier) return this.LA(2).tokenType === t.Arrow && !this.newlineBefore(2);
    if (first !== t.LParen) return false;
    let depth = 0;
    for (let k = 1; ; k++) {
      const type = this.LA(k).tokenType;
      if (type === EOF) return false;
      if (type === t.LParen) depth++;
      else if (type === t.RParen && --depth === 0) return this.LA(k + 1).tokenType === t.Arrow && !this.newlineBefore(k + 1);
    }
  }

  /** `get name() {}` / `set name(v) {}` rather than a property or method named get or set (§13.2.5). */
  private accessorAhead(): boolean {
    const first = this.LA(1);
    if (first.tokenType !== t.Identifier || (first.image !== "get" && first.image !== "set")) return false;
    const second = this.LA(2).tokenType;
    return (
      second === t.Identifier ||
      t.KEYWORDS.has(this.LA(2).image) ||
      second === t.StringLiteral ||
      second === t.NumericLiteral ||
      second === t.LBracket
    );
  }

  /** In an array, an element may follow `[` or `,` only: `[a b]` is an error, `[a, , b]` has a hole. */
  private elementAllowed(): boolean {
    const previous = this.LA(0).tokenType;
    return previous === t.LBracket || previous === t.Comma;
  }

  private expressionStatementAllowed(): boolean {
    const first = this.LA(1).tokenType;
    return first !== t.LBrace && first !== t.Function;
  }

  private ofAhead(): boolean {
    const next = this.LA(1);
    return next.tokenType === t.Identifier && next.image === "of";
  }

  /*
   * The arguments of the DSL calls in the rules that run for every statement and expression are
   * built once, here, instead of on every call: the closures and option objects a rule body
   * creates were the largest share of what the parse allocated besides tokens and the CST.
   */
  private readonly statementInList = (): void => this.statementAt(20, "statement");
  /** `else if`, told from `else` by two tokens of lookahead (a GATE would cost a closure per `if`). */
  private readonly elseIf = {
    MAX_LOOKAHEAD: 2,
    DEF: (): void => {
      this.CONSUME(t.Else);
      this.CONSUME2(t.If);
      this.CONSUME2(t.LParen);
      this.commaExpression(2);
      this.CONSUME2(t.RParen);
      this.statementAt(21, "consequent");
    },
  };
  private readonly elseBranch = (): void => {
    this.CONSUME2(t.Else);
    this.statementAt(22, "alternate");
  };
  private readonly returnArgument = (): void => this.commaExpression();
  private readonly optionalSemicolon = (): IToken => this.CONSUME9(t.Semicolon);
  /** The `, expression` loop of `commaExpression`, for its occurrences 1 and 2 (indices 52 and 54). */
  private readonly moreExpressions = [52, 54].map((idx) => (): void => {
    this.consume(idx, t.Comma);
    this.subrule(idx + 1, this.assignmentExpression, ARGS_IN);
  });
  private readonly prefixOperator = (): void =>
    this.OR((this.prefixAlternatives ??= [
      { ALT: () => this.CONSUME(t.UnaryOperator, PREFIX) },
      { ALT: () => this.CONSUME(t.UpdateOperator, PREFIX) },
    ]));
  private prefixAlternatives: IOrAlt<void>[] | undefined;
  private readonly suffixStep = (): void => this.suffix();
  private readonly postfixOperator = (): IToken => this.CONSUME2(t.UpdateOperator, POSTFIX);

  /** See §16.1 Script. */
  public program = this.RULE("program", () => {
    this.MANY(this.statementInList);
  });

  /**
   * A statement (§14, and §15.2 function declarations, which PAC files use as statements) in the
   * calling rule's CST under `label`: the statement kinds' nodes share the label, so the list keeps
   * source order without a wrapping `statement` node per statement. `idx` tells apart the statement
   * positions within one rule (Chevrotain's occurrence index).
   */
  private statementAt(idx: number, label: string): void {
    this.checkDepth();
    let byIndex = this.statementAlternatives.get(label);
    if (byIndex === undefined) this.statementAlternatives.set(label, (byIndex = []));
    let options = byIndex[idx];
    if (options === undefined) {
      const labelled = { LABEL: label };
      options = {
        IGNORE_AMBIGUITIES: true,
        DEF: [
            { ALT: () => this.subrule(idx, this.block, labelled) },
            { ALT: () => this.subrule(idx, this.variableStatement, labelled) },
            { ALT: () => this.subrule(idx, this.emptyStatement, labelled) },
            { ALT: () => this.subrule(idx, this.ifStatement, labelled) },
            { ALT: () => this.subrule(idx, this.forStatement, labelled) },
            { ALT: () => this.subrule(idx, this.whileStatement, labelled) },
            { ALT: () => this.subrule(idx, this.doWhileStatement, labelled) },
            { ALT: () => this.subrule(idx, this.continueStatement, labelled) },
            { ALT: () => this.subrule(idx, this.breakStatement, labelled) },
            { ALT: () => this.subrule(idx, this.returnStatement, labelled) },
            { ALT: () => this.subrule(idx, this.withStatement, labelled) },
            { ALT: () => this.subrule(idx, this.switchStatement, labelled) },
            { ALT: () => this.subrule(idx, this.throwStatement, labelled) },
            { ALT: () => this.subrule(idx, this.tryStatement, labelled) },
            { ALT: () => this.subrule(idx, this.debuggerStatement, labelled) },
            { ALT: () => this.subrule(idx, this.functionDeclaration, labelled) },
            { GATE: () => this.LA(2).tokenType === t.Colon, ALT: () => this.subrule(idx, this.labelledStatement, labelled) },
            // §14.5: an expression statement may not start with `{` or `function`.
            { GATE: () => this.expressionStatementAllowed(), ALT: () => this.subrule(idx, this.expressionStatement, labelled) },
        ],
      };
      byIndex[idx] = options;
    }
    this.or(idx, options);
  }

  /** See §14.2. */
  public block = this.RULE("block", () => {
    this.CONSUME(t.LBrace);
    this.MANY(this.statementInList);
    this.CONSUME(t.RBrace);
  });

  /** See §14.3 (VariableStatement, LexicalDeclaration). */
  public variableStatement = this.RULE("variableStatement", () => {
    this.SUBRULE(this.variableDeclarationList, { ARGS: [false] });
    this.endOfStatement();
  });

  public variableDeclarationList = this.ruleWithArgs("variableDeclarationList", (noIn: boolean) => {
    this.OR([
      { ALT: () => this.CONSUME(t.Var) },
      { ALT: () => this.CONSUME(t.Let) },
      { ALT: () => this.CONSUME(t.Const) },
    ]);
    this.SUBRULE(this.variableDeclaration, { ARGS: [noIn] });
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.variableDeclaration, { ARGS: [noIn] });
    });
  });

  public variableDeclaration = this.ruleWithArgs("variableDeclaration", (noIn: boolean) => {
    this.SUBRULE(this.bindingTarget);
    this.OPTION(() => {
      this.CONSUME(t.Assign);
      this.SUBRULE(this.assignmentExpression, { ARGS: [noIn] });
    });
  });

  /** See §14.4. */
  public emptyStatement = this.RULE("emptyStatement", () => {
    this.CONSUME(t.Semicolon);
  });

  /** See §14.5. */
  public expressionStatement = this.RULE("expressionStatement", () => {
    this.commaExpression();
    this.endOfStatement();
  });

  /**
   * See §14.6. An `else if` chain is parsed as a loop, not by recursion, so that the thousand-branch
   * chains of generated PACs do not exhaust the stack; the AST step nests it again. `else` binds
   * to the nearest `if` because OPTION and MANY are greedy.
   */
  public ifStatement = this.RULE("ifStatement", () => {
    this.CONSUME(t.If);
    this.CONSUME(t.LParen);
    this.commaExpression();
    this.CONSUME(t.RParen);
    this.statementAt(20, "consequent");
    this.MANY(this.elseIf);
    this.OPTION(this.elseBranch);
  });

  /** See §14.7.4 and §14.7.5: `for (;;)`, `for (x in o)`, `for (x of o)`; the head is parsed with no `in`. */
  public forStatement = this.RULE("forStatement", () => {
    this.CONSUME(t.For);
    this.CONSUME(t.LParen);
    this.OPTION(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.variableDeclarationList, { ARGS: [true] }) },
        { ALT: () => this.SUBRULE(this.expression, { ARGS: [true], LABEL: "init" }) },
      ]),
    );
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(t.In);
          this.SUBRULE2(this.expression, { ARGS: [false], LABEL: "right" });
        },
      },
      {
        GATE: () => this.ofAhead(),
        ALT: () => {
          this.CONSUME(t.Identifier, { LABEL: "of" });
          this.SUBRULE(this.assignmentExpression, { ARGS: [false], LABEL: "right" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Semicolon);
          this.OPTION2(() => this.SUBRULE3(this.expression, { ARGS: [false], LABEL: "test" }));
          this.CONSUME2(t.Semicolon);
          this.OPTION3(() => this.SUBRULE4(this.expression, { ARGS: [false], LABEL: "update" }));
        },
      },
    ]);
    this.CONSUME(t.RParen);
    this.statementAt(20, "statement");
  });

  /** See §14.7.3. */
  public whileStatement = this.RULE("whileStatement", () => {
    this.CONSUME(t.While);
    this.CONSUME(t.LParen);
    this.SUBRULE(this.expression, { ARGS: [false] });
    this.CONSUME(t.RParen);
    this.statementAt(20, "statement");
  });

  /** See §14.7.2; the `;` after `)` is optional even on the same line (§12.10.1, rule 1). */
  public doWhileStatement = this.RULE("doWhileStatement", () => {
    this.CONSUME(t.Do);
    this.statementAt(20, "statement");
    this.CONSUME(t.While);
    this.CONSUME(t.LParen);
    this.SUBRULE(this.expression, { ARGS: [false] });
    this.CONSUME(t.RParen);
    this.OPTION(() => this.CONSUME(t.Semicolon));
  });

  /** See §14.8; restricted production: no line break before the label. */
  public continueStatement = this.RULE("continueStatement", () => {
    this.CONSUME(t.Continue);
    this.OPTION({ GATE: () => !this.newlineBefore(1), DEF: () => this.CONSUME(t.Identifier) });
    this.endOfStatement();
  });

  /** See §14.9; restricted production: no line break before the label. */
  public breakStatement = this.RULE("breakStatement", () => {
    this.CONSUME(t.Break);
    this.OPTION({ GATE: () => !this.newlineBefore(1), DEF: () => this.CONSUME(t.Identifier) });
    this.endOfStatement();
  });

  /** See §14.10; restricted production: a line break after `return` ends the statement. */
  public returnStatement = this.RULE("returnStatement", () => {
    this.CONSUME(t.Return);
    if (this.sameLine()) this.OPTION(this.returnArgument);
    this.endOfStatement();
  });

  /** See §14.11. */
  public withStatement = this.RULE("withStatement", () => {
    this.CONSUME(t.With);
    this.CONSUME(t.LParen);
    this.SUBRULE(this.expression, { ARGS: [false] });
    this.CONSUME(t.RParen);
    this.statementAt(20, "statement");
  });

  /** See §14.12. */
  public switchStatement = this.RULE("switchStatement", () => {
    this.CONSUME(t.Switch);
    this.CONSUME(t.LParen);
    this.SUBRULE(this.expression, { ARGS: [false] });
    this.CONSUME(t.RParen);
    this.CONSUME(t.LBrace);
    this.MANY(() => this.SUBRULE(this.caseClause));
    this.CONSUME(t.RBrace);
  });

  public caseClause = this.RULE("caseClause", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Case);
          this.SUBRULE(this.expression, { ARGS: [false] });
        },
      },
      { ALT: () => this.CONSUME(t.Default) },
    ]);
    this.CONSUME(t.Colon);
    this.MANY(this.statementInList);
  });

  /** See §14.13. */
  public labelledStatement = this.RULE("labelledStatement", () => {
    this.CONSUME(t.Identifier);
    this.CONSUME(t.Colon);
    this.statementAt(20, "statement");
  });

  /** See §14.14; a line break after `throw` is an error, reported by the AST step. */
  public throwStatement = this.RULE("throwStatement", () => {
    this.CONSUME(t.Throw);
    this.OPTION({ GATE: () => !this.newlineBefore(1), DEF: () => this.SUBRULE(this.expression, { ARGS: [false] }) });
    this.endOfStatement();
  });

  /** See §14.15. */
  public tryStatement = this.RULE("tryStatement", () => {
    this.CONSUME(t.Try);
    this.SUBRULE(this.block);
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.catchClause);
          this.OPTION(() => this.SUBRULE(this.finallyClause));
        },
      },
      { ALT: () => this.SUBRULE2(this.finallyClause) },
    ]);
  });

  public catchClause = this.RULE("catchClause", () => {
    this.CONSUME(t.Catch);
    this.OPTION(() => {
      this.CONSUME(t.LParen);
      this.SUBRULE(this.bindingTarget);
      this.CONSUME(t.RParen);
    });
    this.SUBRULE(this.block);
  });

  public finallyClause = this.RULE("finallyClause", () => {
    this.CONSUME(t.Finally);
    this.SUBRULE(this.block);
  });

  /** See §14.16. */
  public debuggerStatement = this.RULE("debuggerStatement", () => {
    this.CONSUME(t.Debugger);
    this.endOfStatement();
  });

  /**
   * The end of a statement: `;`, or a semicolon inserted by §12.10.1. Where none may be inserted
   * the token is recorded in `missingSemicolons` rather than failing here: an empty alternative
   * would hide the tokens after a statement from Chevrotain's lookahead computation, which skips
   * empty alternatives. A helper rather than a rule: one CST node less per statement.
   */
  private endOfStatement(): void {
    const semicolon = this.OPTION9(this.optionalSemicolon);
    // Not while Chevrotain records the grammar (what ACTION would skip), without a closure per call.
    if (semicolon === undefined && !this.RECORDING_PHASE && !this.semicolonInsertable()) this.missingSemicolons.push(this.LA(1));
  }

  /**
   * §13.16 Expression written out in the calling rule (its `assignmentExpression` and `Comma`
   * children) instead of an `expression` node: used by `if` conditions and the statements that
   * hold one expression. `occurrence` tells apart two uses in one rule.
   */
  private commaExpression(occurrence: 1 | 2 = 1): void {
    const idx = 50 + 2 * occurrence;
    const alternatives =
      occurrence === 1
        ? (this.expressionAlternatives1 ??= this.buildExpressionAlternatives(idx))
        : (this.expressionAlternatives2 ??= this.buildExpressionAlternatives(idx));
    this.or(idx, alternatives);
    this.many(idx, this.moreExpressions[occurrence - 1]!);
  }

  /**
   * The first expression of `commaExpression`: a lone identifier, string or number that ends the
   * expression (`return "DIRECT";`, `if (isPlain)`) as a bare token labelled like the node it
   * stands for, a call or member chain that is the whole expression (`if (shExpMatch(host, p))`)
   * as a unaryExpression node under the same label, anything else as an assignmentExpression node.
   * The token that follows must be one that cannot continue an expression, even after a line break.
   */
  private buildExpressionAlternatives(idx: number): OrMethodOpts<void> {
    const gate = () => {
      const next = this.LA(2).tokenType;
      return next === t.Semicolon || next === t.RParen || next === t.RBrace || next === t.Comma || next === EOF;
    };
    return {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: gate, ALT: () => this.consume(idx, t.Identifier, LONE_EXPRESSION) },
        { GATE: gate, ALT: () => this.consume(idx, t.StringLiteral, LONE_EXPRESSION) },
        { GATE: gate, ALT: () => this.consume(idx, t.NumericLiteral, LONE_EXPRESSION) },
        { GATE: () => this.loneCallAhead(), ALT: () => this.subrule(idx, this.unaryExpression, LONE_EXPRESSION) },
        { ALT: () => this.subrule(idx, this.assignmentExpression, { ARGS: [false] }) },
      ],
    };
  }

  /**
   * A name, string or regex followed by `.name`, `[...]` and `(...)` steps only, then a token that
   * ends an expression (`)`, `;`, `}`, `,` or the end): a call or member chain with nothing around
   * it (`shExpMatch(host, p)`, `/^cdn\./.test(host)`).
   */
  private loneCallAhead(): boolean {
    const head = this.LA(1).tokenType;
    if (head !== t.Identifier && head !== t.RegularExpressionLiteral && head !== t.StringLiteral) return false;
    let k = 2;
    let steps = 0;
    for (;;) {
      const type = this.LA(k).tokenType;
      if (type === t.Dot) {
        const name = this.LA(k + 1);
        if (name.tokenType !== t.Identifier && t.KEYWORDS.get(name.image) !== name.tokenType) return false;
        k += 2;
      } else if (type === t.LParen || type === t.LBracket) {
        let depth = 0;
        for (;; k++) {
          const inner = this.LA(k).tokenType;
          if (inner === EOF) return false;
          if (inner === t.LParen || inner === t.LBracket || inner === t.LBrace || inner === t.TemplateHead) depth++;
          else if ((inner === t.RParen || inner === t.RBracket || inner === t.RBrace || inner === t.TemplateTail) && --depth === 0) break;
        }
        k++;
      } else {
        return steps > 0 && (type === t.Semicolon || type === t.RParen || type === t.RBrace || type === t.Comma || type === EOF);
      }
      steps++;
    }
  }

  /**
   * `item (, item)* ,?`: a comma-separated list with an optional trailing comma (ES5 for object
   * literals, ES2017 for parameters and arguments), closed by `closer`.
   */
  private commaList(closer: TokenType, item: () => void, next: () => void): void {
    this.OPTION7(() => {
      item();
      this.MANY7({
        GATE: () => this.LA(2).tokenType !== closer,
        DEF: () => {
          this.CONSUME7(t.Comma);
          next();
        },
      });
      this.OPTION8(() => this.CONSUME8(t.Comma));
    });
  }

  /** See §15.2. */
  public functionDeclaration = this.RULE("functionDeclaration", () => {
    this.CONSUME(t.Function);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.LParen);
    this.SUBRULE(this.formalParameters);
    this.CONSUME(t.RParen);
    this.SUBRULE(this.functionBody);
  });

  public functionExpression = this.RULE("functionExpression", () => {
    this.CONSUME(t.Function);
    this.OPTION(() => this.CONSUME(t.Identifier));
    this.CONSUME(t.LParen);
    this.SUBRULE(this.formalParameters);
    this.CONSUME(t.RParen);
    this.SUBRULE(this.functionBody);
  });

  /** See §15.1 (FormalParameters), with ES2015 defaults, rest and patterns. */
  public formalParameters = this.RULE("formalParameters", () => {
    this.commaList(
      t.RParen,
      () => this.SUBRULE(this.bindingElement),
      () => this.SUBRULE2(this.bindingElement),
    );
  });

  public functionBody = this.RULE("functionBody", () => {
    this.CONSUME(t.LBrace);
    this.MANY(this.statementInList);
    this.CONSUME(t.RBrace);
  });

  /** See §14.3.3: a binding with an optional default, or `...rest`. */
  public bindingElement = this.RULE("bindingElement", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Ellipsis);
          this.SUBRULE(this.bindingTarget);
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.bindingTarget);
          this.OPTION(() => {
            this.CONSUME(t.Assign);
            this.SUBRULE(this.assignmentExpression, { ARGS: [false] });
          });
        },
      },
    ]);
  });

  public bindingTarget = this.RULE("bindingTarget", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Identifier) },
      { ALT: () => this.SUBRULE(this.objectBindingPattern) },
      { ALT: () => this.SUBRULE(this.arrayBindingPattern) },
    ]);
  });

  public objectBindingPattern = this.RULE("objectBindingPattern", () => {
    this.CONSUME(t.LBrace);
    this.commaList(
      t.RBrace,
      () => this.SUBRULE(this.bindingProperty),
      () => this.SUBRULE2(this.bindingProperty),
    );
    this.CONSUME(t.RBrace);
  });

  public bindingProperty = this.RULE("bindingProperty", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Ellipsis);
          this.CONSUME(t.Identifier);
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.propertyName);
          this.OPTION(() =>
            this.OR2([
              {
                ALT: () => {
                  this.CONSUME(t.Colon);
                  this.SUBRULE(this.bindingElement);
                },
              },
              {
                ALT: () => {
                  this.CONSUME(t.Assign);
                  this.SUBRULE(this.assignmentExpression, { ARGS: [false] });
                },
              },
            ]),
          );
        },
      },
    ]);
  });

  /** Items are commas and elements in source order; a comma that follows `[` or a comma is a hole. */
  public arrayBindingPattern = this.RULE("arrayBindingPattern", () => {
    this.CONSUME(t.LBracket);
    this.MANY(() => this.SUBRULE(this.arrayBindingItem));
    this.CONSUME(t.RBracket);
  });

  public arrayBindingItem = this.RULE("arrayBindingItem", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Comma) },
      { GATE: () => this.elementAllowed(), ALT: () => this.SUBRULE(this.bindingElement) },
    ]);
  });

  /** See §13.16 (Comma operator). */
  public expression = this.ruleWithArgs("expression", (noIn: boolean) => {
    const args = noIn ? ARGS_NO_IN : ARGS_IN;
    this.SUBRULE(this.assignmentExpression, args);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.assignmentExpression, args);
    });
  });

  /**
   * See §13.15 (assignment), §15.3 (ArrowFunction), §13.14 (conditional) and §13.6 to §13.13
   * (binary operators) in one rule: binary operators are one flat list whose precedence the AST
   * step applies; the conditional and the assignment follow it. One rule instead of one per level
   * keeps the CST small, and allocating CST nodes is most of the parse time.
   */
  public assignmentExpression = this.ruleWithArgs("assignmentExpression", (noIn: boolean) => {
    this.checkDepth();
    this.OR(
      noIn
        ? (this.assignmentAlternativesNoIn ??= this.buildAssignmentAlternatives(true))
        : (this.assignmentAlternatives ??= this.buildAssignmentAlternatives(false)),
    );
  });

  private assignmentAlternatives: OrMethodOpts<void> | undefined;
  private assignmentAlternativesNoIn: OrMethodOpts<void> | undefined;

  private buildAssignmentAlternatives(noIn: boolean): OrMethodOpts<void> {
    const args = noIn ? ARGS_NO_IN : ARGS_IN;
    const consequent: SubruleMethodOpts<[boolean]> = { ARGS: [false], LABEL: "consequent" };
    const alternate: SubruleMethodOpts<[boolean]> = { ARGS: [noIn], LABEL: "alternate" };
    const right: SubruleMethodOpts<[boolean]> = { ARGS: [noIn], LABEL: "right" };
    const binaryOperations = {
      GATE: () => !noIn || this.LA(1).tokenType !== t.In,
      DEF: () => {
        this.CONSUME(t.BinaryOperator);
        this.operand(2);
      },
    };
    const conditional = () => {
      this.CONSUME(t.Question);
      this.SUBRULE(this.assignmentExpression, consequent);
      this.CONSUME(t.Colon);
      this.SUBRULE2(this.assignmentExpression, alternate);
    };
    const operators = [{ ALT: () => this.CONSUME(t.Assign) }, { ALT: () => this.CONSUME(t.AssignmentOperator) }];
    const assignment = () => {
      this.OR2(operators);
      this.SUBRULE3(this.assignmentExpression, right);
    };
    return {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.arrowAhead(), ALT: () => this.SUBRULE(this.arrowFunction, args) },
        {
          ALT: () => {
            this.operand(1);
            this.MANY(binaryOperations);
            this.OPTION(conditional);
            this.OPTION2(assignment);
          },
        },
      ],
    };
  }

  /**
   * An operand of a binary expression, labelled "operand" in source order: a lone identifier,
   * string or number (most operands in PAC files) as a bare token, anything else as a
   * unaryExpression node. Skipping the node for the common case saves a sixth of the CST.
   */
  private operand(occurrence: 1 | 2): void {
    const alternatives = occurrence === 1 ? (this.operandAlternatives1 ??= this.buildOperandAlternatives(1)) : (this.operandAlternatives2 ??= this.buildOperandAlternatives(2));
    if (occurrence === 1) this.OR3(alternatives);
    else this.OR4(alternatives);
  }

  private buildOperandAlternatives(occurrence: 1 | 2): OrMethodOpts<void> {
    const token = (type: TokenType) => () => (occurrence === 1 ? this.CONSUME3(type, OPERAND) : this.CONSUME4(type, OPERAND));
    const gate = () => this.loneOperandAhead();
    return {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: gate, ALT: token(t.Identifier) },
        { GATE: gate, ALT: token(t.StringLiteral) },
        { GATE: gate, ALT: token(t.NumericLiteral) },
        {
          ALT: () =>
            occurrence === 1
              ? this.SUBRULE(this.unaryExpression, OPERAND)
              : this.SUBRULE2(this.unaryExpression, OPERAND),
        },
      ],
    };
  }

  /** An identifier, string or number with no member access, call, template or postfix operator after it. */
  private loneOperandAhead(): boolean {
    const next = this.LA(2).tokenType;
    return !(
      next === t.Dot ||
      next === t.LParen ||
      next === t.LBracket ||
      next === t.QuestionDot ||
      next === t.NoSubstitutionTemplate ||
      next === t.TemplateHead ||
      next === t.Arrow ||
      ((next === t.Increment || next === t.Decrement) && !this.newlineBefore(2))
    );
  }

  public arrowFunction = this.ruleWithArgs("arrowFunction", (noIn: boolean) => {
    this.OR([
      { ALT: () => this.CONSUME(t.Identifier) },
      {
        ALT: () => {
          this.CONSUME(t.LParen);
          this.SUBRULE(this.formalParameters);
          this.CONSUME(t.RParen);
        },
      },
    ]);
    this.CONSUME(t.Arrow);
    this.OR2({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.functionBody) },
        { ALT: () => this.SUBRULE(this.assignmentExpression, { ARGS: [noIn] }) },
      ],
    });
  });

  /**
   * §13.5 UnaryExpression, §13.4 UpdateExpression and §13.3 LeftHandSideExpression in one rule:
   * prefix operators, an operand, member/call suffixes in source order, a postfix `++`/`--`
   * (restricted production: not after a line break). Plain identifiers, literals and regular
   * expressions are consumed here directly, without a primaryExpression node: they are most
   * operands (`/^cdn\./.test(host)` in PAC files).
   */
  public unaryExpression = this.RULE("unaryExpression", () => {
    this.MANY(this.prefixOperator);
    this.OR2((this.operandAlternatives ??= {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.CONSUME(t.Identifier) },
        { ALT: () => this.CONSUME(t.StringLiteral) },
        { ALT: () => this.CONSUME(t.NumericLiteral) },
        { ALT: () => this.CONSUME(t.RegularExpressionLiteral) },
        { ALT: () => this.SUBRULE(this.newExpression) },
        { ALT: () => this.SUBRULE(this.primaryExpression) },
      ],
    }));
    this.MANY2(this.suffixStep);
    if (this.sameLine()) this.OPTION(this.postfixOperator);
  });

  /** `new C(args)`, `new C` and `new new C()()`: the arguments bind to the nearest `new` (§13.3.5). */
  public newExpression = this.RULE("newExpression", () => {
    this.checkDepth();
    this.CONSUME(t.New);
    this.OR([
      { ALT: () => this.SUBRULE(this.newExpression) },
      { ALT: () => this.SUBRULE(this.primaryExpression) },
    ]);
    this.MANY({
      GATE: () => this.LA(1).tokenType !== t.LParen && this.LA(1).tokenType !== t.QuestionDot,
      DEF: () => this.suffix(),
    });
    this.OPTION(() => this.SUBRULE(this.arguments));
  });

  /**
   * One member access, call, tagged template or optional-chain step after an operand (§13.3).
   * A helper, not a rule: each step's first part is labelled "suffix", so the calling rule's
   * `suffix` list holds the steps in source order (`.` `[` `?.`, a name after `?.`, an arguments
   * or template node), and the names, index expressions and `]` that complete them follow in
   * their own lists, also in order. One CST node less per step.
   */
  private suffix(): void {
    this.OR6((this.suffixAlternatives ??= [
      {
        ALT: () => {
          this.CONSUME6(t.Dot, SUFFIX);
          this.CONSUME7(t.IdentifierName);
        },
      },
      {
        ALT: () => {
          this.CONSUME6(t.LBracket, SUFFIX);
          this.SUBRULE7(this.expression, { ARGS: [false] });
          this.CONSUME7(t.RBracket);
        },
      },
      { ALT: () => this.callArguments(60) },
      { ALT: () => this.SUBRULE6(this.templateLiteral, SUFFIX) },
      {
        ALT: () => {
          this.CONSUME6(t.QuestionDot, SUFFIX);
          this.OR7([
            { ALT: () => this.CONSUME8(t.IdentifierName, SUFFIX) },
            {
              ALT: () => {
                this.CONSUME8(t.LBracket, SUFFIX);
                this.SUBRULE8(this.expression, { ARGS: [false] });
                this.CONSUME8(t.RBracket);
              },
            },
            { ALT: () => this.callArguments(70) },
          ]);
        },
      },
    ]));
  }

  /**
   * A call's arguments written out in the calling rule (one `arguments` node less per call): the
   * `(` is the call's "suffix" step, the arguments join the rule's "argument" list and the `)` its
   * `RParen` list, both in source order, so the AST step gives each call the arguments that start
   * before its `)`. `idx` to `idx + 3` are the occurrence indices this use takes.
   */
  private callArguments(idx: number): void {
    this.consume(idx, t.LParen, SUFFIX);
    let list = this.argumentLists.get(idx);
    if (list === undefined) this.argumentLists.set(idx, (list = this.buildArgumentList(idx)));
    this.option(idx, list);
    this.consume(idx, t.RParen);
  }

  private readonly argumentLists = new Map<number, () => void>();

  private buildArgumentList(idx: number): () => void {
    const more = {
      GATE: () => this.LA(2).tokenType !== t.RParen,
      DEF: () => {
        this.consume(idx + 1, t.Comma);
        this.argument(idx + 2);
      },
    };
    const trailingComma = () => this.consume(idx + 2, t.Comma);
    return () => {
      this.argument(idx + 1);
      this.many(idx, more);
      this.option(idx + 3, trailingComma);
    };
  }

  /**
   * Arguments, labelled "argument" in order: a lone identifier, string or number as a bare token
   * (most arguments in PAC files: `shExpMatch(host, "*.example.com")`), anything else as an
   * assignmentExpression node, after an optional `...` that the AST step pairs by offset.
   */
  public arguments = this.RULE("arguments", () => {
    this.CONSUME(t.LParen);
    this.commaList(
      t.RParen,
      () => this.argument(31),
      () => this.argument(32),
    );
    this.CONSUME(t.RParen);
  });

  /** One argument; `idx` tells apart the argument positions within one rule (occurrence index). */
  private argument(idx: number): void {
    let alternatives = this.argumentAlternatives.get(idx);
    if (alternatives === undefined) this.argumentAlternatives.set(idx, (alternatives = this.buildArgumentAlternatives(idx)));
    this.or(idx, alternatives);
  }

  private buildArgumentAlternatives(idx: number): OrMethodOpts<void> {
    const gate = () => {
      const next = this.LA(2).tokenType;
      return next === t.Comma || next === t.RParen;
    };
    return {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: gate, ALT: () => this.consume(idx, t.Identifier, ARGUMENT) },
        { GATE: gate, ALT: () => this.consume(idx, t.StringLiteral, ARGUMENT) },
        { GATE: gate, ALT: () => this.consume(idx, t.NumericLiteral, ARGUMENT) },
        {
          ALT: () => {
            this.option(idx, () => this.consume(idx, t.Ellipsis));
            this.subrule(idx, this.assignmentExpression, { ARGS: [false], LABEL: "argument" });
          },
        },
      ],
    };
  }

  /** See §13.2. */
  public primaryExpression = this.RULE("primaryExpression", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Identifier) },
      { ALT: () => this.CONSUME(t.StringLiteral) },
      { ALT: () => this.CONSUME(t.NumericLiteral) },
      { ALT: () => this.CONSUME(t.RegularExpressionLiteral) },
      { ALT: () => this.CONSUME(t.This) },
      { ALT: () => this.CONSUME(t.True) },
      { ALT: () => this.CONSUME(t.False) },
      { ALT: () => this.CONSUME(t.Null) },
      { ALT: () => this.SUBRULE(this.parenthesizedExpression) },
      { ALT: () => this.SUBRULE(this.functionExpression) },
      { ALT: () => this.SUBRULE(this.objectLiteral) },
      { ALT: () => this.SUBRULE(this.arrayLiteral) },
      { ALT: () => this.SUBRULE(this.templateLiteral) },
    ]);
  });

  public parenthesizedExpression = this.RULE("parenthesizedExpression", () => {
    this.CONSUME(t.LParen);
    this.SUBRULE(this.expression, { ARGS: [false] });
    this.CONSUME(t.RParen);
  });

  /** See §13.2.4, with holes (elisions) and spread. */
  public arrayLiteral = this.RULE("arrayLiteral", () => {
    this.CONSUME(t.LBracket);
    this.MANY(() => this.SUBRULE(this.arrayItem));
    this.CONSUME(t.RBracket);
  });

  /** A comma or an element, in source order; a comma that follows `[` or a comma is a hole. */
  public arrayItem = this.RULE("arrayItem", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Comma) },
      {
        GATE: () => this.elementAllowed(),
        ALT: () => {
          this.OPTION(() => this.CONSUME(t.Ellipsis));
          this.SUBRULE(this.assignmentExpression, { ARGS: [false] });
        },
      },
    ]);
  });

  /** See §13.2.5. */
  public objectLiteral = this.RULE("objectLiteral", () => {
    this.CONSUME(t.LBrace);
    this.commaList(
      t.RBrace,
      () => this.property(1),
      () => this.property(2),
    );
    this.CONSUME(t.RBrace);
  });

  private readonly propertyAlternatives: (OrMethodOpts<void> | undefined)[] = [];

  /**
   * A property of an object literal. `name: value` with a string, plain identifier or number on
   * each side, then `,` or `}` (every property of a domain-list PAC, which has tens of thousands)
   * is written out in the object literal: the name as a bare token labelled like the
   * propertyDefinition node it stands for, the value labelled "propertyValue" (the n-th bare name
   * goes with the n-th value). That saves three CST nodes, their children objects and label arrays
   * per property. Anything else is a propertyDefinition node.
   */
  private property(occurrence: 1 | 2): void {
    const idx = 50 + 10 * occurrence;
    this.or(idx, (this.propertyAlternatives[occurrence] ??= this.buildPropertyAlternatives(idx)));
  }

  private buildPropertyAlternatives(idx: number): OrMethodOpts<void> {
    const name: IOrAlt<void>[] = [t.StringLiteral, t.Identifier, t.NumericLiteral].map((type) => ({ ALT: () => this.consume(idx, type, PROPERTY) }));
    const value: IOrAlt<void>[] = [t.StringLiteral, t.Identifier, t.NumericLiteral].map((type) => ({ ALT: () => this.consume(idx + 1, type, PROPERTY_VALUE) }));
    return {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => this.simplePropertyAhead(),
          ALT: () => {
            this.or(idx + 1, name);
            this.consume(idx, t.Colon);
            this.or(idx + 2, value);
          },
        },
        { ALT: () => this.subrule(idx, this.propertyDefinition) },
      ],
    };
  }

  /** A string, plain identifier or number, `:`, another of them, then `,` or `}`. */
  private simplePropertyAhead(): boolean {
    const name = this.LA(1).tokenType;
    if (name !== t.StringLiteral && name !== t.Identifier && name !== t.NumericLiteral) return false;
    if (this.LA(2).tokenType !== t.Colon) return false;
    const value = this.LA(3).tokenType;
    if (value !== t.StringLiteral && value !== t.Identifier && value !== t.NumericLiteral) return false;
    const next = this.LA(4).tokenType;
    return next === t.Comma || next === t.RBrace;
  }

  /**
   * See §13.2.5 PropertyDefinition. The alternatives are built once (on the first call): object
   * literals of tens of thousands of properties are common in PAC files (domain lists), and
   * alternatives written inline would allocate their arrays, objects and closures per property.
   */
  public propertyDefinition = this.RULE("propertyDefinition", () => {
    this.OR((this.propertyDefinitionAlternatives ??= this.buildPropertyDefinitionAlternatives()));
  });

  private propertyDefinitionAlternatives: OrMethodOpts<void> | undefined;

  private buildPropertyDefinitionAlternatives(): OrMethodOpts<void> {
    const shorthandDefault: SubruleMethodOpts<[boolean]> = { ARGS: [false], LABEL: "shorthandDefault" };
    const afterName: IOrAlt<void>[] = [
      {
        ALT: () => {
          this.CONSUME(t.Colon);
          this.SUBRULE2(this.assignmentExpression, ARGS_IN);
        },
      },
      { ALT: () => this.SUBRULE2(this.methodTail) },
      {
        // CoverInitializedName (`{ a = 1 }`), valid only as a destructuring target.
        ALT: () => {
          this.CONSUME(t.Assign);
          this.SUBRULE3(this.assignmentExpression, shorthandDefault);
        },
      },
    ];
    const valueOrTail = () => this.OR2(afterName);
    return {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => {
            this.CONSUME(t.Ellipsis);
            this.SUBRULE(this.assignmentExpression, ARGS_IN);
          },
        },
        {
          GATE: () => this.accessorAhead(),
          ALT: () => {
            this.CONSUME(t.Identifier, { LABEL: "accessor" });
            this.SUBRULE(this.propertyName);
            this.SUBRULE(this.methodTail);
          },
        },
        {
          ALT: () => {
            this.SUBRULE2(this.propertyName);
            this.OPTION(valueOrTail);
          },
        },
      ],
    };
  }

  /** The `(params) { body }` of a method, getter or setter. */
  public methodTail = this.RULE("methodTail", () => {
    this.CONSUME(t.LParen);
    this.SUBRULE(this.formalParameters);
    this.CONSUME(t.RParen);
    this.SUBRULE(this.functionBody);
  });

  /** See §13.2.6 PropertyName; alternatives built once, as for `propertyDefinition`. */
  public propertyName = this.RULE("propertyName", () => {
    this.OR((this.propertyNameAlternatives ??= this.buildPropertyNameAlternatives()));
  });

  private propertyNameAlternatives: IOrAlt<void>[] | undefined;

  private buildPropertyNameAlternatives(): IOrAlt<void>[] {
    return [
      { ALT: () => this.CONSUME(t.IdentifierName) },
      { ALT: () => this.CONSUME(t.StringLiteral) },
      { ALT: () => this.CONSUME(t.NumericLiteral) },
      {
        ALT: () => {
          this.CONSUME(t.LBracket);
          this.SUBRULE(this.assignmentExpression, ARGS_IN);
          this.CONSUME(t.RBracket);
        },
      },
    ];
  }

  /** See §13.2.8: `` `a${b}c` ``. */
  public templateLiteral = this.RULE("templateLiteral", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.NoSubstitutionTemplate) },
      {
        ALT: () => {
          this.CONSUME(t.TemplateHead);
          this.SUBRULE(this.expression, { ARGS: [false] });
          this.MANY(() => {
            this.CONSUME(t.TemplateMiddle);
            this.SUBRULE2(this.expression, { ARGS: [false] });
          });
          this.CONSUME(t.TemplateTail);
        },
      },
    ]);
  });
}
