import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { allTokens, parse } from "../../src/syntax/parse.js";
import { acornParse, expectAcornAgrees, firstDifference, normalize, v8Accepts } from "./acorn-oracle.js";

/**
 * A generator of PAC-like scripts as token lists. Tokens are joined with generated separators
 * (spaces, line breaks, comments, sometimes nothing), so the same tree is tried with and without
 * the line breaks that automatic semicolon insertion and the restricted productions react to, and
 * operands land in both regex and division contexts. Many generated scripts are invalid; the
 * property is that pac-do and acorn agree on which.
 *
 * Lexical declarations only use the names `q` and `r`, each in its own block, and parameter lists
 * have no duplicates: pac-do does not check redeclarations (see docs/grammar.md).
 */
type Tokens = string[];

const join = (...parts: (Tokens | string)[]): Tokens => parts.flatMap((p) => (typeof p === "string" ? [p] : p));

const identifier = fc.constantFrom("a", "b", "c", "host", "url", "x");
const literal = fc.constantFrom("1", "0.5", ".5", "0x1F", "1e3", "010", "'s'", '"DIRECT"', "'a\\'b'", '"\\x41\\u0042"', "/a+b/g", "/[/]/", "/\\//", "/=/", "true", "null", "this", "`t`");
const binaryOperator = fc.constantFrom("+", "-", "*", "/", "%", "**", "<<", ">>", ">>>", "<", ">", "<=", ">=", "==", "!=", "===", "!==", "&", "^", "|", "&&", "||", "??", "in", "instanceof");
const assignmentOperator = fc.constantFrom("=", "+=", "-=", "/=", "*=", "||=", "??=");
const unaryOperator = fc.constantFrom("!", "-", "+", "~", "typeof", "void", "delete");
const params = fc.uniqueArray(fc.constantFrom("a", "b", "c", "d"), { maxLength: 3 }).map((names) => names.flatMap((n, i) => (i === 0 ? [n] : [",", n])));

const { program } = fc.letrec<{ expression: Tokens; statement: Tokens; block: Tokens; program: Tokens }>((tie) => {
  const expression = tie("expression");
  const statement = tie("statement");
  const block = tie("block");
  const simpleTarget = fc.oneof(identifier.map((n) => [n]), fc.tuple(identifier, identifier).map(([o, p]) => [o, ".", p]));
  return {
    expression: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      identifier.map((n) => [n]),
      literal.map((l) => [l]),
      fc.tuple(expression, binaryOperator, expression).map(([l, op, r]) => join(l, op, r)),
      fc.tuple(unaryOperator, expression).map(([op, e]) => join(op, e)),
      fc.tuple(simpleTarget, fc.constantFrom("++", "--")).map(([t, op]) => join(t, op)),
      fc.tuple(fc.constantFrom("++", "--"), simpleTarget).map(([op, t]) => join(op, t)),
      fc.tuple(expression, fc.array(expression, { maxLength: 2 })).map(([callee, args]) => join(callee, "(", args.flatMap((a, i) => (i ? [",", ...a] : a)), ")")),
      fc.tuple(expression, identifier, fc.constantFrom(".", "?.")).map(([o, p, dot]) => join(o, dot, p)),
      fc.tuple(expression, expression).map(([o, p]) => join(o, "[", p, "]")),
      fc.tuple(expression, expression, expression).map(([t, c, a]) => join(t, "?", c, ":", a)),
      fc.tuple(simpleTarget, assignmentOperator, expression).map(([t, op, e]) => join(t, op, e)),
      fc.tuple(expression, expression).map(([a, b]) => join("(", a, ",", b, ")")),
      expression.map((e) => join("(", e, ")")),
      fc.array(fc.option(expression, { nil: undefined }), { maxLength: 3 }).map((items) => join("[", items.flatMap((e, i) => [...(i ? [","] : []), ...(e ?? [])]), "]")),
      fc.tuple(identifier, expression, identifier).map(([k, v, s]) => join("{", k, ":", v, ",", "'k'", ":", "1", ",", s, "}")),
      fc.tuple(params, block).map(([p, b]) => join("function", "(", p, ")", b)),
      fc.tuple(params, expression).map(([p, e]) => join("(", p, ")", "=>", e)),
      fc.tuple(identifier, block).map(([p, b]) => join(p, "=>", b)),
      fc.tuple(expression).map(([e]) => join("`a${", e, "}b`")),
      fc.tuple(identifier, fc.array(expression, { maxLength: 1 })).map(([c, args]) => join("new", c, args.length ? join("(", args[0]!, ")") : [])),
      fc.tuple(fc.constantFrom("[a, b]", "{ a, b: c }", "[, a = 1]"), expression).map(([pattern, e]) => join(pattern, "=", e)),
    ),
    block: fc.array(statement, { maxLength: 3 }).map((body) => join("{", body.flat(), "}")),
    statement: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.tuple(expression, fc.boolean()).map(([e, semi]) => join(e, semi ? [";"] : [])),
      fc.tuple(identifier, expression).map(([n, e]) => join("var", n, "=", e, ";")),
      fc.tuple(fc.constantFrom("let", "const"), fc.constantFrom("q", "r"), expression, block).map(([k, n, e, b]) => join("{", k, n, "=", e, ";", b, "}")),
      fc.tuple(expression, statement, fc.option(statement, { nil: undefined })).map(([t, s, e]) => join("if", "(", t, ")", s, e ? join("else", e) : [])),
      fc.tuple(expression, statement).map(([t, s]) => join("while", "(", t, ")", s)),
      fc.tuple(block, expression).map(([b, t]) => join("do", b, "while", "(", t, ")")),
      fc.tuple(expression, statement).map(([t, s]) => join("for", "(", "var", "i", "=", "0", ";", t, ";", "i", "++", ")", s)),
      fc.tuple(expression, statement, fc.constantFrom("in", "of")).map(([o, s, kw]) => join("for", "(", "var", "k", kw, o, ")", s)),
      fc.tuple(expression, expression, statement).map(([d, c, s]) => join("switch", "(", d, ")", "{", "case", c, ":", s, "break", ";", "default", ":", "}")),
      fc.tuple(block, block).map(([t, f]) => join("try", t, "catch", "(", "err", ")", t, "finally", f)),
      fc.tuple(fc.constantFrom("return", "throw", "break", "continue"), fc.option(expression, { nil: undefined })).map(([kw, e]) => join(kw, e ?? [], ";")),
      fc.tuple(identifier, params, block).map(([n, p, b]) => join("function", `f${n}`, "(", p, ")", b)),
      fc.tuple(block).map(([b]) => join("outer", ":", "for", "(", ";", ";", ")", b)),
      fc.constant([";"]),
      block,
    ),
    program: fc.array(statement, { maxLength: 4 }).map((body) => body.flat()),
  };
});

const separator = fc.constantFrom(" ", " ", " ", " ", "\n", "\n", "", "/* c */", "// c\n", "\r\n", "\t");

const script = fc
  .tuple(program, fc.array(separator, { minLength: 1, maxLength: 64 }))
  .map(([tokens, separators]) => tokens.map((t, i) => t + (separators[i % separators.length] ?? " ")).join(""));

describe("pac-do and acorn agree", () => {
  test("on thousands of generated PAC-like scripts: same verdict, same tree", () => {
    fc.assert(
      fc.property(script, (text) => {
        // Without recovery: the verdict is the same and broken inputs are cheap to reject.
        const ours = parse(text, { recover: false });
        expectAcornAgrees(text, ours);
      }),
      { numRuns: 4000 },
    );
  }, 120_000);

  test.each([
    "f(...a)",
    "f(a, ...b)(...c, d)",
    "f(a,)(b,)()",
    "a?.(b)(c)",
    "a?.b(...c)(d)",
    "new C(...a)(b)",
    "f(a)`t`(b)",
    "a[f(b)](c)[d](e)",
    "f((a), (b))(c)",
    "f(function () { return g(a)(b); }, (x) => h(x)(...y))",
    'f(a)\n(b, "c")\n.d(e)',
    "if (f(a).b[c](d)) e(f); else if (g.if.h) i()",
    "x = function () { return f(a)`t`; }",
    "f(a)\n++b",
    "f({ a: [1, (2)] }, `x${y}z`).g, h(i)?.j",
    "if (f(a)) b; else c(d)\n(e)",
    "if (/^a\\.b$/.test(host)) c; if ('x'.indexOf(y)) z; if (/a/) b",
  ])("on the arguments of chained and optional calls and on lone call chains in %j", (text) => {
    const ours = parse(text);
    const theirs = acornParse(text);
    if (!theirs.ok) throw new Error(theirs.message);
    if (!ours.ok) throw new Error(ours.errors.map((e) => e.message).join("; "));
    expect(firstDifference(normalize(ours.program), normalize(theirs.program))).toBeUndefined();
  });

  test.each([
    'var DOMAINS = {"a.example":1,"b.example":1,"c.example":1};',
    'o = {"a": 1, b: "x", 3: c, d: f(1), "e": 2, get g() { return 1; }, h: i, [j]: 4, k, l: -1, "m": null, n: 1 + 2, p: q,};',
    'o = {a: b => 1, c: d, "e": `t`, f: /r/, "g": 0x1F, h: 010}',
    '({a: b, "c": d, e} = f)',
    "for ({a: b, 'c': d} of e);",
  ])("on object literals whose name: value properties are bare tokens in the CST, mixed with others: %j", (text) => {
    const ours = parse(text);
    const theirs = acornParse(text);
    if (!theirs.ok) throw new Error(theirs.message);
    if (!ours.ok) throw new Error(ours.errors.map((e) => e.message).join("; "));
    expect(firstDifference(normalize(ours.program), normalize(theirs.program))).toBeUndefined();
  });

  test("a regex after a nested block, which acorn rejects, is accepted as V8 accepts it", () => {
    const text = "do { { } /=/ } while ( a ) ";
    expect(acornParse(text).ok).toBe(false);
    expect(v8Accepts(text)).toBe(true);
    const ours = parse(text);
    expect(ours.ok && ours.program.body[0]?.type).toBe("DoWhileStatement");
  });

  test("tokens and trivia of generated scripts concatenate back to the text", () => {
    fc.assert(
      fc.property(script, (text) => {
        const tokens = allTokens(text);
        expect(tokens.map((t) => t.value).join("")).toBe(text);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);
});
