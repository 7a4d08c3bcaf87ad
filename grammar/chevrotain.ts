/**
 * Chevrotain's runtime, loaded from its single-file bundle. The package's entry point is about 45
 * ES modules (plus its helper packages); loading them is the largest part of pac-do's start-up
 * (about 200 ms against about 90 ms for the bundle, docs/performance.md "Parsing"). The bundle is
 * built from the same sources and ships in the package (`lib/chevrotain.min.mjs`), but the
 * package's `exports` do not name it, so it is found next to the entry point. Every runtime use of
 * Chevrotain in pac-do goes through this module: token types, `EOF` and the parser classes must
 * all come from one copy.
 */
import type * as Chevrotain from "chevrotain";

async function load(): Promise<typeof Chevrotain> {
  try {
    const bundle = new URL("../chevrotain.min.mjs", import.meta.resolve("chevrotain"));
    const api: typeof Chevrotain = await import(bundle.href);
    if (typeof api.CstParser === "function") return api;
  } catch {
    // Bundle missing or import.meta.resolve unavailable (some test runners): use the entry point.
  }
  return import("chevrotain");
}

const api = await load();

export const createToken: typeof Chevrotain.createToken = api.createToken;
export const Lexer: typeof Chevrotain.Lexer = api.Lexer;
export type Lexer = Chevrotain.Lexer;
export const CstParser: typeof Chevrotain.CstParser = api.CstParser;
export const EOF: typeof Chevrotain.EOF = api.EOF;
export const LLkLookaheadStrategy: typeof Chevrotain.LLkLookaheadStrategy = api.LLkLookaheadStrategy;
export const getLookaheadPaths: typeof Chevrotain.getLookaheadPaths = api.getLookaheadPaths;
export const tokenMatcher: typeof Chevrotain.tokenMatcher = api.tokenMatcher;
export const generateCstDts: typeof Chevrotain.generateCstDts = api.generateCstDts;
export const createSyntaxDiagramsCode: typeof Chevrotain.createSyntaxDiagramsCode = api.createSyntaxDiagramsCode;
