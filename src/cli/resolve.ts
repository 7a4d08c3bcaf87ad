import { Option } from "commander";
import type { Register } from "../cli.js";
import type { EntryPointName, Environment, Limits, ProfileName } from "../evaluate/types.js";
import { CliError, collectDefine, definesFrom, describeFsError, loadSource, renderedSource, tableFormatOption, wantsJson, type CliIo, type TableFormat } from "./io.js";
import { startQuickJS } from "./quickjs-start.js";
import { terminalSafe } from "../format/terminal.js";

interface ResolveFlags {
  readonly urls?: string;
  readonly profile: ProfileName | "all";
  readonly json?: boolean;
  readonly format?: TableFormat;
  readonly trace?: boolean;
  readonly clientIp: string[];
  readonly dns: string[];
  readonly dnsFile: string[];
  readonly liveDns?: boolean;
  readonly at?: string;
  readonly tz?: string;
  readonly timeout?: number;
  readonly memory?: number;
  readonly entry?: EntryPointName;
  readonly define?: readonly string[];
  /** false with --no-cache. */
  readonly cache: boolean;
}

const ALL_PROFILES: readonly ProfileName[] = ["winhttp", "chromium", "node"];

/** `pac-do resolve <file> [urls...]`: exit 0 when every URL resolved, 1 when the PAC failed for any, 2 on usage and file errors. */
export const registerResolve: Register = (program, io, done) => {
  program
    .command("resolve")
    .description("evaluate a PAC for URLs in a sandbox, with a chosen client IP, DNS answers and clock, and say which line decided")
    .argument("<file>", "PAC file")
    .argument("[urls...]", "URLs to resolve")
    .option("--urls <file>", "read URLs from a file, one per line (- for stdin; # comments and blank lines skipped)")
    .addOption(new Option("--profile <name>", "client semantics").choices(["winhttp", "chromium", "node", "all"]).default("winhttp"))
    .addOption(tableFormatOption())
    .option("--json", "one JSON object per URL (and profile) per line")
    .option("--trace", "show the helper calls and the return that decided")
    .option("--client-ip <ip>", "address myIpAddress() answers, IPv4 or IPv6 (repeatable; default 127.0.0.1)", collect, [])
    .option("--dns <host=ip[,ip]>", "DNS answer (repeatable); unlisted names do not resolve", collect, [])
    .option("--dns-file <file>", "DNS answers in /etc/hosts format (repeatable)", collect, [])
    .option("--live-dns", "resolve unlisted names with the system resolver")
    .option("--at <time>", "the clock, ISO 8601 (2026-11-27T10:00:00Z; without offset: wall time in --tz); default now")
    .option("--tz <zone>", "IANA time zone for local time (default: the machine's)")
    .option("--timeout <ms>", "time limit per PAC call and for loading (default 1000)", positiveNumber("--timeout"))
    .option("--memory <MB>", "memory limit of the sandbox (default 64)", positiveNumber("--memory"))
    .addOption(new Option("--entry <name>", "entry point to call (default: the profile's choice)").choices(["FindProxyForURL", "FindProxyForURLEx"]))
    .option("--define <NAME=value>", "fill in a hosted-PAC variable as the vendor's server does, e.g. GATEWAY=gateway.zscaler.net (repeatable)", collectDefine, [])
    .option("--no-cache", "parse the PAC even when the cache holds its compilation, and store none (see docs/cli.md)")
    .action(async (file: string, urls: string[], flags: ResolveFlags) => done(await runResolve(io, file, urls, flags)));
};

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveNumber(flag: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || !(number > 0)) throw new CliError(`${flag} must be a positive number, not ${JSON.stringify(value)}`);
    return number;
  };
}

async function runResolve(io: CliIo, file: string, positional: readonly string[], flags: ResolveFlags): Promise<number> {
  const json = wantsJson(flags);
  const environment = await environmentFrom(io, flags);
  const defines = definesFrom(flags.define);
  const urls = [...positional, ...(flags.urls === undefined ? [] : await readUrlList(io, flags.urls))];
  if (urls.length === 0) throw new CliError("no URLs to resolve: give them after the file or with --urls FILE");
  const source = renderedSource(await loadSource(io, file), defines);
  const limits: Partial<Limits> = {
    ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout } : {}),
    ...(flags.memory !== undefined ? { memoryBytes: Math.round(flags.memory * 1024 * 1024) } : {}),
  };
  const profiles = flags.profile === "all" ? ALL_PROFILES : [flags.profile];
  const trace = flags.trace ?? false;

  // QuickJS's wasm compiles on other threads while this one compiles the PAC (or reads it from the cache).
  startQuickJS();
  // Loaded on demand: the sandbox (and, on a cache miss, the parser) is what this command costs; other commands should not pay for it.
  const [{ resolveProbes, resolveUrls }, { compileForResolve, defaultCompilationCache }, format] = await Promise.all([
    import("../resolve/resolve.js"),
    import("../cache/compiled.js"),
    import("../resolve/format.js"),
  ]);
  const { compilation } = await compileForResolve(source, resolveProbes(trace), flags.cache ? defaultCompilationCache() : undefined);
  const results = await resolveUrls(source, urls, {
    profiles,
    environment,
    limits,
    trace,
    ...(flags.entry ? { entryPoint: flags.entry } : {}),
    ...(compilation.ok ? { compiled: compilation.compiled } : { parseFailure: compilation.failure }),
  });

  const out = lineWriter(io);
  if (json) {
    for (const item of results) out.line(format.jsonLine(source, item, environment));
  } else if (profiles.length > 1 && !flags.trace) {
    out.line(format.table(results, profiles));
  } else {
    for (const item of results) {
      out.line(`${profiles.length > 1 ? `[${item.profile}] ` : ""}${format.humanLine(source, item)}`);
      if (flags.trace) for (const line of format.traceLines(source, item)) out.line(line);
    }
  }
  out.flush();
  const failed = results.filter((r) => r.evaluation.failure !== undefined);
  if (failed.length > 0 && failed.length === results.length && failed[0]?.evaluation.failure?.message.startsWith("the PAC failed to load")) {
    const failure = failed[0].evaluation.failure;
    io.stderr(`pac-do: ${format.where(source, failure.range) || format.sourceName(source)}: ${failure.message}\n`);
  }
  return failed.length > 0 ? 1 : 0;
}

/**
 * Lines to stdout in chunks of about 64 KB: a stream write per line was about 8% of a
 * 100,000-URL `--urls` run, while one write of everything would hold a second copy of the output.
 * Escaped for the terminal (format/terminal.ts); the `\uXXXX` escapes keep JSON lines valid and equal.
 */
function lineWriter(io: CliIo): { line(text: string): void; flush(): void } {
  let chunk = "";
  return {
    line(text) {
      chunk += `${text}\n`;
      if (chunk.length >= 65_536) {
        io.stdout(terminalSafe(chunk));
        chunk = "";
      }
    },
    flush() {
      if (chunk !== "") io.stdout(terminalSafe(chunk));
      chunk = "";
    },
  };
}

async function environmentFrom(io: CliIo, flags: ResolveFlags): Promise<Environment> {
  const dnsFiles: { name: string; text: string }[] = [];
  for (const name of flags.dnsFile) {
    try {
      dnsFiles.push({ name, text: new TextDecoder().decode(await io.readFile(name)) });
    } catch (error) {
      throw new CliError(`--dns-file ${name}: ${describeFsError(error)}`);
    }
  }
  const { buildEnvironment, OptionError } = await import("../resolve/environment-options.js");
  try {
    return buildEnvironment({
      clientIps: flags.clientIp,
      dns: flags.dns,
      dnsFiles,
      liveDns: flags.liveDns ?? false,
      ...(flags.at !== undefined ? { at: flags.at } : {}),
      ...(flags.tz !== undefined ? { timeZone: flags.tz } : {}),
    });
  } catch (error) {
    if (error instanceof OptionError) throw new CliError(error.message);
    throw error;
  }
}

/** URLs from a file or stdin: one per line; blank lines and `#` comments skipped. */
async function readUrlList(io: CliIo, path: string): Promise<string[]> {
  let text: string;
  if (path === "-") text = await io.readStdin();
  else {
    try {
      text = new TextDecoder().decode(await io.readFile(path));
    } catch (error) {
      throw new CliError(`--urls ${path}: ${describeFsError(error)}`);
    }
  }
  return urlLines(text);
}

/**
 * The URL lines of a list. A list without CR is cut at each LF with `indexOf`, which for a
 * 100,000-line list takes a fraction of the regex split and the two array passes the general
 * case (CR, CRLF or LF) still uses.
 */
function urlLines(text: string): string[] {
  const keep = (line: string): boolean => line !== "" && !line.startsWith("#");
  if (text.includes("\r")) return text.split(/\r\n|\n|\r/).map((line) => line.trim()).filter(keep);
  const urls: string[] = [];
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    if (keep(line)) urls.push(line);
    start = end + 1;
  }
  return urls;
}
