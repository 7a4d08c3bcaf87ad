import { describe, expect, test } from "vitest";
import { tokenize } from "../../grammar/lexer.js";
import { PacParser } from "../../grammar/parser.js";

describe("the grammar", () => {
  test("passes Chevrotain's grammar validations (production skips them for start-up time)", () => {
    expect(() => new PacParser({ recoveryEnabled: true })).not.toThrow();
    expect(() => new PacParser({ recoveryEnabled: false })).not.toThrow();
  });

  test("produces a CST rooted at program", () => {
    const parser = new PacParser({ recoveryEnabled: false });
    parser.input = tokenize("var a = 1;").tokens;
    const cst = parser.program();
    expect(parser.errors).toEqual([]);
    expect(cst.name).toBe("program");
    expect(Object.keys(cst.children)).toEqual(["statement"]);
  });

  test("records a missing semicolon where none may be inserted, and none where one may", () => {
    const parser = new PacParser({ recoveryEnabled: false });
    parser.input = tokenize("a b\nc\nd }").tokens;
    parser.program();
    expect(parser.missingSemicolons.map((t) => t.image)).toEqual(["b"]);
    parser.input = tokenize("a\nb").tokens;
    parser.program();
    expect(parser.missingSemicolons).toEqual([]);
  });
});
