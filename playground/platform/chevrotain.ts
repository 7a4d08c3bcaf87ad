/**
 * grammar/chevrotain.ts in the browser: the Node build finds Chevrotain's single-file bundle with
 * `import.meta.resolve`, which has nothing to resolve against in a bundled page; here the bundler
 * resolves the package once and inlines it.
 */
export { createToken, Lexer, CstParser, EOF, LLkLookaheadStrategy, getLookaheadPaths, tokenMatcher, generateCstDts, createSyntaxDiagramsCode } from "chevrotain";
