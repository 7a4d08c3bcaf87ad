/**
 * Cold-process `pac-do lint` time: the built CLI spawned on a 10 KB and a 1 MB PAC (median of several
 * runs) beside a bare `node -e ''`, plus a breakdown of one cold run by phase (module loading, parse,
 * route analysis, rules) measured in a fresh process with timestamps.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ruleList } from "../../src/lint/rules/index.js";
import { enterprisePac } from "./analyze.js";

/** The bundled CLI that package.json's `bin` runs (.ci/bundle.mjs). */
const CLI = fileURLToPath(new URL("../../bin/pac-do.js", import.meta.url));
const DIST = new URL("../../src/", import.meta.url).href;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? NaN;
}

/** GNU time, when installed, reports the child's CPU time, which a busy machine inflates far less than the wall clock. */
export const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

export interface Timing {
  /** Wall clock, ms. */
  readonly wall: number;
  /** User + system CPU of the child, ms (NaN without GNU time). */
  readonly cpu: number;
  /** Peak resident set size of the child, KB (NaN without GNU time). */
  readonly rssKb: number;
}

/** One run of `node ...args` in a new process: wall clock, and CPU (user + system) where GNU time is there. */
export function timeNodeProcess(args: readonly string[], okCodes: readonly number[] = [0, 1]): Timing {
  const command = GNU_TIME ?? process.execPath;
  const argv = GNU_TIME ? ["-f", "pac-do-bench-cpu %U %S %M", process.execPath, ...args] : [...args];
  const start = process.hrtime.bigint();
  const child = spawnSync(command, argv, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = child.stderr.toString();
  const cpuLine = /pac-do-bench-cpu (\S+) (\S+) (\S+)/.exec(stderr);
  // GNU time exits with the command's status.
  const status = child.status;
  if (status === null || !okCodes.includes(status)) {
    throw new Error(`node ${args.join(" ")} exited ${String(status)}: ${stderr.trim()}`);
  }
  return { wall, cpu: cpuLine ? (Number(cpuLine[1]) + Number(cpuLine[2])) * 1000 : NaN, rssKb: cpuLine ? Number(cpuLine[3]) : NaN };
}

/** `node ...args`, median of `runs` (after one discarded warm-up for the file cache unless `warmUp` is false). */
function timeProcess(args: readonly string[], runs: number, okCodes: readonly number[] = [0, 1], warmUp = true): Timing {
  const once = (): Timing => timeNodeProcess(args, okCodes);
  if (warmUp) once();
  const timings = Array.from({ length: runs }, once);
  return { wall: median(timings.map((t) => t.wall)), cpu: median(timings.map((t) => t.cpu)), rssKb: Math.max(...timings.map((t) => t.rssKb)) };
}

/** One cold run split into phases, timed inside a fresh process. */
function phases(file: string): Record<string, number> {
  const script = `
    import { readFileSync } from "node:fs";
    const t = [performance.now()];
    const { createSourceFile } = await import(${JSON.stringify(`${DIST}source/source-file.js`)});
    const { parse } = await import(${JSON.stringify(`${DIST}syntax/parse.js`)});
    t.push(performance.now());
    const source = createSourceFile(readFileSync(${JSON.stringify(file)}, "utf8"), "bench.pac");
    const parsed = parse(source);
    t.push(performance.now());
    const { analyze } = await import(${JSON.stringify(`${DIST}analyze/index.js`)});
    t.push(performance.now());
    const analysis = await analyze(source, { program: parsed.program, otherHosts: false, coverage: false });
    t.push(performance.now());
    const { lint } = await import(${JSON.stringify(`${DIST}lint/linter.js`)});
    t.push(performance.now());
    await lint(source, { parsed, analyze: async () => analysis });
    t.push(performance.now());
    const d = (i) => Math.round(t[i + 1] - t[i]);
    console.log(JSON.stringify({
      "load parser": d(0), "parse (includes parser set-up)": d(1), "load sandbox and analysis": d(2),
      "route analysis": d(3), "load linter and rules": d(4), "rules (walk + reports)": d(5),
      evaluations: analysis.evaluations ?? 0, environments: analysis.environments.length,
    }));
  `;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(`phase run failed: ${child.stderr.trim()}`);
  return JSON.parse(child.stdout);
}

export async function run(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "pac-do-bench-lint-"));
  try {
    // The 1 MB lint takes seconds, so it gets one timed run (after a discarded one) and one phase split.
    const inputs: [label: string, bytes: number, runs: number][] = [
      ["10 KB", 10 * 1024, 5],
      ["1 MB", 1024 * 1024, 1],
    ];
    const bare = timeProcess(["-e", ""], 7, [0]);
    const row = (label: string, t: Timing): string =>
      `| ${label} | ${t.wall.toFixed(0)} ms | ${(t.wall / bare.wall).toFixed(1)}x | ${Number.isNaN(t.cpu) ? "n/a" : `${t.cpu.toFixed(0)} ms`} | ${Number.isNaN(t.cpu) ? "n/a" : `${(t.cpu / bare.cpu).toFixed(1)}x`} |`;
    const rows = [row("bare `node -e ''`", bare), row("`pac-do --version`", timeProcess([CLI, "--version"], 7, [0]))];
    const breakdown: string[] = [];
    for (const [label, bytes, runs] of inputs) {
      const file = join(dir, `${label.replace(" ", "")}.pac`);
      writeFileSync(file, enterprisePac(bytes));
      const ms = timeProcess([CLI, "lint", "--format", "json", file], runs);
      const staticOnly = timeProcess([CLI, "lint", "--format", "json", ...STATIC_ONLY, file], Math.max(runs, 3));
      rows.push(row(`\`pac-do lint\` ${label}`, ms));
      rows.push(row(`\`pac-do lint\` ${label}, analysis rules off`, staticOnly));
      breakdown.push(`| ${label} | ${Object.entries(phases(file)).map(([k, v]) => `${k}: ${v}`).join("; ")} |`);
    }
    return [
      "## Linting",
      "",
      "`test/bench/lint.ts`: the built CLI spawned as a new process (`node dist/bin/pac-do.js lint --format json FILE`), wall",
      "clock, median of 5 runs (10 KB) or 3 runs (1 MB with the analysis rules off) after one discarded run; the full",
      "1 MB lint is a single run after a discarded one. Beside it a bare `node -e ''` (median of 7).",
      "Inputs: `enterprisePac()` from test/bench/analyze.ts (office subnets, a DNS check, business hours,",
      "then site rules). \"Analysis rules off\" turns off the rules that read the route analysis, so no sandbox starts.",
      "CPU time comes from GNU time and is less affected by other load on the machine than the wall clock.",
      "",
      "| run | wall clock | vs bare node | CPU (user + sys) | vs bare node |",
      "| --- | --- | --- | --- | --- |",
      ...rows,
      "",
      "Where one cold run spends its time (ms, timestamps inside a fresh process):",
      "",
      "| input | phases |",
      "| --- | --- |",
      ...breakdown,
    ].join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rules that read the route analysis; with them off the linter never loads the sandbox. */
const STATIC_ONLY = ruleList.filter((rule) => rule.meta.usesAnalysis).flatMap((rule) => ["--rule", `${rule.id}=off`]);
