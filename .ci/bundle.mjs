/**
 * Bundles the CLI into dist/bin/ (`pac-do.js` plus one chunk per lazily imported part), the file the
 * `bin` runs. A cold start then resolves and links about a dozen modules instead of 50 (tsc's
 * one file per source file, plus commander's seven), which took `pac-do --version` and a 10 KB
 * `lint --no-analysis` about 20-60 ms of CPU lower (docs/performance.md, "Linting"). `tsc` still
 * typechecks and emits dist/src/ for the library entry point and the declarations.
 *
 * Dependencies stay external except commander (plain ESM, no assets): the QuickJS variant finds its
 * .wasm next to its own module, and grammar/chevrotain.ts locates Chevrotain's single-file build
 * through `import.meta.resolve`. The chunks sit beside the entry, two levels under the package root,
 * where src/version.ts looks for package.json.
 */
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const BUNDLED = new Set(["commander"]);
const root = new URL("../", import.meta.url);
// `--outdir DIR` (relative to the package root, and two levels deep like dist/bin) is for the bundle's test.
const outdirFlag = process.argv.indexOf("--outdir");
const outdir = fileURLToPath(new URL(outdirFlag >= 0 ? `${process.argv[outdirFlag + 1]}/` : "dist/bin/", root));
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
const external = Object.keys(pkg.dependencies ?? {}).filter((name) => !BUNDLED.has(name));

// Chunk names carry content hashes: clear the folder so no chunk of an earlier build stays behind.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { "pac-do": fileURLToPath(new URL("src/cli.ts", root)) },
  outdir,
  chunkNames: "[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: `node${pkg.engines.node.replace(/^>=\s*/, "")}`,
  external,
  logLevel: "warning",
});
