import { readFileSync } from "node:fs";

/** The version in package.json, found from src/ (tests) and from dist/src/ (the built CLI) alike. */
export const version: string = readVersion();

function readVersion(): string {
  for (const candidate of ["../package.json", "../../package.json"]) {
    try {
      const pkg: unknown = JSON.parse(readFileSync(new URL(candidate, import.meta.url), "utf8"));
      if (typeof pkg === "object" && pkg !== null && "name" in pkg && pkg.name === "pac-do" && "version" in pkg) {
        return String(pkg.version);
      }
    } catch {
      // Not at this level; try the next one.
    }
  }
  return "0.0.0";
}
