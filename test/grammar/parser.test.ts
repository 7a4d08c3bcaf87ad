import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CstNode, IToken } from "chevrotain";
import { describe, expect, test } from "vitest";
import { LLkLookaheadStrategy } from "../../grammar/chevrotain.js";
import { tokenize } from "../../grammar/lexer.js";
import { PacParser } from "../../grammar/parser.js";
import { generateRulesPac } from "../bench/parse.js";

const fixtures = new URL("../../fixtures/", import.meta.url).pathname;

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

  test("chooses the same alternatives with its precomputed lookahead as with Chevrotain's own LL(1) lookahead", () => {
    const texts = readdirSync(fixtures, { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".pac"))
      .map((name) => readFileSync(join(fixtures, name), "utf8"));
    texts.push(generateRulesPac(20_000));
    expect(texts.length).toBeGreaterThan(50);
    const ours = new PacParser({ recoveryEnabled: false });
    const chevrotains = new PacParser({ recoveryEnabled: false, lookaheadStrategy: new LLkLookaheadStrategy({ maxLookahead: 1 }) });
    for (const text of texts) {
      const tokens = tokenize(text).tokens;
      ours.input = tokens;
      const cst = ours.program();
      chevrotains.input = tokens;
      expect(cst).toEqual(chevrotains.program());
      expect(ours.errors.map((e) => [e.token.startOffset, e.message])).toEqual(chevrotains.errors.map((e) => [e.token.startOffset, e.message]));
    }
  });
});
