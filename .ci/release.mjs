/**
 * The release step (docs/integrations.md, "Releasing"): tags the current commit `v<version>`, and moves the
 * major tag `v<major>` there, which `uses: <owner>/pac-do@v0` follows. It tags only when everything that
 * names the version agrees: package.json, the newest section of CHANGELOG.md (dated, not "unreleased"), and
 * `pac-do --version` of the freshly built CLI; the working tree must be clean and the tag new. It pushes
 * nothing: it prints the push commands.
 *
 *   node .ci/release.mjs            # after committing the version in package.json and CHANGELOG.md
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));

function fail(message) {
  process.stderr.write(`release: ${message}\n`);
  process.exit(1);
}

function git(...args) {
  const result = spawnSync("git", args, { cwd: root, encoding: "utf8" });
  return { ok: result.status === 0, out: (result.stdout ?? "").trim(), err: (result.stderr ?? "").trim() };
}

const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
if (!/^\d+\.\d+\.\d+$/.test(version)) fail(`package.json's version ${JSON.stringify(version)} is not MAJOR.MINOR.PATCH`);
const tag = `v${version}`;
const major = `v${version.split(".")[0]}`;

const status = git("status", "--porcelain");
if (!status.ok) fail(`not a git checkout: ${status.err}`);
if (status.out !== "") fail("the working tree has uncommitted changes; commit the release first");

const heading = readFileSync(join(root, "CHANGELOG.md"), "utf8").match(/^## (\S+)(.*)$/m);
if (heading === null) fail("CHANGELOG.md has no version section (## <version> (<date>))");
if (heading[1] !== version) fail(`CHANGELOG.md's newest section is ${heading[1]}, package.json says ${version}`);
if (!/^ \(\d{4}-\d{2}-\d{2}\)$/.test(heading[2])) fail(`CHANGELOG.md's section for ${version} is "${heading[2].trim()}", not a date (YYYY-MM-DD)`);

const build = spawnSync(process.execPath, [".ci/prepare.mjs"], { cwd: root, stdio: ["ignore", 2, 2] });
if (build.status !== 0) fail("the build failed");
const cli = spawnSync(process.execPath, ["dist/bin/pac-do.js", "--version"], { cwd: root, encoding: "utf8" });
if (cli.status !== 0 || cli.stdout.trim() !== version) fail(`pac-do --version says ${JSON.stringify(cli.stdout.trim())}, package.json ${version}`);

if (git("rev-parse", "--verify", "--quiet", `refs/tags/${tag}`).ok) fail(`the tag ${tag} exists already; bump the version for a new release`);
const made = git("tag", "--annotate", tag, "--message", `pac-do ${version}`);
if (!made.ok) fail(`git tag ${tag}: ${made.err}`);
const moved = git("tag", "--force", "--annotate", major, "--message", `pac-do ${version} (the newest ${major}.x)`);
if (!moved.ok) fail(`git tag ${major}: ${moved.err}`);
process.stdout.write(`release: tagged ${git("rev-parse", "--short", "HEAD").out} as ${tag} and ${major}; publish with\n  git push origin ${tag}\n  git push --force origin ${major}\n`);
