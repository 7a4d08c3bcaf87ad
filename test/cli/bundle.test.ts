import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32 } from "node:zlib";
import { delimiter, dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSupportedNode } from "../../src/node-version.js";
import { run } from "../../src/cli.js";
import { diffPacs } from "../../src/diff/diff.js";
import { diffPacsInParallel, PARALLEL_FROM_BYTES } from "../../src/diff/parallel.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { enterprisePac } from "../bench/analyze.js";
import { editedPac } from "../bench/diff.js";
import { version } from "../../src/version.js";
import { memoryIo } from "../helpers/memory-io.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// Two levels under the package root, like dist/bin, where src/version.ts finds package.json.
const OUTDIR = `dist/bundle-test-${process.pid}`;
const FIXTURE = fileURLToPath(new URL("../../fixtures/pac/enterprise-typical.pac", import.meta.url));

/** The bundled CLI's cache folder in these tests; HOME and XDG_CACHE_HOME point next to it, so nothing reaches the real home cache. */
const SCRATCH = mkdtempSync(join(tmpdir(), "pac-do-bundle-test-"));
const CACHE = join(SCRATCH, "cache");

function bundled(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return bundledWith({ PAC_DO_CACHE_DIR: CACHE }, ...args);
}

function bundledWith(env: Record<string, string>, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [`${ROOT}${OUTDIR}/pac-do.js`, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", HOME: SCRATCH, XDG_CACHE_HOME: join(SCRATCH, "xdg"), ...env },
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** The files of the cache's compiled entries, by name. */
function entries(): Record<string, string> {
  const folder = join(CACHE, "compiled");
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return {};
  }
  return Object.fromEntries(names.map((name) => [name, readFileSync(join(folder, name), "utf8")]));
}

async function inProcess(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const io = memoryIo({ disk: true });
  const status = await run(args, io);
  return { status, stdout: io.out, stderr: io.err };
}

describe("the bundled CLI (.ci/bundle.mjs)", () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, [".ci/bundle.mjs", "--outdir", OUTDIR], { cwd: ROOT, encoding: "utf8" });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
  }, 60_000);
  afterAll(() => {
    rmSync(`${ROOT}${OUTDIR}`, { recursive: true, force: true });
    rmSync(SCRATCH, { recursive: true, force: true });
  });

  describe("started by a Node older than 22.12 (Debian's /usr/bin/node here)", () => {
    const old = spawnSync("/usr/bin/node", ["-p", "process.versions.node"], { encoding: "utf8" });
    const oldNode = old.status === 0 && !isSupportedNode(old.stdout.trim()) ? { version: old.stdout.trim() } : undefined;
    const start = (path: string, ...args: string[]) =>
      spawnSync("/usr/bin/node", [`${ROOT}${OUTDIR}/pac-do.js`, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", PAC_DO_CACHE_DIR: CACHE, PATH: path } });

    it.skipIf(oldNode === undefined)("runs itself with the first Node >= 22.12 on PATH", async () => {
      const path = ["/usr/bin", dirname(process.execPath), "/bin"].join(delimiter);
      expect(start(path, "--version")).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: "" });
      const linted = start(path, "lint", "--format", "json", FIXTURE);
      expect({ status: linted.status, stdout: linted.stdout, stderr: linted.stderr }).toEqual(await inProcess("lint", "--format", "json", FIXTURE));
    }, 60_000);

    it.skipIf(oldNode === undefined)("with none on PATH, exits 2 with one line naming the version", () => {
      expect(start("/usr/bin:/bin", "--version")).toMatchObject({
        status: 2,
        stdout: "",
        stderr: `pac-do: needs Node.js >= 22.12, but /usr/bin/node is v${oldNode?.version} and no newer node is on PATH (docs/integrations.md, "Node.js")\n`,
      });
    });
  });

  it("prints the package version, found from its folder", () => {
    expect(bundled("--version")).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("lints with the route analysis (QuickJS bundled, its wasm copied beside the chunks) exactly as the CLI in process", async () => {
    expect(bundled("lint", "--format", "json", FIXTURE)).toEqual(await inProcess("lint", "--format", "json", FIXTURE));
  }, 60_000);

  it("resolves under every profile (pac-resolver for node) exactly as the CLI in process", async () => {
    const args = ["resolve", "--profile", "all", "--at", "2026-11-27T10:00:00Z", "--tz", "UTC", FIXTURE, "http://kv801.prod.do.dsp.mp.microsoft.com/", "http://example.com/"];
    expect(bundled(...args)).toEqual(await inProcess(...args));
  }, 60_000);

  it("keeps V8's code cache of its modules in the cache folder's v8/, readable only by its user, and none with --no-cache", () => {
    const folder = mkdtempSync(join(SCRATCH, "code-cache-"));
    const args = ["resolve", "--at", "2026-11-27T10:00:00Z", "--tz", "UTC", FIXTURE, "http://example.com/"];
    const first = bundledWith({ PAC_DO_CACHE_DIR: folder }, ...args);
    const files = (): string[] => readdirSync(join(folder, "v8"), { recursive: true, encoding: "utf8" }).filter((name) => statSync(join(folder, "v8", name)).isFile());
    expect(files().length).toBeGreaterThan(5);
    expect(statSync(join(folder, "v8")).mode & 0o777).toBe(0o700);
    expect(bundledWith({ PAC_DO_CACHE_DIR: folder }, ...args)).toEqual(first);
    const none = mkdtempSync(join(SCRATCH, "no-code-cache-"));
    expect(bundledWith({ PAC_DO_CACHE_DIR: none }, "resolve", "--no-cache", ...args.slice(1))).toEqual(first);
    expect(readdirSync(none)).toEqual([]);
  }, 60_000);

  describe("diffs large PACs with NEW's side on a worker thread (src/diff/parallel.ts)", () => {
    // Past PARALLEL_FROM_BYTES, so the bundled CLI starts its diff-worker.js; in process, from the sources, there is none.
    const text = enterprisePac(PARALLEL_FROM_BYTES + 4096);
    const [old, now] = [join(SCRATCH, "large-old.pac"), join(SCRATCH, "large-new.pac")];
    const sources = [createSourceFile(text, old), createSourceFile(editedPac(text), now)] as const;
    beforeAll(() => {
      writeFileSync(old, sources[0].text);
      writeFileSync(now, sources[1].text);
    });

    it("prints exactly what the CLI in process prints on one thread", async () => {
      expect(statSync(`${ROOT}${OUTDIR}/diff-worker.js`).isFile()).toBe(true);
      const args = ["diff", "--format", "json", old, now];
      const one = await inProcess(...args);
      expect(one.status).toBe(1);
      expect(bundled(...args)).toEqual(one);
    }, 120_000);

    it.each(["subnet-change", "srcip-egress-change"])("gives diffPacs' answer on %s through the bundled worker, and through this thread when the worker fails", async (pair) => {
      const read = (side: string) => {
        const path = fileURLToPath(new URL(`../../fixtures/diff/${pair}.${side}.pac`, import.meta.url));
        return createSourceFile(readFileSync(path, "utf8"), path);
      };
      const sides = [read("old"), read("new")] as const;
      const alone = await diffPacs(...sides);
      expect(alone.changes.length).toBeGreaterThan(0);
      const worker = new URL(`${OUTDIR}/diff-worker.js`, `file://${ROOT}`);
      expect(await diffPacsInParallel(...sides, {}, { worker, fromBytes: 0 })).toEqual(alone);
      const crashing = join(SCRATCH, "crashing-worker.mjs");
      writeFileSync(crashing, 'throw new Error("the worker fails as it starts");\n');
      expect(await diffPacsInParallel(...sides, {}, { worker: new URL(`file://${crashing}`), fromBytes: 0 })).toEqual(alone);
    }, 60_000);
  });

  describe("with its cache of compiled PACs", () => {
    const clock = ["--at", "2026-11-27T10:00:00Z", "--tz", "UTC"];
    const urls = ["http://kv801.prod.do.dsp.mp.microsoft.com/", "http://printer.lan.example/", "http://example.com/"];

    it("answers the same on a miss, on a hit and in process (which has no cache), with and without --trace", async () => {
      rmSync(CACHE, { recursive: true, force: true });
      for (const extra of [[], ["--trace"], ["--json", "--profile", "all"]]) {
        const args = ["resolve", ...clock, ...extra, FIXTURE, ...urls];
        const expected = await inProcess(...args);
        const before = Object.keys(entries()).length;
        expect(bundled(...args)).toEqual(expected);
        expect(Object.keys(entries()).length).toBeGreaterThanOrEqual(before);
        const written = entries();
        expect(bundled(...args)).toEqual(expected);
        expect(entries()).toEqual(written);
      }
      // Plain and --json share the probes without call sites; --trace has its own.
      expect(Object.keys(entries())).toHaveLength(2);
    }, 60_000);

    it("answers the same for a PAC that does not parse, from the cache too", async () => {
      const dir = mkdtempSync(join(SCRATCH, "broken-"));
      const broken = join(dir, "broken.pac");
      writeFileSync(broken, 'function FindProxyForURL(url, host) {\n  if (host == "a" { return "DIRECT"; }\n}\n');
      const args = ["resolve", broken, "http://a.example/"];
      const expected = await inProcess(...args);
      expect(expected.status).toBe(1);
      expect(bundled(...args)).toEqual(expected);
      expect(bundled(...args)).toEqual(expected);
    }, 60_000);

    it("with --no-cache neither reads nor writes it", async () => {
      rmSync(CACHE, { recursive: true, force: true });
      const args = ["resolve", ...clock, FIXTURE, ...urls];
      const expected = await inProcess(...args);
      expect(bundled(...args, "--no-cache")).toEqual(expected);
      expect(entries()).toEqual({});
      bundled(...args);
      const [name] = Object.keys(entries());
      const path = join(CACHE, "compiled", name ?? "");
      // A hit marks its entry used (its modification time): --no-cache leaves it as it was.
      const longAgo = new Date(Date.UTC(2020, 0, 1));
      utimesSync(path, longAgo, longAgo);
      expect(bundled(...args, "--no-cache")).toEqual(expected);
      expect(statSync(path).mtimeMs).toBe(longAgo.getTime());
      expect(bundled(...args)).toEqual(expected);
      expect(statSync(path).mtimeMs).toBeGreaterThan(longAgo.getTime());
    }, 60_000);

    it("ignores a corrupt, truncated or tampered entry and rewrites it", async () => {
      rmSync(CACHE, { recursive: true, force: true });
      const args = ["resolve", ...clock, FIXTURE, ...urls];
      const expected = await inProcess(...args);
      bundled(...args);
      const [name, ...others] = Object.keys(entries());
      expect(others).toEqual([]);
      const path = join(CACHE, "compiled", name ?? "");
      const good = readFileSync(path, "utf8");
      const newline = good.indexOf("\n");
      const payload = good.slice(newline + 1);
      const evil = payload.replaceAll("PROXY proxy.contoso.com", "PROXY evil.example.net");
      expect(evil).not.toBe(payload);
      // Sealed as the store seals entries, so only the check against the PAC's text can refuse it.
      const sealed = `${good.slice(0, newline).split(" ").slice(0, 3).join(" ")} ${crc32(evil).toString(16).padStart(8, "0")} ${evil.length}\n${evil}`;
      for (const damaged of [good.slice(0, good.length >> 1), `${good.slice(0, newline + 1)}${evil}`, sealed, "", "\u0000garbage"]) {
        writeFileSync(path, damaged);
        expect(bundled(...args)).toEqual(expected);
        expect(readFileSync(path, "utf8")).toBe(good);
      }
    }, 60_000);

    it("runs without it, silently, when its folder cannot be created", async () => {
      const file = join(SCRATCH, "not-a-folder");
      writeFileSync(file, "");
      const args = ["resolve", ...clock, FIXTURE, ...urls];
      expect(bundledWith({ PAC_DO_CACHE_DIR: join(file, "cache") }, ...args)).toEqual(await inProcess(...args));
    }, 60_000);

    it("defaults to $XDG_CACHE_HOME/pac-do, then ~/.cache/pac-do", () => {
      const args = ["resolve", ...clock, FIXTURE, urls[0] ?? ""];
      bundledWith({ PAC_DO_CACHE_DIR: "" }, ...args);
      expect(readdirSync(join(SCRATCH, "xdg", "pac-do", "compiled"))).toHaveLength(1);
      bundledWith({ PAC_DO_CACHE_DIR: "", XDG_CACHE_HOME: "" }, ...args);
      expect(readdirSync(join(SCRATCH, ".cache", "pac-do", "compiled"))).toHaveLength(1);
    }, 60_000);
  });
});
