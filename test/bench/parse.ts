/**
 * Parser cost: module load and parser construction (the cold start every CLI run pays), a cold
 * parse in a fresh process beside a bare `node`, and warm throughput on a 1 MB PAC beside acorn's
 * on the same text, in one process (warm-up first, median of several runs).
 */
import { execFileSync } from "node:child_process";
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

  for (let i = 0; i < 3; i++) {
    parse(large);
    acorn.parse(large, { ecmaVersion: 2022, ranges: true });
  }
  const ours = median([0, 1, 2, 3, 4].map(() => time(() => parse(large))));
  const theirs = median([0, 1, 2, 3, 4].map(() => time(() => acorn.parse(large, { ecmaVersion: 2022, ranges: true }))));
  const smallWarm = median(Array.from({ length: 9 }, () => time(() => parse(small))));

  return [
    "## Parsing",
    "",
    "`test/bench/parse.ts`. Inputs: `generateRulesPac()` (host rules: `shExpMatch`, `dnsDomainIs`, regex tests and",
    `comments) at ${(small.length / 1024).toFixed(1)} KB and ${(large.length / 1e6).toFixed(2)} MB. Warm numbers: median of 5 runs after 3 warm-up runs`,
    "(10 KB: median of 9); process numbers: median of 5 fresh `node` processes after one discarded.",
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
    `| warm parse, 1 MB, pac-do | ${ms(ours)} | ${mbps(large.length, ours)} MB/s |`,
    `| warm parse, 1 MB, acorn 8 (\`ranges: true\`) | ${ms(theirs)} | ${mbps(large.length, theirs)} MB/s |`,
    "",
    `pac-do parses at **${(theirs / ours).toFixed(2)}x acorn's throughput** (goal: at least 0.5x).`,
  ].join("\n");
}
