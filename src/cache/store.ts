/**
 * pac-do's on-disk cache: a folder of entries, each named by a key its user derives from everything
 * the entry was computed from. A cache never decides an outcome: whatever goes wrong (a missing,
 * truncated, corrupt or foreign entry, a folder that cannot be created or written) reads as a miss or
 * skips the write, and the caller computes the answer. Keys are short checksums, not cryptographic
 * hashes (node:crypto alone costs a cold start several milliseconds), so a user must check that an
 * entry answers its question; src/cache/compiled.ts checks all of it.
 *
 * An entry is one file: a header line (format, kind, key, CRC-32 and length of the payload) and the
 * payload.
 * Writes go to a temporary file that is renamed over the entry, so a reader sees a whole entry or
 * none. The folder is kept under a number of entries and bytes by deleting the least recently used
 * (a hit touches its entry's modification time).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";

export { cacheDirectory } from "./directory.js";

/** The first word of every entry; a new layout gets a new number, so old entries read as foreign. */
const FORMAT = "pac-do-cache/1";
/** Keys are file names: lower-case hex digits in dash-separated groups. */
const KEY = /^[0-9a-f]+(-[0-9a-f]+)*$/;
/** A temporary file older than this was left by a writer that died. */
const STALE_TEMP_MS = 10 * 60 * 1000;

export interface StoreLimits {
  /** Entries kept at most; pruning goes down to 80% of it. */
  readonly maxEntries: number;
  /** Bytes kept at most; pruning goes down to 80% of it. A payload over a quarter of it is not stored. */
  readonly maxBytes: number;
}

export const DEFAULT_LIMITS: StoreLimits = { maxEntries: 256, maxBytes: 64 * 1024 * 1024 };

/** The CRC-32 of `text` (as UTF-8) in eight hex digits. */
export function checksum(text: string): string {
  return crc32(text).toString(16).padStart(8, "0");
}

/** One kind of entry (a subfolder) of the cache folder. */
export class CacheStore {
  private readonly folder: string;

  /** `kind` names the subfolder and is checked in every entry's header. */
  constructor(
    directory: string,
    private readonly kind: string,
    private readonly limits: StoreLimits = DEFAULT_LIMITS,
  ) {
    this.folder = join(directory, kind);
  }

  /** The payload stored under `key`, or undefined when there is none that can be trusted. */
  read(key: string): string | undefined {
    if (!KEY.test(key)) return undefined;
    const path = join(this.folder, key);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
    const newline = text.indexOf("\n");
    if (newline < 0) return undefined;
    const payload = text.slice(newline + 1);
    if (text.slice(0, newline) !== this.header(key, payload)) return undefined;
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // A read-only cache still answers; its entries just age.
    }
    return payload;
  }

  /** Stores `payload` under `key`, replacing any entry; silently does nothing when the folder cannot be written. */
  write(key: string, payload: string): void {
    if (!KEY.test(key) || Buffer.byteLength(payload) > this.limits.maxBytes / 4) return;
    const path = join(this.folder, key);
    const temp = `${path}.${process.pid}-${Math.random().toString(16).slice(2, 10)}.tmp`;
    try {
      mkdirSync(this.folder, { recursive: true, mode: 0o700 });
      writeFileSync(temp, `${this.header(key, payload)}\n${payload}`, { mode: 0o600, flag: "wx" });
      renameSync(temp, path);
    } catch {
      try {
        rmSync(temp, { force: true });
      } catch {
        // The folder is not there or not ours to change: there is no temporary file to leave behind.
      }
      return;
    }
    this.prune();
  }

  private header(key: string, payload: string): string {
    return `${FORMAT} ${this.kind} ${key} ${checksum(payload)} ${payload.length}`;
  }

  /** Deletes the least recently used entries while there are too many or they are too big, and dead writers' temporary files. */
  private prune(): void {
    try {
      const now = Date.now();
      const entries: { path: string; size: number; used: number }[] = [];
      for (const name of readdirSync(this.folder)) {
        const path = join(this.folder, name);
        const stat = statSync(path, { throwIfNoEntry: false });
        if (!stat?.isFile()) continue;
        if (KEY.test(name)) entries.push({ path, size: stat.size, used: stat.mtimeMs });
        else if (name.endsWith(".tmp") && now - stat.mtimeMs > STALE_TEMP_MS) rmSync(path, { force: true });
      }
      let bytes = entries.reduce((sum, entry) => sum + entry.size, 0);
      if (entries.length <= this.limits.maxEntries && bytes <= this.limits.maxBytes) return;
      entries.sort((a, b) => a.used - b.used);
      let count = entries.length;
      for (const entry of entries) {
        if (count <= this.limits.maxEntries * 0.8 && bytes <= this.limits.maxBytes * 0.8) break;
        rmSync(entry.path, { force: true });
        count--;
        bytes -= entry.size;
      }
    } catch {
      // Pruning is housekeeping: the next write tries again.
    }
  }
}
