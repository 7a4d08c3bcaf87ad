/** The oldest Node.js pac-do runs on; package.json's `engines.node` says the same (test/node-version.test.ts). */
export const MINIMUM_NODE = "22.12.0";

/** Whether `version` (as in `process.versions.node`, no leading "v") is MINIMUM_NODE or later. */
export function isSupportedNode(version: string): boolean {
  const have = parts(version);
  const need = parts(MINIMUM_NODE);
  for (let i = 0; i < 3; i++) {
    const difference = (have[i] ?? 0) - (need[i] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}

/**
 * The one-line error when no Node.js recent enough can run pac-do. pac-do is built and tested for
 * MINIMUM_NODE and later only: an older Node fails in the CLI's first module (Node 18 has no
 * `process.getBuiltinModule`) or runs code nobody tested, and a verdict from untested code is not one to trust.
 */
export function nodeVersionProblem(version: string, execPath: string): string {
  const [major, minor] = MINIMUM_NODE.split(".");
  return `pac-do: needs Node.js >= ${major}.${minor}, but ${execPath} is v${version} and no newer node is on PATH (docs/integrations.md, "Node.js")`;
}

function parts(version: string): number[] {
  return version.split(".").map((part) => Number.parseInt(part, 10) || 0);
}
