import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createLexer, tokenize } from "../../grammar/lexer.js";
import { NUMERIC_LITERAL, STRING_CHARS } from "../../grammar/tokens.js";

const lexer = createLexer({ validate: true });

function kinds(text: string): string[] {
  return tokenize(text, lexer).tokens.map((t) => `${t.tokenType.name === "RegularExpressionLiteral" ? "re" : t.tokenType.name === "Divide" ? "div" : t.image}`);
}

describe("the lexer", () => {
  test("builds with Chevrotain's validations and first-character optimization", () => {
    expect(() => createLexer({ validate: true, keepWhitespace: true })).not.toThrow();
  });

  test.each([
    ["a / b / c", ["a", "div", "b", "div", "c"]],
    ["x = /re/g.test(s)", ["x", "=", "re", ".", "test", "(", "s", ")"]],
    ["if (x) /re/.test(y)", ["if", "(", "x", ")", "re", ".", "test", "(", "y", ")"]],
    ["(a + b) / 2", ["(", "a", "+", "b", ")", "div", "2"]],
    ["f(x) / 2", ["f", "(", "x", ")", "div", "2"]],
    ["}\n/re/.exec(u)", ["}", "re", ".", "exec", "(", "u", ")"]],
    ["x = {} / 2", ["x", "=", "{", "}", "div", "2"]],
    ["a[0] / 2", ["a", "[", "0", "]", "div", "2"]],
    ["i++ / 2", ["i", "++", "div", "2"]],
    ["return /x/", ["return", "re"]],
    ["typeof /x/", ["typeof", "re"]],
    ["x = /[/]/", ["x", "=", "re"]],
    ["x = /\\//", ["x", "=", "re"]],
    ["`a${ {b: 1} }c` / 2", ["`a${", "{", "b", ":", "1", "}", "}c`", "div", "2"]],
    ["for (x of /a/g) ;", ["for", "(", "x", "of", "re", ")", ";"]],
    ["of / 2", ["of", "div", "2"]],
  ])("lexes %j by the context of the slash", (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  test("marks tokens that follow a line terminator, including one inside a comment", () => {
    const { tokens, lineBreakBefore } = tokenize("a\nb /* x\n */ c // d\r\ne\u2028f g", lexer);
    expect(tokens.map((t) => `${t.image}${lineBreakBefore.has(t.startOffset) ? "^" : ""}`)).toEqual(["a", "b^", "c^", "e^", "f^", "g"]);
  });

  test("re-types keywords but leaves escaped ones and keyword-like names as identifiers", () => {
    const { tokens } = tokenize("if iffy \\u0069f of let x", lexer);
    expect(tokens.map((t) => t.tokenType.name)).toEqual(["If", "Identifier", "Identifier", "Identifier", "Let", "Identifier"]);
  });

  test("reads `let` as a keyword only before a binding name, `[` or `{`: elsewhere it is a sloppy-mode identifier", () => {
    const names = (text: string) => tokenize(text, lexer).tokens.filter((t) => t.image === "let").map((t) => t.tokenType.name);
    expect(names("let a; let [b] = c; let {d} = e; let\nf = 1")).toEqual(["Let", "Let", "Let", "Let"]);
    expect(names("if (p) let = host; x = let + 1; let; f(let)")).toEqual(["Identifier", "Identifier", "Identifier", "Identifier"]);
  });

  test("reports unterminated literals once and keeps lexing", () => {
    const { tokens, errors } = tokenize("a = 'x\nb = \"y\nc = /z\nd = `w", lexer);
    expect(errors.map((e) => e.message)).toEqual([
      "unterminated string literal",
      "unterminated string literal",
      "unterminated regular expression",
      "unterminated template literal",
    ]);
    expect(tokens.map((t) => t.image).filter((i) => /^[abcd]$/.test(i))).toEqual(["a", "b", "c", "d"]);
  });

  test("reports an unexpected character without a token dump", () => {
    expect(tokenize("a # b", lexer).errors).toEqual([{ offset: 2, length: 1, message: "unexpected character '#'" }]);
    expect(tokenize("a \u0000 b", lexer).errors[0]?.message).toBe("unexpected character U+0000");
  });

  test("lexes numbers of every form and rejects an identifier glued to one", () => {
    expect(kinds("0x1F 0o17 0b11 1_000 .5 1e-3 010 09.5 10n")).toEqual(["0x1F", "0o17", "0b11", "1_000", ".5", "1e-3", "010", "09.5", "10n"]);
    expect(kinds("010.toString")).toEqual(["010", ".", "toString"]);
    expect(tokenize("3in x", lexer).errors[0]?.message).toBe("identifier directly after number");
  });

  test("lexes non-ASCII identifiers and whitespace", () => {
    expect(kinds("caf\u00e9\u00a0=\u3000\u03c0")).toEqual(["caf\u00e9", "=", "\u03c0"]);
  });
});

describe("function bodies", () => {
  test.each([
    ["x = function () {} / 2", ["x", "=", "function", "(", ")", "{", "}", "div", "2"]],
    ["function f() {}\n/re/.test(u)", ["function", "f", "(", ")", "{", "}", "re", ".", "test", "(", "u", ")"]],
    ["x = function (a = function () {}) { return /r/ } / 2", ["x", "=", "function", "(", "a", "=", "function", "(", ")", "{", "}", ")", "{", "return", "re", "}", "div", "2"]],
  ])("lexes %j", (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  test("gives every identifier token its own name, whichever names share a slot of the image table", () => {
    // 3,000 names in a 1,024-slot table: many share a slot, and each must still get its own.
    const many = Array.from({ length: 3000 }, (_, i) => `n${i.toString(36)}`);
    expect(tokenize(many.join(" "), lexer).tokens.map((t) => t.image)).toEqual(many);
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z_$][\w$]{0,14}$/), { minLength: 1, maxLength: 300 }), (names) => {
        expect(tokenize(names.join("\n"), lexer).tokens.map((t) => t.image)).toEqual(names);
      }),
    );
  });

  // The ECMA-262 patterns that the hand-written string and number scanners of grammar/tokens.ts stand for.
  const STRING = new RegExp(`"${STRING_CHARS('"')}"|'${STRING_CHARS("'")}'`, "y");
  const NUMBER = new RegExp(NUMERIC_LITERAL.source, "y");

  /** The image of the first token of `text`, when it is of type `name`, starts the text and is not an unterminated one re-typed. */
  function firstImage(text: string, name: string): string | undefined {
    const { tokens, errors } = tokenize(text, lexer);
    const token = tokens[0];
    const unterminated = errors.some((e) => e.offset === 0 && e.message.startsWith("unterminated"));
    return token?.startOffset === 0 && token.tokenType.name === name && !unterminated ? token.image : undefined;
  }

  test("lexes a string literal exactly where the §12.9.4 pattern matches", () => {
    fc.assert(
      fc.property(fc.constantFrom('"', "'"), fc.array(fc.constantFrom('"', "'", "\\", "\n", "\r", "a", " ", "\u2028")), (quote, chars) => {
        const text = quote + chars.join("");
        STRING.lastIndex = 0;
        expect(firstImage(text, "StringLiteral")).toBe(STRING.exec(text)?.[0]);
      }),
      { numRuns: 2000 },
    );
  });

  test("lexes a numeric literal exactly where the §12.9.3 and Annex B.1.1 pattern matches", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("0", "1", "7", "8", "9", ".", "_", "e", "E", "+", "n", "x", "X", "o", "b", "B", "f", " ")), (chars) => {
        const text = chars.join("");
        NUMBER.lastIndex = 0;
        expect(firstImage(text, "NumericLiteral")).toBe(NUMBER.exec(text)?.[0]);
      }),
      { numRuns: 3000 },
    );
    for (const text of ["0", "1", "8080", "0x1F", "0o7", "0b1", "010", "08", "09.5", "1_000", "1n", "1.5", "1e3", ".5", "5.", "0.1"]) {
      NUMBER.lastIndex = 0;
      expect(firstImage(`${text};`, "NumericLiteral")).toBe(NUMBER.exec(text)?.[0]);
    }
  });
});
