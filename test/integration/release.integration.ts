import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitAll, ok, ROOT, run, snapshotRepository } from "./helpers.js";

/**
 * .ci/release.mjs in a repository holding this working tree, with its node_modules linked in and its dist/
 * copied in after the sources (so the release's build check finds it fresh instead of building again).
 */
const SCRATCH = mkdtempSync(join(tmpdir(), "pac-do-release-"));
const REPO = join(SCRATCH, "pac-do");
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const MAJOR = `v${VERSION.split(".")[0]}`;

const release = () => run(process.execPath, [".ci/release.mjs"], { cwd: REPO });
const git = async (...args: string[]) => (await ok("git", args, { cwd: REPO })).stdout.trim();
const changelog = () => readFileSync(join(REPO, "CHANGELOG.md"), "utf8");

describe("the release step (.ci/release.mjs)", () => {
  beforeAll(async () => {
    await ok(process.execPath, [".ci/prepare.mjs"], { cwd: ROOT });
    await snapshotRepository(REPO);
    symlinkSync(join(ROOT, "node_modules"), join(REPO, "node_modules"));
    await ok("cp", ["-R", join(ROOT, "dist"), join(REPO, "dist")], { cwd: ROOT });
  }, 120_000);
  afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

  it("refuses an undated CHANGELOG section, uncommitted changes, and a CHANGELOG behind package.json, each in one line, tagging nothing", async () => {
    writeFileSync(join(REPO, "CHANGELOG.md"), changelog().replace(/^## (\S+).*$/m, "## $1 (unreleased)"));
    await commitAll(REPO, "undated");
    expect(await release()).toMatchObject({ status: 1, stdout: "", stderr: `release: CHANGELOG.md's section for ${VERSION} is "(unreleased)", not a date (YYYY-MM-DD)\n` });

    writeFileSync(join(REPO, "CHANGELOG.md"), changelog().replace(/^## (\S+).*$/m, "## $1 (2026-12-07)"));
    expect(await release()).toMatchObject({ status: 1, stderr: "release: the working tree has uncommitted changes; commit the release first\n" });

    writeFileSync(join(REPO, "CHANGELOG.md"), changelog().replace(/^## (\S+)/m, "## 0.0.1"));
    await commitAll(REPO, "changelog behind package.json");
    expect(await release()).toMatchObject({ status: 1, stderr: `release: CHANGELOG.md's newest section is 0.0.1, package.json says ${VERSION}\n` });
    writeFileSync(join(REPO, "CHANGELOG.md"), changelog().replace(/^## (\S+)/m, `## ${VERSION}`));
    await commitAll(REPO, `Release ${VERSION}`);
    expect(await git("tag", "--list")).toBe("");
  });

  it(`tags a consistent commit v${VERSION} and ${MAJOR} after building and asking pac-do --version; then refuses to tag it again`, async () => {
    const head = await git("rev-parse", "HEAD");
    const tagged = await release();
    expect(tagged.status, tagged.output).toBe(0);
    expect(tagged.stdout).toBe(`release: tagged ${head.slice(0, 7)} as v${VERSION} and ${MAJOR}; publish with\n  git push origin v${VERSION}\n  git push --force origin ${MAJOR}\n`);
    expect(await git("rev-parse", `v${VERSION}^{commit}`)).toBe(head);
    expect(await git("rev-parse", `${MAJOR}^{commit}`)).toBe(head);
    expect(await git("cat-file", "-t", `v${VERSION}`)).toBe("tag");
    expect(JSON.parse(await git("show", `v${VERSION}:package.json`)).version).toBe(VERSION);
    expect(await release()).toMatchObject({ status: 1, stderr: `release: the tag v${VERSION} exists already; bump the version for a new release\n` });
  }, 120_000);
});
