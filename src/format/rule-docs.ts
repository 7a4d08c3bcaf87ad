import { readFileSync } from "node:fs";
import { packageRoot } from "../version.js";

/** A rule's documentation page, for tools that show rule help next to a finding (SARIF `help`). */
export interface RuleDoc {
  /** The page's first paragraph: what the rule asks for. */
  readonly summary: string;
  /** The page without its title line, in Markdown. */
  readonly markdown: string;
}

const cache = new Map<string, RuleDoc | undefined>();

/** `docs/rules/<id>.md`, which ships in the package (package.json `files`); undefined when it is missing. */
export function ruleDoc(id: string): RuleDoc | undefined {
  if (!cache.has(id)) cache.set(id, readRuleDoc(id));
  return cache.get(id);
}

function readRuleDoc(id: string): RuleDoc | undefined {
  if (!packageRoot || !/^[a-z][a-z0-9-]*$/.test(id)) return undefined;
  let text: string;
  try {
    text = readFileSync(new URL(`docs/rules/${id}.md`, packageRoot), "utf8");
  } catch {
    return undefined;
  }
  const markdown = text.replace(/^# .*\r?\n/, "").trim();
  const summary = markdown.split(/\r?\n\s*\r?\n/)[0]?.replace(/\s*\r?\n\s*/g, " ").trim() ?? "";
  return summary === "" ? undefined : { summary, markdown };
}
