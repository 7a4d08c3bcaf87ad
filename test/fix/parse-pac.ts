import type { ParsedPac } from "../../src/fix/plan.js";
import type { SourceFile } from "../../src/source/source-file.js";
import { acornPac } from "./acorn-pac.js";

/** Parses a PAC for the planner tests; undefined when it does not parse. */
export function parsePac(source: SourceFile): ParsedPac | undefined {
  try {
    return acornPac(source);
  } catch {
    return undefined;
  }
}
