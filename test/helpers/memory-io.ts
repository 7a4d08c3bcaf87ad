import { readFile } from "node:fs/promises";
import type { CliIo } from "../../src/cli/io.js";

/** A `CliIo` that keeps what the CLI printed, for assertions. */
export interface MemoryIo extends CliIo {
  /** Everything written to stdout so far. */
  readonly out: string;
  /** Everything written to stderr so far. */
  readonly err: string;
}

/** What the in-memory CLI sees outside itself. */
export interface MemoryIoOptions {
  /** Files by the path the CLI is given; strings are encoded as UTF-8. */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
  /** Read paths missing from `files` from the real file system instead of failing with ENOENT. */
  readonly disk?: boolean;
  readonly stdin?: string;
  readonly color?: boolean;
  /** Replaces the real file system for `fix --write` and `-o` (e.g. to inject a failure). */
  readonly writeFile?: CliIo["writeFile"];
}

/** An in-process `CliIo`: files from a map (and optionally the disk), stdout and stderr captured. */
export function memoryIo(options: MemoryIoOptions = {}): MemoryIo {
  const { files = {}, disk = false, stdin = "", color = false, writeFile } = options;
  let out = "";
  let err = "";
  return {
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    readFile: async (path) => {
      const content = files[path];
      if (content !== undefined) return typeof content === "string" ? new TextEncoder().encode(content) : content;
      if (disk) return readFile(path);
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
    },
    readStdin: async () => stdin,
    ...(writeFile ? { writeFile } : {}),
    color,
  };
}
