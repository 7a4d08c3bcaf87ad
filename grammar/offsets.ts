import type { IToken } from "chevrotain";

/**
 * The end of a token as a half-open offset. Chevrotain's `endOffset` is inclusive ("points at the
 * last character"); this is the one place in pac-do that converts it.
 */
export function tokenEnd(token: IToken): number {
  return (token.endOffset ?? token.startOffset + token.image.length - 1) + 1;
}
