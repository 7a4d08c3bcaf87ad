/**
 * Parse error wording and code frames. Chevrotain's default messages list token types
 * ("Expecting --> ')' <-- but found --> '{' <--"); pac-do says what was expected where, in the
 * words of the construct being parsed ("expected ')' after the condition of 'if'").
 */
import type { IParserErrorMessageProvider, IToken, TokenType } from "chevrotain";
import type { Position, Range } from "../types.js";
import { lineText, positionAt, type SourceFile } from "../source/source-file.js";

/** A syntax error: where, what, and the source line with a caret under the spot. */
export interface ParseError {
  readonly message: string;
  readonly range: Range;
  readonly start: Position;
  readonly end: Position;
  /** The offending line with a caret, e.g. `  3 | if (x {` / `    |       ^`. */
  readonly frame: string;
}

/** Chevrotain's end-of-input token (by name: src/ does not load the grammar's Chevrotain itself). */
function isEnd(token: IToken): boolean {
  return token.tokenType.name === "EOF";
}

/** How a token is named in a message: `'{'`, `'return'`, `end of file`, or a shortened literal. */
export function describeToken(token: IToken): string {
  if (isEnd(token)) return "end of file";
  const image = token.image.length > 20 ? `${token.image.slice(0, 17)}...` : token.image;
  return `'${image}'`;
}

function label(type: TokenType): string {
  if (type.LABEL !== undefined) return type.LABEL;
  switch (type.name) {
    case "Identifier":
      return "a name";
    case "IdentifierName":
      return "a property name";
    case "TemplateTail":
      return "'}' closing the template substitution";
    default:
      return type.name;
  }
}

/** Messages for a missing token, by `<rule>:<expected token>`: what the token finishes or starts. */
const EXPECTED: Readonly<Record<string, string>> = {
  "ifStatement:LParen": "expected '(' after 'if'",
  "ifStatement:RParen": "expected ')' after the condition of 'if'",
  "whileStatement:LParen": "expected '(' after 'while'",
  "whileStatement:RParen": "expected ')' after the condition of 'while'",
  "doWhileStatement:While": "expected 'while' after the body of 'do'",
  "doWhileStatement:LParen": "expected '(' after 'while'",
  "doWhileStatement:RParen": "expected ')' after the condition of 'do ... while'",
  "forStatement:LParen": "expected '(' after 'for'",
  "forStatement:RParen": "expected ')' after the head of 'for'",
  "forStatement:Semicolon": "expected ';' in the head of 'for'",
  "withStatement:LParen": "expected '(' after 'with'",
  "withStatement:RParen": "expected ')' after the object of 'with'",
  "switchStatement:LParen": "expected '(' after 'switch'",
  "switchStatement:RParen": "expected ')' after the value of 'switch'",
  "switchStatement:LBrace": "expected '{' to open the cases of 'switch'",
  "switchStatement:RBrace": "expected '}' to close 'switch'",
  "caseClause:Colon": "expected ':' after the case",
  "block:RBrace": "expected '}' to close the block",
  "functionBody:LBrace": "expected '{' to open the function body",
  "functionBody:RBrace": "expected '}' to close the function body",
  "functionDeclaration:Identifier": "expected a function name after 'function'",
  "functionDeclaration:LParen": "expected '(' before the parameters",
  "functionDeclaration:RParen": "expected ')' after the parameters",
  "functionExpression:LParen": "expected '(' before the parameters",
  "functionExpression:RParen": "expected ')' after the parameters",
  "methodTail:RParen": "expected ')' after the parameters",
  "arrowFunction:RParen": "expected ')' after the parameters",
  "arguments:RParen": "expected ')' after the arguments",
  "parenthesizedExpression:RParen": "expected ')' to close '('",
  "arrayLiteral:RBracket": "expected ']' to close the array",
  "memberSuffix:RBracket": "expected ']' after the index",
  "memberSuffix:IdentifierName": "expected a property name after '.'",
  "objectLiteral:RBrace": "expected '}' to close the object literal",
  "propertyName:RBracket": "expected ']' after the computed property name",
  "conditionalExpression:Colon": "expected ':' in the conditional expression",
  "catchClause:RParen": "expected ')' after the catch parameter",
  "tryStatement:LBrace": "expected '{' after 'try'",
  "labelledStatement:Colon": "expected ':' after the label",
  "templateLiteral:TemplateTail": "expected '}' to close the template substitution",
};

/** The wording of Chevrotain's parse errors. */
export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    const message = EXPECTED[`${ruleName}:${expected.name}`] ?? `expected ${label(expected)}`;
    return isEnd(actual) ? `${message}, found end of file` : message;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)}`;
  },
  buildNoViableAltMessage({ actual, ruleName }) {
    const token = actual[0];
    const found = token === undefined ? "end of file" : describeToken(token);
    if (ruleName === "arrayItem" || ruleName === "arrayBindingItem") return `expected ',' or ']' before ${found}`;
    return `unexpected ${found}`;
  },
  buildEarlyExitMessage({ actual }) {
    const token = actual[0];
    return `unexpected ${token === undefined ? "end of file" : describeToken(token)}`;
  },
};

/** Frames wider than this are cut around the error so that minified one-line PACs stay readable. */
const FRAME_WIDTH = 100;

/**
 * The source line of `range` with carets under it:
 * ```
 *   3 | if (x {
 *     |       ^
 * ```
 */
export function codeFrame(source: SourceFile, range: Range): string {
  const start = positionAt(source, range[0]);
  let line = lineText(source, start.line);
  let column = start.column - 1;
  let width = Math.max(1, Math.min(range[1] - range[0], line.length - column));
  let prefix = "";
  let suffix = "";
  if (line.length > FRAME_WIDTH) {
    const from = Math.max(0, Math.min(column - FRAME_WIDTH / 2, line.length - FRAME_WIDTH));
    const to = from + FRAME_WIDTH;
    prefix = from > 0 ? "..." : "";
    suffix = to < line.length ? "..." : "";
    line = line.slice(from, to);
    column = column - from + prefix.length;
    width = Math.max(1, Math.min(width, line.length + prefix.length - column));
  }
  const gutter = String(start.line);
  const padding = (prefix + line).slice(0, column).replace(/[^\t]/g, " ");
  return `  ${gutter} | ${prefix}${line}${suffix}\n  ${" ".repeat(gutter.length)} | ${padding}${"^".repeat(width)}`;
}

/** A parse error located in `source`. */
export function parseError(source: SourceFile, message: string, range: Range): ParseError {
  return { message, range, start: positionAt(source, range[0]), end: positionAt(source, range[1]), frame: codeFrame(source, range) };
}
