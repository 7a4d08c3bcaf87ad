/**
 * Parser cost: module load and parser construction (the cold start every CLI run pays), a cold
 * parse in a fresh process beside a bare `node`, and warm throughput on a 1 MB PAC beside acorn's
 * on the same text, in one process. The two parsers alternate (the order flips every round, so
 * neither always runs after the other's garbage), each parse is timed in wall-clock and in CPU
 * time of the process, and the ratio is given three ways: of the wall-clock medians, of the CPU
 * medians, and the median of each round's ratio, which a load change between rounds moves least.
 */
import { execFileSync } from "node:child_process";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import * as acorn from "acorn";

/** A PAC of about `bytes` made of host rules, the shape of large generated enterprise PACs. */
export function generateRulesPac(bytes: number): string {
  const lines = ['var proxy = "PROXY proxy.example.com:8080; DIRECT";', "", "function FindProxyForURL(url, host) {"];
  let size = lines.join("\n").length;
  for (let i = 0; size < bytes - 40; i++) {
    const line =
      i % 3 === 0
        ? `  if (shExpMatch(host, "*.app${i}.example.com")) return "PROXY p${i % 5}.example.com:3128";`
        : i % 3 === 1
          ? `  if (dnsDomainIs(host, ".svc${i}.example.net") || host == "svc${i}.example.net") return "DIRECT";`
          : `  if (/^cdn${i}\\.example\\.org$/.test(host)) return proxy; // rule ${i}`;
    lines.push(line);
    size += line.length + 1;
  }
  lines.push("  return proxy;", "}", "");
  return lines.join("\n");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

type Sample = { wall: number; cpu: number };

/** Wall-clock and CPU milliseconds (user + system, all threads: the collector's helpers too) of one call. */
function measure(fn: () => unknown): Sample {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  fn();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

const WARM_UP_ROUNDS = 5;
const ROUNDS = 21;

/** Rounds of `ours` and `theirs`, the order flipped every round, after warm-up rounds; `ours` must succeed. */
function compare(ours: () => boolean, theirs: () => unknown): { ours: Sample[]; theirs: Sample[] } {
  const result: { ours: Sample[]; theirs: Sample[] } = { ours: [], theirs: [] };
  const runOurs = (): Sample => {
    let ok = false;
    const sample = measure(() => (ok = ours()));
    if (!ok) throw new Error("pac-do failed to parse the benchmark input");
    return sample;
  };
  for (let round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
    let a: Sample;
    let b: Sample;
    if (round % 2 === 0) {
      a = runOurs();
      b = measure(theirs);
    } else {
      b = measure(theirs);
      a = runOurs();
    }
    if (round >= WARM_UP_ROUNDS) {
      result.ours.push(a);
      result.theirs.push(b);
    }
  }
  return result;
}

function processTime(args: string[]): number {
  const start = performance.now();
  execFileSync(process.execPath, args, { stdio: "ignore" });
  return performance.now() - start;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const mbps = (bytes: number, millis: number) => (bytes / 1e6 / (millis / 1000)).toFixed(2);

export async function run(): Promise<string> {
  const loadStart = performance.now();
  const { parse } = await import("../../src/syntax/parse.js");
  const { PacParser } = await import("../../grammar/parser.js");
  const load = performance.now() - loadStart;

  const small = generateRulesPac(10 * 1024);
  const large = generateRulesPac(1024 * 1024);
  const firstParse = time(() => parse(small));
  const construction = median([1, 2, 3].map(() => time(() => new PacParser({ recoveryEnabled: false, skipValidations: true }))));
  const withValidations = time(() => new PacParser({ recoveryEnabled: false }));
  const recovering = time(() => new PacParser({ recoveryEnabled: true, skipValidations: true }));

  const parseModule = fileURLToPath(new URL("../../src/syntax/parse.js", import.meta.url));
  const script = `import(${JSON.stringify(parseModule)}).then((m) => { if (!m.parse(require("fs").readFileSync(0, "utf8")).ok) process.exit(1); })`;
  const cold = (args: string[]) => {
    const start = performance.now();
    execFileSync(process.execPath, args, { input: small, stdio: ["pipe", "ignore", "inherit"] });
    return performance.now() - start;
  };
  processTime(["-e", ""]);
  const bare = median([0, 1, 2, 3, 4].map(() => processTime(["-e", ""])));
  const coldParse = median([0, 1, 2, 3, 4].map(() => cold(["-e", script])));

  const rounds = compare(
    () => parse(large).ok,
    () => acorn.parse(large, { ecmaVersion: 2022, ranges: true }),
  );
  const ours = median(rounds.ours.map((r) => r.wall));
  const theirs = median(rounds.theirs.map((r) => r.wall));
  const oursCpu = median(rounds.ours.map((r) => r.cpu));
  const theirsCpu = median(rounds.theirs.map((r) => r.cpu));
  const pairedWall = median(rounds.ours.map((r, i) => rounds.theirs[i]!.wall / r.wall));
  const pairedCpu = median(rounds.ours.map((r, i) => rounds.theirs[i]!.cpu / r.cpu));
  const smallWarm = median(Array.from({ length: 9 }, () => time(() => parse(small))));
  const loadAverage = os.loadavg().map((l) => l.toFixed(2)).join(", ");

  return [
    "## Parsing",
    "",
    "`test/bench/parse.ts`. Inputs: `generateRulesPac()` (host rules: `shExpMatch`, `dnsDomainIs`, regex tests and",
    `comments) at ${(small.length / 1024).toFixed(1)} KB and ${(large.length / 1e6).toFixed(2)} MB. Warm 1 MB numbers: ${ROUNDS} rounds after ${WARM_UP_ROUNDS} warm-up rounds,`,
    "pac-do and acorn alternating in one process (order flipped each round), medians; 10 KB: median of 9; process",
    `numbers: median of 5 fresh \`node\` processes after one discarded. Load average at the end: ${loadAverage}.`,
    "",
    "| measure | time | note |",
    "| --- | --- | --- |",
    `| load \`src/syntax/parse.js\` (chevrotain, tokens, grammar) | ${ms(load)} | first import in this process |`,
    `| build the parser (\`performSelfAnalysis\`) | ${ms(construction)} | median of 3, \`skipValidations\`, maxLookahead 1 |`,
    `| build it with Chevrotain's validations | ${ms(withValidations)} | what tests pay; production skips them |`,
    `| build the recovering parser | ${ms(recovering)} | only after a file failed to parse |`,
    `| first parse of 10 KB (includes building the parser) | ${ms(firstParse)} | |`,
    `| bare \`node -e ''\` | ${ms(bare)} | fresh process |`,
    `| fresh \`node\` that loads the parser and parses 10 KB | ${ms(coldParse)} | ${(coldParse / bare).toFixed(2)}x bare node |`,
    `| warm parse, 10 KB | ${ms(smallWarm)} | |`,
    `| warm parse, 1 MB, pac-do | ${ms(ours)} | ${mbps(large.length, ours)} MB/s; CPU ${ms(oursCpu)} |`,
    `| warm parse, 1 MB, acorn 8 (\`ranges: true\`) | ${ms(theirs)} | ${mbps(large.length, theirs)} MB/s; CPU ${ms(theirsCpu)} |`,
    "",
    `pac-do parses at **${(theirs / ours).toFixed(2)}x acorn's throughput** (wall-clock medians; goal: at least 0.5x);`,
    `CPU medians ${(theirsCpu / oursCpu).toFixed(2)}x; median of the per-round ratios ${pairedWall.toFixed(2)}x wall-clock, ${pairedCpu.toFixed(2)}x CPU.`,
  ].join("\n");
}
