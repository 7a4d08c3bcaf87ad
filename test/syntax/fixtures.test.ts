import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { decodeSource } from "../../src/source/source-file.js";
import { allTokens, parse } from "../../src/syntax/parse.js";
import { acornParse, firstDifference, normalize } from "./acorn-oracle.js";

const root = new URL("../../fixtures/", import.meta.url).pathname;

function pacFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return pacFiles(path);
    return entry.name.endsWith(".pac") ? [path] : [];
  });
}

function load(path: string) {
  const decoded = decodeSource(readFileSync(path), path);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.source;
}

const files = pacFiles(root).map((path) => ({ name: relative(root, path), path }));

describe("every fixture", () => {
  test("the fixture corpus holds the realistic PAC files", () => {
    const names = files.map((f) => f.name);
    for (const name of ["enterprise-typical", "minified-one-line", "crlf-bom", "regex-and-division", "switch-and-helpers", "findproxyforurlex", "es2015-syntax", "do-bypass-complete"]) {
      expect(names).toContain(`pac/${name}.pac`);
    }
  });

  test.each(files)("$name: accepted exactly when acorn accepts it, with the same AST", ({ path }) => {
    const source = load(path);
    const ours = parse(source);
    const theirs = acornParse(source.text);
    if (!theirs.ok) {
      expect(ours.ok, `acorn rejects it (${theirs.message})`).toBe(false);
      return;
    }
    if (!ours.ok) throw new Error(`acorn accepts it but pac-do reports:\n${ours.errors.map((e) => `${e.message}\n${e.frame}`).join("\n")}`);
    expect(firstDifference(normalize(ours.program), normalize(theirs.program))).toBeUndefined();
  });

  test.each(files)("$name: tokens and trivia concatenate back to the exact text", ({ path }) => {
    const source = load(path);
    expect(allTokens(source.text).map((t) => t.value).join("")).toBe(source.text);
  });
});

describe("broken fixtures", () => {
  const cases: [string, string[]][] = [
    ["missing-paren.pac", ["2:29 expected ')' after the condition of 'if'"]],
    ["unterminated-string.pac", ["2:25 unterminated string literal"]],
    ["unterminated-regex.pac", ["2:7 unterminated regular expression"]],
    ["stray-brace.pac", ["6:1 unexpected '}'"]],
    ["two-independent-errors.pac", ["1:38 expected ']' to close the array", "5:10 unterminated string literal"]],
  ];
  test.each(cases)("%s reports %j", (name, expected) => {
    const result = parse(load(join(root, "syntax", name)));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.start.line}:${e.start.column} ${e.message}`)).toEqual(expected);
  });
});
