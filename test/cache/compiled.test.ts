import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compileForResolve, decodeEntry, defaultCompilationCache, type CompilationCache } from "../../src/cache/compiled.js";
import { CacheStore } from "../../src/cache/store.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { build } from "../../src/version.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/pac");
const pacs = readdirSync(FIXTURES)
  .filter((name) => name.endsWith(".pac"))
  .map((name) => createSourceFile(readFileSync(join(FIXTURES, name), "utf8"), name));
const broken = createSourceFile("function FindProxyForURL(url, host) {\n  if (host == \"a\" { return \"DIRECT\"; }\n}\n", "broken.pac");
const PROBE_SETS = [{ branches: false, callSites: false }, { branches: false, callSites: true }, {}];

let dir: string;
let cache: CompilationCache;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pac-do-compiled-"));
  cache = { store: new CacheStore(dir, "compiled"), build: "a".repeat(64) };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The one entry file the cache holds. */
function entryPath(): string {
  const [name, ...others] = readdirSync(join(dir, "compiled"));
  expect(others).toEqual([]);
  return join(dir, "compiled", name ?? "");
}

describe("compileForResolve", () => {
  it.each([...pacs, broken].map((source) => [source.path, source] as const))("gives %s the same compilation from the cache as from the parser", async (_, source) => {
    for (const probes of PROBE_SETS) {
      const miss = await compileForResolve(source, probes, cache);
      const hit = await compileForResolve(source, probes, cache);
      const uncached = await compileForResolve(source, probes);
      expect(miss.cached).toBe(false);
      expect(hit.cached).toBe(true);
      expect(hit.compilation).toEqual(uncached.compilation);
      expect(miss.compilation).toEqual(uncached.compilation);
    }
  });

  it("reports the first syntax error, and ES2015+ syntax for the winhttp check", async () => {
    const failed = await compileForResolve(broken, {}, cache);
    expect(failed.compilation).toMatchObject({ ok: false, failure: { kind: "syntax" } });
    const modern = createSourceFile('const d = "DIRECT";\nfunction FindProxyForURL(url, host) { return d; }\n', "modern.pac");
    const compiled = await compileForResolve(modern, {}, cache);
    expect(compiled.compilation).toMatchObject({ ok: true, compiled: { modern: { range: [0, 19] } } });
  });

  it("keeps separate entries per probe set and per build", async () => {
    const source = pacs[0] ?? broken;
    await compileForResolve(source, { callSites: false }, cache);
    expect((await compileForResolve(source, { callSites: true }, cache)).cached).toBe(false);
    expect((await compileForResolve(source, { callSites: false }, { ...cache, build: "b".repeat(64) })).cached).toBe(false);
    expect((await compileForResolve(source, { callSites: false }, cache)).cached).toBe(true);
    expect(readdirSync(join(dir, "compiled"))).toHaveLength(3);
  });

  it("ignores a damaged entry and writes a good one in its place", async () => {
    const source = pacs[0] ?? broken;
    const fresh = await compileForResolve(source, {}, cache);
    writeFileSync(entryPath(), readFileSync(entryPath(), "utf8").slice(0, 200));
    const again = await compileForResolve(source, {}, cache);
    expect(again).toEqual({ ...fresh, cached: false });
    expect((await compileForResolve(source, {}, cache)).cached).toBe(true);
  });

  it("compiles without a cache when the folder cannot be written", async () => {
    writeFileSync(join(dir, "file"), "");
    const unwritable = { store: new CacheStore(join(dir, "file", "sub"), "compiled"), build: cache.build };
    const source = pacs[0] ?? broken;
    const first = await compileForResolve(source, {}, unwritable);
    expect(first.cached).toBe(false);
    expect(await compileForResolve(source, {}, unwritable)).toEqual(first);
  });

  it("is off when pac-do runs unbundled, so tests never touch the home cache", () => {
    expect(build).toBeUndefined();
    expect(defaultCompilationCache({ PAC_DO_CACHE_DIR: dir })).toBeUndefined();
  });
});

describe("decodeEntry", () => {
  const source = pacs.find((s) => s.path === "enterprise-typical.pac") ?? broken;

  async function storedPayload(text = source): Promise<{ payload: string; question: { build: string; probes: string } }> {
    await compileForResolve(text, { branches: false, callSites: true }, cache);
    const file = readFileSync(entryPath(), "utf8");
    return { payload: file.slice(file.indexOf("\n") + 1), question: { build: cache.build, probes: "c" } };
  }

  it("accepts the entry it was written for", async () => {
    const { payload, question } = await storedPayload();
    expect(decodeEntry(payload, question, source.text)).toMatchObject({ ok: true });
  });

  it("rejects an entry for another text of the same length (a key collision), another build or probe set", async () => {
    const { payload, question } = await storedPayload();
    fc.assert(
      fc.property(fc.nat(source.text.length - 1), fc.constantFrom("x", " ", ";", "\n"), (at, char) => {
        fc.pre(source.text[at] !== char);
        const other = source.text.slice(0, at) + char + source.text.slice(at + 1);
        return decodeEntry(payload, question, other) === undefined;
      }),
    );
    expect(decodeEntry(payload, { ...question, build: "b".repeat(64) }, source.text)).toBeUndefined();
    expect(decodeEntry(payload, { ...question, probes: "" }, source.text)).toBeUndefined();
  });

  it("rejects a failure entry for another text", async () => {
    const { payload, question } = await storedPayload(broken);
    expect(decodeEntry(payload, question, broken.text)).toMatchObject({ ok: false });
    expect(decodeEntry(payload, question, broken.text.replace("a", "b"))).toBeUndefined();
  });

  it("rejects entries whose insertions or ranges do not fit the text", async () => {
    const { payload, question } = await storedPayload();
    const entry = JSON.parse(payload);
    const tampered = (change: (script: { insertions: number[][]; returns: number[][]; text: string }) => void): string => {
      const copy = structuredClone(entry);
      change(copy.compilation.compiled.instrumented);
      return JSON.stringify(copy);
    };
    expect(decodeEntry(tampered(() => undefined), question, source.text)).toMatchObject({ ok: true });
    expect(decodeEntry(tampered((s) => void (s.insertions[0]![0]! += 1)), question, source.text)).toBeUndefined();
    expect(decodeEntry(tampered((s) => void (s.insertions[0]![1]! += 1)), question, source.text)).toBeUndefined();
    expect(decodeEntry(tampered((s) => void s.insertions.reverse()), question, source.text)).toBeUndefined();
    expect(decodeEntry(tampered((s) => void (s.returns[0] = [0, source.text.length + 1])), question, source.text)).toBeUndefined();
    expect(decodeEntry(tampered((s) => void (s.text += " ")), question, source.text)).toBeUndefined();
    expect(decodeEntry("[]", question, source.text)).toBeUndefined();
    expect(decodeEntry("{", question, source.text)).toBeUndefined();
  });
});
