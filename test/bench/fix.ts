/**
 * `pac-do fix` cost: in one process on a 10 KB and a 1 MB PAC (the whole fix including both route
 * analyses, and the rewrite alone), then as the CLI runs it, in paired rounds beside `lint` and
 * `routes` on the same file (1 MB), and on a 5 MB PAC generated at run time, with peak RSS.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { fixPac } from "../../src/fix/fix.js";
import { applyEdits } from "../../src/fix/edits.js";
import { planFix } from "../../src/fix/plan.js";
import { bypassTargets } from "../../src/fix/targets.js";
import { createSourceFile, type SourceFile } from "../../src/source/source-file.js";
import { parse } from "../../src/syntax/parse.js";
import { enterprisePac } from "./analyze.js";
import { timeNodeProcess, type Timing } from "./lint.js";

/** The bundled CLI that package.json's `bin` runs (.ci/bundle.mjs). */
const CLI = fileURLToPath(new URL("../../bin/pac-do.js", import.meta.url));

/**
 * lint's enterprise PAC without its DO rule, so that lint reports the violation and fix has work to
 * do; the same file for all three commands. Under 1 MB, so lint analyses its routes too.
 */
export function unfixedEnterprisePac(bytes: number): string {
  return enterprisePac(bytes).replace(/^.*do\.dsp\.mp\.microsoft\.com.*\n/m, "");
}

/** An enterprise-shaped PAC of about `bytes`: intranet and site rules, then a default proxy. */
function generatePac(bytes: number): string {
  const head = [
    'var proxy = "PROXY proxy.corp.example:8080; DIRECT";',
    "",
    "function FindProxyForURL(url, host) {",
    "  if (isPlainHostName(host)) return \"DIRECT\";",
    '  if (isInNet(myIpAddress(), "10.20.0.0", "255.255.0.0")) return "PROXY branch.corp.example:8080";',
  ];
  const rules: string[] = [];
  let size = head.join("\n").length;
  for (let i = 0; size < bytes - 64; i++) {
    const rule = `  if (shExpMatch(host, "*.site${i}.example.com")) return "PROXY p${i % 7}.corp.example:8080";`;
    rules.push(rule);
    size += rule.length + 1;
  }
  return [...head, ...rules, "  return proxy;", "}", ""].join("\n");
}

/**
 * A generous per-call deadline: the benchmark measures cost, and a 1 MB PAC on a busy machine can
 * exceed the default 1 s per evaluation, which makes the proof inconclusive rather than slow.
 */
const BENCH_OPTIONS = { limits: { timeoutMs: 30_000 } } as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? NaN;
}

/** Median wall time of `runs` calls; the caller has already run the task once to warm up. */
async function measure(runs: number, task: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return median(times);
}

function rewriteOnly(source: SourceFile): string {
  const chosen = bypassTargets();
  const parsed = parse(source);
  if (!chosen.ok || !parsed.ok) throw new Error("benchmark input does not parse");
  const plan = planFix({ source, program: parsed.program, comments: parsed.comments }, chosen.targets);
  if (!plan.ok) throw new Error(plan.problems.join("; "));
  return applyEdits(source.text, plan.sites.flatMap((site) => site.edits));
}

/** Per-call deadline for the CLI runs: under load, loading a 5 MB PAC alone can take more than the default 1 s. */
const CLI_TIMEOUT = ["--timeout", "30000"];

function load(): string {
  return loadavg().map((n) => n.toFixed(1)).join(" / ");
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;

/**
 * `rounds` rounds; in each, lint, fix and routes on the 1 MB PAC one after another (the order turns
 * each round, so none always runs first), then fix on the 5 MB PAC. Ratios are taken within a round
 * and their median reported, so a change of load between rounds cancels out. lint has no 5 MB
 * counterpart: over 4 MB it reports max-size without parsing (src/lint/linter.ts PARSE_LIMIT).
 */
async function paired(rounds: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "pac-do-bench-fix-"));
  try {
    const files = { "1 MB": join(dir, "1mb.pac"), "5 MB": join(dir, "5mb.pac") };
    writeFileSync(files["1 MB"], unfixedEnterprisePac(1024 * 1024 - 1024));
    writeFileSync(files["5 MB"], unfixedEnterprisePac(5 * 1024 * 1024));
    const command = {
      lint: (file: string) => [CLI, "lint", "--format", "json", ...CLI_TIMEOUT, file],
      fix: (file: string) => [CLI, "fix", ...CLI_TIMEOUT, file],
      routes: (file: string) => [CLI, "routes", "--json", ...CLI_TIMEOUT, file],
    };
    // Warm the file cache and V8's code cache once.
    timeNodeProcess(command.lint(files["1 MB"]));
    const runs: Record<string, Timing[]> = { lint1: [], fix1: [], routes1: [], fix5: [] };
    const loads: string[] = [load()];
    for (let round = 0; round < rounds; round++) {
      const order = (["lint", "fix", "routes"] as const).map((_, i, all) => all[(i + round) % all.length]!);
      for (const name of order) runs[`${name}1`]!.push(timeNodeProcess(command[name](files["1 MB"])));
      runs.fix5!.push(timeNodeProcess(command.fix(files["5 MB"])));
      loads.push(load());
    }
    const med = (list: readonly number[]): number => median([...list]);
    const pairedRatio = (a: Timing[], b: Timing[], pick: (t: Timing) => number): number => med(a.map((t, i) => pick(t) / pick(b[i]!)));
    const row = (label: string, list: Timing[], base?: Timing[]): string =>
      `| ${label} | ${seconds(med(list.map((t) => t.wall)))} | ${seconds(med(list.map((t) => t.cpu)))} | ${base ? ratio(pairedRatio(list, base, (t) => t.wall), 1) : ""} | ${base ? ratio(pairedRatio(list, base, (t) => t.cpu), 1) : ""} | ${(Math.max(...list.map((t) => t.rssKb)) / 1024).toFixed(0)} MB |`;
    return [
      `Paired rounds: ${rounds}; load average (1 / 5 / 15 min) before each round and at the end: ${loads.join("; ")}.`,
      "",
      "| Command | Wall (median) | CPU (median) | Wall / lint (median of the rounds' ratios) | CPU / lint | Peak RSS (max) |",
      "| --- | --- | --- | --- | --- | --- |",
      row("`lint` 1 MB", runs.lint1!),
      row("`fix` 1 MB", runs.fix1!, runs.lint1),
      row("`routes` 1 MB", runs.routes1!, runs.lint1),
      row("`fix` 5 MB", runs.fix5!),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<string> {
  const rows: string[] = [];
  for (const [label, bytes, runs] of [
    ["10 KB", 10 * 1024, 5],
    ["1 MB", 1024 * 1024, 2],
  ] as const) {
    const source = createSourceFile(generatePac(bytes), `${label}.pac`);
    const first = await fixPac(source, BENCH_OPTIONS);
    if (first.status !== "fixed") throw new Error(`${label}: expected a fix, got ${first.status}`);
    rewriteOnly(source);
    const whole = await measure(runs, () => fixPac(source, BENCH_OPTIONS));
    const rewrite = await measure(runs, () => rewriteOnly(source));
    rows.push(`| ${label} (${source.text.length.toLocaleString("en")} chars) | ${whole.toFixed(0)} ms | ${rewrite.toFixed(1)} ms | ${runs} |`);
  }
  const rounds = Number(process.env.PACDO_BENCH_FIX_ROUNDS ?? 3);
  const cli = await paired(rounds);
  return [
    "## Fixing",
    "",
    "`test/bench/fix.ts`: `fixPac` on a generated enterprise-shaped PAC (intranet rule, an office subnet, then",
    "`shExpMatch` site rules up to the size), in process after one warm-up run; median of the runs (the upper one of two). \"Whole fix\"",
    "includes both route analyses (the original and the fixed PAC, same hosts and environment classes);",
    '"rewrite" is parse, plan and apply alone. The per-call deadline is raised to 30 s so a slow evaluation is measured, not cut off.',
    "",
    "| Input | Whole fix (with proof) | Rewrite only | Runs |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
    "The built CLI (`node dist/bin/pac-do.js`), one process per run, on `unfixedEnterprisePac()`: lint's enterprise PAC",
    "without its DO rule (so lint reports a violation and fix has work), just under 1 MB and at 5 MB, generated at run time.",
    "`--timeout 30000` for all three commands. CPU and peak RSS from GNU time (`PACDO_BENCH_FIX_ROUNDS` sets the rounds).",
    "",
    ...cli,
  ].join("\n");
}
