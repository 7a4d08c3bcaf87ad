import { describe, expect, test } from "vitest";
import type { Program, Statement } from "../../src/syntax/ast.js";
import { parse } from "../../src/syntax/parse.js";
import { createSourceFile } from "../../src/source/source-file.js";

function program(text: string): Program {
  const result = parse(text);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.message}\n${e.frame}`).join("\n"));
  return result.program;
}

function errors(text: string): string[] {
  const result = parse(text);
  if (result.ok) throw new Error(`expected a parse error in ${JSON.stringify(text)}`);
  return result.errors.map((e) => `${e.start.line}:${e.start.column} ${e.message}`);
}

function only(text: string): Statement {
  const body = program(text).body;
  expect(body).toHaveLength(1);
  return body[0]!;
}

describe("parse", () => {
  test("parses an empty file to an empty program", () => {
    expect(program("")).toEqual({ type: "Program", body: [], range: [0, 0] });
    expect(program("  // nothing\n")).toEqual({ type: "Program", body: [], range: [0, 13] });
  });

  test("parses a typical FindProxyForURL with half-open ranges", () => {
    const text = 'function FindProxyForURL(url, host) {\n  if (isPlainHostName(host)) return "DIRECT";\n  return "PROXY p:8080";\n}\n';
    const fn = only(text);
    expect(fn.type).toBe("FunctionDeclaration");
    expect(fn.range).toEqual([0, text.length - 1]);
    if (fn.type !== "FunctionDeclaration") return;
    const [ifStatement, ret] = fn.body.body;
    expect(text.slice(...ifStatement!.range)).toBe('if (isPlainHostName(host)) return "DIRECT";');
    expect(text.slice(...ret!.range)).toBe('return "PROXY p:8080";');
  });

  test("applies operator precedence and associativity", () => {
    const s = only("a || b && c | d ^ e & f == g < h << i + j * k ** l ** m;");
    if (s.type !== "ExpressionStatement") throw new Error(s.type);
    const e = s.expression;
    expect(e.type === "LogicalExpression" && e.operator === "||" && e.right.type === "LogicalExpression" && e.right.operator).toBe("&&");
    const pow = only("a ** b ** c;");
    expect(pow.type === "ExpressionStatement" && pow.expression.type === "BinaryExpression" && pow.expression.right.type).toBe("BinaryExpression");
    const sub = only("a - b - c;");
    expect(sub.type === "ExpressionStatement" && sub.expression.type === "BinaryExpression" && sub.expression.left.type).toBe("BinaryExpression");
  });

  test("tells regular expressions from division", () => {
    const s = only("x = a / b / c;");
    expect(s.type === "ExpressionStatement" && s.expression.type === "AssignmentExpression" && s.expression.right.type).toBe("BinaryExpression");
    const r = only("x = /re/g.test(s);");
    expect(JSON.stringify(r)).toContain('"regex":{"pattern":"re","flags":"g"}');
    expect(JSON.stringify(program("if (x) /re/.test(y);"))).toContain('"pattern":"re"');
    expect(JSON.stringify(program("y = (a + b) / 2 / c;"))).not.toContain("regex");
    expect(JSON.stringify(program("function f() {}\n/[/]/.test(u);"))).toContain('"pattern":"[/]"');
  });

  test("inserts semicolons at line breaks and before }", () => {
    expect(program("a = 1\nb = 2\n").body).toHaveLength(2);
    expect(program("function f() { return 1 }").body).toHaveLength(1);
    const r = program("function f() {\n  return\n  1\n}").body[0];
    expect(r?.type === "FunctionDeclaration" && r.body.body.map((s) => s.type)).toEqual(["ReturnStatement", "ExpressionStatement"]);
    expect(program("a\n++b").body.map((s) => s.type === "ExpressionStatement" && s.expression.type)).toEqual(["Identifier", "UpdateExpression"]);
  });

  test("accepts a BOM-stripped CRLF source and reports positions in it", () => {
    const source = createSourceFile("var a = 1;\r\nif (a {\r\n}\r\n", "x.pac", true);
    const result = parse(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ message: "expected ')' after the condition of 'if'", start: { line: 2, column: 7 } });
    expect(result.errors[0]!.frame).toBe("  2 | if (a {\n    |       ^");
  });

  test("reports clear errors with a code frame", () => {
    expect(errors("if (x {\n}")).toEqual(["1:7 expected ')' after the condition of 'if'"]);
    expect(errors("var s = 'abc\n")).toEqual(["1:9 unterminated string literal"]);
    expect(errors("x = /abc\n")).toEqual(["1:5 unterminated regular expression"]);
    expect(errors("}\n")).toEqual(["1:1 unexpected '}'"]);
    expect(errors("return 1;")).toEqual(["1:1 'return' outside of a function"]);
  });

  test("reports two independent errors in one run", () => {
    expect(errors("var a = (1;\nvar b = 2;\nvar c = 'x\n")).toEqual(["1:11 expected ')' to close '('", "3:9 unterminated string literal"]);
  });
});

describe("restricted productions and ASI (ECMA-262 §12.10)", () => {
  function bodyTypes(text: string): string[] {
    return program(text).body.map((s) => (s.type === "ExpressionStatement" ? s.expression.type : s.type));
  }

  test("a line break after return, break, continue ends the statement", () => {
    const fn = only("function f() { for (;;) { break\nouter; continue\nx } return\n1 }");
    expect(JSON.stringify(fn)).toContain('"type":"BreakStatement","label":null');
    expect(JSON.stringify(fn)).toContain('"type":"ContinueStatement","label":null');
    expect(JSON.stringify(fn)).toContain('"type":"ReturnStatement","argument":null');
  });

  test("a line break after throw is an error", () => {
    expect(errors("function f() { throw\nnew Error() }")).toEqual(["1:16 expected an expression on the same line after 'throw'"]);
  });

  test("a postfix ++ after a line break belongs to the next statement", () => {
    expect(bodyTypes("a\n++\nb")).toEqual(["Identifier", "UpdateExpression"]);
  });

  test("=> may not follow a line break", () => {
    expect(parse("f = (a)\n=> a").ok).toBe(false);
    expect(parse("f = a\n=> a").ok).toBe(false);
  });

  test("no semicolon is inserted inside a for head or when the next line continues the expression", () => {
    expect(parse("for (a\nb;;) {}").ok).toBe(false);
    expect(bodyTypes("a = b\n(c)")).toEqual(["AssignmentExpression"]);
    expect(bodyTypes("x\n[1].map(f)")).toEqual(["CallExpression"]);
  });

  test("a do-while needs no semicolon after its condition", () => {
    expect(bodyTypes("do ; while (a) b")).toEqual(["DoWhileStatement", "Identifier"]);
  });

  test("two expressions on one line are an error at the second", () => {
    expect(errors("a b")).toEqual(["1:3 expected ';' or a line break before 'b'"]);
  });
});

describe("early errors", () => {
  test.each([
    ["break;", "1:1 'break' outside of a loop or switch"],
    ["function f() { continue; }", "1:16 'continue' outside of a loop"],
    ["while (a) { break nope; }", "1:19 undefined label 'nope'"],
    ["a + 1 = 2;", "1:1 invalid assignment target"],
    ["1++;", "1:1 invalid update target"],
    ["-a ** 2;", "1:1 a unary operator before '**' needs parentheses, as in (-a) ** b"],
    ["a ?? b || c;", "1:1 '??' cannot be mixed with '||' or '&&' without parentheses"],
    ["switch (a) { default: default: }", "1:23 more than one 'default' clause in a switch"],
    ["x = { a = 1 };", "1:7 shorthand property with '=' is only valid in destructuring patterns"],
    ["const a;", "1:7 missing initializer in const declaration"],
    ["if (a) let b = 1;", "1:8 'let' declarations are not allowed in a single-statement context"],
    ["while (a) function f() {}", "1:11 a function declaration is not allowed as the body of a loop, 'with' or nested label"],
    ["x = /a(/;", "1:5 invalid regular expression: /a(/: Unterminated group"],
    ["x = '\\x4';", "1:6 invalid hexadecimal escape sequence"],
    ["x = { get a(b) {} };", "1:12 a getter takes no parameters"],
    ["function f(...a, b) {}", "1:12 a rest parameter must be the last parameter"],
    ["new a?.b;", "1:1 an optional chain cannot follow 'new' without arguments"],
  ])("%s", (text, expected) => {
    expect(errors(text)).toEqual([expected]);
  });
});

describe("code frames", () => {
  test("cut a long minified line around the error", () => {
    const text = `var a = ${"1 + ".repeat(100)}(2;`;
    const result = parse(text);
    if (result.ok) throw new Error("expected an error");
    const [line, caret] = result.errors[0]!.frame.split("\n");
    expect(line!.length).toBeLessThan(120);
    expect(line).toMatch(/^ {2}1 \| \.\.\..*\(2;$/);
    expect(caret!.indexOf("^")).toBe(line!.indexOf(";"));
  });

  test("keep tabs so the caret lines up", () => {
    const result = parse("function f() {\n\tif (a {\n}\n}");
    if (result.ok) throw new Error("expected an error");
    expect(result.errors[0]!.frame).toBe("  2 | \tif (a {\n    | \t      ^");
  });
});

describe("large and deep scripts", () => {
  test("parses a 1 MB generated PAC of host rules", async () => {
    const { generateRulesPac } = await import("../bench/parse.js");
    const text = generateRulesPac(1024 * 1024);
    const result = parse(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const fn = result.program.body[1];
    expect(fn?.type === "FunctionDeclaration" && fn.body.body.length).toBeGreaterThan(10_000);
  }, 60_000);

  test("parses an else-if chain of 3,000 branches into nested IfStatements", () => {
    const branches = Array.from({ length: 3000 }, (_, i) => `${i ? "else " : ""}if (host == "h${i}") return "PROXY p${i}:80";`);
    const fn = only(`function FindProxyForURL(url, host) {\n${branches.join("\n")}\nelse return "DIRECT";\n}`);
    let depth = 0;
    let node = fn.type === "FunctionDeclaration" ? fn.body.body[0] : undefined;
    while (node?.type === "IfStatement") {
      depth++;
      node = node.alternate ?? undefined;
    }
    expect(depth).toBe(3000);
    expect(node?.type).toBe("ReturnStatement");
  });

  test("reports nesting deeper than the grammar's limit as an error on the line where it is reached, not an exception", () => {
    const result = parse(`x = 1;\ny = ${"(".repeat(20_000)}1${")".repeat(20_000)};`);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]?.message).toBe("the script nests too deeply to parse (more than 400 levels of the grammar)");
      expect(result.errors[0]?.start.line).toBe(2);
    }
  });
});

describe("errors at the end of the input", () => {
  test("point just after the last token, not at trailing blank lines", () => {
    expect(errors("function f() {\n  return 1;\n\n\n")).toEqual(["2:12 expected '}' to close the function body, found end of file"]);
  });
});

describe("comments", () => {
  test("come back with ESTree values and ranges, HTML-like ones included", () => {
    const text = "/* a */ x; // b\n<!-- c\n--> d\ny /* e\n */";
    const result = parse(text);
    if (!result.ok) throw new Error(result.errors[0]?.message);
    expect(result.comments.map((c) => [c.type, c.value, text.slice(...c.range)])).toEqual([
      ["Block", " a ", "/* a */"],
      ["Line", " b", "// b"],
      ["Line", " c", "<!-- c"],
      ["Line", " d", "--> d"],
      ["Block", " e\n ", "/* e\n */"],
    ]);
    expect(result.program.body).toHaveLength(2);
  });
});
