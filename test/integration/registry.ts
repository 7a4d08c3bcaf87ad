import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * A local npm registry on 127.0.0.1 that serves exactly the packages of pac-do's package-lock.json, with the
 * tarballs `npm ci` left in npm's own cache. The integration tests install pac-do the way users do (pre-commit
 * runs `npm install` and `npm install -g <tarball>`, a user runs `npm install pac-do-x.tgz`), and those
 * installs resolve version ranges, which needs registry metadata that no cache is sure to hold. This serves
 * the metadata from the lock file and the bytes from the cache, checked against the lock's integrity, so the
 * tests never touch the network (env() also points every proxy at a closed port, so a request that does not
 * come here fails instead of going out).
 */
export interface LocalRegistry {
  readonly url: string;
  /** Environment variables for an npm that must use only this registry and a fresh cache in `cacheDir`. */
  env(cacheDir: string): Record<string, string>;
  /** Requests answered with 404, for the failure message when something is missing. */
  readonly missing: readonly string[];
  close(): Promise<void>;
}

interface LockEntry {
  readonly name?: string;
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly link?: boolean;
  readonly [field: string]: unknown;
}

/** The fields of a lock entry that are also fields of the version's manifest. */
const MANIFEST_FIELDS = ["dependencies", "optionalDependencies", "peerDependencies", "peerDependenciesMeta", "bin", "engines", "os", "cpu", "license", "hasInstallScript"];

export async function startRegistry(root: string, npmCache = process.env.npm_config_cache || join(homedir(), ".npm")): Promise<LocalRegistry> {
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
  const versions = new Map<string, Map<string, LockEntry>>();
  const tarballs = new Map<string, string>();
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === "" || entry.link || !entry.integrity || !entry.version) continue;
    const name = entry.name ?? key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
    const byVersion = versions.get(name) ?? new Map<string, LockEntry>();
    byVersion.set(entry.version, entry);
    versions.set(name, byVersion);
    tarballs.set(tarballPath(name, entry.version), entry.integrity);
  }
  const missing: string[] = [];

  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://registry/").pathname);
    const integrity = tarballs.get(path);
    const file = integrity === undefined ? undefined : cachedContent(npmCache, integrity);
    if (file !== undefined) {
      response.writeHead(200, { "content-type": "application/octet-stream" }).end(readFileSync(file));
      return;
    }
    const name = path.slice(1);
    const byVersion = versions.get(name);
    if (integrity === undefined && byVersion !== undefined) {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(packument(name, byVersion, base)));
      return;
    }
    missing.push(`${request.method} ${path}${integrity === undefined ? "" : " (in the lock file, not in npm's cache: run npm ci)"}`);
    response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${base}/`,
    missing,
    env: (cacheDir) => ({
      npm_config_registry: `${base}/`,
      npm_config_cache: cacheDir,
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_update_notifier: "false",
      // Anything not for 127.0.0.1 goes to a port nothing listens on, and fails.
      npm_config_proxy: "http://127.0.0.1:9/",
      npm_config_https_proxy: "http://127.0.0.1:9/",
      npm_config_noproxy: "127.0.0.1",
      http_proxy: "http://127.0.0.1:9/",
      https_proxy: "http://127.0.0.1:9/",
      no_proxy: "127.0.0.1",
    }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // npm keeps connections alive; close() alone would wait for them.
        server.closeAllConnections();
      }),
  };
}

/** The path of a tarball in npm's content-addressed cache (cacache: content-v2/<algorithm>/<hex digest>). */
function cachedContent(npmCache: string, integrity: string): string | undefined {
  const [algorithm, digest] = integrity.split(" ")[0]?.split("-") ?? [];
  if (algorithm === undefined || digest === undefined) return undefined;
  const hex = Buffer.from(digest, "base64").toString("hex");
  const file = join(npmCache, "_cacache", "content-v2", algorithm, hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
  return existsSync(file) ? file : undefined;
}

function packument(name: string, byVersion: ReadonlyMap<string, LockEntry>, base: string): object {
  const manifests: Record<string, object> = {};
  for (const [version, entry] of byVersion) {
    const fields = Object.fromEntries(MANIFEST_FIELDS.filter((field) => entry[field] !== undefined).map((field) => [field, entry[field]]));
    const tarball = `${base}${tarballPath(name, version)}`;
    manifests[version] = { name, version, ...fields, dist: { tarball, integrity: entry.integrity } };
  }
  const latest = [...byVersion.keys()].sort(compareVersions).at(-1);
  return { name, "dist-tags": { latest }, versions: manifests };
}

/** Where the npm registry keeps a tarball (the lock file may leave `resolved` out). */
function tarballPath(name: string, version: string): string {
  return `/${name}/-/${name.slice(name.lastIndexOf("/") + 1)}-${version}.tgz`;
}

function compareVersions(a: string, b: string): number {
  const left = a.split(/[.+-]/).map(Number);
  const right = b.split(/[.+-]/).map(Number);
  for (let i = 0; i < 3; i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
