import { Option } from "commander";
import { readFileSync } from "node:fs";
import { parseDefines, renderDefines } from "../pac/hosted-variables.js";
import { createSourceFile, decodeSource, type SourceFile } from "../source/source-file.js";

/** Everything the CLI touches outside itself, so tests can run it in process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  readStdin(): Promise<string>;
  /** Replaces a file's contents atomically; absent means the real file system (`pac-do fix --write`). */
  writeFile?(path: string, data: Uint8Array): Promise<void>;
  readonly color: boolean;
}

/** pac-do itself could not run (bad usage, unreadable input): one line on stderr, exit 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  // Synchronous: a CLI reads one file at a time, and node:fs/promises costs a cold start its own load (it brings readline).
  readFile: async (path) => readFileSync(path),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString("utf8");
  },
  color: Boolean(process.stdout.isTTY) && !process.env["NO_COLOR"],
};

/** Reads and decodes a PAC file, turning every failure into a one-line CliError. */
export async function loadSource(io: CliIo, path: string): Promise<SourceFile> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (error) {
    throw new CliError(`${path}: ${describeFsError(error)}`);
  }
  const decoded = decodeSource(bytes, path);
  if (!decoded.ok) throw new CliError(`${path}: ${decoded.message}`);
  return decoded.source;
}

/** Collects a repeatable `--define NAME=value`. */
export function collectDefine(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}

/**
 * The PAC as a hosted-PAC server would serve it (`--define GATEWAY=gateway.zscaler.net`): each
 * `${NAME}` given a value replaced, on the same lines, so reports point at the lines of the template.
 */
export function renderedSource(source: SourceFile, defines: ReadonlyMap<string, string>): SourceFile {
  if (defines.size === 0) return source;
  return createSourceFile(renderDefines(source.text, defines), source.path, source.bom);
}

/** The values of the `--define` options, or a one-line usage error. */
export function definesFrom(values: readonly string[] | undefined): ReadonlyMap<string, string> {
  const parsed = parseDefines(values ?? []);
  if (!parsed.ok) throw new CliError(parsed.message);
  return parsed.defines;
}

export function describeFsError(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory, not a file";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on device";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** The output formats of `routes`, `resolve` and `endpoints`: a table for people, or JSON. */
export type TableFormat = "stylish" | "json";

/** `-f, --format`, as `lint` and `diff` spell it; `--json` stays as its short form. */
export function tableFormatOption(): Option {
  return new Option("-f, --format <format>", "output format (--json is short for --format json)").choices(["stylish", "json"]);
}

/** Whether to print JSON: `--json` or `--format json`; the two disagreeing is a usage error. */
export function wantsJson(options: { readonly json?: boolean; readonly format?: TableFormat }): boolean {
  if (options.json === true && options.format === "stylish") throw new CliError("--json and --format stylish disagree");
  return options.json === true || options.format === "json";
}
