import { Option } from "commander";
import type { Register } from "../cli.js";
import type { Limits, ProfileName } from "../evaluate/types.js";
import { fixFailure, fixSummary } from "../fix/report.js";
import type { SourceFile } from "../source/source-file.js";
import { CliError, describeFsError, loadSource, type CliIo } from "./io.js";

interface FixFlags {
  readonly write?: boolean;
  readonly output?: string;
  readonly diff?: boolean;
  readonly check?: boolean;
  readonly includeContent?: boolean;
  readonly cacheHost: string[];
  readonly profile: ProfileName;
  readonly timeout?: number;
  readonly memory?: number;
}

/**
 * `pac-do fix <files...>`: exit 0 when done (or nothing to do), 1 when a file cannot be fixed or `--check` finds
 * work, 2 on usage and I/O errors. Several files need `--write`, `--check` or `--diff` (a hook passes every staged
 * PAC at once); each file is handled on its own and the worst exit code wins.
 */
export const registerFix: Register = (program, io, done) => {
  program
    .command("fix")
    .description("inject DIRECT bypass rules for Delivery Optimization into every entry point, keeping every other byte")
    .argument("<files...>", "PAC files to fix (several only with --write, --check or --diff)")
    .option("-w, --write", "rewrite the file in place (atomically)")
    .option("-o, --output <file>", "write the fixed PAC to this file")
    .option("--diff", "print a unified diff instead of the fixed PAC")
    .option("--check", "exit 1 if the file needs fixing, write nothing")
    .option("--include-content", "also send the DO content hosts (CDN) DIRECT")
    .option("--cache-host <host>", "also send this Connected Cache server DIRECT (repeatable)", collect, [])
    .addOption(new Option("--profile <name>", "client semantics for the proof").choices(["winhttp", "chromium", "node"]).default("winhttp"))
    .option("--timeout <ms>", "time limit per PAC call", positiveInteger("--timeout"))
    .option("--memory <MB>", "memory limit of the sandbox", positiveInteger("--memory"))
    .action(async (files: string[], flags: FixFlags) => done(await runFixes(io, files, flags)));
};

async function runFixes(io: CliIo, files: readonly string[], flags: FixFlags): Promise<number> {
  if (files.length > 1 && !(flags.write || flags.check || flags.diff)) {
    throw new CliError("several files need --write, --check or --diff (the fixed PACs would share stdout)");
  }
  if (files.length > 1 && flags.output !== undefined) throw new CliError("--output takes one file");
  let exitCode = 0;
  // With several files, each line names its file.
  for (const file of files) exitCode = Math.max(exitCode, await runFix(io, file, flags, files.length > 1 ? `${file}: ` : ""));
  return exitCode;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInteger(flag: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number <= 0) throw new CliError(`${flag} must be a positive integer, not ${JSON.stringify(value)}`);
    return number;
  };
}

async function runFix(io: CliIo, file: string, flags: FixFlags, prefix: string): Promise<number> {
  if (flags.write && flags.output !== undefined) throw new CliError("use either --write or --output, not both");
  if (flags.check && (flags.write || flags.output !== undefined)) throw new CliError("--check writes nothing; drop --write/--output");

  // Loaded on demand, like the fixer below: other commands should not pay for it.
  const { normalizeCacheHost } = await import("../fix/block.js");
  for (const host of flags.cacheHost) {
    const checked = normalizeCacheHost(host);
    if (!checked.ok) throw new CliError(checked.message);
  }
  const source = await loadSource(io, file);
  // Loaded on demand: the fixer pulls in the parser and the quickjs sandbox, which other commands should not pay for.
  const { encodeOutput, fixPac } = await import("../fix/fix.js");
  const { unifiedDiff } = await import("../fix/diff.js");
  const result = await fixPac(source, {
    includeContent: flags.includeContent ?? false,
    cacheHosts: flags.cacheHost,
    profile: flags.profile,
    limits: {
      ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout } : {}),
      ...(flags.memory !== undefined ? { memoryBytes: flags.memory * 1024 * 1024 } : {}),
    },
  });

  const failure = fixFailure(file, result);
  if (failure !== undefined) {
    io.stderr(failure);
    return 1;
  }
  const changed = result.status === "fixed";
  const output = result.status === "fixed" ? result.output : source.text;
  const summary = fixSummary(result) + (result.status === "fixed" && result.sampled ? ` (${result.sampled})` : "");

  if (flags.diff) io.stdout(unifiedDiff(source.text, output, { fromFile: `a/${file}`, toFile: `b/${file}` }));
  if (flags.check) {
    io.stderr(changed ? `${file}: needs fixing: ${summary.replace(/^fixed: /, "")}\n` : `${file}: ${summary}\n`);
    return changed ? 1 : 0;
  }

  const target = flags.write ? file : flags.output;
  if (target === undefined) {
    if (!flags.diff) io.stdout((source.bom ? "\uFEFF" : "") + output);
    io.stderr(`${summary}\n`);
    return 0;
  }
  // --write with nothing to change leaves the file (and its timestamp) alone; -o always produces the file.
  if (changed || target !== file) await writeOut(io, target, encodeOutput(source, output));
  io.stderr(`${prefix}${summary}${changed || target !== file ? `; wrote ${target}` : ""}\n`);
  return 0;
}

/**
 * `pac-do lint --fix`: fixes one linted file in place when a rule reported a fixable problem. Returns
 * the fixed source to lint again, or undefined when nothing was written (the reasons go to stderr).
 */
export async function fixLintedFile(
  io: CliIo,
  source: SourceFile,
  options: { readonly profile?: ProfileName; readonly limits?: Partial<Limits> },
): Promise<SourceFile | undefined> {
  const file = source.path ?? "<input>";
  const [{ fixPac, encodeOutput }, { createSourceFile }] = await Promise.all([import("../fix/fix.js"), import("../source/source-file.js")]);
  const result = await fixPac(source, options);
  const failure = fixFailure(file, result);
  if (failure !== undefined) {
    io.stderr(failure);
    return undefined;
  }
  if (result.status !== "fixed") return undefined;
  await writeOut(io, file, encodeOutput(source, result.output));
  io.stderr(`${file}: ${fixSummary(result)}\n`);
  return createSourceFile(result.output, source.path, source.bom);
}

async function writeOut(io: CliIo, path: string, data: Uint8Array): Promise<void> {
  // node:crypto, which the temporary file's name needs, costs more to load than the rest of the CLI.
  const { AtomicWriteError, writeFileAtomic } = await import("../fix/write-atomic.js");
  try {
    await (io.writeFile ?? writeFileAtomic)(path, data);
  } catch (error) {
    const cause = error instanceof AtomicWriteError ? error.cause : error;
    const detail = error instanceof AtomicWriteError && error.step !== "resolve" && !/^cannot write/.test(error.message) ? `${error.message}: ` : "";
    throw new CliError(`${path}: ${detail}${describeFsError(cause)}; nothing was written, the original is untouched`);
  }
}
