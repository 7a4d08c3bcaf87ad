import type { CstNode, IToken } from "chevrotain";
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

  test("holds a lone identifier, string or number that is a whole expression as a bare token, a lone call chain as a unaryExpression", () => {
    const parser = new PacParser({ recoveryEnabled: false });
    parser.input = tokenize("if (a) return 'DIRECT'; else if (f(a)) return p\n(q); b, 1; f(a).b[c] + 1;").tokens;
    const cst = parser.program();
    expect(parser.errors).toEqual([]);
    const kind = (item: CstNode | IToken) => ("image" in item ? item.image : item.name);
    const expressions = (node: CstNode | IToken | undefined) =>
      node !== undefined && !("image" in node) ? (node.children["assignmentExpression"] ?? []).map(kind) : [];
    const [ifStatement] = cst.children["statement"] ?? [];
    expect(expressions(ifStatement)).toEqual(["a", "unaryExpression"]);
    const [first, second] = ifStatement !== undefined && !("image" in ifStatement) ? (ifStatement.children["consequent"] ?? []) : [];
    expect(expressions(first)).toEqual(["'DIRECT'"]);
    // `p` then `(q)` on the next line is a call: the line break does not end the expression.
    expect(expressions(second)).toEqual(["unaryExpression"]);
    expect(expressions(cst.children["statement"]?.[1])).toEqual(["b", "assignmentExpression"]);
    expect(expressions(cst.children["statement"]?.[2])).toEqual(["assignmentExpression"]);
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
