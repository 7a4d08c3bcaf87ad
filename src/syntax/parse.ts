/**
 * The parser API of pac-do, and the only module of `src/` that runs the grammar (`to-ast.ts` reads
 * the CST it produces). A parse never throws on bad input: syntax errors come back as data, each
 * with a position and a code frame.
 */
import type { IRecognitionException, IToken } from "chevrotain";
import type { ProgramCstNode } from "../../grammar/cst.js";
import { sharedLexer, tokenize, type LexError } from "../../grammar/lexer.js";
import { tokenEnd } from "../../grammar/offsets.js";
import { MAX_RULE_DEPTH, NestingTooDeep, PacParser } from "../../grammar/parser.js";
import { createSourceFile, type SourceFile } from "../source/source-file.js";
import type { Range } from "../types.js";
import type { Program } from "./ast.js";
import { describeToken, errorMessages, parseError, type ParseError } from "./errors.js";
import { toAst } from "./to-ast.js";

export type { ParseError } from "./errors.js";

/** A comment; `value` is the text between the delimiters (ESTree convention). */
export interface Comment {
  readonly type: "Line" | "Block";
  readonly value: string;
  readonly range: Range;
}

/** A significant token (or, from `allTokens`, trivia); `type` is the token type name of `grammar/tokens.ts`. */
export interface Token {
  readonly type: string;
  readonly value: string;
  readonly range: Range;
}

export type ParseResult =
  | {
      readonly ok: true;
      readonly source: SourceFile;
      readonly program: Program;
      readonly comments: readonly Comment[];
      readonly tokens: readonly Token[];
    }
  | {
      readonly ok: false;
      readonly source: SourceFile;
      readonly errors: readonly ParseError[];
      readonly comments: readonly Comment[];
      readonly tokens: readonly Token[];
    };

export interface ParseOptions {
  /**
   * After a syntax error, recover and report the independent errors further on (default true).
   * Without recovery the first error ends the parse; the verdict is the same.
   */
  readonly recover?: boolean;
}

const parsers: { plain?: PacParser; recovering?: PacParser } = {};

/**
 * Building a parser costs a grammar self-analysis, so each kind is built once, on first use. Valid
 * files only ever need the plain one; Chevrotain's re-synchronisation makes the recovering one
 * much slower on broken input, so it only re-parses a file that already failed.
 */
function parser(recovering: boolean): PacParser {
  if (recovering) return (parsers.recovering ??= new PacParser({ recoveryEnabled: true, skipValidations: true, errorMessageProvider: errorMessages }));
  return (parsers.plain ??= new PacParser({ recoveryEnabled: false, skipValidations: true, errorMessageProvider: errorMessages }));
}

interface ParserRun {
  readonly cst: ProgramCstNode;
  readonly errors: readonly IRecognitionException[];
  readonly missingSemicolons: readonly IToken[];
}

/**
 * Runs a parser over the tokens and lets go of them: a parser keeps its input until it gets the
 * next one, and the tokens of a parse (often the largest thing it allocated) should not outlive it.
 */
function run(p: PacParser, tokens: IToken[]): ParserRun {
  p.input = tokens;
  try {
    return { cst: p.program() as ProgramCstNode, errors: p.errors, missingSemicolons: p.missingSemicolons };
  } finally {
    p.input = [];
  }
}

function toToken(token: IToken): Token {
  return { type: token.tokenType.name, value: token.image, range: [token.startOffset, tokenEnd(token)] };
}

/** The length of each line comment's opening delimiter: `//`, `<!--`, `-->`. */
const LINE_COMMENT_OPENER: Readonly<Record<string, number>> = { SingleLineComment: 2, HtmlOpenComment: 4, HtmlCloseComment: 3 };

function toComment(token: IToken): Comment {
  const image = token.image;
  const range: Range = [token.startOffset, tokenEnd(token)];
  if (token.tokenType.name === "MultiLineComment") {
    // An unterminated comment (already reported) has no closing `*/` to strip.
    const closed = image.length >= 4 && image.endsWith("*/");
    return { type: "Block", value: image.slice(2, closed ? -2 : undefined), range };
  }
  return { type: "Line", value: image.slice(LINE_COMMENT_OPENER[token.tokenType.name] ?? 2), range };
}

/** One error per line: recovery can leave follow-on errors next to the real one, which only add noise. */
function independent(errors: ParseError[]): ParseError[] {
  errors.sort((a, b) => a.range[0] - b.range[0]);
  const kept: ParseError[] = [];
  for (const error of errors) {
    const last = kept[kept.length - 1];
    if (last === undefined || error.start.line > last.start.line) kept.push(error);
  }
  return kept;
}

/**
 * Whether a parse error sits right after a lexical error: an unterminated string or regex swallows
 * the rest of its line, so the parser then misses a `)` or `,` that the author did write.
 */
function followsLexicalError(tokens: readonly IToken[], lexErrors: readonly LexError[], offset: number): boolean {
  if (Number.isNaN(offset)) return lexErrors.length > 0;
  const previous = lexErrors.findLast((e) => e.offset < offset);
  if (previous === undefined) return false;
  let between = 0;
  for (let i = upperBound(tokens, previous.offset); i < tokens.length && tokens[i]!.startOffset < offset; i++) {
    if (++between > 2) return false;
  }
  return true;
}

/** The index of the first token starting after `offset`. */
function upperBound(tokens: readonly IToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Parses a PAC script. `source` may be a decoded `SourceFile` or plain text. */
export function parse(source: SourceFile | string, options: ParseOptions = {}): ParseResult {
  const file = typeof source === "string" ? createSourceFile(source) : source;
  const text = file.text;
  const lexed = tokenize(text);
  let result: ParserRun;
  try {
    result = run(parser(false), lexed.tokens);
    if ((result.errors.length > 0 || result.missingSemicolons.length > 0) && options.recover !== false) {
      result = run(parser(true), lexed.tokens);
    }
  } catch (e) {
    // Nesting deeper than MAX_RULE_DEPTH (else-if chains, operator lists and member chains are read as loops and do not count).
    if (!(e instanceof NestingTooDeep) && !(e instanceof RangeError)) throw e;
    const at = e instanceof NestingTooDeep && !Number.isNaN(e.token.startOffset) ? e.token : undefined;
    const range: Range = at ? [at.startOffset, tokenEnd(at)] : [0, 0];
    return { ok: false, source: file, errors: [parseError(file, `the script nests too deeply to parse (more than ${MAX_RULE_DEPTH} levels of the grammar)`, range)], tokens: [], comments: [] };
  }

  let memoTokens: Token[] | undefined;
  let memoComments: Comment[] | undefined;
  // Converting tokens costs as much as parsing; most callers never read them.
  const tokens = (): Token[] => (memoTokens ??= lexed.tokens.map(toToken));
  const comments = (): Comment[] => (memoComments ??= lexed.comments.map(toComment));

  const errors: ParseError[] = lexed.errors.map((e) => parseError(file, e.message, [e.offset, Math.min(text.length, e.offset + e.length)]));
  const syntaxErrors = [
    ...result.errors.map((e) => ({ token: e.token, message: e.message })),
    ...result.missingSemicolons.map((token) => ({ token, message: `expected ';' or a line break before ${describeToken(token)}` })),
  ];
  for (const { token, message } of syntaxErrors) {
    if (followsLexicalError(lexed.tokens, lexed.errors, token.startOffset)) continue;
    const atEnd = Number.isNaN(token.startOffset) || token.tokenType.name === "EOF";
    // At the end of the input, point just after the last token: trailing blank lines show nothing.
    const last = lexed.tokens[lexed.tokens.length - 1];
    const end = last === undefined ? 0 : tokenEnd(last);
    errors.push(parseError(file, message, atEnd ? [end, end] : [token.startOffset, tokenEnd(token)]));
  }
  if (errors.length === 0) {
    let ast: ReturnType<typeof toAst>;
    try {
      ast = toAst(result.cst, text);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      return { ok: false, source: file, errors: [parseError(file, "the script nests too deeply to parse", [0, 0])], tokens: [], comments: [] };
    }
    if (ast.errors.length === 0) {
      return {
        ok: true,
        source: file,
        program: ast.program,
        get tokens() {
          return tokens();
        },
        get comments() {
          return comments();
        },
      };
    }
    for (const e of ast.errors) errors.push(parseError(file, e.message, e.range));
  }
  return {
    ok: false,
    source: file,
    errors: independent(errors),
    get tokens() {
      return tokens();
    },
    get comments() {
      return comments();
    },
  };
}

/**
 * Every token of `text` in source order, trivia included (whitespace, line breaks, comments, and
 * characters no token matched as type "Invalid"): concatenating their values gives back `text`.
 */
export function allTokens(text: string): Token[] {
  const lexed = tokenize(text, sharedLexer(true));
  const all = [...lexed.tokens, ...lexed.comments, ...lexed.whitespace].map(toToken);
  for (const { offset, length } of lexed.skipped) {
    all.push({ type: "Invalid", value: text.slice(offset, offset + length), range: [offset, offset + length] });
  }
  return all.sort((a, b) => a.range[0] - b.range[0]);
}
