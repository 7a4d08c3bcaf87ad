/**
 * A PAC is untrusted, and the strings it returns or throws, its file name and its own source lines
 * reach the terminal: an ESC, BEL or CR there could repaint the screen, hide findings or fake
 * output, and bidi controls (U+202E) could reorder what is shown. Human-readable output therefore
 * shows every such character as an escape (`\u001b`), in the `\uXXXX` form, which JSON reads the same way.
 * Line feeds and tabs stay: they are the output's own layout.
 */

/**
 * C0 controls but tab and line feed, DEL, C1 controls, and the Unicode format characters that
 * reorder or hide text: bidi marks, embeddings, overrides and isolates (U+061C, U+200E-U+200F,
 * U+202A-U+202E, U+2066-U+2069), line and paragraph separators (U+2028-U+2029).
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const ANY_UNSAFE = new RegExp(UNSAFE.source);

/** `text` with every control and bidi character replaced by its `\uXXXX` escape. */
export function terminalSafe(text: string): string {
  if (!ANY_UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
