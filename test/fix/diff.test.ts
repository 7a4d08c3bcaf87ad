import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { splitLines, unifiedDiff } from "../../src/fix/diff.js";

/** Applies a unified diff the way `patch` does, checking every context and removed line. */
function applyPatch(before: string, patch: string): string {
  const source = splitLines(before);
  const lines = patch.split(/(?<=\n)/);
  const out: string[] = [];
  let cursor = 0;
  let i = 2;
  while (i < lines.length) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@\n$/.exec(lines[i] ?? "");
    if (!header) throw new Error(`bad hunk header ${JSON.stringify(lines[i])}`);
    const oldStart = Number(header[1]);
    const oldCount = header[2] === undefined ? 1 : Number(header[2]);
    const startIndex = oldCount === 0 ? oldStart : oldStart - 1;
    out.push(...source.slice(cursor, startIndex));
    cursor = startIndex;
    i++;
    while (i < lines.length && !(lines[i] ?? "").startsWith("@@")) {
      let line = lines[i] ?? "";
      const next = lines[i + 1];
      if (next === "\\ No newline at end of file\n") {
        line = line.slice(0, -1);
        i++;
      }
      const kind = line[0];
      const text = line.slice(1);
      if (kind === " " || kind === "-") {
        expect(source[cursor]).toBe(text);
        cursor++;
      }
      if (kind === " " || kind === "+") out.push(text);
      i++;
    }
  }
  out.push(...source.slice(cursor));
  return out.join("");
}

describe("unifiedDiff", () => {
  test("prints an insertion with three lines of context, like diff -u", () => {
    const before = "a\nb\nc\nd\ne\nf\n";
    const after = "a\nb\nc\nX\nY\nd\ne\nf\n";
    expect(unifiedDiff(before, after, { fromFile: "a/p.pac", toFile: "b/p.pac" })).toBe(
      "--- a/p.pac\n+++ b/p.pac\n@@ -1,6 +1,8 @@\n a\n b\n c\n+X\n+Y\n d\n e\n f\n",
    );
  });

  test("keeps CRLF terminators and marks a missing final newline", () => {
    const patch = unifiedDiff("a\r\nb", "a\r\nc", { fromFile: "a", toFile: "b" });
    expect(patch).toBe("--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\r\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n");
  });

  test("is empty for equal texts", () => {
    expect(unifiedDiff("same\n", "same\n", { fromFile: "a", toFile: "b" })).toBe("");
  });

  test("turns before into after when applied (property)", () => {
    const text = fc.array(fc.constantFrom("a\n", "b\n", "c\r\n", "d\r", "e\n", "\n"), { maxLength: 30 }).map((lines) => lines.join(""));
    fc.assert(
      fc.property(text, text, fc.constantFrom("", "z", "\n"), (before, after, tail) => {
        const patch = unifiedDiff(before + tail, after, { fromFile: "a", toFile: "b" });
        if (before + tail === after) expect(patch).toBe("");
        else expect(applyPatch(before + tail, patch)).toBe(after);
      }),
      { numRuns: 300 },
    );
  });
});
