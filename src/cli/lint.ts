import { Option, type Command } from "commander";
import type { Register } from "../cli.js";
import { ConfigError, PROFILES, isProfile, loadConfig, parseRuleOption } from "../config/config.js";
import type { Limits, ProfileName } from "../evaluate/types.js";
import type { RuleSetting } from "../lint/define-rule.js";
import type { LintResult } from "../lint/linter.js";
import type { SourceFile } from "../source/source-file.js";
import { CliError, collectDefine, definesFrom, loadSource, renderedSource, type CliIo } from "./io.js";
import { startQuickJS } from "./quickjs-start.js";

/** The parsed options of `pac-do lint`. */
export interface LintCommandOptions {
  readonly format: "stylish" | "json" | "sarif";
  readonly profile?: ProfileName;
  readonly rule: readonly string[];
  readonly maxWarnings?: number;
  readonly config?: string;
  readonly timeout?: number;
  readonly memory?: number;
  /** false with --no-analysis: static checks only, no sandbox. */
  readonly analysis?: boolean;
  /** Rewrite files whose fixable problems `pac-do fix` can repair (do-service-direct). */
  readonly fix?: boolean;
  /** `--define NAME=value`: lint the PAC as a hosted-PAC server renders it. */
  readonly define?: readonly string[];
}

export const registerLint: Register = (program: Command, io: CliIo, done: (exitCode: number) => void) => {
  program
    .command("lint")
    .description("Check PAC files: parse errors, Delivery Optimization routing, client compatibility and hygiene.")
    .argument("<files...>", "PAC files to lint")
    .addOption(new Option("-f, --format <format>", "output format").choices(["stylish", "json", "sarif"]).default("stylish"))
    .addOption(new Option("--profile <profile>", "whose semantics to check against (default: winhttp, or the config's)").choices(PROFILES))
    .option("--rule <id=level>", "set a rule to off, info, warn or error (repeatable)", (value: string, previous: string[]) => [...previous, value], [])
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this", (value) => nonNegativeInteger(value, "--max-warnings"))
    .option("-c, --config <file>", `config file (default: ./pac-do.config.json, or "pac-do" in ./package.json)`)
    .option("--timeout <ms>", "sandbox deadline per evaluation, in milliseconds", (value) => positiveInteger(value, "--timeout"))
    .option("--memory <MB>", "sandbox memory limit, in MiB", (value) => positiveInteger(value, "--memory"))
    .option("--no-analysis", "skip the route analysis (no sandbox): static checks only, DO routing is not verified")
    .option("--fix", "add the pac-do DIRECT block where a fixable rule reports (rewrites the file; see pac-do fix)")
    .option("--define <NAME=value>", "fill in a hosted-PAC variable as the vendor's server does, e.g. GATEWAY=gateway.zscaler.net (repeatable)", collectDefine, [])
    .action(async (files: string[], options: LintCommandOptions) => done(await lintCommand(files, options, io)));
};

/** Runs `pac-do lint` and returns its exit code: 0 clean, 1 errors or too many warnings, 2 could not run. */
export async function lintCommand(files: readonly string[], options: LintCommandOptions, io: CliIo): Promise<number> {
  // Loaded here, not at the top, so `pac-do --help` and other commands do not pay for the linter.
  const [{ effectiveSetting, lint }, { rules }] = await Promise.all([import("../lint/linter.js"), import("../lint/rules/index.js")]);
  const knownRules = new Set(Object.keys(rules));
  let settings: Record<string, RuleSetting>;
  let profile: ProfileName;
  try {
    const { config } = await loadConfig(io, knownRules, options.config);
    settings = { ...config.rules };
    for (const option of options.rule) {
      const [id, setting] = parseRuleOption(option, knownRules);
      settings[id] = setting;
    }
    profile = options.profile ?? config.profile ?? "winhttp";
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
  if (!isProfile(profile)) throw new CliError(`unknown profile "${String(profile)}"`);
  // The fix goes into the template, which keeps its variables; a rendered copy is for checking only.
  const defines = definesFrom(options.define);
  if (options.fix && defines.size > 0) throw new CliError("--fix rewrites the file as written: leave out --define");

  const limits: Partial<Limits> = {
    ...(options.timeout !== undefined ? { timeoutMs: options.timeout } : {}),
    ...(options.memory !== undefined ? { memoryBytes: options.memory * 1024 * 1024 } : {}),
  };
  const results: LintResult[] = [];
  let unreadable = false;
  const analysis = options.analysis !== false;
  // The route analysis runs in QuickJS: its wasm compiles on other threads while this one parses. Like
  // the linter, this leaves QuickJS alone when no rule that reads the analysis is on.
  if (analysis && Object.values(rules).some((rule) => rule.meta.usesAnalysis && effectiveSetting(rule, profile, settings) !== "off")) startQuickJS();
  if (!analysis) {
    const unchecked = Object.values(rules).filter((rule) => rule.meta.usesAnalysis && settings[rule.id] !== "off").map((rule) => rule.id);
    io.stderr(`pac-do: --no-analysis: route checks skipped (${unchecked.join(", ")}); DO routing is not verified\n`);
  }
  for (const file of files) {
    let source: SourceFile;
    try {
      source = renderedSource(await loadSource(io, file), defines);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      io.stderr(`pac-do: ${error.message}\n`);
      unreadable = true;
      continue;
    }
    let result = await lint(source, { profile, rules: settings, limits, analysis });
    if (options.fix && result.fixableCount > 0) {
      const fixed = await (await import("./fix.js")).fixLintedFile(io, source, { profile, limits });
      if (fixed) result = await lint(fixed, { profile, rules: settings, limits });
    }
    results.push(result);
  }

  io.stdout(await render(results, options.format, { color: io.color, profile, settings }));
  if (unreadable) return 2;
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    if (options.format === "stylish") io.stderr(`pac-do: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

async function render(
  results: readonly LintResult[],
  format: LintCommandOptions["format"],
  context: { color: boolean; profile: ProfileName; settings: Readonly<Record<string, RuleSetting>> },
): Promise<string> {
  switch (format) {
    case "json":
      return (await import("../format/json.js")).formatJson(results);
    case "sarif": {
      const [{ formatSarif }, { ruleList }, { homepage, packageRoot }] = await Promise.all([import("../format/sarif.js"), import("../lint/rules/index.js"), import("../version.js")]);
      // Microsoft's SARIF validator asks for informationUri (SARIF2005); without a homepage, the README installed with this pac-do.
      const informationUri = homepage ?? (packageRoot === undefined ? undefined : new URL("README.md", packageRoot).href);
      return formatSarif(results, { rules: ruleList, profile: context.profile, settings: context.settings, cwd: process.cwd(), ...(informationUri === undefined ? {} : { informationUri }) });
    }
    default:
      return (await import("../format/stylish.js")).formatStylish(results, { color: context.color });
  }
}

function nonNegativeInteger(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new CliError(`${flag} expects a whole number, not "${value}"`);
  return Number(value);
}

function positiveInteger(value: string, flag: string): number {
  const n = nonNegativeInteger(value, flag);
  if (n === 0) throw new CliError(`${flag} must be greater than 0`);
  return n;
}
