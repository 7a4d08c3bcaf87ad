import { readFileSync } from "node:fs";

interface PackageInfo {
  readonly root: URL;
  readonly version: string;
  readonly homepage: string | undefined;
}

const info = readPackage();

/** The version in package.json, found from src/ (tests) and from dist/src/ (the built CLI) alike. */
export const version: string = info?.version ?? "0.0.0";

/** The `homepage` of package.json; absent while the project has no published home. */
export const homepage: string | undefined = info?.homepage;

/** The folder that holds package.json and `docs/` (both ship in the package). */
export const packageRoot: URL | undefined = info?.root;

/** The literal .ci/bundle.mjs replaces with the bundle's hash (it occurs nowhere else in the bundle). */
const BUILD_STAMP: string = "pac-do-build:unbundled";

/**
 * Names this build of pac-do for caches, whose entries a rebuilt pac-do must never read: the SHA-256
 * of the bundled CLI (every chunk) and the versions of its external dependencies, set by
 * .ci/bundle.mjs. Undefined when running unbundled (tests, tsc's dist/src): the code there can
 * change without anything that names it changing, so nothing is cached.
 */
export const build: string | undefined = /^[0-9a-f]{64}$/.test(BUILD_STAMP) ? BUILD_STAMP : undefined;

function readPackage(): PackageInfo | undefined {
  for (const candidate of ["../package.json", "../../package.json"]) {
    const url = new URL(candidate, import.meta.url);
    try {
      const pkg: unknown = JSON.parse(readFileSync(url, "utf8"));
      if (typeof pkg === "object" && pkg !== null && "name" in pkg && pkg.name === "pac-do" && "version" in pkg) {
        const homepage = "homepage" in pkg && typeof pkg.homepage === "string" && pkg.homepage !== "" ? pkg.homepage : undefined;
        return { root: new URL(".", url), version: String(pkg.version), homepage };
      }
    } catch {
      // Not at this level; try the next one.
    }
  }
  return undefined;
}
