import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { rules } from "../src/lint/rules/index.js";
import { lintOne } from "./lint/helpers.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const ids = Object.keys(rules);

/** The paragraph under a rule doc's title, joined into one line. */
function docDescription(markdown: string): string {
  const [, afterTitle = ""] = markdown.split(/^# .*$/m);
  return (afterTitle.trim().split(/\n\s*\n/)[0] ?? "").replace(/\s+/g, " ").trim();
}

describe("rule registry", () => {
  it("lists the rules in alphabetical order under their own ids", () => {
    expect(ids).toEqual([...ids].sort());
    for (const [id, rule] of Object.entries(rules)) expect(rule.id).toBe(id);
  });

  it("names rules in kebab-case and messages in camelCase", () => {
    for (const rule of Object.values(rules)) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      for (const messageId of Object.keys(rule.meta.messages)) expect(messageId).toMatch(/^[a-z]+([A-Z][a-z]*)*$/);
    }
  });

  it("has no documentation, fixtures or tests for rules that do not exist", () => {
    const known = new Set(ids);
    expect(readdirSync(`${root}docs/rules`).map((f) => f.replace(/\.md$/, "")).filter((id) => !known.has(id))).toEqual([]);
    expect(readdirSync(`${root}fixtures/rules`).filter((id) => !known.has(id))).toEqual([]);
    expect(readdirSync(`${root}test/lint/rules`).map((f) => f.replace(/\.test\.ts$/, "")).filter((id) => !known.has(id))).toEqual([]);
  });
});

describe.each(ids)("rule %s", (id) => {
  const rule = rules[id as keyof typeof rules];

  it("has a doc whose description matches meta.docs.description", () => {
    const path = `${root}docs/rules/${id}.md`;
    expect(existsSync(path)).toBe(true);
    const markdown = readFileSync(path, "utf8");
    expect(markdown.startsWith(`# ${id}\n`)).toBe(true);
    expect(docDescription(markdown)).toBe(rule.meta.docs.description);
  });

  it("has a doc with rationale, examples and sources", () => {
    const markdown = readFileSync(`${root}docs/rules/${id}.md`, "utf8");
    expect(markdown).toMatch(/^## Why$/m);
    expect(markdown).toMatch(/^## (Incorrect|Example)$/m);
    expect(markdown).toMatch(/^## Sources$/m);
    expect(markdown).toMatch(/Research §\d/);
  });

  it("has a test file", () => {
    expect(existsSync(`${root}test/lint/rules/${id}.test.ts`)).toBe(true);
  });

  it("has valid and invalid fixtures", () => {
    const files = readdirSync(`${root}fixtures/rules/${id}`);
    expect(files.some((f) => f.startsWith("valid-") && f.endsWith(".pac"))).toBe(true);
    expect(files.some((f) => f.startsWith("invalid-") && f.endsWith(".pac"))).toBe(true);
    for (const file of files) expect(file).toMatch(/^(valid|invalid)-[a-z0-9]+(-[a-z0-9]+)*\.pac$/);
  });
});

/** The ```js blocks under a `## heading` of a rule doc. */
function examples(markdown: string, heading: string): string[] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith(`${heading}\n`)) ?? "";
  return [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
}

/** A doc snippet as a whole PAC: statements alone are wrapped in an entry point. */
function asPac(snippet: string): string {
  return /FindProxyFor/i.test(snippet) ? snippet : `function FindProxyForURL(url, host) {\n${snippet}  return "DIRECT";\n}\n`;
}

describe.each(ids)("documentation examples of %s", { timeout: 60_000 }, (id) => {
  const markdown = readFileSync(`${root}docs/rules/${id}.md`, "utf8");

  it("reports every incorrect example", async () => {
    for (const snippet of [...examples(markdown, "Incorrect"), ...examples(markdown, "Example")]) {
      expect((await lintOne(id, asPac(snippet))).length, snippet).toBeGreaterThan(0);
    }
  });

  it("accepts every correct example", async () => {
    for (const snippet of examples(markdown, "Correct")) {
      expect((await lintOne(id, asPac(snippet))).map((d) => d.message), snippet).toEqual([]);
    }
  });
});

describe("docs/cli.md", () => {
  it("lists every rule with its default level, whether it reads the analysis, whether it is fixable, and its description", () => {
    const markdown = readFileSync(`${root}docs/cli.md`, "utf8");
    for (const rule of Object.values(rules)) {
      const levels = (["winhttp", "chromium", "node"] as const).map((profile) => rule.meta.profiles?.[profile] ?? rule.meta.defaultSeverity);
      const level = levels.every((l) => l === levels[0]) ? levels[0] : `${levels[0]} (winhttp), ${levels[1]} (chromium, node)`;
      const row = `| [${rule.id}](rules/${rule.id}.md) | ${level} | ${rule.meta.usesAnalysis ? "yes" : "no"} | ${rule.meta.fixable ? "yes" : "no"} | ${rule.meta.docs.description} |`;
      expect(markdown).toContain(row);
    }
  });
});
