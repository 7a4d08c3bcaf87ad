import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ProfileName } from "../../src/evaluate/types.js";
import type { RuleSetting } from "../../src/lint/define-rule.js";
import { lint, type LintDiagnostic, type LintResult } from "../../src/lint/linter.js";
import { rules } from "../../src/lint/rules/index.js";
import { createSourceFile, decodeSource, type SourceFile } from "../../src/source/source-file.js";

export const FIXTURES = fileURLToPath(new URL("../../fixtures/rules/", import.meta.url));

/** Limits that keep endless-loop fixtures quick; nothing legitimate in a fixture takes this long. */
export const TEST_LIMITS = { timeoutMs: 200 };

/** Settings that turn every rule off except `ruleId`, which keeps its default for the profile. */
export function only(ruleId: string): Record<string, RuleSetting> {
  return Object.fromEntries(Object.keys(rules).filter((id) => id !== ruleId).map((id) => [id, "off" as const]));
}

/** Lints `code` with one rule and returns that rule's diagnostics. */
export async function lintOne(ruleId: string, code: string | SourceFile, profile: ProfileName = "winhttp"): Promise<LintDiagnostic[]> {
  const source = typeof code === "string" ? createSourceFile(code, "test.pac") : code;
  const result = await lint(source, { profile, rules: only(ruleId), limits: TEST_LIMITS });
  return result.diagnostics.filter((d) => d.ruleId === ruleId);
}

export interface Fixture {
  readonly ruleId: string;
  readonly name: string;
  readonly path: string;
  readonly valid: boolean;
  readonly source: SourceFile;
  /** `line:column` of each expectation marker (`/* expect: rule-id@column *\/` on the offending line). */
  readonly expected: string[];
  readonly profile: ProfileName;
}

const MARKER = /expect:\s*([a-z0-9-]+@\d+(?:\s*,\s*[a-z0-9-]+@\d+)*)/g;

/** Every fixture under fixtures/rules/<rule-id>/, valid-* and invalid-*. */
export function loadFixtures(): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const ruleId of readdirSync(FIXTURES).sort()) {
    for (const name of readdirSync(`${FIXTURES}${ruleId}`).sort()) {
      if (!name.endsWith(".pac") || name.endsWith(".fixed.pac")) continue;
      const path = `${FIXTURES}${ruleId}/${name}`;
      const decoded = decodeSource(readFileSync(path), path);
      if (!decoded.ok) throw new Error(`${path}: ${decoded.message}`);
      const source = decoded.source;
      const expected: string[] = [];
      source.text.split("\n").forEach((line, index) => {
        for (const match of line.matchAll(MARKER)) {
          for (const item of (match[1] ?? "").split(",")) {
            const [id, column] = item.trim().split("@");
            if (id !== ruleId) throw new Error(`${path}:${index + 1}: marker names ${id}, not ${ruleId}`);
            expected.push(`${index + 1}:${column}`);
          }
        }
      });
      const profile = /\/\* profile: (winhttp|chromium|node) \*\//.exec(source.text)?.[1];
      fixtures.push({
        ruleId,
        name,
        path,
        valid: name.startsWith("valid-"),
        source,
        expected: expected.sort(),
        profile: profile === "chromium" || profile === "node" ? profile : "winhttp",
      });
    }
  }
  return fixtures;
}

export function positions(diagnostics: readonly LintDiagnostic[]): string[] {
  return diagnostics.map((d) => `${d.start.line}:${d.start.column}`).sort();
}

export type { LintResult };
