import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CacheStore, cacheDirectory } from "../../src/cache/store.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pac-do-store-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const KEY = "0123abcd-89abcdef-2800";

describe("cacheDirectory", () => {
  it("is $PAC_DO_CACHE_DIR, else $XDG_CACHE_HOME/pac-do, else ~/.cache/pac-do", () => {
    expect(cacheDirectory({ PAC_DO_CACHE_DIR: "/var/cache/pd", XDG_CACHE_HOME: "/xdg" })).toBe("/var/cache/pd");
    expect(cacheDirectory({ XDG_CACHE_HOME: "/xdg" })).toBe("/xdg/pac-do");
    expect(cacheDirectory({})).toBe(join(homedir(), ".cache", "pac-do"));
  });

  it("ignores an empty $PAC_DO_CACHE_DIR and a relative $XDG_CACHE_HOME, as the XDG specification asks", () => {
    expect(cacheDirectory({ PAC_DO_CACHE_DIR: "", XDG_CACHE_HOME: "relative/cache" })).toBe(join(homedir(), ".cache", "pac-do"));
  });
});

describe("CacheStore", () => {
  it("reads back what it wrote, under its kind's folder", () => {
    const store = new CacheStore(dir, "compiled");
    expect(store.read(KEY)).toBeUndefined();
    store.write(KEY, '{"a":"ü and 😀"}');
    expect(store.read(KEY)).toBe('{"a":"ü and 😀"}');
    expect(readdirSync(join(dir, "compiled"))).toEqual([KEY]);
  });

  it("treats an entry with any byte changed or cut off as missing", () => {
    const store = new CacheStore(dir, "compiled");
    const payload = JSON.stringify({ text: "function FindProxyForURL(u, h) { return \"DIRECT\"; } // é" });
    store.write(KEY, payload);
    const path = join(dir, "compiled", KEY);
    const original = readFileSync(path);
    fc.assert(
      fc.property(fc.nat(original.length - 1), fc.integer({ min: 1, max: 255 }), fc.boolean(), (at, delta, cut) => {
        const damaged = cut ? original.subarray(0, at) : Uint8Array.from(original, (byte, i) => (i === at ? (byte + delta) % 256 : byte));
        writeFileSync(path, damaged);
        return store.read(KEY) === undefined;
      }),
    );
    writeFileSync(path, original);
    expect(store.read(KEY)).toBe(payload);
  });

  it("treats another kind's or format's entry as missing", () => {
    new CacheStore(dir, "other").write(KEY, "{}");
    const foreign = readFileSync(join(dir, "other", KEY), "utf8");
    const store = new CacheStore(dir, "compiled");
    store.write(KEY, "{}");
    writeFileSync(join(dir, "compiled", KEY), foreign);
    expect(store.read(KEY)).toBeUndefined();
    writeFileSync(join(dir, "compiled", KEY), foreign.replace("other", "compiled").replace("pac-do-cache/1", "pac-do-cache/0"));
    expect(store.read(KEY)).toBeUndefined();
  });

  it("replaces a damaged entry on the next write", () => {
    const store = new CacheStore(dir, "compiled");
    store.write(KEY, "first");
    writeFileSync(join(dir, "compiled", KEY), "garbage");
    expect(store.read(KEY)).toBeUndefined();
    store.write(KEY, "second");
    expect(store.read(KEY)).toBe("second");
  });

  it("skips writes silently when the folder cannot be created, and reads nothing from it", () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    const store = new CacheStore(join(file, "cache"), "compiled");
    expect(() => store.write(KEY, "payload")).not.toThrow();
    expect(store.read(KEY)).toBeUndefined();
  });

  it("refuses keys that are not plain file names", () => {
    const store = new CacheStore(dir, "compiled");
    store.write("../escape", "x");
    store.write("ABC", "x");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("keeps to its entry limit by dropping the least recently used entries", () => {
    const store = new CacheStore(dir, "compiled", { maxEntries: 5, maxBytes: 1 << 20 });
    const keys = Array.from({ length: 8 }, (_, i) => `${i.toString(16).padStart(8, "0")}-0-1`);
    keys.forEach((key, i) => {
      store.write(key, `payload ${i}`);
      // Modification times one second apart: the order of use, whatever the file system's resolution.
      const when = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
      utimesSync(join(dir, "compiled", key), when, when);
    });
    const left = readdirSync(join(dir, "compiled")).sort();
    expect(left.length).toBeLessThanOrEqual(5);
    expect(left).toContain(keys[7]);
    expect(left).not.toContain(keys[0]);
  });

  it("keeps to its byte limit and does not store a payload over a quarter of it", () => {
    const store = new CacheStore(dir, "compiled", { maxEntries: 100, maxBytes: 4000 });
    store.write(`${"f".repeat(8)}-0-1`, "x".repeat(1001));
    expect(readdirSync(dir)).toEqual([]);
    for (let i = 0; i < 10; i++) store.write(`${i}-0-1`, "y".repeat(900));
    const sizes = readdirSync(join(dir, "compiled")).map((name) => readFileSync(join(dir, "compiled", name)).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4000);
  });

  it("removes temporary files that a writer left behind long ago, and no others", () => {
    const store = new CacheStore(dir, "compiled");
    store.write(KEY, "x");
    const old = join(dir, "compiled", `${KEY}.123-abc.tmp`);
    const fresh = join(dir, "compiled", `${KEY}.456-def.tmp`);
    writeFileSync(old, "partial");
    writeFileSync(fresh, "partial");
    const longAgo = new Date(Date.now() - 3600_000);
    utimesSync(old, longAgo, longAgo);
    store.write("1-2-3", "y");
    expect(readdirSync(join(dir, "compiled")).sort()).toEqual([KEY, `${KEY}.456-def.tmp`, "1-2-3"].sort());
  });
});
