import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli.js";
import { version } from "../src/version.js";
import { memoryIo } from "./helpers/memory-io.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const read = (path: string): string => readFileSync(join(ROOT, path), "utf8");
const pkg = JSON.parse(read("package.json")) as { version: string };
const major = `v${pkg.version.split(".")[0]}`;

/** README.md and every page in docs/ (the places a user copies a snippet from). */
const docs = ["README.md", ...readdirSync(join(ROOT, "docs"), { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)];

describe("one version everywhere (the release step, .ci/release.mjs, tags it)", () => {
  it("pac-do --version prints package.json's version", async () => {
    const io = memoryIo();
    expect(await run(["--version"], io)).toBe(0);
    expect(io.out).toBe(`${pkg.version}\n`);
    expect(version).toBe(pkg.version);
  });

  it("CHANGELOG.md's newest section is that version", () => {
    expect(read("CHANGELOG.md").match(/^## (\S+)/m)?.[1]).toBe(pkg.version);
  });

  it("every pre-commit snippet pins rev v<version>, every Action snippet the major tag", () => {
    const revs = docs.flatMap((file) => [...read(file).matchAll(/^\s*rev: (\S+)/gm)].map((match) => `${file}: ${match[1]}`));
    expect(revs.length).toBeGreaterThan(0);
    for (const rev of revs) expect(rev).toMatch(new RegExp(`: v${pkg.version.replaceAll(".", "\\.")}$`));
    const uses = docs.flatMap((file) => [...read(file).matchAll(/uses: [\w.<>-]+\/pac-do@([\w.-]+)/g)].map((match) => `${file}: ${match[1]}`));
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) expect(use).toMatch(new RegExp(`: ${major}$`));
  });

  it("a tag v<version> in this checkout, if there is one, is on a commit whose package.json says that version", () => {
    const tagged = spawnSync("git", ["show", `v${pkg.version}:package.json`], { cwd: ROOT, encoding: "utf8" });
    const exists = spawnSync("git", ["rev-parse", "--verify", "--quiet", `refs/tags/v${pkg.version}`], { cwd: ROOT }).status === 0;
    if (exists) expect((JSON.parse(tagged.stdout) as { version: string }).version).toBe(pkg.version);
    else expect(tagged.status).not.toBe(0);
  });
});
