/**
 * The sandbox's contract under hostile PACs (docs/sandbox.md): every case of
 * test/evaluate/hostile-cases.ts under the default limits (1000 ms, 64 MB), in the sandbox (winhttp)
 * and in the node profile's worker, each in a fresh process so that its peak RSS is the profile's alone.
 * Then what the hard deadline costs the hot path: batches of the resolve bench's URLs through
 * `evaluateMany` with the hard deadline (winhttp: `vm`'s watchdog per run of crossings; node: the
 * worker and its watchdog) against the same without it (`inlineBackstop`: winhttp unguarded, node in
 * the calling thread), in one process, interleaved, CPU time of the whole process. Reports each case's wall clock, its overrun (wall clock minus
 * the deadline), the worst overrun against the contract's 100 ms, and the process's peak RSS against
 * the 300 MB the contract allows.
 */
import { spawnSync } from "node:child_process";
import { createEvaluator, defaultBackstop, defaultEnvironment, inlineBackstop, type Backstop } from "../../src/evaluate/index.js";
import type { PacEvaluator, ProfileName } from "../../src/evaluate/types.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { parse } from "../../src/syntax/parse.js";
import { HOSTILE } from "../evaluate/hostile-cases.js";
import { largePac, typicalPac, urls } from "./resolve.js";

const DIST = new URL("../../", import.meta.url).href;
const DEADLINE_MS = 1000;

interface Row {
  readonly profile: string;
  readonly name: string;
  readonly where: string;
  readonly kind: string;
  readonly ms: number;
}

function measure(profile: "winhttp" | "node"): { rows: Row[]; rssMb: number } {
  const script = `
    const { createEvaluator } = await import(${JSON.stringify(`${DIST}src/evaluate/index.js`)});
    const { createSourceFile } = await import(${JSON.stringify(`${DIST}src/source/source-file.js`)});
    const { parse } = await import(${JSON.stringify(`${DIST}src/syntax/parse.js`)});
    const HOSTILE = ${JSON.stringify(HOSTILE.filter((c) => profile !== "node" || c.node !== null))};
    const profile = ${JSON.stringify(profile)};
    const env = { clientIps: ["10.1.2.3"], dns: new Map(), liveDns: false, now: Date.UTC(2026, 0, 1), timeZone: "UTC" };
    const rows = [];
    const load = async (text) => {
      const source = createSourceFile(text, "hostile.pac");
      const parsed = parse(source);
      return createEvaluator(source, { profile, program: parsed.ok ? parsed.program : undefined, limits: { timeoutMs: ${DEADLINE_MS} } });
    };
    for (const c of HOSTILE) {
      if (c.where === "top") {
        // node: a worker left idle by a trivial load, so that the time is the top level's, not a worker's start (docs/sandbox.md).
        if (profile === "node") {
          const warm = await load("function FindProxyForURL(url, host) { return 'DIRECT'; }");
          if (warm.ok) warm.evaluator[Symbol.dispose]();
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        const started = performance.now();
        const loaded = await load(c.body + "\\nfunction FindProxyForURL(url, host) { return 'DIRECT'; }\\n");
        const ms = performance.now() - started;
        if (loaded.ok) loaded.evaluator[Symbol.dispose]();
        rows.push({ profile, name: c.name, where: "top level", kind: loaded.ok ? "loaded" : loaded.failure.kind, ms });
      } else {
        const loaded = await load("function FindProxyForURL(url, host) {\\n" + c.body + "\\n}\\n");
        if (!loaded.ok) { rows.push({ profile, name: c.name, where: "call", kind: "load " + loaded.failure.kind, ms: 0 }); continue; }
        const started = performance.now();
        const e = await loaded.evaluator.evaluate({ url: "http://bad.example/" }, env);
        const ms = performance.now() - started;
        loaded.evaluator[Symbol.dispose]();
        rows.push({ profile, name: c.name, where: "call", kind: e.failure ? e.failure.kind : "answered", ms });
      }
    }
    console.log(JSON.stringify({ rows, rssMb: process.resourceUsage().maxRSS / 1024 }));
  `;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`sandbox bench failed: ${child.stderr.trim()}`);
  return JSON.parse(child.stdout) as { rows: Row[]; rssMb: number };
}

const HOT_ROUNDS = 9;

/** Median CPU microseconds per URL of `evaluateMany` over `list`, hard deadline on and off, interleaved. */
export async function hotPath(text: string, profile: ProfileName, list: readonly string[]): Promise<{ hard: number; soft: number }> {
  const env = defaultEnvironment({ clientIps: ["10.20.30.40"], now: Date.UTC(2026, 10, 27, 10), timeZone: "UTC" });
  const source = createSourceFile(text, "bench.pac");
  const parsed = profile === "node" ? undefined : parse(source);
  const program = parsed?.ok ? { program: parsed.program, probes: { branches: false, callSites: false } } : {};
  // The sandbox: one evaluator whose backstop is switched on and off, so that both sides run the same
  // wasm instance. The node profile: two evaluators, one in its worker, one in the calling thread.
  let guarded = true;
  const switched: Backstop = { hard: true, run: (ms, operation) => (guarded ? defaultBackstop().run(ms, operation) : operation()) };
  const load = async (soft: boolean): Promise<PacEvaluator> => {
    const backstop = profile !== "node" ? switched : soft ? inlineBackstop : defaultBackstop();
    const loaded = await createEvaluator(source, { profile, limits: { timeoutMs: 30_000 }, loadEnvironment: env, ...program, backstop });
    if (!loaded.ok) throw new Error(`${profile}: ${loaded.failure.message}`);
    return loaded.evaluator;
  };
  using hard = await load(false);
  using inThread = profile === "node" ? await load(true) : undefined;
  const soft = inThread ?? hard;
  const calls = list.map((url) => ({ request: { url }, env }));
  const cpu = async (evaluator: PacEvaluator): Promise<number> => {
    const started = process.cpuUsage();
    // As resolveWith hands them over: 4,096 at a time.
    for (let at = 0; at < calls.length; at += 4096) await evaluator.evaluateMany(calls.slice(at, at + 4096));
    const used = process.cpuUsage(started);
    return (used.user + used.system) / calls.length;
  };
  guarded = true;
  await cpu(hard);
  guarded = false;
  await cpu(soft);
  const times: { hard: number[]; soft: number[] } = { hard: [], soft: [] };
  for (let round = 0; round < HOT_ROUNDS; round++) {
    for (const which of round % 2 ? (["soft", "hard"] as const) : (["hard", "soft"] as const)) {
      guarded = which === "hard";
      times[which].push(await cpu(which === "hard" ? hard : soft));
    }
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;
  return { hard: median(times.hard), soft: median(times.soft) };
}

export async function run(): Promise<string> {
  const runs = (["winhttp", "node"] as const).map((profile) => ({ profile, ...measure(profile) }));
  const overrun = (row: Row): number => row.ms - DEADLINE_MS;
  const lines = [
    "## Sandbox",
    "",
    `Every case of test/evaluate/hostile-cases.ts, one fresh evaluator each, deadline ${DEADLINE_MS} ms, memory 64 MB, one fresh process per profile`,
    "(winhttp: the sandbox; node: pac-resolver in its worker, the cases that apply to it).",
    "",
    "| profile | case | where | ended as | wall ms | overrun ms |",
    "| --- | --- | --- | --- | ---: | ---: |",
    ...runs.flatMap(({ rows }) => rows.map((row) => `| ${row.profile} | ${row.name} | ${row.where} | ${row.kind} | ${row.ms.toFixed(0)} | ${row.kind === "timeout" ? overrun(row).toFixed(0) : ""} |`)),
    "",
  ];
  for (const { profile, rows, rssMb } of runs) {
    const worst = rows.filter((row) => row.kind === "timeout").reduce((max, row) => Math.max(max, overrun(row)), -Infinity);
    const slowest = rows.reduce((max, row) => Math.max(max, row.ms), 0);
    lines.push(
      `${profile}: worst overrun of a timed-out case: ${worst.toFixed(0)} ms (contract: 100 ms). Slowest case of any kind: ${slowest.toFixed(0)} ms. Peak RSS of the process: ${rssMb.toFixed(0)} MB (contract: 300 MB).`,
      "",
    );
  }
  lines.push(
    "### The hard deadline on the hot path",
    "",
    `Batches of the resolve bench's URLs through \`evaluateMany\` (4,096 at a time, as \`pac-do resolve\` hands them over), with the hard deadline and without, one process, ${HOT_ROUNDS} interleaved rounds, median CPU time of the process per URL (the node profile's worker included).`,
    "",
    "| PAC | profile | URLs per round | with (us/URL) | without (us/URL) | with / without |",
    "| --- | --- | ---: | ---: | ---: | ---: |",
  );
  for (const [name, text] of [["typical 10 KB", typicalPac()], ["1 MB domain list", largePac()]] as const) {
    for (const profile of ["winhttp", "node"] as const) {
      // pac-resolver answers about 1,000 URLs per CPU second on the 10 KB PAC.
      const count = profile === "winhttp" ? 16_384 : name.startsWith("typical") ? 400 : 4096;
      const { hard, soft } = await hotPath(text, profile, urls(count));
      lines.push(`| ${name} | ${profile} | ${count.toLocaleString("en-US")} | ${hard.toFixed(2)} | ${soft.toFixed(2)} | ${(hard / soft).toFixed(2)} |`);
    }
  }
  return lines.join("\n");
}
