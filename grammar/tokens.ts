/**
 * Token types of the PAC grammar: the lexical grammar of ECMA-262 (§12, "ECMAScript Language: Lexical
 * Grammar") for script code, restricted to what PAC files contain. The order of `allTokens` matters:
 * Chevrotain takes the first pattern that matches, so longer punctuators come before their prefixes.
 *
 * Regular expression literals versus division (§12, goal symbols InputElementDiv and
 * InputElementRegExp) and the `}` that continues a template (InputElementTemplateTail) depend on
 * the tokens before them; `context.ts` keeps that state while the lexer runs.
 */
import type { CustomPatternMatcherFunc, IToken, TokenType } from "chevrotain";
import { createToken, Lexer } from "./chevrotain.js";
import { lexContext } from "./context.js";
import { tokenEnd } from "./offsets.js";

const LINE_TERMINATOR_CHARS = "\\n\\r\\u2028\\u2029";

const WHITESPACE = /[\t\v\f \u00a0\ufeff\u1680\u2000-\u200a\u202f\u205f\u3000]+/;
/** One or more line terminators (§12.3): LF, CR, CRLF, LS, PS. */
const LINE_TERMINATORS = /[\n\r\u2028\u2029]+/;

/** Whitespace kept as tokens (group "whitespace"), for a lossless token stream. */
export const Whitespace = createToken({ name: "Whitespace", pattern: WHITESPACE, group: "whitespace" });
export const LineTerminator = createToken({ name: "LineTerminator", pattern: LINE_TERMINATORS, group: "whitespace", line_breaks: true });

/**
 * The same whitespace, skipped: parsing needs none of it (line breaks are found from the gaps
 * between tokens), and not allocating a token per gap makes parsing markedly faster. ASCII spaces
 * and line breaks come first, as one pattern: a skipped pattern that is one ASCII character class
 * with `+` is matched by Chevrotain with a table loop instead of a regex, and a line break and the
 * indentation after it are one match instead of two.
 */
const SkippedAsciiSpace = createToken({ name: "Whitespace", pattern: /[\t\n\v\f\r ]+/, group: Lexer.SKIPPED, line_breaks: true });
const SkippedWhitespace = createToken({ name: "Whitespace", pattern: WHITESPACE, group: Lexer.SKIPPED });
const SkippedLineTerminator = createToken({ name: "LineTerminator", pattern: LINE_TERMINATORS, group: Lexer.SKIPPED, line_breaks: true });

export const MultiLineComment = createToken({
  name: "MultiLineComment",
  pattern: /\/\*[\s\S]*?\*\//,
  group: "comments",
  line_breaks: true,
});

/** A `/*` without its `*\/`: lexed to the end of the file so that one error is reported, not many. */
export const UnterminatedComment = createToken({
  name: "UnterminatedComment",
  pattern: /\/\*[\s\S]*/,
  group: "comments",
  line_breaks: true,
});

export const SingleLineComment = createToken({
  name: "SingleLineComment",
  pattern: new RegExp(`//[^${LINE_TERMINATOR_CHARS}]*`),
  group: "comments",
});

/** `<!--` starts a single-line comment anywhere in a script (Annex B.1.1 SingleLineHTMLOpenComment). */
export const HtmlOpenComment = createToken({
  name: "HtmlOpenComment",
  pattern: new RegExp(`<!--[^${LINE_TERMINATOR_CHARS}]*`),
  group: "comments",
});

const HTML_CLOSE_COMMENT = new RegExp(`-->[^${LINE_TERMINATOR_CHARS}]*`, "y");

/**
 * `-->` first on a line (only whitespace and comments before it) is a single-line comment (Annex
 * B.1.1 SingleLineHTMLCloseComment); elsewhere it is `--` and `>`.
 */
export const HtmlCloseComment = createToken({
  name: "HtmlCloseComment",
  pattern: (text, offset, tokens) => {
    const last = tokens[tokens.length - 1];
    if (last !== undefined && !/[\n\r\u2028\u2029]/.test(text.slice(tokenEnd(last), offset))) return null;
    HTML_CLOSE_COMMENT.lastIndex = offset;
    return HTML_CLOSE_COMMENT.exec(text);
  },
  start_chars_hint: ["-"],
  group: "comments",
  line_breaks: false,
});

const REGEX_BODY = new RegExp(
  `/((?:[^${LINE_TERMINATOR_CHARS}\\\\/[]|\\\\[^${LINE_TERMINATOR_CHARS}]|\\[(?:[^${LINE_TERMINATOR_CHARS}\\]\\\\]|\\\\[^${LINE_TERMINATOR_CHARS}])*\\])+)/([$\\w\\u200c\\u200d\\p{ID_Continue}]*)`,
  "uy",
);
const UNTERMINATED_REGEX = new RegExp(`/[^${LINE_TERMINATOR_CHARS}]*`, "y");

const matchRegex: CustomPatternMatcherFunc = (text, offset, tokens) => {
  if (!lexContext.regexAllowed(text, offset, tokens)) return null;
  REGEX_BODY.lastIndex = offset;
  return REGEX_BODY.exec(text);
};

const matchUnterminatedRegex: CustomPatternMatcherFunc = (text, offset, tokens) => {
  if (!lexContext.regexAllowed(text, offset, tokens)) return null;
  UNTERMINATED_REGEX.lastIndex = offset;
  return UNTERMINATED_REGEX.exec(text);
};

/**
 * What a custom matcher returns: Chevrotain reads the image (`[0]`) and `payload` at once and keeps
 * neither, so each matcher can hand back one array instead of allocating one per token.
 */
function matchResult(): [string] & RegExpExecArray {
  const result: unknown = [""];
  return result as [string] & RegExpExecArray;
}

function division(image: string): CustomPatternMatcherFunc {
  const result = matchResult();
  result[0] = image;
  return (text, offset, tokens) => (text.startsWith(image, offset) && !lexContext.regexAllowed(text, offset, tokens) ? result : null);
}

/** `/pattern/flags` where the grammar allows an expression to start (§12.9.5). */
export const RegularExpressionLiteral = createToken({
  name: "RegularExpressionLiteral",
  pattern: matchRegex,
  start_chars_hint: ["/"],
  line_breaks: false,
});

/** A regex that runs into the end of its line. */
export const UnterminatedRegularExpression = createToken({
  name: "UnterminatedRegularExpression",
  pattern: matchUnterminatedRegex,
  start_chars_hint: ["/"],
  line_breaks: false,
});

const TEMPLATE_CHARS = "(?:[^`\\\\$]|\\\\[\\s\\S]|\\$(?!\\{))*";
export const NoSubstitutionTemplate = createToken({
  name: "NoSubstitutionTemplate",
  pattern: new RegExp("`" + TEMPLATE_CHARS + "`"),
  line_breaks: true,
});
export const TemplateHead = createToken({
  name: "TemplateHead",
  pattern: new RegExp("`" + TEMPLATE_CHARS + "\\$\\{"),
  line_breaks: true,
});
export const UnterminatedTemplate = createToken({
  name: "UnterminatedTemplate",
  pattern: new RegExp("`" + TEMPLATE_CHARS),
  line_breaks: true,
});

const TEMPLATE_MIDDLE = new RegExp("\\}" + TEMPLATE_CHARS + "\\$\\{", "y");
const TEMPLATE_TAIL = new RegExp("\\}" + TEMPLATE_CHARS + "`", "y");
const TEMPLATE_UNTERMINATED_TAIL = new RegExp("\\}" + TEMPLATE_CHARS, "y");

function templateContinuation(pattern: RegExp): CustomPatternMatcherFunc {
  return (text, offset, tokens) => {
    if (!lexContext.inTemplateSubstitution(text, tokens)) return null;
    pattern.lastIndex = offset;
    return pattern.exec(text);
  };
}

/** `}...${`: only where the `}` closes a template substitution (§12.9.6, InputElementTemplateTail). */
export const TemplateMiddle = createToken({
  name: "TemplateMiddle",
  pattern: templateContinuation(TEMPLATE_MIDDLE),
  start_chars_hint: ["}"],
  line_breaks: true,
});
export const TemplateTail = createToken({
  name: "TemplateTail",
  pattern: templateContinuation(TEMPLATE_TAIL),
  start_chars_hint: ["}"],
  line_breaks: true,
});
export const UnterminatedTemplateTail = createToken({
  name: "UnterminatedTemplateTail",
  pattern: templateContinuation(TEMPLATE_UNTERMINATED_TAIL),
  start_chars_hint: ["}"],
  line_breaks: true,
});

/** The characters of a string literal quoted by `quote` (§12.9.4); the pattern `matchString` stands for. */
export const STRING_CHARS = (quote: string): string => `(?:[^${quote}\\\\\\n\\r]|\\\\(?:\\r\\n|[\\s\\S]))*`;

const stringMatch = matchResult();

/**
 * `"..."` or `'...'` (§12.9.4): any character but the quote, a backslash or a raw CR/LF, or a
 * backslash and the character after it (CRLF counting as one). A scan rather than a regex: a
 * domain-list PAC holds tens of thousands of strings, and `exec` allocates a match array for each.
 */
const matchString: CustomPatternMatcherFunc = (text, offset) => {
  const quote = text.charCodeAt(offset);
  if (quote !== 34 && quote !== 39) return null;
  for (let i = offset + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === quote) {
      stringMatch[0] = text.slice(offset, i + 1);
      return stringMatch;
    }
    if (c === 10 || c === 13) return null;
    if (c === 92) i += text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10 ? 2 : 1;
  }
  return null;
};

export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: matchString,
  start_chars_hint: ['"', "'"],
  line_breaks: true,
});
/** A string that runs into the end of its line (strings may not contain a raw line break, §12.9.4). */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: new RegExp(`"${STRING_CHARS('"')}|'${STRING_CHARS("'")}`),
  line_breaks: true,
});

const DIGITS = "\\d(?:_?\\d)*";
/** NumericLiteral (§12.9.3) with Annex B.1.1's legacy forms, sticky: what `matchNumber` scans a shortcut of. */
export const NUMERIC_LITERAL = new RegExp(
  [
    "0[xX][\\da-fA-F](?:_?[\\da-fA-F])*n?",
    "0[oO][0-7](?:_?[0-7])*n?",
    "0[bB][01](?:_?[01])*n?",
    // LegacyOctalIntegerLiteral and NonOctalDecimalIntegerLiteral (Annex B.1.1): `010` is 8 and
    // takes no fraction (`010.a` is a member access); `09.5` is a decimal.
    "0[0-7]+(?!\\d)",
    "0\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?",
    `(?:0|[1-9](?:_?\\d)*)n`,
    `(?:(?:0|[1-9](?:_?\\d)*)(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?`,
  ].join("|"),
  "y",
);

const numberMatch = matchResult();

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * A plain decimal integer (`0`, `1`, `8080`: nearly every number in a PAC file) by a scan, and
 * everything else by the regex above. A digit run is plain when what follows it cannot continue
 * the literal (`.`, an exponent, a separator, a BigInt suffix) and, after a leading `0`, is not a
 * legacy octal or a prefixed radix (`0x`, `0o`, `0b`).
 */
const matchNumber: CustomPatternMatcherFunc = (text, offset) => {
  const first = text.charCodeAt(offset);
  if (isDigit(first)) {
    let end = offset + 1;
    if (first !== 48) while (isDigit(text.charCodeAt(end))) end++;
    const next = text.charCodeAt(end);
    // `.`, `_`, `e`/`E`, `n`, a digit, and after a leading 0 also `x`, `o`, `b` in either case.
    const lower = next | 0x20;
    const continues = next === 46 || next === 95 || lower === 101 || next === 110 || isDigit(next) || (first === 48 && (lower === 120 || lower === 111 || lower === 98));
    if (!continues) {
      numberMatch[0] = text.slice(offset, end);
      return numberMatch;
    }
  }
  NUMERIC_LITERAL.lastIndex = offset;
  return NUMERIC_LITERAL.exec(text);
};

export const NumericLiteral = createToken({
  name: "NumericLiteral",
  pattern: matchNumber,
  start_chars_hint: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "."],
  line_breaks: false,
});

const IDENTIFIER = /(?:[$_\p{ID_Start}]|\\u[\da-fA-F]{4}|\\u\{[\da-fA-F]+\})(?:[$\u200c\u200d\p{ID_Continue}]|\\u[\da-fA-F]{4}|\\u\{[\da-fA-F]+\})*/uy;
const ASCII_IDENTIFIER_PART = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[\w$]/.test(ch)) ASCII_IDENTIFIER_PART[c] = 1;
}

/**
 * The images of ASCII identifiers lexed since the last `forgetIdentifierImages()`, by a hash of
 * their characters. A PAC file repeats a few names (`host`, `shExpMatch`, `return`) thousands of
 * times; giving each token the string already made for its name saves a string per identifier,
 * and every token's image stays live until the parse ends.
 */
const identifierImages: (string | undefined)[] = new Array<string | undefined>(1024).fill(undefined);
const identifierMatch = matchResult();

/** Drops the remembered identifier images, which may be slices of the text just lexed (`lexer.ts` calls it after each text). */
export function forgetIdentifierImages(): void {
  identifierImages.fill(undefined);
}

const matchIdentifier: CustomPatternMatcherFunc = (text, offset) => {
  // ASCII fast path: almost every identifier in a PAC file is plain ASCII.
  let end = offset;
  let c = text.charCodeAt(end);
  if (c < 128 && ASCII_IDENTIFIER_PART[c] === 1 && !(c >= 48 && c <= 57)) {
    let hash = 0;
    do {
      hash = (hash * 31 + c) | 0;
      c = text.charCodeAt(++end);
    } while (c < 128 && ASCII_IDENTIFIER_PART[c] === 1);
    if (!(c >= 128 || c === 92)) {
      const slot = hash & (identifierImages.length - 1);
      let image = identifierImages[slot];
      if (image === undefined || image.length !== end - offset || !text.startsWith(image, offset)) {
        identifierImages[slot] = image = text.slice(offset, end);
      }
      identifierMatch[0] = image;
      return identifierMatch;
    }
  }
  IDENTIFIER.lastIndex = offset;
  return IDENTIFIER.exec(text);
};

/**
 * Every character that may start an identifier, as Chevrotain's first-character index sees it: the
 * ASCII ones, and one representative of each bucket above 255 (Chevrotain folds char codes above
 * 255 into buckets of 255, so one member stands for the whole bucket).
 */
function identifierStartHints(): string[] {
  const hints = ["$", "_", "\\"];
  for (let c = 65; c <= 90; c++) hints.push(String.fromCharCode(c), String.fromCharCode(c + 32));
  for (let c = 128; c < 256; c++) hints.push(String.fromCharCode(c));
  for (let c = 256; c < 65536; c += 255) hints.push(String.fromCharCode(c));
  hints.push(String.fromCharCode(0xffff));
  return hints;
}

/** Names that the grammar reads by their image: keywords and contextual words share this category. */
export const IdentifierName = createToken({ name: "IdentifierName", pattern: Lexer.NA });

export const Identifier = createToken({
  name: "Identifier",
  pattern: matchIdentifier,
  start_chars_hint: identifierStartHints(),
  categories: [IdentifierName],
  line_breaks: false,
});

/**
 * Keywords are lexed as identifiers and re-typed afterwards (see `lexer.ts`), which is faster than
 * one `longer_alt` pattern per keyword and treats `\u0069f` as an identifier, as §12.7 requires.
 */
function keyword(name: string, image: string, categories: TokenType[] = []): TokenType {
  const type = createToken({ name, pattern: Lexer.NA, categories: [IdentifierName, ...categories], label: `'${image}'` });
  KEYWORDS.set(image, type);
  return type;
}
export const KEYWORDS = new Map<string, TokenType>();

export const BinaryOperator = createToken({ name: "BinaryOperator", pattern: Lexer.NA });
export const AssignmentOperator = createToken({ name: "AssignmentOperator", pattern: Lexer.NA });
export const UnaryOperator = createToken({ name: "UnaryOperator", pattern: Lexer.NA });
export const UpdateOperator = createToken({ name: "UpdateOperator", pattern: Lexer.NA });

export const Break = keyword("Break", "break");
export const Case = keyword("Case", "case");
export const Catch = keyword("Catch", "catch");
export const Class = keyword("Class", "class");
export const Const = keyword("Const", "const");
export const Continue = keyword("Continue", "continue");
export const Debugger = keyword("Debugger", "debugger");
export const Default = keyword("Default", "default");
export const Delete = keyword("Delete", "delete", [UnaryOperator]);
export const Do = keyword("Do", "do");
export const Else = keyword("Else", "else");
export const Enum = keyword("Enum", "enum");
export const Export = keyword("Export", "export");
export const Extends = keyword("Extends", "extends");
export const False = keyword("False", "false");
export const Finally = keyword("Finally", "finally");
export const For = keyword("For", "for");
export const Function = keyword("Function", "function");
export const If = keyword("If", "if");
export const Import = keyword("Import", "import");
export const In = keyword("In", "in", [BinaryOperator]);
export const Instanceof = keyword("Instanceof", "instanceof", [BinaryOperator]);
export const Let = keyword("Let", "let");
export const New = keyword("New", "new");
export const Null = keyword("Null", "null");
export const Return = keyword("Return", "return");
export const Super = keyword("Super", "super");
export const Switch = keyword("Switch", "switch");
export const This = keyword("This", "this");
export const Throw = keyword("Throw", "throw");
export const True = keyword("True", "true");
export const Try = keyword("Try", "try");
export const Typeof = keyword("Typeof", "typeof", [UnaryOperator]);
export const Var = keyword("Var", "var");
export const Void = keyword("Void", "void", [UnaryOperator]);
export const While = keyword("While", "while");
export const With = keyword("With", "with");

function punctuator(name: string, image: string, categories: TokenType[] = []): TokenType {
  return createToken({ name, pattern: image, categories, label: `'${image}'` });
}

export const LBrace = punctuator("LBrace", "{");
export const RBrace = punctuator("RBrace", "}");
export const LParen = punctuator("LParen", "(");
export const RParen = punctuator("RParen", ")");
export const LBracket = punctuator("LBracket", "[");
export const RBracket = punctuator("RBracket", "]");
export const Ellipsis = punctuator("Ellipsis", "...");
export const Semicolon = punctuator("Semicolon", ";");
export const Comma = punctuator("Comma", ",");
export const Arrow = punctuator("Arrow", "=>");
/** `?.` not followed by a digit, so that `a?.5:b` stays a conditional (§12.8 OptionalChainingPunctuator). */
export const QuestionDot = createToken({ name: "QuestionDot", pattern: /\?\.(?!\d)/, label: "'?.'" });
export const Question = punctuator("Question", "?");
export const Colon = punctuator("Colon", ":");
export const Dot = punctuator("Dot", ".");

const assignment = (name: string, image: string) => punctuator(name, image, [AssignmentOperator]);
export const UnsignedRightShiftAssign = assignment("UnsignedRightShiftAssign", ">>>=");
export const ExponentAssign = assignment("ExponentAssign", "**=");
export const LeftShiftAssign = assignment("LeftShiftAssign", "<<=");
export const RightShiftAssign = assignment("RightShiftAssign", ">>=");
export const AndAssign = assignment("AndAssign", "&&=");
export const OrAssign = assignment("OrAssign", "||=");
export const NullishAssign = assignment("NullishAssign", "??=");

const binary = (name: string, image: string, extra: TokenType[] = []) =>
  punctuator(name, image, [BinaryOperator, ...extra]);
export const StrictEquals = binary("StrictEquals", "===");
export const StrictNotEquals = binary("StrictNotEquals", "!==");
export const UnsignedRightShift = binary("UnsignedRightShift", ">>>");
export const Equals = binary("Equals", "==");
export const NotEquals = binary("NotEquals", "!=");
export const LessEquals = binary("LessEquals", "<=");
export const GreaterEquals = binary("GreaterEquals", ">=");
export const LogicalAnd = binary("LogicalAnd", "&&");
export const LogicalOr = binary("LogicalOr", "||");
export const Nullish = binary("Nullish", "??");
export const Increment = punctuator("Increment", "++", [UpdateOperator]);
export const Decrement = punctuator("Decrement", "--", [UpdateOperator]);
export const LeftShift = binary("LeftShift", "<<");
export const RightShift = binary("RightShift", ">>");
export const Exponent = binary("Exponent", "**");
export const PlusAssign = assignment("PlusAssign", "+=");
export const MinusAssign = assignment("MinusAssign", "-=");
export const MultiplyAssign = assignment("MultiplyAssign", "*=");
/** `/=` and `/` where an operator is expected; elsewhere a `/` starts a regular expression. */
export const DivideAssign = createToken({
  name: "DivideAssign",
  pattern: division("/="),
  start_chars_hint: ["/"],
  categories: [AssignmentOperator],
  label: "'/='",
  line_breaks: false,
});
export const ModuloAssign = assignment("ModuloAssign", "%=");
export const BitAndAssign = assignment("BitAndAssign", "&=");
export const BitOrAssign = assignment("BitOrAssign", "|=");
export const BitXorAssign = assignment("BitXorAssign", "^=");
export const Less = binary("Less", "<");
export const Greater = binary("Greater", ">");
export const Plus = binary("Plus", "+", [UnaryOperator]);
export const Minus = binary("Minus", "-", [UnaryOperator]);
export const Multiply = binary("Multiply", "*");
export const Divide = createToken({
  name: "Divide",
  pattern: division("/"),
  start_chars_hint: ["/"],
  categories: [BinaryOperator],
  label: "'/'",
  line_breaks: false,
});
export const Modulo = binary("Modulo", "%");
export const BitAnd = binary("BitAnd", "&");
export const BitOr = binary("BitOr", "|");
export const BitXor = binary("BitXor", "^");
export const Not = punctuator("Not", "!", [UnaryOperator]);
export const BitNot = punctuator("BitNot", "~", [UnaryOperator]);
export const Assign = punctuator("Assign", "=");

/** The significant and comment token types in lexing order, after whitespace. */
const restTokens: TokenType[] = [
  MultiLineComment,
  UnterminatedComment,
  SingleLineComment,
  HtmlOpenComment,
  HtmlCloseComment,
  DivideAssign,
  Divide,
  RegularExpressionLiteral,
  UnterminatedRegularExpression,
  NoSubstitutionTemplate,
  TemplateHead,
  UnterminatedTemplate,
  TemplateMiddle,
  TemplateTail,
  UnterminatedTemplateTail,
  StringLiteral,
  UnterminatedString,
  NumericLiteral,
  IdentifierName,
  Identifier,
  ...KEYWORDS.values(),
  BinaryOperator,
  AssignmentOperator,
  UnaryOperator,
  UpdateOperator,
  LBrace,
  RBrace,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Ellipsis,
  Semicolon,
  Comma,
  Arrow,
  QuestionDot,
  UnsignedRightShiftAssign,
  ExponentAssign,
  LeftShiftAssign,
  RightShiftAssign,
  AndAssign,
  OrAssign,
  NullishAssign,
  StrictEquals,
  StrictNotEquals,
  UnsignedRightShift,
  Equals,
  NotEquals,
  LessEquals,
  GreaterEquals,
  LogicalAnd,
  LogicalOr,
  Nullish,
  Question,
  Colon,
  Dot,
  Increment,
  Decrement,
  LeftShift,
  RightShift,
  Exponent,
  PlusAssign,
  MinusAssign,
  MultiplyAssign,
  ModuloAssign,
  BitAndAssign,
  BitOrAssign,
  BitXorAssign,
  Less,
  Greater,
  Plus,
  Minus,
  Multiply,
  Modulo,
  BitAnd,
  BitOr,
  BitXor,
  Not,
  BitNot,
  Assign,
];

/** The token types in lexing order; whitespace is kept. */
export const allTokens: TokenType[] = [Whitespace, LineTerminator, ...restTokens];

/** The token types in lexing order; whitespace is skipped. */
export const parseTokens: TokenType[] = [SkippedAsciiSpace, SkippedWhitespace, SkippedLineTerminator, ...restTokens];

/** Tokens the lexer produces but that stand for a lexical error; `lexer.ts` reports and re-types them. */
export const UNTERMINATED: ReadonlyMap<TokenType, { readonly as: TokenType; readonly message: string }> = new Map([
  [UnterminatedComment, { as: MultiLineComment, message: "unterminated comment" }],
  [UnterminatedRegularExpression, { as: RegularExpressionLiteral, message: "unterminated regular expression" }],
  [UnterminatedTemplate, { as: NoSubstitutionTemplate, message: "unterminated template literal" }],
  [UnterminatedTemplateTail, { as: TemplateTail, message: "unterminated template literal" }],
  [UnterminatedString, { as: StringLiteral, message: "unterminated string literal" }],
]);

export type { IToken };
