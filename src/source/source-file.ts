import type { Position, Range } from "../types.js";

/**
 * The text of a PAC file and what is needed to map offsets back to it. Offsets everywhere in pac-do
 * are UTF-16 offsets into `text`, which excludes the BOM; `bom` records whether one was there.
 */
export interface SourceFile {
  readonly path: string | undefined;
  readonly text: string;
  readonly bom: boolean;
  /** The file's dominant line ending; new lines written into the file use it. */
  readonly eol: "\n" | "\r\n" | "\r";
  /** Offset of the first character of each line. */
  readonly lineStarts: readonly number[];
}

/** PAC files larger than this are refused before parsing. Clients cap PACs at 1 MB (research §2.5, §3.5). */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

export type DecodeResult = { ok: true; source: SourceFile } | { ok: false; message: string };

/** Line terminators of ECMA-262 §11.3: LF, CR, CRLF, LS, PS. */
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/g;

export function createSourceFile(text: string, path?: string, bom = false): SourceFile {
  const lineStarts = [0];
  const counts = { "\n": 0, "\r\n": 0, "\r": 0 };
  for (const match of text.matchAll(LINE_BREAK)) {
    const brk = match[0];
    if (brk === "\n" || brk === "\r\n" || brk === "\r") counts[brk]++;
    lineStarts.push(match.index + brk.length);
  }
  const eol =
    counts["\r\n"] >= counts["\n"] && counts["\r\n"] >= counts["\r"] && counts["\r\n"] > 0
      ? "\r\n"
      : counts["\r"] > counts["\n"]
        ? "\r"
        : "\n";
  return { path, text, bom, eol, lineStarts };
}

/**
 * The length of `text` in UTF-8, as the encoder writes it: a lone surrogate becomes U+FFFD (3 bytes),
 * as with TextEncoder and Buffer.byteLength. Counted without encoding, so a large file costs no copy.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Decodes the bytes of a PAC file: UTF-8 with or without a BOM. Binary files (NUL bytes), invalid
 * UTF-8 and oversized files are refused with a one-line message instead of a garbled parse.
 */
export function decodeSource(bytes: Uint8Array, path?: string, maxBytes = MAX_SOURCE_BYTES): DecodeResult {
  if (bytes.length > maxBytes) {
    return { ok: false, message: `file is ${formatBytes(bytes.length)}, over the ${formatBytes(maxBytes)} limit` };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, message: `binary file (NUL byte at offset ${nul}), not a PAC script` };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    return { ok: false, message: `invalid UTF-8 at byte offset ${firstInvalidUtf8(bytes)}` };
  }
  return { ok: true, source: createSourceFile(text, path, bom) };
}

/** The 1-based line and column of a UTF-16 offset. */
export function positionAt(source: SourceFile, offset: number): Position {
  const starts = source.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/** The offset of a 1-based line and column. */
export function offsetAt(source: SourceFile, position: Position): number {
  const start = source.lineStarts[position.line - 1] ?? source.text.length;
  return Math.min(start + position.column - 1, source.text.length);
}

export function getText(source: SourceFile, range: Range): string {
  return source.text.slice(range[0], range[1]);
}

/** The text of a 1-based line, without its terminator. */
export function lineText(source: SourceFile, line: number): string {
  const start = source.lineStarts[line - 1];
  if (start === undefined) return "";
  const next = source.lineStarts[line] ?? source.text.length;
  return source.text.slice(start, next).replace(/(\r\n|[\n\r\u2028\u2029])$/, "");
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return i;
}
