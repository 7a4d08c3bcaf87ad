import { Option, type Command } from "commander";
import type { Register } from "../cli.js";
import type { Limits, ProfileName } from "../evaluate/types.js";
import { decodeSource, type SourceFile } from "../source/source-file.js";
import { CliError, describeFsError, loadSource, type CliIo } from "./io.js";
import { terminalSafe } from "../format/terminal.js";
import { startQuickJS } from "./quickjs-start.js";
import { checkHost, positiveInteger, timeZone } from "./routes.js";

interface DiffCommandOptions {
  readonly format: "stylish" | "json" | "markdown";
  readonly profile: ProfileName;
  readonly host: readonly string[];
  readonly urls?: string;
  readonly timeout?: number;
  readonly memory?: number;
  readonly tz?: string;
}

export const registerDiff: Register = (program: Command, io: CliIo, done: (exitCode: number) => void) => {
  program
    .command("diff")
    .description("Show what changing a PAC does to routing: every host, entry point and environment whose route differs.")
    .argument("<old>", "the PAC before the change (- for stdin)")
    .argument("<new>", "the PAC after the change (- for stdin)")
    .option("--host <host>", "also compare this host or URL (repeatable)", (value: string, previous: string[]) => [...previous, value], [])
    .option("--urls <file>", "also compare the hosts or URLs in a file, one per line (# comments and blank lines skipped)")
    .addOption(new Option("--profile <profile>", "whose semantics to use").choices(["winhttp", "chromium", "node"]).default("winhttp"))
    .addOption(new Option("-f, --format <format>", "output format").choices(["stylish", "json", "markdown"]).default("stylish"))
    .option("--timeout <ms>", "sandbox deadline per evaluation, in milliseconds", (value) => positiveInteger(value, "--timeout"))
    .option("--memory <MB>", "sandbox memory limit, in MiB", (value) => positiveInteger(value, "--memory"))
    .option("--tz <zone>", "IANA time zone of the PACs' local time (default: UTC)", timeZone)
    .action(async (old: string, now: string, options: DiffCommandOptions) => done(await diffCommand(old, now, options, io)));
};

/**
 * Runs `pac-do diff`; like diff(1): 0 when no route differs, 1 when some do, 2 when it could not run
 * or could not compare every cell.
 */
export async function diffCommand(oldPath: string, newPath: string, options: DiffCommandOptions, io: CliIo): Promise<number> {
  if (oldPath === "-" && newPath === "-") throw new CliError("only one of OLD and NEW can be - (stdin)");
  startQuickJS();
  const hosts = [...options.host, ...(options.urls === undefined ? [] : await readHostList(io, options.urls))];
  for (const host of hosts) checkHost(host);
  const old = await load(io, oldPath);
  const now = await load(io, newPath);
  const [{ diffPacsInParallel }, { failureAt, formatDiff }] = await Promise.all([import("../diff/parallel.js"), import("../diff/format.js")]);
  const limits: Partial<Limits> = {
    ...(options.timeout !== undefined ? { timeoutMs: options.timeout } : {}),
    ...(options.memory !== undefined ? { memoryBytes: options.memory * 1024 * 1024 } : {}),
  };
  // NEW's side on a second thread (src/diff/parallel.ts): two PACs take about the wall time of one.
  const diff = await diffPacsInParallel(old, now, { profile: options.profile, hosts, limits, ...(options.tz === undefined ? {} : { timeZone: options.tz }) });
  const names = { old: nameOf(oldPath), new: nameOf(newPath) };
  if (diff.unparsable) {
    const source = diff.unparsable.side === "old" ? old : now;
    const name = diff.unparsable.side === "old" ? names.old : names.new;
    throw new CliError(`${failureAt(source, name, diff.unparsable.failure.range)}: cannot parse: ${diff.unparsable.failure.message}`);
  }
  // Escaped for the terminal (format/terminal.ts): answers and file names come from untrusted PACs; JSON reads the escapes back.
  io.stdout(terminalSafe(formatDiff(diff, names, options.format)));
  if (diff.changes.length > 0) return 1;
  // "No change" is said only of cells that were compared.
  if (diff.undecided !== undefined) {
    io.stderr(`pac-do: ${diff.undecided} cells were not compared: the machine was too busy to finish their evaluation; run again\n`);
    return 2;
  }
  return 0;
}

function nameOf(path: string): string {
  return path === "-" ? "<stdin>" : path;
}

async function load(io: CliIo, path: string): Promise<SourceFile> {
  if (path !== "-") return loadSource(io, path);
  const decoded = decodeSource(new TextEncoder().encode(await io.readStdin()));
  if (!decoded.ok) throw new CliError(`<stdin>: ${decoded.message}`);
  return decoded.source;
}

async function readHostList(io: CliIo, path: string): Promise<string[]> {
  let text: string;
  try {
    text = new TextDecoder().decode(await io.readFile(path));
  } catch (error) {
    throw new CliError(`--urls ${path}: ${describeFsError(error)}`);
  }
  return text
    .split(/\r\n|\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}
