/**
 * V8's code cache for pac-do's own modules: Node's module compile cache (`module.enableCompileCache`),
 * kept in the `v8/` folder of pac-do's cache folder (directory.ts). A module compiled once is then
 * read back as bytecode instead of being parsed again: about 10 ms of the main thread in every cold
 * command, most of it Chevrotain's and commander's modules (docs/performance.md, "Start-up").
 *
 * Node checks each entry against the module's source and its own version, so a changed or upgraded
 * pac-do compiles afresh. The folder is pac-do's own (mode 0700), not Node's default under the shared
 * temporary folder: a code cache is code, and only its user should be able to write it. Like the
 * cache of compiled PACs, it is skipped with `--no-cache`, with `NODE_DISABLE_COMPILE_CACHE=1` (Node's
 * own switch), and silently when the folder cannot be created.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { cacheDirectory } from "./directory.js";

export function enableCodeCache(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): void {
  if (argv.includes("--no-cache")) return;
  const directory = cacheDirectory(env);
  if (directory === undefined) return;
  const folder = join(directory, "v8");
  // Looked up, not imported: the bundle reads the named exports of the Node that builds it, and a
  // pre-commit install may build with an older Node (20), whose node:module has no enableCompileCache.
  const enable = (process.getBuiltinModule("node:module") as Partial<typeof import("node:module")>).enableCompileCache;
  if (typeof enable !== "function") return;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    enable(folder);
  } catch {
    // No cache: every module compiles as it would without one.
  }
}
