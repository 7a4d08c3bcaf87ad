/** Types of playground/build.mjs for the TypeScript that imports it (the browser tests and benchmark). */
export declare const EXAMPLES: readonly { readonly file: string; readonly title: string }[];
export declare function buildPlayground(options?: { outdir?: string; minify?: boolean }): Promise<string>;
export declare function servePlayground(dir: string, options?: { host?: string; port?: number }): Promise<{ url: string; close: () => Promise<void> }>;
