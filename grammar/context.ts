/**
 * The little syntactic context the lexer needs: whether a `/` starts a regular expression or is a
 * division, and whether a `}` closes a template substitution. ECMA-262 leaves both to the parser
 * (§12, goal symbols); pac-do decides them from the significant tokens already lexed, which the
 * custom token patterns receive from Chevrotain, plus a stack of open brackets.
 *
 * The rules (documented in docs/grammar.md):
 * - after `)` a `/` is a regex only if the parenthesis belonged to `if`, `while`, `for` or `with`
 *   (`if (x) /re/.test(y)`); after any other `)` it is a division (`(a + b) / 2`);
 * - after `}` a `/` is a regex if the brace closed a block (a statement starts), a division if it
 *   closed an object literal (`x = {} / 2`) or the body of a function expression;
 * - after an identifier, number, string, `]` or postfix `++`/`--` it is a division; after the
 *   keywords that take an operand (`return`, `typeof`, `in`, `case`, ...), after `break`,
 *   `continue` and `debugger`, after `of` in a `for (...)` head, and after any other punctuator
 *   it is a regex.
 */
import type { IToken } from "chevrotain";
import { tokenEnd } from "./offsets.js";

/** Keywords after which an expression (hence a regex or an object literal) may follow. */
const OPERAND_KEYWORDS = new Set(["return", "typeof", "instanceof", "in", "new", "delete", "void", "throw", "case", "do", "else"]);

/**
 * Keywords that end a statement: a `/` after them can only start the next statement (after an
 * inserted semicolon), so it is a regex. acorn gets there by re-reading the `/` once the parser
 * asks for an expression.
 */
const STATEMENT_END_KEYWORDS = new Set(["break", "continue", "debugger"]);
const CONDITION_KEYWORDS = new Set(["if", "while", "for", "with"]);

const Open = { Paren: 0, ConditionParen: 1, Bracket: 2, Block: 3, Object: 4, Template: 5, FunctionExpressionBody: 6 } as const;
type Open = (typeof Open)[keyof typeof Open];

class LexContext {
  private tokens: IToken[] | undefined;
  private processed = 0;
  private stack: Open[] = [];
  /** What the most recent closing token closed. */
  private lastClosed: Open | undefined;
  /** After `function`: whether it is a function expression, until its parameter list opens. */
  private functionKeyword: "expression" | "declaration" | undefined;
  /** The bracket-stack depth and kind of each function whose parameter list is open. */
  private functionParams: { depth: number; kind: "expression" | "declaration" }[] = [];
  /** Set between a function's `)` and its body's `{`. */
  private functionBodyNext: "expression" | "declaration" | undefined;

  /** Whether a `/` at this point starts a regular expression literal. */
  regexAllowed(text: string, offset: number, tokens: IToken[]): boolean {
    this.catchUp(text, tokens);
    const last = tokens[tokens.length - 1];
    if (last === undefined) return true;
    switch (last.tokenType.name) {
      case "Identifier":
        if (last.image === "of") return this.stack[this.stack.length - 1] === Open.ConditionParen;
        // acorn re-reads a `/` but not a `/=` as a regex where a statement starts; so does pac-do.
        return OPERAND_KEYWORDS.has(last.image) || (STATEMENT_END_KEYWORDS.has(last.image) && text.charCodeAt(offset + 1) !== 61);
      case "NumericLiteral":
      case "StringLiteral":
      case "UnterminatedString":
      case "RegularExpressionLiteral":
      case "UnterminatedRegularExpression":
      case "NoSubstitutionTemplate":
      case "TemplateTail":
      case "RBracket":
      case "Increment":
      case "Decrement":
        return false;
      case "RParen":
        return this.lastClosed === Open.ConditionParen;
      case "RBrace":
        return this.lastClosed !== Open.Object && this.lastClosed !== Open.FunctionExpressionBody;
      default:
        return true;
    }
  }

  /** Whether a `}` at this point closes a `${` of a template literal. */
  inTemplateSubstitution(text: string, tokens: IToken[]): boolean {
    this.catchUp(text, tokens);
    return this.stack[this.stack.length - 1] === Open.Template;
  }

  /** Forgets the text lexed last (`lexer.ts` calls it after each text), so that its tokens are not kept alive. */
  release(): void {
    this.tokens = undefined;
    this.processed = 0;
    this.stack = [];
    this.functionParams = [];
  }

  private catchUp(text: string, tokens: IToken[]): void {
    if (tokens !== this.tokens || tokens.length < this.processed) {
      this.tokens = tokens;
      this.processed = 0;
      this.stack = [];
      this.lastClosed = undefined;
      this.functionKeyword = undefined;
      this.functionParams = [];
      this.functionBodyNext = undefined;
    }
    for (let i = this.processed; i < tokens.length; i++) {
      const token = tokens[i]!;
      const name = token.tokenType.name;
      const bodyNext = this.functionBodyNext;
      this.functionBodyNext = undefined;
      switch (name) {
        case "Identifier":
          // A function expression's body is a block, but a `/` after its `}` is a division.
          if (token.image === "function") this.functionKeyword = this.braceOpensObject(text, tokens[i - 1], token) ? "expression" : "declaration";
          break;
        case "LParen": {
          const prev = tokens[i - 1];
          const condition = prev !== undefined && prev.tokenType.name === "Identifier" && CONDITION_KEYWORDS.has(prev.image);
          if (this.functionKeyword !== undefined) {
            this.functionParams.push({ depth: this.stack.length, kind: this.functionKeyword });
            this.functionKeyword = undefined;
          }
          this.stack.push(condition ? Open.ConditionParen : Open.Paren);
          break;
        }
        case "LBracket":
          this.stack.push(Open.Bracket);
          break;
        case "LBrace":
          if (bodyNext !== undefined) this.stack.push(bodyNext === "expression" ? Open.FunctionExpressionBody : Open.Block);
          else this.stack.push(this.braceOpensObject(text, tokens[i - 1], token) ? Open.Object : Open.Block);
          break;
        case "TemplateHead":
          this.stack.push(Open.Template);
          break;
        case "RParen":
          this.lastClosed = this.stack.pop();
          if (this.functionParams[this.functionParams.length - 1]?.depth === this.stack.length) {
            this.functionBodyNext = this.functionParams.pop()?.kind;
          }
          break;
        case "RBracket":
        case "RBrace":
        case "TemplateTail":
        case "UnterminatedTemplateTail":
          this.lastClosed = this.stack.pop();
          break;
        case "TemplateMiddle":
          break;
      }
    }
    this.processed = tokens.length;
  }

  private braceOpensObject(text: string, prev: IToken | undefined, brace: IToken): boolean {
    if (prev === undefined) return false;
    switch (prev.tokenType.name) {
      case "Identifier":
        if (prev.image === "return") return !/[\n\r\u2028\u2029]/.test(text.slice(tokenEnd(prev), brace.startOffset));
        return OPERAND_KEYWORDS.has(prev.image) && prev.image !== "do" && prev.image !== "else";
      case "RParen":
      case "RBracket":
      case "RBrace":
      case "LBrace":
      case "Semicolon":
      case "Arrow":
      case "NumericLiteral":
      case "StringLiteral":
      case "RegularExpressionLiteral":
      case "NoSubstitutionTemplate":
      case "TemplateTail":
        return false;
      case "Colon": {
        // `label: {` and `case x: {` open blocks; inside brackets or an object the colon belongs to an
        // expression (`a ? b : {}` or `{ k: {} }`).
        const top = this.stack[this.stack.length - 1];
        return top !== undefined && top !== Open.Block && top !== Open.FunctionExpressionBody;
      }
      default:
        return true;
    }
  }
}

/** The context of the lexer run in progress (Chevrotain lexes synchronously, one text at a time). */
export const lexContext = new LexContext();
