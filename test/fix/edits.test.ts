import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { applyEdits, encodeOutput, insertedRanges, type Edit } from "../../src/fix/edits.js";

describe("applyEdits", () => {
  test("copies everything outside the edits byte for byte", () => {
    const text = "a\r\n\tb /* c */\rd";
    expect(applyEdits(text, [{ range: [3, 3], text: "X\n" }, { range: [4, 5], text: "B" }])).toBe("a\r\nX\n\tB /* c */\rd");
  });

  test("applies edits given in any order", () => {
    expect(applyEdits("abc", [{ range: [2, 2], text: "2" }, { range: [0, 0], text: "0" }])).toBe("0ab2c");
  });

  test("refuses overlapping edits", () => {
    expect(() => applyEdits("abcdef", [{ range: [1, 4], text: "" }, { range: [3, 5], text: "" }])).toThrow(/overlapping/);
  });

  test("removing the inserted ranges gives back the input (property)", () => {
    const insertion = (length: number) => fc.record({ at: fc.nat({ max: length }), text: fc.string() });
    fc.assert(
      fc.property(
        fc.string().chain((text) => fc.tuple(fc.constant(text), fc.uniqueArray(insertion(text.length), { selector: (i) => i.at, maxLength: 5 }))),
        ([text, insertions]) => {
          const edits: Edit[] = insertions.map(({ at, text: inserted }) => ({ range: [at, at], text: inserted }));
          const output = applyEdits(text, edits);
          const removal = insertedRanges(edits).map((range): Edit => ({ range, text: "" }));
          expect(applyEdits(output, removal)).toBe(text);
        },
      ),
    );
  });
});

describe("encodeOutput", () => {
  test("puts the BOM back when the original had one", () => {
    expect([...encodeOutput({ bom: true }, "a")]).toEqual([0xef, 0xbb, 0xbf, 0x61]);
    expect([...encodeOutput({ bom: false }, "a")]).toEqual([0x61]);
  });
});
