import { Command, CommanderError } from "commander";
import { registerDiff } from "./cli/diff.js";
import { registerFix } from "./cli/fix.js";
import { registerEndpoints } from "./cli/endpoints.js";
import { CliError, processIo, type CliIo } from "./cli/io.js";
import { registerLint } from "./cli/lint.js";
import { ownProcess } from "./cli/quickjs-start.js";
import { registerResolve } from "./cli/resolve.js";
import { registerRoutes } from "./cli/routes.js";
import { version } from "./version.js";
import { terminalSafe } from "./format/terminal.js";

/** A command registers itself on the program; its action returns the exit code. */
export type Register = (program: Command, io: CliIo, done: (exitCode: number) => void) => void;

const commands: Register[] = [registerLint, registerFix, registerResolve, registerRoutes, registerDiff, registerEndpoints];

/** Builds the commander program. Tests call this with an in-memory CliIo. */
export function createProgram(io: CliIo, done: (exitCode: number) => void): Command {
  const program = new Command("pac-do")
    .description("Lint, fix and evaluate PAC files so that Windows Delivery Optimization traffic goes DIRECT.")
    .version(version, "-v, --version")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const register of commands) register(program, io, done);
  return program;
}

/** Runs the CLI; resolves to the exit code instead of exiting, so it can run in process. */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  // Nothing on stderr is data: messages, summaries and errors, all escaped for the terminal (format/terminal.ts).
  const raw = io;
  io = { ...raw, stderr: (text) => raw.stderr(terminalSafe(text)) };
  const program = createProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError) {
      io.stderr(`pac-do: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`pac-do: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

/** The `pac-do` executable's work (src/bin.ts calls it once the Node.js version is known to be good). */
export async function main(): Promise<void> {
  ownProcess();
  process.exitCode = await run(process.argv.slice(2));
}
