/**
 * src/version.ts in the browser: the Node build reads package.json from disk; the playground's build
 * writes the version in (playground/build.mjs `define`). No homepage, like the CLI without one, so
 * `ruleDocsUrl` answers as it does there; the page links the rule pages it ships instead.
 */
declare const PAC_DO_VERSION: string;

export const version: string = PAC_DO_VERSION;
export const homepage: string | undefined = undefined;
export const packageRoot: URL | undefined = undefined;
/** No compilation cache runs in the page. */
export const build: string | undefined = undefined;
