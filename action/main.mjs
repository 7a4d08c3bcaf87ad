/**
 * The GitHub Action's entry point (action.yml runs it through action/run, in the workspace). It runs
 * `pac-do lint --format sarif` on the files named by the `files` input and turns the SARIF into what GitHub
 * reads from a step: workflow commands (`::error file=…,line=…,col=…::message`, which annotate the pull
 * request), a Markdown table in $GITHUB_STEP_SUMMARY, and `errors`, `warnings`, `sarif-file` in
 * $GITHUB_OUTPUT. With the `sarif-file` input it also writes the SARIF, for code scanning. The exit code is
 * pac-do's: 0 no errors, 1 errors (or too many warnings), 2 pac-do could not run.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, globSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const env = process.env;
const workspace = env.GITHUB_WORKSPACE || process.cwd();

/** Workflow-command escaping: the message may not hold %, CR or LF; a property value not : or , either. */
const escapeData = (text) => text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
const escapeProperty = (text) => escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
/** Markdown table cells: no line breaks, no unescaped pipes. */
const cell = (text) => String(text).replace(/\r?\n/g, " ").replaceAll("|", "\\|");

function fail(message) {
  process.stdout.write(`::error title=pac-do::${escapeData(message)}\n`);
  process.exit(2);
}

function words(input) {
  return (input ?? "").split(/\s+/).filter((word) => word !== "");
}

const patterns = words(env.INPUT_FILES);
if (patterns.length === 0) fail("the files input names no PAC file");
const files = [];
for (const pattern of patterns) {
  if (!/[*?[{]/.test(pattern)) {
    files.push(pattern);
    continue;
  }
  const matches = globSync(pattern, { cwd: workspace }).sort();
  if (matches.length === 0) fail(`no file matches ${pattern} in ${workspace}`);
  files.push(...matches);
}

const lint = spawnSync(process.execPath, [join(root, "dist/bin/pac-do.js"), "lint", "--format", "sarif", ...words(env.INPUT_ARGS), "--", ...files], {
  cwd: workspace,
  encoding: "utf8",
  maxBuffer: 1024 * 1024 * 1024,
  env: { ...env, NO_COLOR: "1" },
});
if (lint.error) fail(`pac-do could not start: ${lint.error.message}`);
if (lint.stderr) process.stderr.write(lint.stderr);
if (lint.status !== 0 && lint.status !== 1) fail(lint.stderr.trim() || `pac-do lint exited ${lint.status}`);

const sarif = JSON.parse(lint.stdout);
const run = sarif.runs[0];
const driver = run.tool.driver;
// In a workflow, pac-do's home is the repository the action came from; its rule pages are in docs/rules/ there.
if (env.GITHUB_ACTION_REPOSITORY) {
  const home = `${env.GITHUB_SERVER_URL || "https://github.com"}/${env.GITHUB_ACTION_REPOSITORY}`;
  driver.informationUri = home;
  for (const rule of driver.rules) {
    if (existsSync(join(root, "docs/rules", `${rule.id}.md`))) rule.helpUri = `${home}/blob/${env.GITHUB_ACTION_REF || "HEAD"}/docs/rules/${rule.id}.md`;
  }
}

const COMMAND = { error: "error", warning: "warning", note: "notice", none: "notice" };
const counts = { error: 0, warning: 0, note: 0 };
const rows = [];
for (const result of run.results) {
  const level = result.level ?? "warning";
  counts[level === "none" ? "note" : level] += 1;
  const location = result.locations?.[0]?.physicalLocation;
  const file = decodeURIComponent(location?.artifactLocation?.uri ?? "");
  const region = location?.region ?? {};
  const properties = [
    ["file", file],
    ["line", region.startLine],
    ["col", region.startColumn],
    ["endLine", region.endLine],
    ["endColumn", region.endColumn],
    ["title", `pac-do ${result.ruleId}`],
  ].filter(([, value]) => value !== undefined && value !== "");
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(",");
  process.stdout.write(`::${COMMAND[level] ?? "warning"} ${props}::${escapeData(result.message.text)}\n`);
  rows.push(`| ${cell(file)}:${region.startLine ?? ""}:${region.startColumn ?? ""} | ${level} | ${cell(result.ruleId)} | ${cell(result.message.text)} |`);
}

let written = "";
if (env.INPUT_SARIF_FILE) {
  written = isAbsolute(env.INPUT_SARIF_FILE) ? env.INPUT_SARIF_FILE : resolve(workspace, env.INPUT_SARIF_FILE);
  mkdirSync(dirname(written), { recursive: true });
  writeFileSync(written, `${JSON.stringify(sarif, null, 2)}\n`);
}

const MAX_ROWS = 200;
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const summary = [
  "### pac-do lint",
  "",
  `${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.note, "note")} in ${plural(files.length, "file")}${lint.status === 0 ? "." : ": failed."}`,
  "",
  ...(rows.length === 0
    ? []
    : ["| Where | Level | Rule | Message |", "| --- | --- | --- | --- |", ...rows.slice(0, MAX_ROWS), ...(rows.length > MAX_ROWS ? [`| … | | | ${rows.length - MAX_ROWS} more |`] : []), ""]),
].join("\n");
if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${summary}\n`);
else process.stdout.write(`${summary}\n`);
if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `errors=${counts.error}\nwarnings=${counts.warning}\nsarif-file=${written}\n`);
process.exitCode = lint.status;
