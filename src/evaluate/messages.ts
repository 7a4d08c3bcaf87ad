/** How the evaluators word what they report of a guest: shared by the sandbox and the node profile. */
import type { Limits } from "./types.js";

/** A message as one line of at most `max` characters (what pac-do shows of a guest's text). */
export function oneLine(text: string, max = 300): string {
  const line = text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}

export function memoryMessage(limits: Limits): string {
  return `memory limit of ${formatMegabytes(limits.memoryBytes)} exceeded`;
}

function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
