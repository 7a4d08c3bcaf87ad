import { Option, type Command } from "commander";
import type { Register } from "../cli.js";
import type { Limits, ProfileName } from "../evaluate/types.js";
import { CliError, collectDefine, definesFrom, loadSource, renderedSource, tableFormatOption, wantsJson, type CliIo, type TableFormat } from "./io.js";
import { terminalSafe } from "../format/terminal.js";

interface RoutesOptions {
  readonly json?: boolean;
  readonly format?: TableFormat;
  readonly profile: ProfileName;
  readonly host: readonly string[];
  readonly timeout?: number;
  readonly memory?: number;
  readonly tz?: string;
  readonly define?: readonly string[];
}

export const registerRoutes: Register = (program: Command, io: CliIo, done: (exitCode: number) => void) => {
  program
    .command("routes")
    .description("Show how a PAC routes every Delivery Optimization endpoint, per entry point and environment class.")
    .argument("<file>", "the PAC file")
    .addOption(tableFormatOption())
    .option("--json", "print the route matrix as JSON")
    .addOption(new Option("--profile <profile>", "whose semantics to use").choices(["winhttp", "chromium", "node"]).default("winhttp"))
    .option("--host <host>", "also analyse this host or URL (repeatable)", (value: string, previous: string[]) => [...previous, value], [])
    .option("--timeout <ms>", "sandbox deadline per evaluation, in milliseconds", (value) => positiveInteger(value, "--timeout"))
    .option("--memory <MB>", "sandbox memory limit, in MiB", (value) => positiveInteger(value, "--memory"))
    .option("--tz <zone>", "IANA time zone of the PAC's local time (default: UTC)", timeZone)
    .option("--define <NAME=value>", "fill in a hosted-PAC variable as the vendor's server does, e.g. GATEWAY=gateway.zscaler.net (repeatable)", collectDefine, [])
    .action(async (file: string, options: RoutesOptions) => done(await routesCommand(file, options, io)));
};

/** Runs `pac-do routes`: 0 when analysed, 1 when the PAC cannot be loaded, 2 on usage or file errors. */
export async function routesCommand(file: string, options: RoutesOptions, io: CliIo): Promise<number> {
  for (const host of options.host) checkHost(host);
  const json = wantsJson(options);
  const defines = definesFrom(options.define);
  const source = renderedSource(await loadSource(io, file), defines);
  const [{ analyze }, { formatRoutes, routesToJson }] = await Promise.all([import("../analyze/index.js"), import("../analyze/format.js")]);
  const limits: Partial<Limits> = {
    ...(options.timeout !== undefined ? { timeoutMs: options.timeout } : {}),
    ...(options.memory !== undefined ? { memoryBytes: options.memory * 1024 * 1024 } : {}),
  };
  const analysis = await analyze(source, {
    profile: options.profile,
    hosts: options.host,
    limits,
    ...(options.tz === undefined ? {} : { timeZone: options.tz }),
  });
  if (json) io.stdout(`${JSON.stringify(routesToJson(analysis, source), null, 2)}\n`);
  else if (analysis.loadFailure) io.stderr(`pac-do: ${formatRoutes(analysis, source)}`);
  else io.stdout(terminalSafe(formatRoutes(analysis, source)));
  return analysis.loadFailure ? 1 : 0;
}

/** Refuses a `--host` that is neither a host name, an IP address nor a URL (shared with `pac-do diff`). */
export function checkHost(host: string): void {
  if (host.includes("://")) {
    try {
      if (new URL(host).hostname !== "") return;
    } catch {
      // fall through to the error below
    }
    throw new CliError(`--host ${host}: not a valid URL`);
  }
  if (!/^[A-Za-z0-9_.:-]+$/.test(host) || host.startsWith(".")) throw new CliError(`--host ${host}: not a host name, IP address or URL`);
}

export function timeZone(value: string): string {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    throw new CliError(`--tz ${value}: not an IANA time zone (e.g. Europe/Berlin)`);
  }
}

export function positiveInteger(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) throw new CliError(`${flag} ${value}: expected a positive whole number`);
  return n;
}
