/**
 * Builds the playground into dist/playground/: a static folder (index.html at its root, every URL in
 * it relative) that any static server can serve from any path. `--serve` then serves it on
 * localhost, which is `npm run playground`; `--outdir DIR` builds elsewhere (the browser tests).
 *
 * esbuild (already the CLI's bundler, .ci/bundle.mjs) rather than Vite: the page is two entry points
 * and a copied .wasm, which esbuild builds in about a second with no config layer, no dev server and
 * no further dependencies; Vite would add its own plugin pipeline (and Rollup) to do the same thing.
 *
 * The library runs in the page unchanged except at its platform seams (SEAMS): the modules that reach
 * Node are swapped for the browser versions in playground/platform/, and any other Node builtin on the
 * lint, analyze, resolve or fix paths fails the build (esbuild's browser platform has none).
 */
import { createReadStream, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { extname, join, normalize, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { marked } from "marked";

const root = fileURLToPath(new URL("../", import.meta.url));
const here = (path) => join(root, path);

/** Library module (as written in src/ and grammar/) -> its browser version. */
const SEAMS = new Map([
  [here("grammar/chevrotain.ts"), here("playground/platform/chevrotain.ts")],
  [here("src/version.ts"), here("playground/platform/version.ts")],
  [here("src/evaluate/quickjs.ts"), here("playground/platform/quickjs.ts")],
  [here("src/evaluate/node-profile.ts"), here("playground/platform/node-profile.ts")],
  [here("src/cache/store.ts"), here("playground/platform/cache-store.ts")],
]);
/** Node builtins the library imports on the page's paths -> their browser versions. */
const BUILTIN_SEAMS = new Map([["node:dns/promises", here("playground/platform/dns.ts")]]);

/** The bundled examples: fixtures named after their situation, with the title the page lists them under. */
export const EXAMPLES = [
  { file: "fixtures/pac/enterprise-typical.pac", title: "Enterprise PAC that proxies DO (violations)" },
  { file: "fixtures/pac/do-bypass-complete.pac", title: "Complete DO bypass (compliant)" },
  { file: "fixtures/analyze/bypass-only-on-corporate-network.pac", title: "Bypass only on the corporate network" },
  { file: "fixtures/analyze/business-hours-proxy.pac", title: "Business-hours proxy (clock-dependent)" },
  { file: "fixtures/analyze/regex-misses-geover.pac", title: "Regex bypass that misses geover" },
  { file: "fixtures/pac/findproxyforurlex.pac", title: "FindProxyForURLEx (IPv6-aware entry point)" },
  { file: "fixtures/pac/es2015-syntax.pac", title: "ES2015 syntax (rejected by JScript)" },
];

const seams = {
  name: "pac-do-browser-seams",
  setup(bundler) {
    bundler.onResolve({ filter: /^node:/ }, (args) => {
      const path = BUILTIN_SEAMS.get(args.path);
      if (path) return { path };
      return { errors: [{ text: `${args.path} (imported by ${relative(root, args.importer)}) has no browser seam: the playground cannot run it` }] };
    });
    bundler.onResolve({ filter: /^\.\.?\// }, (args) => {
      const target = resolve(args.resolveDir, args.path).replace(/\.js$/, ".ts");
      const path = SEAMS.get(target);
      return path ? { path } : undefined;
    });
    bundler.onResolve({ filter: /^pac-do:examples$/ }, () => ({ path: "examples", namespace: "pac-do" }));
    bundler.onLoad({ filter: /.*/, namespace: "pac-do" }, () => ({
      contents: `export default ${JSON.stringify(EXAMPLES.map((e) => ({ ...e, text: readFileSync(here(e.file), "utf8") })))};`,
      loader: "js",
    }));
  },
};

/** Builds the playground into `outdir` (default dist/playground/); returns the folder. */
export async function buildPlayground({ outdir = here("dist/playground"), minify = true } = {}) {
  const pkg = JSON.parse(readFileSync(here("package.json"), "utf8"));
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { app: here("playground/main.ts"), worker: here("playground/worker.ts") },
    outdir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["chrome120", "firefox121", "safari17"],
    minify,
    sourcemap: false,
    legalComments: "linked",
    define: { PAC_DO_VERSION: JSON.stringify(pkg.version) },
    plugins: [seams],
    logLevel: "warning",
  });
  copyFileSync(createRequire(import.meta.url).resolve("@jitl/quickjs-wasmfile-release-sync/wasm"), join(outdir, "emscripten-module.wasm"));
  copyFileSync(here("playground/style.css"), join(outdir, "style.css"));
  writeFileSync(join(outdir, "index.html"), readFileSync(here("playground/index.html"), "utf8").replaceAll("{{version}}", pkg.version));
  writeRulePages(join(outdir, "rules"));
  return outdir;
}

/** docs/rules/<id>.md as rules/<id>.html, so a diagnostic's doc link works offline and on the page's origin. */
function writeRulePages(dir) {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(here("docs/rules")).filter((n) => n.endsWith(".md"))) {
    const id = name.slice(0, -3);
    const markdown = readFileSync(here(`docs/rules/${name}`), "utf8").replace(/\]\(([a-z0-9-]+)\.md\)/g, "]($1.html)");
    const body = marked.parse(markdown, { async: false });
    writeFileSync(
      join(dir, `${id}.html`),
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self'; img-src 'self' data:"><link rel="icon" href="data:,">` +
        `<title>${id} · pac-do rule</title><link rel="stylesheet" href="../style.css"></head>` +
        `<body class="doc"><nav><a href="../index.html">pac-do playground</a></nav><main>${body}</main></body></html>\n`,
    );
  }
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `dir` on `host:port` (port 0: any free port) for `npm run playground` and the browser tests.
 * GET and HEAD of files under `dir` only; anything else is 404 or 405.
 */
export function servePlayground(dir, { host = "127.0.0.1", port = 0 } = {}) {
  const base = resolve(dir);
  const server = createServer((request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    } catch {
      response.writeHead(400, { "content-type": TYPES[".txt"] }).end("bad request\n");
      return;
    }
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(404).end();
      return;
    }
    let size;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) throw new Error("not a file");
      size = stat.size;
    } catch {
      response.writeHead(404, { "content-type": TYPES[".txt"] }).end("not found\n");
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-length": size, "cache-control": "no-cache" });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolvePromise({ url: `http://${host}:${address.port}/`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const args = process.argv.slice(2);
  const value = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const outdir = value("--outdir") === undefined ? undefined : resolve(value("--outdir"));
  const dir = await buildPlayground(outdir ? { outdir } : {});
  if (args.includes("--serve")) {
    const port = Number(value("--port") ?? process.env.PORT ?? 8080);
    try {
      const { url } = await servePlayground(dir, { port });
      console.log(`pac-do playground: ${url}  (serving ${relative(process.cwd(), dir) || "."}; Ctrl-C to stop)`);
    } catch (error) {
      console.error(`pac-do playground: cannot listen on 127.0.0.1:${port}: ${error.code ?? error.message} (choose another with --port N or PORT=N)`);
      process.exitCode = 2;
    }
  }
}
