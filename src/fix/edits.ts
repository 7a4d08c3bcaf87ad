/**
 * Text edits in original coordinates: `range` is a half-open `[start, end)` span of UTF-16 offsets
 * into the text the edits were computed against, and `text` replaces it. Applying edits copies every
 * untouched slice verbatim, so nothing outside the edited ranges (line endings, tabs, comments) can
 * change; there is no reprinting and no normalisation.
 */
import type { SourceFile } from "../source/source-file.js";
import type { Range } from "../types.js";

export interface Edit {
  readonly range: Range;
  readonly text: string;
}

/** Edits sorted by position; throws when two edits overlap, since that would be a fixer bug. */
export function sortEdits(edits: readonly Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    const current = sorted[i];
    if (previous && current && current.range[0] < previous.range[1]) {
      throw new Error(`overlapping edits at [${previous.range.join(", ")}) and [${current.range.join(", ")})`);
    }
  }
  return sorted;
}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  const parts: string[] = [];
  let last = 0;
  for (const edit of sortEdits(edits)) {
    const [start, end] = edit.range;
    if (start < last || end > text.length || start > end) throw new Error(`edit [${start}, ${end}) is out of bounds`);
    parts.push(text.slice(last, start), edit.text);
    last = end;
  }
  parts.push(text.slice(last));
  return parts.join("");
}

/** The ranges, in the edited text, that the edits' replacement texts occupy. */
export function insertedRanges(edits: readonly Edit[]): Range[] {
  const ranges: Range[] = [];
  let delta = 0;
  for (const edit of sortEdits(edits)) {
    const start = edit.range[0] + delta;
    ranges.push([start, start + edit.text.length]);
    delta += edit.text.length - (edit.range[1] - edit.range[0]);
  }
  return ranges;
}

/** The bytes to write for a text derived from `source`: UTF-8, with the BOM back if the original had one. */
export function encodeOutput(source: Pick<SourceFile, "bom">, text: string): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!source.bom) return body;
  const bytes = new Uint8Array(body.length + 3);
  bytes.set([0xef, 0xbb, 0xbf]);
  bytes.set(body, 3);
  return bytes;
}
