/**
 * Bundles the CLI into dist/bin/ (`pac-do.js` plus one chunk per lazily imported part), the file the
 * `bin` runs. A cold start then resolves and links about a dozen modules instead of 50 (tsc's
 * one file per source file, plus commander's seven), which took `pac-do --version` and a 10 KB
 * `lint --no-analysis` about 20-60 ms of CPU lower (docs/performance.md, "Linting"). `tsc` still
 * typechecks and emits dist/src/ for the library entry point and the declarations.
 *
 * Commander and QuickJS (quickjs-emscripten-core and the release-sync variant) are bundled: resolving
 * their nine modules through node_modules cost a cold `resolve` about 25 ms of CPU. The variant finds
 * its .wasm next to its own module (`new URL("emscripten-module.wasm", import.meta.url)`), so the
 * .wasm is copied beside the chunks. The other dependencies stay external: grammar/chevrotain.ts
 * locates Chevrotain's single-file build through `import.meta.resolve`, and pac-resolver (the node
 * profile's engine) loads only for that profile. The chunks sit beside the entry, two levels under
 * the package root, where src/version.ts looks for package.json.
 *
 * The bundle carries its own build id (src/version.ts `build`): the SHA-256 of every output file, the
 * .wasm and the versions of the external dependencies, written over a placeholder after bundling. A
 * cache entry made by one build is then never read by another (docs/cli.md, "Cache").
 */
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const BUNDLED = new Set(["commander", "quickjs-emscripten-core", "@jitl/quickjs-wasmfile-release-sync"]);
const WASM = createRequire(import.meta.url).resolve("@jitl/quickjs-wasmfile-release-sync/wasm");
const root = new URL("../", import.meta.url);
// `--outdir DIR` (relative to the package root, and two levels deep like dist/bin) is for the bundle's test.
const outdirFlag = process.argv.indexOf("--outdir");
const outdir = fileURLToPath(new URL(outdirFlag >= 0 ? `${process.argv[outdirFlag + 1]}/` : "dist/bin/", root));
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
const external = Object.keys(pkg.dependencies ?? {}).filter((name) => !BUNDLED.has(name));

/**
 * Node's builtins through `process.getBuiltinModule` instead of `import`: an ESM import of a builtin
 * builds a facade that reads every export, and the getters it trips load more modules (`fs.promises`,
 * `process.report`...), about 20 ms of every cold start. Only the names the bundle uses are read (each
 * is a pure expression, which esbuild drops when unused). `LAZY` builtins load on first use:
 * commander imports child_process for executable subcommands, which pac-do does not have.
 */
const LAZY = new Set(["node:child_process"]);
const builtins = {
  name: "builtins-without-facades",
  setup(bundler) {
    bundler.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: "builtin" }));
    bundler.onLoad({ filter: /.*/, namespace: "builtin" }, (args) => ({ contents: builtinModule(args.path), loader: "js" }));
  },
};

function builtinModule(name) {
  const load = `process.getBuiltinModule(${JSON.stringify(name)})`;
  if (LAZY.has(name)) return `export default new Proxy({}, { get: (_, key) => ${load}[key] });`;
  const names = Object.keys(process.getBuiltinModule(name)).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== "default");
  return [`const builtin = ${load};`, "export default builtin;", ...names.map((key) => `export const ${key} = /* @__PURE__ */ (() => builtin.${key})();`)].join("\n");
}

/** src/version.ts's BUILD_STAMP, quoted as esbuild prints it. */
const STAMP = JSON.stringify("pac-do-build:unbundled");

// Chunk names carry content hashes: clear the folder so no chunk of an earlier build stays behind.
rmSync(outdir, { recursive: true, force: true });
const { outputFiles } = await build({
  // `pac-do diff`'s worker thread (src/diff/parallel.ts finds it beside the chunk that starts it).
  entryPoints: { "pac-do": fileURLToPath(new URL("src/bin.ts", root)), "diff-worker": fileURLToPath(new URL("src/diff/diff-worker.ts", root)) },
  outdir,
  chunkNames: "[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: `node${pkg.engines.node.replace(/^>=\s*/, "")}`,
  external,
  logLevel: "warning",
  plugins: [builtins],
  write: false,
});

const files = outputFiles.map((file) => ({ path: file.path, name: relative(outdir, file.path), text: file.text })).sort((a, b) => (a.name < b.name ? -1 : 1));
const hash = createHash("sha256");
for (const file of files) hash.update(`${file.name}\0${file.text.length}\0${file.text}`);
for (const name of external) hash.update(`${name}@${dependencyVersion(name)}\0`);
hash.update(readFileSync(WASM));
const id = hash.digest("hex");
const stamped = files.filter((file) => file.text.includes(STAMP));
if (stamped.length !== 1 || stamped[0].text.split(STAMP).length !== 2) throw new Error(`bundle: expected the build stamp ${STAMP} once, found it in ${stamped.length} files`);
for (const file of files) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, file.text.replace(STAMP, JSON.stringify(id)));
  // What esbuild does when it writes: an entry with a shebang is executable.
  if (file.text.startsWith("#!")) chmodSync(file.path, 0o755);
}
copyFileSync(WASM, join(outdir, "emscripten-module.wasm"));

/** The installed version of an external dependency (they are not bundled, so an upgrade changes the build). */
function dependencyVersion(name) {
  try {
    return JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, root), "utf8")).version;
  } catch {
    return "missing";
  }
}
