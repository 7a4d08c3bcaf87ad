/**
 * Cold start (issues #3 and #4): fresh processes of the bundled CLI beside a bare `node -e ''`, and
 * the floors under them (a fresh node that only builds the parser, or only instantiates QuickJS).
 * `pac-do resolve` runs twice over: on a PAC it has not seen (a cache miss: it parses, compiles and
 * writes the entry) and on one it has (a hit: no parser). Each command runs once per round, the
 * rounds interleave the commands, so a burst of load on the shared machine touches them all alike;
 * the first round is discarded (file cache). Wall clock, CPU (user + sys, from GNU time) and the main
 * thread's CPU (from a preloaded module that reads `process.threadCpuUsage()` at exit): background work
 * (garbage collection, compiling) runs on the other core of a quiet machine, so the main thread's time is
 * what bounds the wall clock there, and it is far less distorted by other load than the wall clock.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { enterprisePac } from "./analyze.js";
import { typicalPac } from "./resolve.js";

/** The bundled CLI that package.json's `bin` runs (.ci/bundle.mjs). */
const CLI = fileURLToPath(new URL("../../bin/pac-do.js", import.meta.url));
const DIST = new URL("../../src/", import.meta.url).href;
const ROUNDS = Number(process.env["PAC_DO_BENCH_ROUNDS"] ?? 9);
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const URL_TO_RESOLVE = "https://kv801.prod.do.dsp.mp.microsoft.com/";

interface Case {
  readonly label: string;
  readonly args: readonly string[];
  /** Set up just before each timed run (the miss gets an empty cache folder). */
  readonly env?: () => Record<string, string>;
}

interface Timing {
  readonly wall: number;
  /** NaN without GNU time. */
  readonly cpu: number;
  readonly mainThread: number;
}

/** Preloaded into every measured process (bare node too): reports the main thread's CPU time at exit. */
const MAIN_THREAD_PROBE = `process.on("exit", () => { const t = process.threadCpuUsage(); process.stderr.write(\`pac-do-bench-main \${(t.user + t.system) / 1000}\\n\`); });\n`;

function timeOnce(item: Case, probe: string): Timing {
  const command = GNU_TIME ?? process.execPath;
  const argv = GNU_TIME ? ["-f", "pac-do-bench-cpu %U %S", process.execPath, ...item.args] : [...item.args];
  const env = { ...process.env, NO_COLOR: "1", NODE_OPTIONS: `--import ${pathToFileURL(probe).href}`, ...item.env?.() };
  const start = process.hrtime.bigint();
  const child = spawnSync(command, argv, { stdio: ["ignore", "ignore", "pipe"], env });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = child.stderr.toString();
  if (child.status !== 0) throw new Error(`${item.label} exited ${String(child.status)}: ${stderr.trim()}`);
  const cpu = /pac-do-bench-cpu (\S+) (\S+)/.exec(stderr);
  const main = /pac-do-bench-main (\S+)/.exec(stderr);
  return { wall, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN, mainThread: main ? Number(main[1]) : NaN };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? NaN;
}

export async function run(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "pac-do-bench-startup-"));
  try {
    const typical = join(dir, "typical.pac");
    const lintInput = join(dir, "enterprise-10KB.pac");
    writeFileSync(typical, typicalPac());
    writeFileSync(lintInput, enterprisePac(10 * 1024));
    const hitCache = join(dir, "cache-hit");
    const probe = join(dir, "main-thread.mjs");
    writeFileSync(probe, MAIN_THREAD_PROBE);
    const missCache = join(dir, "cache-miss");
    const floorParser = `const { parse } = await import(${JSON.stringify(`${DIST}syntax/parse.js`)}); parse("function FindProxyForURL(url, host) { return \\"DIRECT\\"; }");`;
    const floorQuickJs = `const { quickJSModule } = await import(${JSON.stringify(`${DIST}evaluate/quickjs.js`)}); const vm = (await quickJSModule()).newContext(); vm.unwrapResult(vm.evalCode("1+1")).dispose(); vm.dispose();`;
    // QuickJS with pac-do's helper library loaded, as every sandbox starts: what a `resolve` cannot go below without a parse.
    const floorSandbox = `const { createEvaluator, defaultEnvironment } = await import(${JSON.stringify(`${DIST}evaluate/index.js`)}); const { createSourceFile } = await import(${JSON.stringify(`${DIST}source/source-file.js`)}); const created = await createEvaluator(createSourceFile('function FindProxyForURL(url, host) { return "DIRECT"; }')); if (!created.ok) throw new Error(created.failure.message); await created.evaluator.evaluate({ url: "https://x.example/" }, defaultEnvironment()); created.evaluator[Symbol.dispose]();`;
    const cases: Case[] = [
      { label: "bare `node -e ''`", args: ["-e", ""] },
      { label: "`pac-do --version`", args: [CLI, "--version"] },
      {
        label: "`pac-do resolve typical.pac URL`, first run on this PAC (cache miss)",
        args: [CLI, "resolve", typical, URL_TO_RESOLVE],
        // The PAC's compilation is gone, V8's code cache of pac-do's modules (its v8/ folder) is kept: a user's first run on a new PAC.
        env: () => {
          rmSync(join(missCache, "compiled"), { recursive: true, force: true });
          return { PAC_DO_CACHE_DIR: missCache };
        },
      },
      { label: "`pac-do resolve typical.pac URL`, repeated (cache hit)", args: [CLI, "resolve", typical, URL_TO_RESOLVE], env: () => ({ PAC_DO_CACHE_DIR: hitCache }) },
      { label: "`pac-do lint` 10 KB (with the route analysis)", args: [CLI, "lint", lintInput], env: () => ({ PAC_DO_CACHE_DIR: hitCache }) },
      { label: "`pac-do lint --no-analysis` 10 KB", args: [CLI, "lint", "--no-analysis", lintInput], env: () => ({ PAC_DO_CACHE_DIR: hitCache }) },
      { label: "floor: fresh node that builds the parser and parses one line", args: ["--input-type=module", "-e", floorParser] },
      { label: "floor: fresh node that instantiates QuickJS and evaluates 1+1", args: ["--input-type=module", "-e", floorQuickJs] },
      { label: "floor: fresh node that starts one pac-do sandbox (QuickJS and the helper library) and answers one call", args: ["--input-type=module", "-e", floorSandbox] },
    ];
    const timings = new Map<Case, Timing[]>(cases.map((c) => [c, []]));
    const load = [loadavg()[0] ?? NaN];
    for (let round = 0; round <= ROUNDS; round++) {
      for (const item of cases) {
        const timing = timeOnce(item, probe);
        if (round > 0) timings.get(item)?.push(timing);
      }
    }
    load.push(loadavg()[0] ?? NaN);
    const bareList = timings.get(cases[0]!) ?? [];
    /** The median of each round's ratio to that round's bare node: a paired comparison, so a burst of load in one round moves both. */
    const pairedRatio = (list: readonly Timing[], pick: (t: Timing) => number): number => median(list.map((t, i) => pick(t) / pick(bareList[i]!)));
    const summary = cases.map((item) => {
      const list = timings.get(item) ?? [];
      return {
        label: item.label,
        wall: median(list.map((t) => t.wall)),
        cpu: median(list.map((t) => t.cpu)),
        main: median(list.map((t) => t.mainThread)),
        wallRatio: pairedRatio(list, (t) => t.wall),
        // GNU time counts in 10 ms steps, too coarse for a ratio per round: the ratio of the medians.
        cpuRatio: median(list.map((t) => t.cpu)) / median(bareList.map((t) => t.cpu)),
        mainRatio: pairedRatio(list, (t) => t.mainThread),
      };
    });
    const cpu = (ms: number): string => (Number.isNaN(ms) ? "n/a" : `${ms.toFixed(0)} ms`);
    const ratio = (value: number): string => (Number.isNaN(value) ? "n/a" : `${value.toFixed(2)}x`);
    return [
      "## Start-up",
      "",
      `\`test/bench/startup.ts\`: fresh processes, median of ${ROUNDS} rounds after one discarded; each round runs every`,
      "command once, in this order, so the commands share the machine's load. CPU is user + sys from GNU time;",
      "main thread is the CPU time of the process's main thread (`process.threadCpuUsage()` at exit, from a module",
      "preloaded into every run, bare node included), what bounds the wall clock on an otherwise idle machine.",
      "\"vs bare node\" for the wall clock and the main thread is the median over rounds of the run's ratio to the same",
      "round's bare node (paired); for CPU, which GNU time counts in 10 ms steps, the ratio of the medians.",
      "The cache miss runs with the compiled PACs removed from its `PAC_DO_CACHE_DIR` each time (it parses, compiles and",
      "writes the entry; V8's code cache of pac-do's modules in the folder's v8/ stays, as for a user's first run on a new",
      "PAC); the hit reads the entry the earlier rounds wrote. Inputs: `typicalPac()` of test/bench/resolve.ts (10 KB) and",
      `\`enterprisePac(10 KB)\` of test/bench/analyze.ts. Node ${process.versions.node}, load average ${load.map((l) => l.toFixed(1)).join(" -> ")}.`,
      "",
      "| run | wall clock | vs bare node | CPU (user + sys) | vs bare node | main thread | vs bare node |",
      "| --- | --- | --- | --- | --- | --- | --- |",
      ...summary.map(
        (s) =>
          `| ${s.label} | ${s.wall.toFixed(0)} ms | ${ratio(s.wallRatio)} | ${cpu(s.cpu)} | ${ratio(s.cpuRatio)} | ${cpu(s.main)} | ${ratio(s.mainRatio)} |`,
      ),
    ].join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
