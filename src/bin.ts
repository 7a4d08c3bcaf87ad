#!/usr/bin/env node
// The `pac-do` executable. The Node.js version is checked before the CLI loads: the CLI's modules are
// evaluated before any of its code runs, and on an old Node they fail with a stack trace. This file must
// run on old Nodes too, so it takes builtins through import() of a computed name, which the bundle keeps
// as it is (.ci/bundle.mjs reaches builtins through `process.getBuiltinModule`, which Node 18 lacks).
import { isSupportedNode, nodeVersionProblem } from "./node-version.js";

if (isSupportedNode(process.versions.node)) {
  // Before the CLI's modules load, so that they are compiled from V8's code cache (src/cache/compile-cache.ts).
  const { enableCodeCache } = await import("./cache/compile-cache.js");
  enableCodeCache();
  const { main } = await import("./cli.js");
  await main();
} else {
  await runWithNewerNode();
}

/**
 * On an older Node, runs pac-do with the first Node on PATH that is recent enough, or else exits 2 with one
 * line. A hook runner may start pac-do with an old Node while the user's PATH has a newer one: pre-commit's
 * `system` Node on Debian is /usr/bin/nodejs, whatever comes first on PATH (docs/integrations.md, "Node.js").
 */
async function runWithNewerNode(): Promise<void> {
  const builtin = (name: string): Promise<unknown> => import(`node:${name}`);
  const { execFileSync, spawnSync } = (await builtin("child_process")) as typeof import("node:child_process");
  const { realpathSync } = (await builtin("fs")) as typeof import("node:fs");
  const { delimiter, join } = (await builtin("path")) as typeof import("node:path");
  const real = (path: string): string | undefined => {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  };
  const tried = new Set([real(process.execPath)]);
  const names = process.platform === "win32" ? ["node.exe"] : ["node", "nodejs"];
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of dir === "" ? [] : names) {
      const candidate = join(dir, name);
      const resolved = real(candidate);
      if (resolved === undefined || tried.has(resolved)) continue;
      tried.add(resolved);
      let version: string;
      try {
        version = execFileSync(candidate, ["-p", "process.versions.node"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 10_000 }).trim();
      } catch {
        continue;
      }
      if (!isSupportedNode(version)) continue;
      const child = spawnSync(candidate, [...process.execArgv, process.argv[1] ?? "", ...process.argv.slice(2)], { stdio: "inherit" });
      if (child.signal) process.kill(process.pid, child.signal);
      process.exitCode = child.status ?? 2;
      return;
    }
  }
  process.stderr.write(`${nodeVersionProblem(process.versions.node, process.execPath)}\n`);
  process.exitCode = 2;
}
