/**
 * What `pac-do fix` says about a result, shared by the CLI and the playground so that both say the
 * same thing.
 */
import type { FixedSite, FixResult } from "./fix.js";

/** One line on what `fix` did (empty when it could not fix; see `fixFailure`). */
export function fixSummary(result: FixResult): string {
  switch (result.status) {
    case "fixed":
      return `fixed: ${countEntryPoints(result.sites.filter((site) => site.action !== "keep"))}`;
    case "compliant":
      return "already compliant, nothing to do";
    case "up-to-date":
      return "the pac-do block is up to date, nothing to do";
    default:
      return "";
  }
}

function countEntryPoints(sites: readonly FixedSite[]): string {
  const list = sites.map((site) => `${site.name} line ${site.line}${site.action === "update" ? ", block updated" : site.action === "move" ? ", block moved back to the top" : ""}`).join(", ");
  return `${sites.length} entry point${sites.length === 1 ? "" : "s"} (${list})`;
}

/** A proof that fails usually fails the same way for many hosts; the first few say why. */
const MAX_PROBLEMS_SHOWN = 10;

/** The lines `fix` prints when the file cannot be fixed, or undefined when it can. */
export function fixFailure(file: string, result: FixResult): string | undefined {
  switch (result.status) {
    case "parse-error":
      return `${result.errors.map((error) => `${file}:${error.start.line}:${error.start.column}: parse error: ${error.message}\n`).join("")}${file}: not fixed: the file does not parse\n`;
    case "unfixable":
      return result.problems.map((problem) => `${file}: ${problem}\n`).join("") + `${file}: not fixed\n`;
    case "unverified": {
      const shown = result.problems.slice(0, MAX_PROBLEMS_SHOWN);
      const more = result.problems.length - shown.length;
      return (
        shown.map((problem) => `${file}: ${problem.message}\n`).join("") +
        (more > 0 ? `${file}: … and ${more} more\n` : "") +
        `${file}: not fixed: the fixed PAC failed verification, nothing was written\n`
      );
    }
    default:
      return undefined;
  }
}
