import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSourceFile, decodeSource, lineText, offsetAt, positionAt, utf8Length } from "../../src/source/source-file.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("decodeSource", () => {
  it("strips a UTF-8 BOM and remembers it", () => {
    const result = decodeSource(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("var a;")]));
    expect(result).toMatchObject({ ok: true, source: { text: "var a;", bom: true } });
  });

  it("decodes a file without a BOM as UTF-8", () => {
    expect(decodeSource(utf8("// café\n"))).toMatchObject({ ok: true, source: { text: "// café\n", bom: false } });
  });

  it("decodes an empty file to an empty text", () => {
    expect(decodeSource(new Uint8Array())).toMatchObject({ ok: true, source: { text: "", lineStarts: [0] } });
  });

  it("refuses a binary file with the offset of its first NUL byte", () => {
    expect(decodeSource(new Uint8Array([0x41, 0x00, 0x42]))).toEqual({
      ok: false,
      message: "binary file (NUL byte at offset 1), not a PAC script",
    });
  });

  it("refuses invalid UTF-8 and names the byte offset", () => {
    expect(decodeSource(new Uint8Array([0x61, 0x62, 0xc3, 0x28]))).toEqual({
      ok: false,
      message: "invalid UTF-8 at byte offset 2",
    });
  });

  it("refuses a file over the size limit before decoding it", () => {
    const result = decodeSource(new Uint8Array(2048), "big.pac", 1024);
    expect(result).toEqual({ ok: false, message: "file is 2 KB, over the 1 KB limit" });
  });
});

describe("createSourceFile", () => {
  it("counts LF, CR, CRLF, U+2028 and U+2029 as line breaks", () => {
    const source = createSourceFile("a\nb\r\nc\rd\u2028e\u2029f");
    expect(source.lineStarts).toEqual([0, 2, 5, 7, 9, 11]);
    expect([1, 2, 3, 4, 5, 6].map((line) => lineText(source, line))).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("takes the dominant line ending as the file's own", () => {
    expect(createSourceFile("a\r\nb\r\nc\n").eol).toBe("\r\n");
    expect(createSourceFile("a\nb\nc\r\n").eol).toBe("\n");
    expect(createSourceFile("a\rb\r").eol).toBe("\r");
    expect(createSourceFile("one line").eol).toBe("\n");
  });

  it("maps offsets to 1-based lines and columns after CRLF", () => {
    const source = createSourceFile("var a;\r\n  return b;");
    expect(positionAt(source, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(source, 10)).toEqual({ line: 2, column: 3 });
    expect(positionAt(source, source.text.length)).toEqual({ line: 2, column: 12 });
  });

  it("maps every offset to a position and back", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", " ", "\n", "\r", "\r\n", "\u2028", "é") }), (text) => {
        const source = createSourceFile(text);
        for (let offset = 0; offset <= text.length; offset++) {
          const position = positionAt(source, offset);
          // An offset inside a CRLF pair maps to the end of its line, like editors show it.
          if (text[offset - 1] === "\r" && text[offset] === "\n") continue;
          expect(offsetAt(source, position)).toBe(offset);
        }
      }),
    );
  });
});

describe("utf8Length", () => {
  it("counts the bytes Buffer.byteLength counts, lone surrogates as U+FFFD", () => {
    for (const text of ["", "ascii", "é", "€", "😀", "a\uD800b", "\uDC00", "\uD83D", "x\uD83D\uDE00\uD83D"]) {
      expect([text, utf8Length(text)]).toEqual([text, Buffer.byteLength(text, "utf8")]);
    }
    fc.assert(fc.property(fc.string({ unit: "binary" }), (text) => utf8Length(text) === Buffer.byteLength(text, "utf8")));
  });
});
