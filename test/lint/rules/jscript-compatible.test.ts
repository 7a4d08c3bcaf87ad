import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSourceFile } from "../../../src/source/source-file.js";
import type { Node } from "../../../src/syntax/ast.js";
import { parse } from "../../../src/syntax/parse.js";
import { childNodes } from "../../../src/syntax/walk.js";
import { lintOne } from "../helpers.js";

const id = "jscript-compatible";
const wrap = (body: string): string => `function FindProxyForURL(url, host) {\n${body}\n  return "DIRECT";\n}\n`;

describe(id, { timeout: 60_000 }, () => {
  it.each([
    ["let", '  let a = 1;', '"let" is ES2015 syntax'],
    ["const", '  const a = 1;', '"const" is ES2015 syntax'],
    ["arrow", "  var f = (a) => a;", "An arrow function is ES2015 syntax"],
    ["template", "  var s = `x${host}`;", "A template string is ES2015 syntax"],
    ["spread", "  var a = [].concat([...[1]]);", "Spread (...) is ES2015 syntax"],
    ["destructuring", "  var [a, b] = [1, 2];", "Destructuring is ES2015 syntax"],
    ["for-of", "  for (var x of [1]) {}", "for...of is ES2015 syntax"],
    ["optional chaining", "  var n = host?.length;", "Optional chaining (?.) is ES2020 syntax"],
    ["nullish coalescing", '  var n = host ?? "";', "The ?? operator is ES2020 syntax"],
    ["getter", "  var o = { get x() { return 1; } };", "A getter is ES5 syntax"],
    ["shorthand", "  var o = { host };", "A shorthand property is ES2015 syntax"],
  ])("reports %s", async (_, body, message) => {
    const diagnostics = await lintOne(id, wrap(body));
    expect(diagnostics.map((d) => d.message.split(";")[0])).toEqual([message]);
  });

  it.each([
    ["host.startsWith(\"a\")", ".startsWith() is ES2015"],
    ["host.trim()", ".trim() is ES5"],
    ["[1, 2].indexOf(1)", "Array.prototype.indexOf() is ES5"],
    ["Object.keys({})", "Object.keys() is ES5"],
    ["JSON.stringify(host)", "JSON is ES5"],
  ])("reports the library call %s", async (call, message) => {
    const diagnostics = await lintOne(id, wrap(`  var r = ${call};`));
    expect(diagnostics.map((d) => d.message.split(";")[0])).toEqual([message]);
  });

  it("accepts String.prototype.indexOf, which is ES3", async () => {
    expect(await lintOne(id, wrap('  var i = host.indexOf(".");'))).toEqual([]);
  });

  it("reports a trailing comma in object and array literals at the comma", async () => {
    const diagnostics = await lintOne(id, "var o = { a: 1, };\nvar a = [1, 2,];\n");
    expect(diagnostics.map((d) => [d.start.line, d.start.column, d.message])).toEqual([
      [1, 15, "Trailing comma in an object literal: JScript (ES3) stops with a syntax error"],
      [2, 14, "Trailing comma in an array literal: JScript (ES3) counts an extra undefined element"],
    ]);
  });

  it("reports ES3 reserved words used as property names", async () => {
    const diagnostics = await lintOne(id, "var o = { default: 1 };\nvar d = o.default;\n");
    expect(diagnostics.map((d) => d.messageId)).toEqual(["reservedName", "reservedName"]);
  });

  it("is off under the chromium and node profiles", async () => {
    for (const profile of ["chromium", "node"] as const) expect(await lintOne(id, wrap("  const a = () => 1;"), profile)).toEqual([]);
  });
});

describe(`${id} and destructuring`, () => {
  it("reports a destructuring pattern once, defaults and rests inside it included", async () => {
    const diagnostics = await lintOne(id, "var o = {};\nfunction f() {\n  var { a = 1, b: [c, ...d] } = o;\n}\n");
    expect(diagnostics.map((d) => d.message.split(";")[0])).toEqual(["Destructuring is ES2015 syntax"]);
  });
});

describe("jscript-compatible trailing commas", () => {
  /** Separators a lexer skips: whitespace of every kind, and comments of every kind. */
  const gap = fc.array(fc.constantFrom(" ", "\t", "\n", "\r\n", "\u00a0", "\u2028", "\ufeff", "/* , */", "/*]*/", "// ,\n", "<!-- ,\n"), {
    maxLength: 3,
  });
  const element = fc.constantFrom('"a"', '","', "1", "/,/", "[]", "[1,]", "{}", "{ a: 1, }", "x");

  it("reports exactly the trailing commas the token list shows", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(element, gap, gap), { maxLength: 3 }),
        fc.boolean(),
        fc.boolean(),
        gap,
        async (items, object, trailing, last) => {
          const parts = items.map(([value, before, after], i) => `${before.join("")}${object ? `k${i}: ` : ""}${value}${after.join("")}`);
          const inner = parts.join(",") + (trailing && parts.length > 0 ? "," : "") + last.join("");
          const text = `var x = 1;\nvar v = ${object ? `({${inner}})` : `[${inner}]`};\n`;
          const parsed = parse(createSourceFile(text));
          if (!parsed.ok) return;
          // The reference: a node whose closing bracket follows a "," token.
          const expected: number[] = [];
          const tokens = parsed.tokens;
          const visit = (node: Node): void => {
            if (node.type === "ArrayExpression" || node.type === "ObjectExpression") {
              const closing = tokens.findIndex((t) => t.range[1] === node.range[1]);
              const comma = tokens[closing - 1];
              if (closing > 0 && comma?.value === ",") expected.push(comma.range[0]);
            }
            for (const child of childNodes(node)) visit(child);
          };
          visit(parsed.program);
          const reported = (await lintOne("jscript-compatible", text)).filter((d) => d.messageId === "trailingComma").map((d) => d.range[0]);
          expect(reported.sort((a, b) => a - b), text).toEqual(expected.sort((a, b) => a - b));
        },
      ),
      { numRuns: 300 },
    );
  });
});
