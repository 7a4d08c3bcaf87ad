import { isAbsolute, relative, resolve, sep } from "node:path";
import type { ProfileName } from "../evaluate/types.js";
import { ruleDocsUrl, type RuleModule, type RuleSetting } from "../lint/define-rule.js";
import { effectiveSetting, type LintResult } from "../lint/linter.js";
import type { Severity } from "../types.js";
import { homepage, version } from "../version.js";
import { ruleDoc } from "./rule-docs.js";

export interface SarifOptions {
  readonly rules: readonly RuleModule[];
  readonly profile: ProfileName;
  readonly settings?: Readonly<Record<string, RuleSetting>>;
  /** Artifact URIs are relative to this directory (the repository root in CI). */
  readonly cwd: string;
  /**
   * `tool.driver.informationUri`, where to learn about the tool; package.json's homepage when not given.
   * The CLI gives the file: URL of the README.md installed with it when there is no homepage.
   */
  readonly informationUri?: string;
}

/** The rule id SARIF gets for a parse error, which has no rule in pac-do's own output. */
export const PARSE_ERROR_RULE_ID = "parse-error";

type SarifLevel = "error" | "warning" | "note" | "none";

const LEVEL: Readonly<Record<Severity, SarifLevel>> = { error: "error", warning: "warning", info: "note" };

const PARSE_ERROR_HELP =
  "The file is not valid PAC JavaScript, so no client can load it. Fix the syntax error at the reported line and column; until the file parses, pac-do runs no other rule on it.";

/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it (one run, the rules in
 * `tool.driver.rules`, results with a repository-relative artifact URI and a region). Each rule carries
 * its documentation page as `help` (code scanning shows `help.markdown`); `helpUri` is optional and appears
 * only when package.json names a homepage, `informationUri` when there is one or the caller gives one.
 */
export function formatSarif(results: readonly LintResult[], options: SarifOptions): string {
  const rules = [
    {
      id: PARSE_ERROR_RULE_ID,
      name: "ParseError",
      shortDescription: { text: "The file is not valid PAC JavaScript." },
      fullDescription: { text: PARSE_ERROR_HELP },
      help: { text: PARSE_ERROR_HELP },
      defaultConfiguration: { level: "error" },
    },
    ...options.rules.map((rule) => {
      const setting = effectiveSetting(rule, options.profile, options.settings);
      const doc = ruleDoc(rule.id);
      const helpUri = ruleDocsUrl(rule.id);
      return {
        id: rule.id,
        name: rule.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
        shortDescription: { text: rule.meta.docs.description },
        fullDescription: { text: doc?.summary ?? rule.meta.docs.description },
        help: doc ? { text: doc.markdown, markdown: doc.markdown } : { text: rule.meta.docs.description },
        ...(helpUri === undefined ? {} : { helpUri }),
        defaultConfiguration: { level: setting === "off" ? "none" : LEVEL[setting] },
        properties: { tags: [rule.meta.type] },
      };
    }),
  ];
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const informationUri = options.informationUri ?? homepage;
  const sarifResults = results.flatMap((result) =>
    result.diagnostics.map((d) => {
      const ruleId = d.ruleId ?? PARSE_ERROR_RULE_ID;
      return {
        ruleId,
        ...(index.has(ruleId) ? { ruleIndex: index.get(ruleId) } : {}),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(result.filePath ?? "<input>", options.cwd) },
              region: { startLine: d.start.line, startColumn: d.start.column, endLine: d.end.line, endColumn: d.end.column },
            },
          },
        ],
      };
    }),
  );
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "pac-do", version, semanticVersion: version, ...(informationUri === undefined ? {} : { informationUri }), rules } },
        columnKind: "utf16CodeUnits",
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A relative URI with forward slashes, percent-encoded per segment. */
export function artifactUri(filePath: string, cwd: string): string {
  const absolute = isAbsolute(filePath) ? filePath : resolve(cwd, filePath);
  const rel = relative(cwd, absolute);
  return rel
    .split(sep)
    .join("/")
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}
