import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { cstDts, lookaheadPathsSource, syntaxDiagramsHtml } from "../../grammar/generate.js";
import { PacParser } from "../../grammar/parser.js";

const update = process.env["PAC_DO_UPDATE_GENERATED"] === "1";
const parser = new PacParser();

function expectFile(path: string, content: string): void {
  const url = new URL(`../../${path}`, import.meta.url);
  if (update) writeFileSync(url, content);
  const current = readFileSync(url, "utf8");
  expect(current, `${path} is stale: run PAC_DO_UPDATE_GENERATED=1 npx vitest run test/grammar/generated.test.ts`).toBe(content);
}

describe("generated grammar files", () => {
  test("grammar/cst.d.ts matches the grammar", () => {
    expectFile("grammar/cst.d.ts", cstDts(parser));
  });

  test("docs/grammar.html matches the grammar", () => {
    expectFile("docs/grammar.html", syntaxDiagramsHtml(parser));
  });

  test("grammar/lookahead-paths.ts holds the lookahead paths Chevrotain computes for the grammar", () => {
    expectFile("grammar/lookahead-paths.ts", lookaheadPathsSource());
  });
});
