import { describe, expect, it } from "vitest";
import { findDefinitions } from "../../src/pac/entry-points.js";
import { parse } from "../../src/syntax/parse.js";

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
