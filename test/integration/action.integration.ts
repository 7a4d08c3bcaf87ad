import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { version } from "../../src/version.js";
import { ROOT, run, type Ran } from "./helpers.js";

/**
 * action.yml run the way GitHub's runner runs a composite action, short of GitHub itself: each step's `run`
 * through bash, its `env` with `${{ inputs.* }}` filled in (defaults from the inputs), the action's folder in
 * GITHUB_ACTION_PATH and the files GitHub reads back (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_PATH).
 * The action's folder is this checkout, already set up by .ci/node.sh.
 */
interface Action {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { id?: string; shell: string; env?: Record<string, string>; run: string }[] };
}

/** action.yml parsed by PyYAML (Debian's pre-commit brings it): a YAML parser, not a pattern match. */
const ACTION = JSON.parse(
  execFileSync("python3", ["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))", join(ROOT, "action.yml")], { encoding: "utf8" }),
) as Action;

const SCRATCH = mkdtempSync(join(tmpdir(), "pac-do-action-"));
const PATH = [dirname(process.execPath), process.env.PATH].join(delimiter);

interface ActionRun extends Ran {
  readonly summary: string;
  readonly outputs: Record<string, string>;
  readonly path: string;
  readonly workspace: string;
}

let counter = 0;

async function runAction(inputs: Record<string, string>, setup: (workspace: string) => void): Promise<ActionRun> {
  const dir = join(SCRATCH, `run-${++counter}`);
  const workspace = join(dir, "workspace");
  mkdirSync(workspace, { recursive: true });
  setup(workspace);
  const files = { GITHUB_STEP_SUMMARY: join(dir, "summary.md"), GITHUB_OUTPUT: join(dir, "output"), GITHUB_PATH: join(dir, "path") };
  for (const file of Object.values(files)) writeFileSync(file, "");
  const github = {
    ...files,
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION_PATH: ROOT.replace(/\/$/, ""),
    GITHUB_ACTION_REPOSITORY: "network-team/pac-do",
    GITHUB_ACTION_REF: "v0",
    GITHUB_SERVER_URL: "https://github.com",
    RUNNER_TEMP: join(dir, "runner-temp"),
    PATH,
  };
  mkdirSync(github.RUNNER_TEMP);
  let last: Ran | undefined;
  for (const step of ACTION.runs.steps) {
    const stepEnv = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([name, value]) => [
        name,
        value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, input: string) => inputs[input] ?? ACTION.inputs[input]?.default ?? ""),
      ]),
    );
    last = await run(step.shell, ["-e", "-c", step.run], { cwd: workspace, env: { ...github, ...stepEnv } });
    if (last.status !== 0) break;
  }
  const outputs = Object.fromEntries(
    readFileSync(files.GITHUB_OUTPUT, "utf8")
      .split("\n")
      .filter((line) => line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  return { ...(last as Ran), summary: readFileSync(files.GITHUB_STEP_SUMMARY, "utf8"), outputs, path: readFileSync(files.GITHUB_PATH, "utf8"), workspace };
}

function pacs(workspace: string): void {
  mkdirSync(join(workspace, "proxy"));
  copyFileSync(join(ROOT, "fixtures/pac/enterprise-typical.pac"), join(workspace, "proxy/violating.pac"));
  copyFileSync(join(ROOT, "fixtures/pac/do-bypass-complete.pac"), join(workspace, "proxy/compliant.pac"));
}

describe("the GitHub Action (action.yml)", () => {
  beforeAll(() => {
    expect(ACTION.runs.using).toBe("composite");
  });
  afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

  it("declares the inputs its entry point reads and the outputs it writes", () => {
    expect(Object.keys(ACTION.inputs).sort()).toEqual(["args", "files", "sarif-file"]);
    expect(ACTION.inputs.files?.required).toBe(true);
    const step = ACTION.runs.steps.find((candidate) => candidate.id === "lint");
    expect(step?.env).toEqual({ INPUT_FILES: "${{ inputs.files }}", INPUT_ARGS: "${{ inputs.args }}", INPUT_SARIF_FILE: "${{ inputs.sarif-file }}" });
    expect(ACTION.outputs).toEqual({
      errors: expect.objectContaining({ value: "${{ steps.lint.outputs.errors }}" }),
      warnings: expect.objectContaining({ value: "${{ steps.lint.outputs.warnings }}" }),
      "sarif-file": expect.objectContaining({ value: "${{ steps.lint.outputs.sarif-file }}" }),
    });
  });

  it("annotates each problem at its file, line and column, fails on errors, and summarizes", async () => {
    const result = await runAction({ files: "proxy/*.pac", "sarif-file": "reports/pac-do.sarif" }, pacs);
    expect(result.status, result.output).toBe(1);
    const annotations = result.stdout.split("\n").filter((line) => line.startsWith("::"));
    expect(annotations).toContainEqual(expect.stringMatching(/^::error file=proxy\/violating\.pac,line=38,col=5,endLine=38,endColumn=\d+,title=pac-do do-service-direct::geo-prod\.do\.dsp\.mp\.microsoft\.com /));
    expect(annotations).toContainEqual(expect.stringMatching(/^::warning file=proxy\/compliant\.pac,line=14,col=25,.*title=pac-do no-leaky-host-pattern::/));
    expect(annotations).toContainEqual(expect.stringMatching(/^::notice file=proxy\/compliant\.pac,line=15,.*title=pac-do do-content-proxied::/));
    expect(annotations.every((line) => !/[\r]/.test(line))).toBe(true);
    expect(result.outputs).toEqual({ errors: "2", warnings: "1", "sarif-file": join(result.workspace, "reports/pac-do.sarif") });
    expect(result.summary).toMatch(/^### pac-do lint\n\n2 errors, 1 warning, 4 notes in 2 files: failed\.\n\n\| Where \| Level \| Rule \| Message \|\n/);
    expect(result.summary).toContain("| proxy/violating.pac:38:5 | error | do-service-direct | ");
  }, 180_000);

  it("writes SARIF for code scanning, with the action's repository as the tool's home and rule help", async () => {
    const result = await runAction({ files: "proxy/violating.pac", "sarif-file": "pac-do.sarif" }, pacs);
    expect(result.status, result.output).toBe(1);
    const sarif = JSON.parse(readFileSync(join(result.workspace, "pac-do.sarif"), "utf8"));
    const driver = sarif.runs[0].tool.driver;
    expect(driver.informationUri).toBe("https://github.com/network-team/pac-do");
    expect(driver.rules.find((rule: { id: string }) => rule.id === "do-service-direct").helpUri).toBe("https://github.com/network-team/pac-do/blob/v0/docs/rules/do-service-direct.md");
    expect(driver.rules.find((rule: { id: string }) => rule.id === "parse-error")).not.toHaveProperty("helpUri");
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("proxy/violating.pac");
  }, 180_000);

  it("passes a compliant PAC, passes args through, and leaves `pac-do` on PATH for later steps", async () => {
    const result = await runAction({ files: "proxy/compliant.pac", args: "--rule no-leaky-host-pattern=off --max-warnings 0" }, pacs);
    expect(result.status, result.output).toBe(0);
    expect(result.outputs).toEqual({ errors: "0", warnings: "0", "sarif-file": "" });
    expect(result.summary).toContain("0 errors, 0 warnings, 2 notes in 1 file.");
    const bin = result.path.trim();
    expect(bin).not.toBe("");
    // A later step may run another Node (the runner's is older); the command brings its own.
    const later = await run(join(bin, "pac-do"), ["--version"], { cwd: result.workspace, env: { PATH: "/usr/bin:/bin" } });
    expect(later).toMatchObject({ status: 0, stdout: `${version}\n` });
  }, 180_000);

  it("fails with exit 2 and one error annotation when pac-do cannot run or nothing matches", async () => {
    const missing = await runAction({ files: "proxy/missing.pac" }, pacs);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toMatch(/^::error title=pac-do::pac-do: .*missing\.pac/m);
    const none = await runAction({ files: "nowhere/*.pac" }, pacs);
    expect(none.status).toBe(2);
    expect(none.stdout).toContain("::error title=pac-do::no file matches nowhere/*.pac in ");
  }, 180_000);
});
