/**
 * The sandbox's contract under hostile PACs (docs/sandbox.md): every case of
 * test/evaluate/hostile-cases.ts under the default limits (1000 ms, 64 MB), in the sandbox (winhttp)
 * and in the node profile's worker, each in a fresh process so that its peak RSS is the profile's alone. Reports each case's wall clock, its overrun (wall clock minus
 * the deadline), the worst overrun against the contract's 100 ms, and the process's peak RSS against
 * the 300 MB the contract allows.
 */
import { spawnSync } from "node:child_process";
import { HOSTILE } from "../evaluate/hostile-cases.js";

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
  return lines.join("\n");
}
