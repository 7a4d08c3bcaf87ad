import { describe, expect, test } from "vitest";
import { compilePac } from "../../src/evaluate/index.js";
import { findModernSyntax } from "../../src/evaluate/es5.js";
import { instrument } from "../../src/evaluate/instrument.js";
import { findDefinitions } from "../../src/pac/entry-points.js";
import { collect } from "../../src/analyze/collect.js";
import { parse } from "../../src/syntax/parse.js";
import { preorder, walk } from "../../src/syntax/walk.js";

/** CI sizes; `npm run test:large` runs the sizes of issue #18 (PACDO_LARGE=1). */
const LARGE = process.env["PACDO_LARGE"] === "1";
const DEEP = LARGE ? 100_000 : 5_000;

/** Every form that nests: each takes `inner` and wraps it once. */
const NESTING: Record<string, readonly [open: string, close: string]> = {
  parentheses: ["(", ")"],
  "array literals": ["[", "]"],
  "object literals": ["{a: ", "}"],
  "call arguments": ["f(", ")"],
  "index expressions": ["a[", "]"],
  "function expressions": ["function () { return ", "; }"],
  "arrow functions": ["() => ", ""],
  "conditional branches": ["h ? 1 : ", ""],
  "conditional tests": ["(", " ? 1 : 2)"],
  assignments: ["a = ", ""],
  "new expressions": ["new ", ""],
  "template substitutions": ["`${", "}`"],
  "comma expressions in parentheses": ["(1, ", ")"],
  "unary operators on parentheses": ["!(", ")"],
  "right-hand sides in parentheses": ["1 + (", ")"],
};

const STATEMENTS: Record<string, readonly [open: string, close: string]> = {
  blocks: ["{", "}"],
  "if bodies": ["if (h) ", ""],
  "while loops": ["while (h) ", ""],
  "for loops": ["for (;;) ", ""],
  "do-while loops": ["do ", " while (h);"],
  labels: ["l: ", ""],
  "with statements": ["with (o) ", ""],
  "try blocks": ["try {", "} finally {}"],
  "switch cases": ["switch (h) { case 1: ", "}"],
  "function declarations": ["function f() {", "}"],
};

function nested([open, close]: readonly [string, string], depth: number, inner: string): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

describe("deep nesting", () => {
  test.each(Object.entries(NESTING))("of %s ends in one error on the line where the limit is reached, never a RangeError", (_, form) => {
    const result = parse(`var ok = 1;\nx = ${nested(form, DEEP, "1")};\n`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toMatch(/^the script nests too deeply to parse \(more than 400 levels of the grammar\)$/);
    expect(result.errors[0]?.start.line).toBe(2);
  });

  test.each(Object.entries(STATEMENTS))("of %s ends in one error on the line where the limit is reached", (_, form) => {
    const result = parse(`var ok = 1;\n${nested(form, DEEP, ";")}\n`);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]?.message).toMatch(/^the script nests too deeply to parse/);
      expect(result.errors[0]?.start.line).toBe(2);
    }
  });

  // Nested labels must differ, so they are left out here.
  test.each(Object.entries({ ...NESTING, ...STATEMENTS }).filter(([name]) => name !== "labels"))("of %s 40 levels deep parses", (name, form) => {
    const text = name in STATEMENTS ? nested(form, 40, ";") : `x = ${nested(form, 40, "1")};`;
    const result = parse(text);
    expect(result.ok ? "ok" : result.errors[0]?.message).toBe("ok");
  });

  test("of prefix operators ends in one error naming the limit", () => {
    for (const operators of ["!", "-", "~", "typeof ", "- "]) {
      const result = parse(`var ok = 1;\nx = ${operators.repeat(DEEP)}1;`);
      expect(result.ok).toBe(false);
      if (!result.ok) expect([result.errors[0]?.message, result.errors[0]?.start.line]).toEqual(["more than 100 prefix operators in a row", 2]);
    }
    expect(parse(`x = ${"!".repeat(100)}1;`).ok).toBe(true);
  });

  test("of '**' (right-associative, so nested) ends in one error naming the limit", () => {
    const result = parse(`var ok = 1;\nx = ${Array(DEEP).fill("2").join(" ** ")};`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect([result.errors[0]?.message, result.errors[0]?.start.line]).toEqual(["more than 100 '**' operators in a row", 2]);
    expect(parse(`x = ${Array(101).fill("2").join(" ** ")};`).ok).toBe(true);
  });
});

/** The chains generators emit: flat in the source, as deep as they are long in the tree. */
function chains(scale: number): Record<string, string> {
  const terms = (n: number, f: (i: number) => string, sep: string) => Array.from({ length: n }, (_, i) => f(i)).join(sep);
  return {
    "else-if": `if (host == "h0") return "DIRECT";\n${terms(scale / 2, (i) => `else if (host == "h${i + 1}") return "PROXY p${i}:80";`, "\n")}\nreturn "DIRECT";`,
    "+": `return ${terms(scale * 4, () => '""', " + ")} + "DIRECT";`,
    "||": `if (${terms(scale * 2, (i) => `host == "h${i}"`, " || ")}) return "PROXY p:80"; return "DIRECT";`,
    "&&": `if (${terms(scale * 2, () => "host", " && ")}) return "DIRECT"; return "DIRECT";`,
    "member": `var o = {}; try { o${".b".repeat(scale)}; } catch (e) {} return "DIRECT";`,
    "call": `function f() { return f; } f${"()".repeat(scale)}; return "DIRECT";`,
    "index": `var a = [a]; a${"[0]".repeat(scale)}; return "DIRECT";`,
    "comma": `var x = (${terms(scale * 2, () => "1", ", ")}); return "DIRECT";`,
  };
}

describe("long flat chains", () => {
  const scale = LARGE ? 100_000 : 10_000;
  test.each(Object.entries(chains(scale)))("of %s parse and every walker reads them without recursion", (_, body) => {
    const text = `function FindProxyForURL(url, host) {\n${body}\n}\n`;
    const result = parse(text);
    expect(result.ok ? "ok" : result.errors[0]?.message).toBe("ok");
    if (!result.ok) return;
    let nodes = 0;
    preorder(result.program, () => void nodes++);
    let exits = 0;
    walk(result.program, { "Program:exit": () => void exits++, Literal: () => undefined });
    expect(exits).toBe(1);
    expect(nodes).toBeGreaterThan(scale);
    expect(findModernSyntax(result.program, text)).toBeUndefined();
    expect(findDefinitions(result.program).map((d) => d.name)).toEqual(["FindProxyForURL"]);
    expect(instrument(text, result.program).text.length).toBeGreaterThan(text.length);
    expect(compilePac(text, result.program).instrumented).toBeDefined();
    expect(() => collect(result.program)).not.toThrow();
  }, 60_000);
});
