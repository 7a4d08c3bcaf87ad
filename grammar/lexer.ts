/**
 * The PAC lexer: Chevrotain's lexer over `allTokens`, followed by one pass that re-types keywords,
 * records which tokens follow a line terminator (ECMA-262 §12.10, automatic semicolon insertion and
 * the restricted productions need it), and turns the "unterminated ..." tokens into errors.
 */
import type { ILexingError, IToken, TokenType } from "chevrotain";
import { Lexer } from "./chevrotain.js";
import { lexContext } from "./context.js";
import { tokenEnd } from "./offsets.js";
import { allTokens, forgetIdentifierImages, Identifier, KEYWORDS, LBrace, LBracket, Let, NumericLiteral, parseTokens, UNTERMINATED } from "./tokens.js";

/** A lexical error: half-open `[offset, offset + length)` into the text. */
export interface LexError {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

export interface LexResult {
  /** Significant tokens, in order. */
  readonly tokens: IToken[];
  /**
   * The start offsets of the tokens that a line terminator (or a comment containing one) separates
   * from the token before them: the one fact about trivia the grammar needs. A set beside the
   * tokens rather than a property on each: adding a property to Chevrotain's token objects gives
   * each of them a second allocation (an out-of-object property store) that stays live through the
   * parse, which costs more in the garbage collector than the set lookups.
   */
  readonly lineBreakBefore: ReadonlySet<number>;
  readonly comments: IToken[];
  /** Whitespace and line terminators. */
  readonly whitespace: IToken[];
  readonly errors: LexError[];
  /** Characters no token matched (each also reported in `errors`). */
  readonly skipped: { readonly offset: number; readonly length: number }[];
}

export interface LexerOptions {
  /** Run Chevrotain's grammar validations and insist on its first-character optimization (tests). */
  readonly validate?: boolean;
  /** Keep whitespace and line breaks as tokens (in `LexResult.whitespace`) instead of skipping them. */
  readonly keepWhitespace?: boolean;
}

const lineBreaks = new WeakMap<readonly IToken[], ReadonlySet<number>>();

/**
 * The `lineBreakBefore` set of the `tokenize` result whose `tokens` array this is (empty for any
 * other array), so that a parser given only the tokens still knows where the line breaks are.
 */
export function lineBreaksBefore(tokens: readonly IToken[]): ReadonlySet<number> {
  return lineBreaks.get(tokens) ?? NO_LINE_BREAKS;
}

const NO_LINE_BREAKS: ReadonlySet<number> = new Set();

const shared: { skipping?: Lexer; keeping?: Lexer } = {};

/** The shared lexer of each kind, built on first use. */
export function sharedLexer(keepWhitespace: boolean): Lexer {
  return keepWhitespace ? (shared.keeping ??= createLexer({ keepWhitespace })) : (shared.skipping ??= createLexer());
}

export function createLexer(options: LexerOptions = {}): Lexer {
  return new Lexer(options.keepWhitespace === true ? allTokens : parseTokens, {
    positionTracking: "onlyOffset",
    skipValidations: options.validate !== true,
    ensureOptimizations: options.validate === true,
    errorMessageProvider: {
      buildUnexpectedCharactersMessage: (text, offset) => `unexpected character ${describeChar(text, offset)}`,
      buildUnableToPopLexerModeMessage: () => "internal lexer error",
    },
  });
}

function describeChar(text: string, offset: number): string {
  const code = text.codePointAt(offset) ?? 0;
  const char = String.fromCodePoint(code);
  return code < 0x20 || code === 0x7f || (code >= 0x80 && /\p{C}|\p{Z}/u.test(char))
    ? `U+${code.toString(16).toUpperCase().padStart(4, "0")}`
    : `'${char}'`;
}

const IDENTIFIER_START_AFTER_NUMBER = /[\w$\\\p{ID_Start}]/uy;

/** `UNTERMINATED` by token type index: the pass below looks up every token that is not a name or number. */
const unterminatedByIndex: ({ readonly as: TokenType; readonly message: string } | undefined)[] = [];
for (const [type, entry] of UNTERMINATED) unterminatedByIndex[type.tokenTypeIdx!] = entry;

function isLineTerminator(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/** Lexes `text` into significant tokens, comments and whitespace. Never throws on bad input. */
export function tokenize(text: string, lexer: Lexer = sharedLexer(false)): LexResult {
  const result = lexer.tokenize(text);
  forgetIdentifierImages();
  lexContext.release();
  const skipped = result.errors.map((e: ILexingError) => ({ offset: e.offset, length: Math.max(1, e.length) }));
  const errors: LexError[] = result.errors.map((e: ILexingError) => ({ offset: e.offset, length: Math.max(1, e.length), message: e.message }));
  const tokens = result.tokens;
  const lineBreakBefore = new Set<number>();
  let prevEnd = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const type: TokenType = token.tokenType;
    if (type === Identifier) {
      const keyword = KEYWORDS.get(token.image);
      if (keyword !== undefined && (keyword !== Let || letDeclarationAhead(tokens[i + 1]))) retype(token, keyword);
    } else if (type === NumericLiteral) {
      IDENTIFIER_START_AFTER_NUMBER.lastIndex = tokenEnd(token);
      if (IDENTIFIER_START_AFTER_NUMBER.test(text)) {
        errors.push({ offset: tokenEnd(token), length: 1, message: "identifier directly after number" });
      }
    } else {
      const unterminated = unterminatedByIndex[token.tokenTypeIdx];
      if (unterminated !== undefined) {
        errors.push({ offset: token.startOffset, length: token.image.length, message: unterminated.message });
        retype(token, unterminated.as);
      }
    }
    let newline = false;
    for (let k = prevEnd; k < token.startOffset; k++) {
      if (isLineTerminator(text.charCodeAt(k))) {
        newline = true;
        break;
      }
    }
    if (newline && i > 0) lineBreakBefore.add(token.startOffset);
    prevEnd = tokenEnd(token);
  }
  const comments = result.groups["comments"] ?? [];
  for (const comment of comments) {
    const unterminated = UNTERMINATED.get(comment.tokenType);
    if (unterminated !== undefined) {
      errors.push({ offset: comment.startOffset, length: comment.image.length, message: unterminated.message });
      retype(comment, unterminated.as);
    }
  }
  errors.sort((a, b) => a.offset - b.offset);
  lineBreaks.set(tokens, lineBreakBefore);
  return { tokens, lineBreakBefore, comments, whitespace: result.groups["whitespace"] ?? [], errors, skipped };
}

/**
 * `let` is a keyword only where a declaration starts: before a binding name, `[` or `{` (§14.3.1,
 * and the `let [` lookahead of §14.5). Elsewhere it is an identifier in sloppy code (`if (p) let =
 * host`, `x = let + 1`), as V8 and acorn read it. `next` has not been re-typed yet.
 */
function letDeclarationAhead(next: IToken | undefined): boolean {
  if (next === undefined) return false;
  const type = next.tokenType;
  if (type === LBracket || type === LBrace) return true;
  return type === Identifier && (!KEYWORDS.has(next.image) || next.image === "let");
}

function retype(token: IToken, type: TokenType): void {
  token.tokenType = type;
  token.tokenTypeIdx = type.tokenTypeIdx!;
}
