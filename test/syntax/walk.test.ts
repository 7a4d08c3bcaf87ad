import { describe, expect, test } from "vitest";
import type { Node } from "../../src/syntax/ast.js";
import { parse } from "../../src/syntax/parse.js";
import { childNodes, walk } from "../../src/syntax/walk.js";

function program(text: string) {
  const result = parse(text);
  if (!result.ok) throw new Error(result.errors[0]?.message);
  return result.program;
}

describe("walk", () => {
  test("calls listeners by node type with the parent, and :exit after the children", () => {
    const events: string[] = [];
    walk(program('function F(url, host) { return isPlainHostName(host) ? "DIRECT" : p; }'), {
      CallExpression(node, parent) {
        events.push(`call ${node.callee.type === "Identifier" ? node.callee.name : "?"} in ${parent?.type}`);
      },
      Identifier(node) {
        events.push(`id ${node.name}`);
      },
      "FunctionDeclaration:exit"(node) {
        events.push(`exit ${node.id.name}`);
      },
      "Program:exit"() {
        events.push("done");
      },
    });
    expect(events).toEqual(["id F", "id url", "id host", "call isPlainHostName in ConditionalExpression", "id isPlainHostName", "id host", "id p", "exit F", "done"]);
  });

  test("visits every node exactly once, in source order for statements and expressions", () => {
    const tree = program("var a = [1, , 2], b = { k: a }; for (var i in b) if (i) a[i]++; else { b.k = `x${a}y`; }");
    const seen: Node[] = [];
    const visit = (node: Node) => {
      seen.push(node);
      childNodes(node).forEach(visit);
    };
    visit(tree);
    const walked: Node[] = [];
    const record = (node: Node) => void walked.push(node);
    walk(tree, Object.fromEntries([...new Set(seen.map((n) => n.type))].map((type) => [type, record])));
    expect(walked).toEqual(seen);
    expect(new Set(walked).size).toBe(walked.length);
    const starts = walked.filter((n) => n.type.endsWith("Statement")).map((n) => n.range[0]);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
  });

  test("skips array holes and absent optional children", () => {
    const tree = program("x = [, a]; if (a) b;");
    const types: string[] = [];
    walk(tree, { ArrayExpression: (node) => void types.push(`${node.elements.length}`), IfStatement: (node) => void types.push(`${node.alternate}`) });
    expect(types).toEqual(["2", "null"]);
  });
});
