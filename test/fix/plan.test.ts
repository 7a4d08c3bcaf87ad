import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { describe, expect, test } from "vitest";
import { bypasses } from "../../src/fix/block.js";
import { applyEdits, encodeOutput, insertedRanges, type Edit } from "../../src/fix/edits.js";
import { planFix, type FixPlan, type ParsedPac } from "../../src/fix/plan.js";
import { bypassTargets } from "../../src/fix/targets.js";
import { createSourceFile, decodeSource, type SourceFile } from "../../src/source/source-file.js";
import { parse } from "../../src/syntax/parse.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/fix");
const chosen = bypassTargets({});
if (!chosen.ok) throw new Error(chosen.message);
const targets = chosen.targets;

function load(bytes: Uint8Array): SourceFile {
  const decoded = decodeSource(bytes);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.source;
}

/** A parse that succeeds is the planner's input as it is; undefined when the PAC does not parse. */
function parsePac(source: SourceFile): ParsedPac | undefined {
  const parsed = parse(source);
  return parsed.ok ? parsed : undefined;
}

function plan(source: SourceFile): FixPlan {
  const pac = parsePac(source);
  if (!pac) throw new Error("does not parse");
  return planFix(pac, targets);
}

function edits(result: FixPlan): Edit[] {
  if (!result.ok) throw new Error(result.problems.join("\n"));
  return result.sites.flatMap((site) => site.edits);
}

/** The fix as the planner makes it, ignoring the analysis (tested in fix.test.ts). */
function fixText(source: SourceFile): string {
  return applyEdits(source.text, edits(plan(source)));
}

const fixable = readdirSync(FIXTURES).filter((name) => name.endsWith(".pac") && !name.endsWith(".fixed.pac") && readdirSync(FIXTURES).includes(name.replace(/\.pac$/, ".fixed.pac")));

function variants(name: string): { label: string; bytes: Buffer }[] {
  const raw = readFileSync(join(FIXTURES, name));
  const text = load(raw).text;
  const lf = text.replace(/\r\n|\r/g, "\n");
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  return [
    { label: "as stored", bytes: raw },
    { label: "CRLF", bytes: Buffer.from(lf.replace(/\n/g, "\r\n")) },
    { label: "CR", bytes: Buffer.from(lf.replace(/\n/g, "\r")) },
    { label: "BOM + CRLF", bytes: Buffer.concat([bom, Buffer.from(lf.replace(/\n/g, "\r\n"))]) },
  ];
}

describe("planFix on fixtures/fix", () => {
  test.each(fixable)("%s gives its golden .fixed.pac byte for byte", (name) => {
    const source = load(readFileSync(join(FIXTURES, name)));
    const golden = readFileSync(join(FIXTURES, name.replace(/\.pac$/, ".fixed.pac")));
    expect(Buffer.from(encodeOutput(source, fixText(source))).equals(golden)).toBe(true);
  });

  test.each(fixable)("%s: every line-ending and BOM variant keeps its line endings and BOM, and is idempotent", (name) => {
    for (const { label, bytes } of variants(name)) {
      const source = load(bytes);
      const output = fixText(source);
      const fixed = createSourceFile(output, undefined, source.bom);
      expect(fixed.eol, label).toBe(source.eol);
      const breaks = (text: string) => text.match(/\r\n|\n|\r/g) ?? [];
      for (const edit of edits(plan(source))) for (const brk of breaks(edit.text)) expect(brk, label).toBe(source.eol);
      expect(fixText(fixed), label).toBe(output);
      expect(edits(plan(fixed)), label).toEqual([]);
      expect(Buffer.from(encodeOutput(source, output).subarray(0, 3)).equals(Buffer.from([0xef, 0xbb, 0xbf])), label).toBe(source.bom);
    }
  });

  test("injects into the function an IIFE assigns to the global object", () => {
    const result = plan(load(readFileSync(join(FIXTURES, "nested-in-iife.pac"))));
    expect(result.ok && result.sites.map(({ site, line }) => [site.name, site.form, line])).toEqual([
      ["FindProxyForURL", "global.FindProxyForURL = function inside an immediately called function", 2],
    ]);
  });

  test.each([
    ["var make = function () { return function (u, h) { return 'DIRECT'; }; };\nFindProxyForURL = make();\n", "at line 2: FindProxyForURL is given the result of a call at line 2, not a function pac-do can see, so there is no body to put the bypass in"],
    ["function setup() {\n  this.FindProxyForURL = function (u, h) { return 'DIRECT'; };\n}\nsetup();\n", "at line 2: this.FindProxyForURL is assigned inside the function at line 1, which is not called right where it is defined, so pac-do cannot tell whether `this` is the global object"],
    ["(function () {\n  'use strict';\n  this.FindProxyForURL = function (u, h) { return 'DIRECT'; };\n})();\n", "at line 3: this.FindProxyForURL is assigned in strict-mode code at line 1, where `this` is undefined and the assignment throws"],
    ["FindProxyForURL = (u, h) => 'DIRECT';\n", "at line 1: FindProxyForURL is an expression-bodied arrow function; give it a { } body (line 1)"],
  ])("refuses %j with the precise reason", (text, reason) => {
    expect(plan(createSourceFile(text))).toEqual({ ok: false, problems: [`cannot find a place to inject ${reason}`] });
  });

  test("refuses a damaged block whose end marker was deleted", () => {
    const source = createSourceFile('function FindProxyForURL(u, h) {\n  // pac-do:begin v1 catalogue=x\n  return "DIRECT";\n}\n');
    expect(plan(source)).toEqual({ ok: false, problems: [expect.stringMatching(/has no "pac-do:end" marker/)] });
  });

  test("reports a PAC without an entry point", () => {
    expect(plan(createSourceFile("var x = 1;\n"))).toEqual({ ok: false, problems: ["no FindProxyForURL or FindProxyForURLEx function to inject into"] });
  });

  test("updates a block written with other options in place and leaves the rest alone", () => {
    const source = load(readFileSync(join(FIXTURES, "old-version-block.pac")));
    const result = plan(source);
    expect(result.ok && result.sites.map((site) => site.action)).toEqual(["update"]);
    const output = fixText(source);
    expect(output.endsWith('  return "PROXY proxy.example:8080";\n}\n')).toBe(true);
    expect(output).not.toContain("shExpMatch");
  });

  test("moves a block that no longer comes first back to the top", () => {
    const golden = load(readFileSync(join(FIXTURES, "declaration.fixed.pac"))).text;
    const early = '    if (host == "wpad") return "PROXY early:1";\n';
    const displaced = golden.replace(/(function FindProxyForURL\(url, host\) \{\n)/, `$1${early}`);
    const result = plan(createSourceFile(displaced));
    expect(result.ok && result.sites.map((site) => site.action)).toEqual(["move"]);
    const output = fixText(createSourceFile(displaced));
    expect(output).toBe(golden.replace(/(    \/\/ pac-do:end\n)/, `$1${early}`));
    expect(edits(plan(createSourceFile(output)))).toEqual([]);
  });

  test("uses arguments[1] when a body function declaration shadows the host parameter", () => {
    const output = fixText(createSourceFile('function FindProxyForURL(u, h) {\n  function h() {}\n  return "PROXY p:1";\n}\n'));
    expect(output).toContain("String(arguments[1]).toLowerCase()");
  });
});

const identifier = fc.stringMatching(/^[a-zA-Z_$][a-zA-Z0-9_$]{0,6}$/).filter((name) => !["do", "if", "in", "for", "var", "new", "try", "this", "void", "with", "case", "else", "enum", "null", "true", "false", "break", "catch", "class", "const", "super", "throw", "while", "yield", "delete", "export", "import", "public", "return", "static", "switch", "typeof", "default", "extends", "finally", "package", "private", "continue", "debugger", "function", "arguments", "interface", "protected", "implements", "instanceof", "let", "eval", "h"].includes(name));

interface Generated {
  readonly text: string;
  readonly bom: boolean;
}

/** Small PACs in every shape the fixer claims to handle: forms, parameters, layouts, line endings. */
const generatedPac: fc.Arbitrary<Generated> = fc
  .record({
    eol: fc.constantFrom("\n", "\r\n", "\r"),
    bom: fc.boolean(),
    indent: fc.constantFrom("  ", "    ", "\t"),
    oneLine: fc.boolean(),
    params: fc.uniqueArray(identifier, { maxLength: 3 }),
    statements: fc.array(
      fc.constantFrom(
        'if (isPlainHostName(@H)) return "DIRECT";',
        'if (dnsDomainIs(@H, ".corp.example")) return "PROXY corp:8080";',
        'if (shExpMatch(@H, "*.microsoft.com")) return "PROXY ms:8080; DIRECT";',
        "var n = 1;",
        "// a comment",
        "/* a block\ncomment */",
      ),
      { maxLength: 4 },
    ),
    forms: fc.uniqueArray(fc.constantFrom("declaration", "var", "assignment", "this"), { minLength: 1, maxLength: 2 }),
    ex: fc.boolean(),
    header: fc.constantFrom("", "// header\n", 'var proxy = "PROXY p:8080";\n\n'),
  })
  .map(({ eol, bom, indent, oneLine, params, statements, forms, ex, header }) => {
    const host = params[1] ?? "arguments[1]";
    const body = statements.map((s) => s.replace(/@H/g, () => host));
    const fallback = 'return "PROXY proxy.example:8080";';
    const definition = (name: string, form: string): string => {
      const fn = `function (${params.join(", ")}) {`;
      const inner = oneLine ? `${fn}${body.filter((s) => !s.startsWith("//")).join(" ")}${fallback}}` : [fn, ...body.map((s) => indent + s.replace(/\n/g, `\n${indent}`)), indent + fallback, "}"].join("\n");
      switch (form) {
        case "declaration":
          return inner.replace(/^function /, `function ${name}`);
        case "var":
          return `var ${name} = ${inner};`;
        case "assignment":
          return `${name} = ${inner};`;
        default:
          return `this.${name} = ${inner};`;
      }
    };
    const names = ex ? ["FindProxyForURL", "FindProxyForURLEx"] : ["FindProxyForURL"];
    const parts = names.map((name, i) => definition(name, forms[i % forms.length] ?? "declaration"));
    return { text: (header + parts.join("\n\n") + "\n").replace(/\n/g, eol), bom };
  });

/** Loads a PAC in a bare VM with simple helper stand-ins (the block itself needs none); returns a caller. */
function loadPac(text: string): (name: string, host: string) => string {
  const helpers = `
    function isPlainHostName(h) { return String(h).indexOf(".") < 0; }
    function dnsDomainIs(h, d) { h = String(h); return h.length >= d.length && h.substring(h.length - d.length) == d; }
    function shExpMatch(s, p) { return new RegExp("^" + p.replace(/\\./g, "\\\\.").replace(/\\*/g, ".*") + "$").test(String(s)); }`;
  const call: unknown = runInNewContext(`${helpers}\n${text}\n;(function (name, h) { var f = this[name]; return typeof f == "function" ? String(f("https://" + h + "/", h)) : "undefined"; })`);
  if (typeof call !== "function") throw new Error("no caller");
  return (name, host) => String(call(name, host));
}

const HOSTS = ["kv801.prod.do.dsp.mp.microsoft.com", "GEO.PROD.DO.DSP.MP.MICROSOFT.COM.", "www.example.com", "intranet", "a.corp.example", "www.microsoft.com", "dl.delivery.mp.microsoft.com"];

const parseable = [
  ...readdirSync(FIXTURES).filter((name) => name.endsWith(".pac")).map((name) => join(FIXTURES, name)),
  ...readdirSync(join(FIXTURES, "../pac")).filter((name) => name.endsWith(".pac")).map((name) => join(FIXTURES, "../pac", name)),
].filter((path) => {
  const pac = parsePac(load(readFileSync(path)));
  return pac !== undefined && planFix(pac, targets).ok;
});

describe("planFix over every fixture, in every line-ending, BOM and option variant (property)", () => {
  test("is idempotent, removable, parses, and keeps line endings", { timeout: 60_000 }, () => {
    expect(parseable.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(
        fc.constantFrom(...parseable),
        fc.constantFrom("\n", "\r\n", "\r"),
        fc.boolean(),
        fc.boolean(),
        fc.subarray(["10.20.0.5", "mcc01.corp.example", "2001:db8::5"]),
        (path, eol, bom, includeContent, cacheHosts) => {
          const chosenTargets = bypassTargets({ includeContent, cacheHosts });
          if (!chosenTargets.ok) throw new Error(chosenTargets.message);
          const text = load(readFileSync(path)).text.replace(/\r\n|\r|\n/g, eol);
          const source = createSourceFile(text, path, bom);
          const pac = parsePac(source);
          if (!pac) throw new Error(`${path} does not parse with ${JSON.stringify(eol)}`);
          const result = planFix(pac, chosenTargets.targets);
          const fixEdits = edits(result);
          const output = applyEdits(text, fixEdits);
          const fixed = createSourceFile(output, path, bom);
          const again = parsePac(fixed);
          expect(again).toBeDefined();
          if (again) expect(edits(planFix(again, chosenTargets.targets))).toEqual([]);
          expect(fixed.eol).toBe(source.eol);
          if (result.ok && result.sites.every((site) => site.action === "insert")) {
            expect(applyEdits(output, insertedRanges(fixEdits).map((range): Edit => ({ range, text: "" })))).toBe(text);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("planFix on generated PACs (property)", () => {
  // Each run loads two PACs into fresh VM contexts; the ceiling is generous for loaded CI machines.
  test("is idempotent, removable, keeps line endings, and changes only the bypassed routes", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(generatedPac, ({ text, bom }) => {
        const source = createSourceFile(text, undefined, bom);
        const fixEdits = edits(plan(source));
        const output = applyEdits(text, fixEdits);
        const fixed = createSourceFile(output, undefined, bom);
        expect(parsePac(fixed)).toBeDefined();
        expect(edits(plan(fixed))).toEqual([]);
        expect(applyEdits(output, insertedRanges(fixEdits).map((range): Edit => ({ range, text: "" })))).toBe(text);
        expect(fixed.eol).toBe(source.eol);
        const original = loadPac(text);
        const rewritten = loadPac(output);
        for (const name of ["FindProxyForURL", "FindProxyForURLEx"]) {
          for (const host of HOSTS) {
            const before = original(name, host);
            const after = rewritten(name, host);
            expect(after, `${name} ${host}`).toBe(before !== "undefined" && bypasses(targets, host) ? "DIRECT" : before);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
