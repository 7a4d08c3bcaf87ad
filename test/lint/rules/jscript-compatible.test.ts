import { describe, expect, it } from "vitest";
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
