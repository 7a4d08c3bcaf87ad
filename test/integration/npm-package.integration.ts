import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { version } from "../../src/version.js";
import { ok, ROOT, run } from "./helpers.js";
import { startRegistry, type LocalRegistry } from "./registry.js";

/**
 * The tarball `npm pack` makes, installed into an empty project with npm from the local registry
 * (registry.ts: no network), then used as a user would: `npx pac-do`, and the library from TypeScript.
 */
const SCRATCH = mkdtempSync(join(tmpdir(), "pac-do-npm-package-"));
const PROJECT = join(SCRATCH, "project");
const PATH = [dirname(process.execPath), process.env.PATH].join(delimiter);

let registry: LocalRegistry;
let files: string[];
let tarball: string;

function npm(args: string[], cwd = PROJECT): ReturnType<typeof run> {
  return run("npm", args, { cwd, env: { ...registry.env(join(SCRATCH, "npm-cache")), PATH } });
}

describe("the npm package", () => {
  beforeAll(async () => {
    registry = await startRegistry(ROOT);
    // `prepare` builds first when dist/ is older than the sources (.ci/prepare.mjs).
    const packed = await ok("npm", ["pack", "--json", "--pack-destination", SCRATCH], { cwd: ROOT, env: { PATH } });
    const [info] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    files = info.files.map((file) => file.path).sort();
    tarball = join(SCRATCH, info.filename);
    mkdirSync(PROJECT);
    writeFileSync(join(PROJECT, "package.json"), `${JSON.stringify({ name: "pac-do-consumer", private: true, type: "module" }, null, 2)}\n`);
    copyFileSync(join(ROOT, "fixtures/pac/enterprise-typical.pac"), join(PROJECT, "violating.pac"));
    copyFileSync(join(ROOT, "fixtures/pac/do-bypass-complete.pac"), join(PROJECT, "compliant.pac"));
  }, 180_000);

  afterAll(async () => {
    await registry?.close();
    rmSync(SCRATCH, { recursive: true, force: true });
  }, 60_000);

  it("ships the bundled CLI, the library with its types, the docs and the changelog, and nothing of the tests", () => {
    expect(files).toContain("dist/bin/pac-do.js");
    expect(files).toContain("dist/bin/emscripten-module.wasm");
    expect(files).toContain("dist/src/index.js");
    expect(files).toContain("dist/src/index.d.ts");
    expect(files).toContain("docs/rules/do-service-direct.md");
    expect(files).toEqual(expect.arrayContaining(["README.md", "CHANGELOG.md", "package.json"]));
    const unexpected = files.filter((file) => !/^(dist\/(bin|src|grammar)\/|docs\/|(README|CHANGELOG)\.md$|package\.json$|LICENSE$)/.test(file) || /\.map$/.test(file));
    expect(unexpected).toEqual([]);
  });

  it("installs into an empty project, where npx pac-do lints: exit 1 naming the violation, 0 for a compliant PAC", async () => {
    const installed = await npm(["install", "--no-package-lock", tarball]);
    expect({ status: installed.status, missing: registry.missing }, installed.output).toEqual({ status: 0, missing: [] });
    expect(await npm(["exec", "--offline", "--", "pac-do", "--version"])).toMatchObject({ status: 0, stdout: `${version}\n` });
    const violating = await npm(["exec", "--offline", "--", "pac-do", "lint", "violating.pac"]);
    expect(violating.status, violating.output).toBe(1);
    expect(violating.stdout).toMatch(/38:5 +error .*do-service-direct/);
    const compliant = await npm(["exec", "--offline", "--", "pac-do", "lint", "compliant.pac"]);
    expect(compliant.status, compliant.output).toBe(0);
  }, 180_000);

  it("gives TypeScript the library's types: a strict NodeNext project importing pac-do type-checks, then runs", async () => {
    // No @types/node in the project: the library's declarations stand on their own (`dom` is only for console).
    // `esnext.disposable` is what README.md asks of a TypeScript user: the sandbox's handles (pac-do's and
    // quickjs-emscripten's) are `Disposable`.
    const compilerOptions = { module: "NodeNext", moduleResolution: "NodeNext", target: "es2023", lib: ["es2023", "esnext.disposable", "dom"], strict: true, noEmit: true, types: [] };
    writeFileSync(join(PROJECT, "tsconfig.json"), `${JSON.stringify({ compilerOptions, files: ["check.ts"] }, null, 2)}\n`);
    const pac = readFileSync(join(PROJECT, "violating.pac"), "utf8");
    writeFileSync(
      join(PROJECT, "check.ts"),
      [
        'import { createSourceFile, lint, type LintResult, type Severity } from "pac-do";',
        "",
        `const result: LintResult = await lint(createSourceFile(${JSON.stringify(pac)}, "violating.pac"));`,
        'const errors: Severity[] = result.diagnostics.map((diagnostic) => diagnostic.severity).filter((severity) => severity === "error");',
        "const rules: (string | null)[] = result.diagnostics.map((diagnostic) => diagnostic.ruleId);",
        'console.log(JSON.stringify({ errors: errors.length, serviceDirect: rules.includes("do-service-direct") }));',
        "",
      ].join("\n"),
    );
    const typecheck = await run(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", PROJECT], { cwd: PROJECT });
    expect(typecheck.status, typecheck.output).toBe(0);
    // Node runs the TypeScript file as it is (type stripping), against the installed package.
    const ran = await run(process.execPath, ["check.ts"], { cwd: PROJECT });
    expect(ran.status, ran.output).toBe(0);
    expect(JSON.parse(ran.stdout)).toEqual({ errors: 2, serviceDirect: true });
  }, 120_000);
});
