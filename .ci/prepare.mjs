/**
 * npm's `prepare` script: builds what the package ships (tsc, then .ci/bundle.mjs; not the playground, which
 * `npm run build` adds) unless dist/ is newer than every input. Installing from git
 * runs `prepare` twice, once in `npm install` and once more in `npm pack` (pre-commit does both to install its
 * hook), and the second build of an unchanged tree is wasted time (about 6-18 s, docs/integrations.md). Output
 * goes to stderr: pre-commit reads the tarball's name from `npm pack`'s stdout.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const OUTPUTS = ["dist/bin/pac-do.js", "dist/src/index.js", "dist/src/index.d.ts"];
const INPUTS = ["src", "grammar", "test/bench", "package.json", "package-lock.json", "tsconfig.json", ".ci/bundle.mjs"];

function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function oldest(paths) {
  return Math.min(...paths.map((path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0));
}

if (oldest(OUTPUTS) <= Math.max(...INPUTS.map(newest))) {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  // --noCheck: emit without type-checking, half of tsc's CPU (7.5 -> 3.8 s here; the declarations differ only in
  // the order of union members). The type check is `npm run typecheck`, which CI and the release step run.
  for (const args of [[tsc, "-p", "tsconfig.json", "--noCheck"], [".ci/bundle.mjs"]]) {
    const { status, error } = spawnSync(process.execPath, args, { stdio: ["ignore", 2, 2] });
    if (error) throw error;
    if (status !== 0) {
      process.exitCode = status ?? 1;
      break;
    }
  }
}
