import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyze, collect } from "../../src/analyze/index.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { parse } from "../../src/syntax/parse.js";
import { everyCell, LIMITS, rowsOf } from "../helpers/every-cell.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));
/** Larger PACs (the max-size fixtures) would make evaluating every cell take minutes. */
const MAX_BYTES = 64 * 1024;

function pacFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pacFiles(path);
    return name.endsWith(".pac") && statSync(path).size <= MAX_BYTES ? [path] : [];
  });
}

describe("route analysis reuse", () => {
  const files = pacFiles(FIXTURES);

  it("covers the fixtures", () => {
    expect(files.length).toBeGreaterThan(80);
  });

  // Each profile once, with and without branch probes (which change the script the sandbox runs).
  for (const [profile, coverage] of [
    ["winhttp", true],
    ["chromium", false],
  ] as const) {
    it(`gives the route matrix of evaluating every cell on its own, on every fixture (${profile}, coverage ${coverage})`, { timeout: 300_000 }, async () => {
      let compared = 0;
      for (const file of files) {
        const source = createSourceFile(readFileSync(file, "utf8"), file);
        const parsed = parse(source);
        if (!parsed.ok) continue;
        // Reuse assumes calls leave no state behind; the analysis says so in a note when they may.
        if (collect(parsed.program).statefulSites.length > 0) continue;
        const analysis = await analyze(source, { profile, program: parsed.program, limits: LIMITS, coverage });
        if (analysis.loadFailure) continue;
        const expected = await everyCell(source, parsed.program, analysis, profile);
        if (expected === undefined) continue;
        expect(rowsOf(analysis), file).toEqual(expected);
        compared++;
      }
      expect(compared).toBeGreaterThan(80);
    });
  }
});
