/**
 * Values of literal tokens: string escapes (ECMA-262 §12.9.4, with the legacy octal escapes of
 * Annex B.1.2), numbers (§12.9.3, B.1.1), identifiers with `\u` escapes (§12.7) and template
 * strings (§12.9.6, §13.2.8.6 TV and TRV).
 */

/** Thrown by the decoders; the converter turns it into a parse error at `offset` (relative to the token). */
export class LiteralError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v" };

function isLineTerminator(ch: string): boolean {
  return ch === "\n" || ch === "\r" || ch === "\u2028" || ch === "\u2029";
}

/**
 * Decodes the body of a string or template (without quotes). `template` forbids legacy octal
 * escapes (§12.9.6 NotEscapeSequence); a template with a bad escape has no cooked value.
 */
export function decodeEscapes(body: string, template: boolean): string {
  if (!body.includes("\\")) return template ? normalizeLineTerminators(body) : body;
  let out = "";
  let i = 0;
  while (i < body.length) {
    const ch = body[i]!;
    if (ch !== "\\") {
      if (template && ch === "\r") {
        out += "\n";
        i += body[i + 1] === "\n" ? 2 : 1;
      } else {
        out += ch;
        i++;
      }
      continue;
    }
    const start = i;
    const next = body[i + 1] ?? "";
    i += 2;
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
    } else if (next === "\r") {
      if (body[i] === "\n") i++;
    } else if (isLineTerminator(next)) {
      // LineContinuation: contributes nothing.
    } else if (next === "x") {
      const hex = body.slice(i, i + 2);
      if (!/^[\da-fA-F]{2}$/.test(hex)) throw new LiteralError("invalid hexadecimal escape sequence", start);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else if (next === "u") {
      const [code, length] = readUnicodeEscape(body, i, start);
      out += String.fromCodePoint(code);
      i += length;
    } else if (next >= "0" && next <= "7") {
      if (next === "0" && !/[0-9]/.test(body[i] ?? "")) {
        out += "\0";
      } else {
        if (template) throw new LiteralError("octal escape sequences are not allowed in template strings", start);
        const octal = /^[0-7]{1,3}/.exec(body.slice(i - 1))![0];
        const digits = parseInt(octal, 8) > 0o377 ? octal.slice(0, 2) : octal;
        out += String.fromCharCode(parseInt(digits, 8));
        i += digits.length - 1;
      }
    } else if (next === "8" || next === "9") {
      if (template) throw new LiteralError("\\8 and \\9 are not allowed in template strings", start);
      out += next;
    } else {
      out += next;
    }
  }
  return out;
}

function readUnicodeEscape(text: string, i: number, start: number): [code: number, length: number] {
  if (text[i] === "{") {
    const close = text.indexOf("}", i);
    const hex = close === -1 ? "" : text.slice(i + 1, close);
    if (!/^[\da-fA-F]+$/.test(hex)) throw new LiteralError("invalid Unicode escape sequence", start);
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) throw new LiteralError("code point out of bounds", start);
    return [code, hex.length + 2];
  }
  const hex = text.slice(i, i + 4);
  if (!/^[\da-fA-F]{4}$/.test(hex)) throw new LiteralError("invalid Unicode escape sequence", start);
  return [parseInt(hex, 16), 4];
}

export function normalizeLineTerminators(raw: string): string {
  return raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
}

/** The name an identifier token stands for, with `\u` escapes decoded. */
export function identifierName(image: string): string {
  if (!image.includes("\\")) return image;
  let out = "";
  for (let i = 0; i < image.length; ) {
    if (image[i] === "\\") {
      const [code, length] = readUnicodeEscape(image, i + 2, i);
      const ch = String.fromCodePoint(code);
      const valid = out === "" ? /[$_\p{ID_Start}]/u.test(ch) : /[$\u200c\u200d\p{ID_Continue}]/u.test(ch);
      if (!valid) throw new LiteralError("invalid Unicode escape in identifier", i);
      out += ch;
      i += length + 2;
    } else {
      const ch = String.fromCodePoint(image.codePointAt(i)!);
      out += ch;
      i += ch.length;
    }
  }
  return out;
}

/** The value of a numeric literal; BigInt literals (`10n`) have the value null, as ESTree specifies. */
export function numericValue(image: string): number | null {
  if (image.endsWith("n")) return null;
  const digits = image.includes("_") ? image.replace(/_/g, "") : image;
  if (/^0\d+$/.test(digits) && /^0[0-7]+$/.test(digits)) return parseInt(digits, 8);
  return Number(digits);
}

/** The pattern and flags of a regular expression literal, and its value; throws on an invalid pattern. */
export function regexValue(image: string): { pattern: string; flags: string; value: RegExp } {
  const slash = image.lastIndexOf("/");
  const pattern = image.slice(1, slash);
  const flags = image.slice(slash + 1);
  if (flags !== "" && (!/^[dgimsuvy]*$/.test(flags) || new Set(flags).size !== flags.length)) {
    throw new LiteralError(`invalid regular expression flags '${flags}'`, slash + 1);
  }
  try {
    return { pattern, flags, value: new RegExp(pattern, flags) };
  } catch (e) {
    const reason = e instanceof Error ? e.message.replace(/^Invalid regular expression: /, "") : String(e);
    throw new LiteralError(`invalid regular expression: ${reason}`, 0);
  }
}
