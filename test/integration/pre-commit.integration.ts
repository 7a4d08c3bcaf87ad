import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSupportedNode, MINIMUM_NODE } from "../../src/node-version.js";
import { commitAll, ROOT, run, snapshotRepository } from "./helpers.js";
import { startRegistry, type LocalRegistry } from "./registry.js";

/**
 * The hooks of .pre-commit-hooks.yaml, installed and run by the real pre-commit (Debian's, which .ci/run
 * installs) from a git repository holding this working tree, the way a user's `.pre-commit-config.yaml`
 * names pac-do. npm installs from the local registry (registry.ts): no network.
 */
const SCRATCH = mkdtempSync(join(tmpdir(), "pac-do-pre-commit-"));
const VIOLATING = readFileSync(join(ROOT, "fixtures/pac/enterprise-typical.pac"), "utf8");

/**
 * The Node pre-commit's `system` language version takes: nodeenv looks for `nodejs`, then `node`, on PATH (so
 * on Debian it is /usr/bin/nodejs even when a newer node comes first), and its version, when older than pac-do needs.
 */
const OLD_SYSTEM_NODE = (() => {
  for (const name of ["nodejs", "node"]) {
    const found = spawnSync("which", [name], { encoding: "utf8", env: { PATH: "/usr/local/bin:/usr/bin:/bin" } }).stdout.trim();
    if (found === "") continue;
    const version = execFileSync(found, ["-p", "process.versions.node"], { encoding: "utf8" }).trim();
    return isSupportedNode(version) ? undefined : { execPath: execFileSync(found, ["-p", "process.execPath"], { encoding: "utf8" }).trim(), version };
  }
  return undefined;
})();

let registry: LocalRegistry;
let project: string;

/** pre-commit with its own cache; `path` is the PATH the hook environment is created with. */
function preCommit(args: string[], home: string, path: string): ReturnType<typeof run> {
  return run("pre-commit", args, { cwd: project, env: { ...registry.env(join(SCRATCH, "npm-cache")), PRE_COMMIT_HOME: join(SCRATCH, home), PATH: path, NO_COLOR: "1" } });
}

/** This test's Node (>= 22.12) first on PATH: the hook runs on it, directly or (when pre-commit chose an older one) through src/bin.ts. */
const CURRENT_PATH = [dirname(process.execPath), process.env.PATH].join(delimiter);

describe("the pre-commit hooks with Debian's pre-commit", () => {
  beforeAll(async () => {
    registry = await startRegistry(ROOT);
    const source = join(SCRATCH, "pac-do");
    const rev = await snapshotRepository(source);
    project = join(SCRATCH, "project");
    mkdirSync(project);
    writeFileSync(join(project, "violating.pac"), VIOLATING);
    copyFileSync(join(ROOT, "fixtures/pac/do-bypass-complete.pac"), join(project, "compliant.pac"));
    // `system`: use the Node on PATH. pre-commit's default takes it only from outside the home folder, and
    // otherwise downloads one (docs/integrations.md).
    writeFileSync(
      join(project, ".pre-commit-config.yaml"),
      `default_language_version: { node: system }\nrepos:\n  - repo: ${source}\n    rev: ${rev}\n    hooks: [{ id: pac-do }, { id: pac-do-fix }]\n`,
    );
    await commitAll(project, "PAC files");
  }, 120_000);

  afterAll(async () => {
    await registry?.close();
    rmSync(SCRATCH, { recursive: true, force: true });
  }, 60_000);

  it("installs both hooks (npm install, npm pack, npm install -g)", async () => {
    const installed = await preCommit(["install-hooks"], "pre-commit-home", CURRENT_PATH);
    expect({ status: installed.status, missing: registry.missing }, installed.output).toEqual({ status: 0, missing: [] });
  }, 300_000);

  it("fails on the violating PAC, naming the rule, the file and the line", async () => {
    const linted = await preCommit(["run", "pac-do", "--files", "violating.pac"], "pre-commit-home", CURRENT_PATH);
    expect(linted.status, linted.output).toBe(1);
    expect(linted.output).toMatch(/pac-do lint\.+Failed/);
    expect(linted.output).toContain("violating.pac");
    expect(linted.output).toMatch(/38:5 +error .*do-service-direct/);
  }, 120_000);

  it("passes the compliant PAC", async () => {
    const linted = await preCommit(["run", "pac-do", "--files", "compliant.pac"], "pre-commit-home", CURRENT_PATH);
    expect(linted.status, linted.output).toBe(0);
    expect(linted.output).toMatch(/pac-do lint\.+Passed/);
  }, 120_000);

  it("pac-do-fix rewrites the violating PAC, pre-commit reports the modification, and the lint hook then passes", async () => {
    const fixed = await preCommit(["run", "pac-do-fix", "--files", "violating.pac", "compliant.pac"], "pre-commit-home", CURRENT_PATH);
    expect(fixed.status, fixed.output).toBe(1);
    expect(fixed.output).toMatch(/pac-do fix\.+Failed/);
    expect(fixed.output).toContain("- files were modified by this hook");
    const rewritten = readFileSync(join(project, "violating.pac"), "utf8");
    expect(rewritten).toContain("pac-do:begin");
    expect(rewritten).toContain(VIOLATING.slice(VIOLATING.indexOf("function FindProxyForURL")).split("\n")[0]);
    expect(readFileSync(join(project, "compliant.pac"))).toEqual(readFileSync(join(ROOT, "fixtures/pac/do-bypass-complete.pac")));
    const linted = await preCommit(["run", "pac-do", "--files", "violating.pac"], "pre-commit-home", CURRENT_PATH);
    expect(linted.status, linted.output).toBe(0);
  }, 120_000);

  it.skipIf(OLD_SYSTEM_NODE === undefined)(
    `refuses in one line, naming the version, when pre-commit's Node is older than ${MINIMUM_NODE} (${OLD_SYSTEM_NODE?.version}) and PATH has no newer one`,
    async () => {
      const linted = await preCommit(["run", "pac-do", "--files", "compliant.pac"], "pre-commit-home", "/usr/local/bin:/usr/bin:/bin");
      // pre-commit prints the hook's id and exit code, a blank line, then what the hook wrote.
      const header = "- exit code: 2\n\n";
      expect(linted.status, linted.output).toBe(1);
      expect(linted.output).toContain(header);
      expect(linted.output.slice(linted.output.indexOf(header) + header.length).trim()).toBe(
        `pac-do: needs Node.js >= 22.12, but ${OLD_SYSTEM_NODE?.execPath} is v${OLD_SYSTEM_NODE?.version} and no newer node is on PATH (docs/integrations.md, "Node.js")`,
      );
    },
    120_000,
  );
});
