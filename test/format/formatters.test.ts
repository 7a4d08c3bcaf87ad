import { describe, expect, it } from "vitest";
import { formatJson } from "../../src/format/json.js";
import { artifactUri, formatSarif } from "../../src/format/sarif.js";
import { formatStylish } from "../../src/format/stylish.js";
import { defineRule } from "../../src/lint/define-rule.js";
import type { LintDiagnostic, LintResult } from "../../src/lint/linter.js";
import { createSourceFile, positionAt } from "../../src/source/source-file.js";

const source = createSourceFile('function FindProxyForURL(url, host) {\n\treturn "proxy p:80";\n}\n', "dir/a file.pac");

function diagnostic(ruleId: string | null, severity: LintDiagnostic["severity"], start: number, end: number, message: string, fixable = false): LintDiagnostic {
  return { ruleId, severity, message, range: [start, end], start: positionAt(source, start), end: positionAt(source, end), ...(fixable ? { fixable } : {}) };
}

const result: LintResult = {
  filePath: source.path,
  source,
  diagnostics: [diagnostic("do-service-direct", "error", 39, 59, "not direct", true), diagnostic("valid-return-string", "warning", 46, 58, "lower case")],
  errorCount: 1,
  warningCount: 1,
  infoCount: 0,
  fixableCount: 1,
  parsed: true,
  notes: [],
};
const clean: LintResult = { ...result, filePath: "b.pac", diagnostics: [], errorCount: 0, warningCount: 0, fixableCount: 0 };

describe("stylish", () => {
  it("aligns rows, lines up the caret under a tab, and pluralises the summary", () => {
    expect(formatStylish([result, clean], { color: false })).toBe(
      [
        "",
        "dir/a file.pac",
        "  2:2  error    not direct  do-service-direct",
        "    2 | \treturn \"proxy p:80\";",
        "        \t^^^^^^^^^^^^^^^^^^^^",
        "  2:9  warning  lower case  valid-return-string",
        "",
        "✖ 2 problems (1 error, 1 warning, 0 info)",
        "  1 problem can be fixed with `pac-do fix`.",
        "",
      ].join("\n"),
    );
  });

  it("prints the analysis' notes under the file, even without findings", () => {
    const noted: LintResult = { ...clean, notes: ["the route analysis evaluated 400 of 960 environment classes (capped)"] };
    expect(formatStylish([noted], { color: false })).toBe("\nb.pac\n  note: the route analysis evaluated 400 of 960 environment classes (capped)\n");
  });

  it("prints nothing for clean files", () => {
    expect(formatStylish([clean], { color: true })).toBe("");
  });

  it("colours severities only when asked", () => {
    const colored = formatStylish([result], { color: true });
    expect(colored).toContain("\u001b[31merror  \u001b[39m");
    expect(colored).toContain("\u001b[33mwarning\u001b[39m");
  });
});

describe("json", () => {
  it("prints one object per file with 1-based positions", () => {
    expect(JSON.parse(formatJson([result, clean]))).toEqual([
      {
        filePath: "dir/a file.pac",
        errorCount: 1,
        warningCount: 1,
        infoCount: 0,
        diagnostics: [
          { ruleId: "do-service-direct", severity: "error", message: "not direct", line: 2, column: 2, endLine: 2, endColumn: 22, fixable: true },
          { ruleId: "valid-return-string", severity: "warning", message: "lower case", line: 2, column: 9, endLine: 2, endColumn: 21, fixable: false },
        ],
      },
      { filePath: "b.pac", errorCount: 0, warningCount: 0, infoCount: 0, diagnostics: [] },
    ]);
  });
});

describe("sarif", () => {
  const rules = [
    defineRule({
      id: "do-service-direct",
      meta: { type: "problem", docs: { description: "DO service must be DIRECT." }, messages: {}, defaultSeverity: "error" },
      create: () => ({}),
    }),
    defineRule({
      id: "jscript-compatible",
      meta: { type: "problem", docs: { description: "ES3 only." }, messages: {}, defaultSeverity: "error", profiles: { chromium: "off" } },
      create: () => ({}),
    }),
  ];

  it("maps severities to levels, rules to indexes and paths to relative URIs", () => {
    const log = JSON.parse(formatSarif([result], { rules, profile: "chromium", cwd: "/repo" }));
    const driver = log.runs[0].tool.driver;
    expect(driver.rules.map((r: { id: string; defaultConfiguration: { level: string } }) => [r.id, r.defaultConfiguration.level])).toEqual([
      ["parse-error", "error"],
      ["do-service-direct", "error"],
      ["jscript-compatible", "none"],
    ]);
    expect(log.runs[0].results[1]).toEqual({
      ruleId: "valid-return-string",
      level: "warning",
      message: { text: "lower case" },
      locations: [{ physicalLocation: { artifactLocation: { uri: "dir/a%20file.pac" }, region: { startLine: 2, startColumn: 9, endLine: 2, endColumn: 21 } } }],
    });
    expect(log.runs[0].results[0].ruleIndex).toBe(1);
  });

  it("gives each rule its documentation page as help, and no made-up URL", () => {
    const log = JSON.parse(formatSarif([result], { rules, profile: "winhttp", cwd: "/repo" }));
    const driver = log.runs[0].tool.driver;
    expect(driver).not.toHaveProperty("informationUri");
    const given = JSON.parse(formatSarif([result], { rules, profile: "winhttp", cwd: "/repo", informationUri: "file:///opt/pac-do/README.md" }));
    expect(given.runs[0].tool.driver.informationUri).toBe("file:///opt/pac-do/README.md");
    const [parseError, service] = driver.rules;
    expect(parseError.help.text).toMatch(/^The file is not valid PAC JavaScript/);
    expect(service).not.toHaveProperty("helpUri");
    expect(service.fullDescription.text).toBe("Delivery Optimization service endpoints must be DIRECT as the first entry in every environment.");
    expect(service.help.markdown).toMatch(/^Delivery Optimization service endpoints must be DIRECT[\s\S]*\n## Why\n/);
    expect(service.help.text).toBe(service.help.markdown);
  });

  it("falls back to the rule's description for a rule without a documentation page", () => {
    const custom = defineRule({
      id: "my-own-rule",
      meta: { type: "suggestion", docs: { description: "A rule of the user's own." }, messages: {}, defaultSeverity: "info" },
      create: () => ({}),
    });
    const log = JSON.parse(formatSarif([], { rules: [custom], profile: "winhttp", cwd: "/repo" }));
    expect(log.runs[0].tool.driver.rules[1]).toMatchObject({ fullDescription: { text: "A rule of the user's own." }, help: { text: "A rule of the user's own." } });
  });

  it("makes absolute paths relative to the working directory", () => {
    expect(artifactUri("/repo/pac/proxy.pac", "/repo")).toBe("pac/proxy.pac");
    expect(artifactUri("pac/proxy.pac", "/repo")).toBe("pac/proxy.pac");
  });
});
