import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createSourceFile, positionAt } from "../../src/source/source-file.js";
import { allTokens, parse } from "../../src/syntax/parse.js";
import { VISITOR_KEYS, walk } from "../../src/syntax/walk.js";

/** Text built from PAC-ish fragments, so that arbitrary input reaches deep into the grammar. */
const fragments = fc.constantFrom("if", "(", ")", "{", "}", "x", "/", "/re/", "'s", '"t"', "`a${", "}`", "\n", "\r\n", " ", ";", "=", "=>", "?.", "return", "function", ",", "[", "]", "/*", "*/", "//", "1", ".", "\u2028", "\ufeff", "#");
const pacish = fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join(""));
const text = fc.oneof(pacish, fc.string({ maxLength: 60 }), fc.string({ unit: "binary", maxLength: 30 }));

describe("parse on arbitrary input", () => {
  test("never throws, and every error is located inside the text with a matching position", () => {
    fc.assert(
      fc.property(text, (input) => {
        const result = parse(input);
        const source = createSourceFile(input);
        if (result.ok) return;
        expect(result.errors.length).toBeGreaterThan(0);
        for (const error of result.errors) {
          expect(error.range[0]).toBeGreaterThanOrEqual(0);
          expect(error.range[1]).toBeLessThanOrEqual(input.length);
          expect(error.range[0]).toBeLessThanOrEqual(error.range[1]);
          expect(error.start).toEqual(positionAt(source, error.range[0]));
          expect(error.message).not.toMatch(/-->|<--|Expecting/);
          expect(error.frame).toContain("^");
        }
      }),
      { numRuns: 1500 },
    );
  }, 60_000);

  test("accepted input has nested, in-bounds ranges on every node", () => {
    fc.assert(
      fc.property(text, (input) => {
        const result = parse(input);
        if (!result.ok) return;
        const stack: [number, number][] = [];
        const check = (node: { range: readonly [number, number] }) => {
          const [start, end] = node.range;
          expect(0 <= start && start <= end && end <= input.length).toBe(true);
          const parent = stack[stack.length - 1];
          if (parent) expect(parent[0] <= start && end <= parent[1]).toBe(true);
        };
        let visited = 0;
        const enter = (node: { range: readonly [number, number] }) => {
          check(node);
          stack.push([node.range[0], node.range[1]]);
          visited++;
        };
        const listeners = Object.fromEntries(Object.keys(VISITOR_KEYS).flatMap((type) => [[type, enter], [`${type}:exit`, () => stack.pop()]]));
        walk(result.program, listeners);
        expect(visited).toBeGreaterThan(0);
        expect(stack).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  }, 60_000);

  test("all tokens and trivia concatenate back to the input", () => {
    fc.assert(
      fc.property(text, (input) => {
        expect(allTokens(input).map((t) => t.value).join("")).toBe(input);
      }),
      { numRuns: 1500 },
    );
  }, 60_000);
});
