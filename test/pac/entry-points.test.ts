import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findDefinitions, findEntryPointDefinitions, findEntryPoints, findEntryPointSites } from "../../src/pac/entry-points.js";
import { parse } from "../../src/syntax/parse.js";

const ROOT = join(import.meta.dirname, "../..");

function definitions(text: string): { name: string; node: string; value: string; key: string; member?: string }[] {
  const parsed = parse(text);
  if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
  return findDefinitions(parsed.program).map(({ name, node, value, nameRange, member }) => ({
    name,
    node: node.type,
    value: value.type,
    key: text.slice(...nameRange),
    ...(member ? { member } : {}),
  }));
}

describe("findDefinitions", () => {
  it("finds every form of definition, at any depth, in source order", () => {
    const text = [
      "function FindProxyForURL(url, host) { return 'DIRECT'; }",
      "var FindProxyForURLEx = function (url, host) { return 'DIRECT'; };",
      "this['FindProxyForURL'] = FindProxyForURLEx;",
      "(function () { obj.FindProxyForURLEx = 1; FindProxyForURL += ''; function FindProxyForURL() {} })();",
    ].join("\n");
    expect(definitions(text)).toEqual([
      { name: "FindProxyForURL", node: "FunctionDeclaration", value: "FunctionDeclaration", key: "FindProxyForURL" },
      { name: "FindProxyForURLEx", node: "VariableDeclarator", value: "FunctionExpression", key: "FindProxyForURLEx" },
      { name: "FindProxyForURL", node: "AssignmentExpression", value: "Identifier", key: "'FindProxyForURL'", member: "this" },
      { name: "FindProxyForURLEx", node: "AssignmentExpression", value: "Literal", key: "FindProxyForURLEx", member: "other" },
      { name: "FindProxyForURL", node: "AssignmentExpression", value: "Literal", key: "FindProxyForURL" },
      { name: "FindProxyForURL", node: "FunctionDeclaration", value: "FunctionDeclaration", key: "FindProxyForURL" },
    ]);
  });

  it("ignores declarations without a value, computed keys that are not strings, and other names", () => {
    expect(definitions("var FindProxyForURL; this[FindProxyForURL] = 1; function findProxyForURL() {} var x = FindProxyForURL;")).toEqual([]);
  });
});

describe("findEntryPointDefinitions: which definitions give the global entry point its value", () => {
  function read(text: string): { name: string; form?: string; superseded: boolean; reason?: string }[] {
    const parsed = parse(text);
    if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
    const lineOf = (offset: number): number => text.slice(0, offset).split("\n").length;
    return findEntryPointDefinitions(parsed.program).map(({ name, superseded, place }) => ({
      name,
      superseded,
      ...("reason" in place ? { reason: place.reason(lineOf) } : { form: place.form }),
    }));
  }

  it("reads a labelled function declaration as a top-level declaration", () => {
    expect(read("WPAD:\nfunction FindProxyForURL(url, host) { return 'DIRECT'; }\n")).toEqual([
      { name: "FindProxyForURL", superseded: false, form: "function declaration labelled WPAD:" },
    ]);
  });

  it("reads a wrapper assigned through an IIFE's parameter bound to `this` as the entry point, the original as replaced", () => {
    const text = [
      "function FindProxyForURL(url, host) { return 'DIRECT'; }",
      "(function (global) {",
      "  const original = FindProxyForURL;",
      "  global.FindProxyForURL = function (url, host) { return original(url, host).replace(/DIRECT/g, ''); };",
      "})(this);",
    ].join("\n");
    expect(read(text)).toEqual([
      { name: "FindProxyForURL", superseded: true, form: "function declaration" },
      { name: "FindProxyForURL", superseded: false, form: "global.FindProxyForURL = function inside an immediately called function" },
    ]);
  });

  it("keeps an earlier definition when the later one only may run", () => {
    const text = "function FindProxyForURL(u, h) { return 'A'; }\nif (x) FindProxyForURL = function (u, h) { return 'B'; };\n";
    expect(read(text).map((d) => d.superseded)).toEqual([false, false]);
  });

  it("reads `this.F`, `globalThis.F` and `.call(this)` IIFEs as the global object, and leaves locals and other objects out", () => {
    const text = [
      "this.FindProxyForURLEx = function (u, h) { return 'A'; };",
      "(function () { this.FindProxyForURL = function (u, h) { return 'B'; }; }).call(this);",
      "(function () { var FindProxyForURL = function () {}; FindProxyForURL = function () {}; function FindProxyForURLEx() {} })();",
      "config.FindProxyForURL = function () {};",
      "(function (g) { g.FindProxyForURL = function () {}; })({});",
      "globalThis.FindProxyForURLEx = function (u, h) { return 'C'; };",
    ].join("\n");
    expect(read(text)).toEqual([
      { name: "FindProxyForURLEx", superseded: true, form: "this.FindProxyForURLEx = function" },
      { name: "FindProxyForURL", superseded: false, form: "this.FindProxyForURL = function inside an immediately called function" },
      { name: "FindProxyForURLEx", superseded: false, form: "globalThis.FindProxyForURLEx = function" },
    ]);
  });

  it("follows an alias to the top-level function it names", () => {
    expect(read("function impl(url, host) { return 'DIRECT'; }\nthis.FindProxyForURL = impl;\n")).toEqual([
      { name: "FindProxyForURL", superseded: false, form: "function impl, which FindProxyForURL is assigned" },
    ]);
  });
});

describe("lint and fix read the same entry points", () => {
  const fixtures = ["fixtures/fix", "fixtures/hosted", "fixtures/pac", "fixtures/analyze"].flatMap((folder) =>
    readdirSync(join(ROOT, folder))
      .filter((name) => name.endsWith(".pac"))
      .map((name) => join(folder, name)),
  );

  it.each(fixtures)("%s: every function fix injects into is one lint reads as an entry point", (path) => {
    const parsed = parse(readFileSync(join(ROOT, path), "utf8"));
    if (!parsed.ok) return;
    const lintFunctions = new Set(findEntryPoints(parsed.program).map(({ fn }) => fn.body));
    const { sites, unfixable } = findEntryPointSites(parsed.program, () => 1);
    for (const site of sites) expect(lintFunctions.has(site.body)).toBe(true);
    expect(sites.length + unfixable.length).toBeGreaterThan(0);
  });
});
