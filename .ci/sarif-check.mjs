/**
 * `npm run test:sarif`: Microsoft's SARIF validator (the `validate` command of @microsoft/sarif-multitool, rule
 * kinds Sarif;Gh;Ghas: the SARIF spec, and what GitHub and GitHub Advanced Security ingest) on
 * `pac-do lint --format sarif` of every fixture, which must give no error and no warning. A control log, the
 * same output without `tool.driver.informationUri`, must draw the validator's SARIF2005 warning: a validator
 * that checks nothing cannot pass the fixtures silently.
 *
 * The multitool is a self-contained .NET program in an npm package (about 104 MB), kept outside the repository
 * in ~/.cache/pac-do-sarif-multitool ($PAC_DO_SARIF_MULTITOOL_DIR). `--install` installs it there (network:
 * .ci/run does it with the other installs); the check itself runs offline.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const VERSION = "5.7.0";
const RULE_KINDS = "Sarif;Gh;Ghas";
const root = fileURLToPath(new URL("../", import.meta.url));
const dir = process.env.PAC_DO_SARIF_MULTITOOL_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pac-do-sarif-multitool");

function multitool() {
  try {
    return createRequire(join(dir, "package.json"))("@microsoft/sarif-multitool");
  } catch {
    return undefined;
  }
}

function fail(message) {
  process.stderr.write(`sarif: ${message}\n`);
  process.exit(1);
}

if (process.argv.includes("--install")) {
  if (multitool() === undefined) {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(join(dir, "package.json"))) writeFileSync(join(dir, "package.json"), '{ "private": true }\n');
    const npm = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", `@microsoft/sarif-multitool@${VERSION}`], { cwd: dir, stdio: ["ignore", 2, 2] });
    if (npm.status !== 0) fail(`npm install @microsoft/sarif-multitool@${VERSION} in ${dir} failed`);
  }
  // npm 11 leaves dependencies' install scripts unrun until approved, and the multitool's postinstall is this chmod.
  const binary = multitool();
  if (binary === undefined) fail(`@microsoft/sarif-multitool has no binary for ${process.platform}`);
  chmodSync(binary, statSync(binary).mode | 0o111);
  process.exit(0);
}

const binary = multitool();
if (binary === undefined) fail(`Microsoft's SARIF multitool is not in ${dir}: run node .ci/sarif-check.mjs --install (downloads about 104 MB from npm)`);

const prepare = spawnSync(process.execPath, [".ci/prepare.mjs"], { cwd: root, stdio: "inherit" });
if (prepare.status !== 0) fail("the build failed");

const fixtures = [];
(function collect(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isDirectory()) collect(join(folder, entry.name));
    else if (entry.name.endsWith(".pac")) fixtures.push(relative(root, join(folder, entry.name)));
  }
})(join(root, "fixtures"));

const work = mkdtempSync(join(tmpdir(), "pac-do-sarif-"));
try {
  const lint = spawnSync(process.execPath, ["dist/bin/pac-do.js", "lint", "--format", "sarif", ...fixtures], { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (lint.status !== 0 && lint.status !== 1) fail(`pac-do lint --format sarif exited ${lint.status}: ${lint.stderr}`);
  const log = JSON.parse(lint.stdout);
  writeFileSync(join(work, "fixtures.sarif"), lint.stdout);
  delete log.runs[0].tool.driver.informationUri;
  writeFileSync(join(work, "control.sarif"), JSON.stringify(log));

  const output = join(work, "validation.sarif");
  const validate = spawnSync(binary, ["validate", "--rule-kind", RULE_KINDS, "--output", output, join(work, "fixtures.sarif"), join(work, "control.sarif")], { encoding: "utf8" });
  if (validate.status !== 0 || !existsSync(output)) fail(`the multitool exited ${validate.status}:\n${validate.stdout}${validate.stderr}`);
  const results = JSON.parse(readFileSync(output, "utf8")).runs.flatMap((run) => run.results ?? []);
  const of = (name) => results.filter((result) => (result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "").endsWith(name));
  const describe = (result) => `${result.level ?? "warning"} ${result.ruleId}: ${result.message?.text ?? JSON.stringify(result.message)}`;

  const control = of("control.sarif");
  if (!control.some((result) => result.ruleId === "SARIF2005")) fail(`the control log without informationUri drew no SARIF2005 warning; is the validator checking?\n${control.map(describe).join("\n")}`);
  const problems = of("fixtures.sarif").filter((result) => result.level !== "note" && result.level !== "none");
  if (problems.length > 0) fail(`${problems.length} problems in the SARIF of ${fixtures.length} fixtures:\n${problems.map(describe).join("\n")}`);
  process.stdout.write(`sarif: the SARIF of ${fixtures.length} fixtures (${log.runs[0].results.length} results) passes ${RULE_KINDS} with 0 errors and 0 warnings (control: ${control.map((result) => result.ruleId).join(", ")})\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
