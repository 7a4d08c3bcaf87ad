/**
 * The sandbox's contract under hostile PACs (docs/sandbox.md): every case of
 * test/evaluate/hostile-cases.ts under the default limits (1000 ms, 64 MB), in a fresh process so that
 * its peak RSS is the sandbox's alone. Reports each case's wall clock, its overrun (wall clock minus
 * the deadline), the worst overrun against the contract's 100 ms, and the process's peak RSS against
 * the 300 MB the contract allows.
 */
import { spawnSync } from "node:child_process";
import { HOSTILE } from "../evaluate/hostile-cases.js";

const DIST = new URL("../../", import.meta.url).href;
const DEADLINE_MS = 1000;

interface Row {
  readonly name: string;
  readonly where: string;
  readonly kind: string;
  readonly ms: number;
}

function measure(): { rows: Row[]; rssMb: number } {
  const script = `
    const { createEvaluator } = await import(${JSON.stringify(`${DIST}src/evaluate/index.js`)});
    const { createSourceFile } = await import(${JSON.stringify(`${DIST}src/source/source-file.js`)});
    const { parse } = await import(${JSON.stringify(`${DIST}src/syntax/parse.js`)});
    const HOSTILE = ${JSON.stringify(HOSTILE)};
    const env = { clientIps: ["10.1.2.3"], dns: new Map(), liveDns: false, now: Date.UTC(2026, 0, 1), timeZone: "UTC" };
    const rows = [];
    const load = async (text) => {
      const source = createSourceFile(text, "hostile.pac");
      const parsed = parse(source);
      return createEvaluator(source, { program: parsed.ok ? parsed.program : undefined, limits: { timeoutMs: ${DEADLINE_MS} } });
    };
    for (const c of HOSTILE) {
      if (c.where === "top") {
        const started = performance.now();
        const loaded = await load(c.body + "\\nfunction FindProxyForURL(url, host) { return 'DIRECT'; }\\n");
        const ms = performance.now() - started;
        if (loaded.ok) loaded.evaluator[Symbol.dispose]();
        rows.push({ name: c.name, where: "top level", kind: loaded.ok ? "loaded" : loaded.failure.kind, ms });
      } else {
        const loaded = await load("function FindProxyForURL(url, host) {\\n" + c.body + "\\n}\\n");
        if (!loaded.ok) { rows.push({ name: c.name, where: "call", kind: "load " + loaded.failure.kind, ms: 0 }); continue; }
        const started = performance.now();
        const e = await loaded.evaluator.evaluate({ url: "http://bad.example/" }, env);
        const ms = performance.now() - started;
        loaded.evaluator[Symbol.dispose]();
        rows.push({ name: c.name, where: "call", kind: e.failure ? e.failure.kind : "answered", ms });
      }
    }
    console.log(JSON.stringify({ rows, rssMb: process.resourceUsage().maxRSS / 1024 }));
  `;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`sandbox bench failed: ${child.stderr.trim()}`);
  return JSON.parse(child.stdout) as { rows: Row[]; rssMb: number };
}

export async function run(): Promise<string> {
  const { rows, rssMb } = measure();
  const overrun = (row: Row): number => row.ms - DEADLINE_MS;
  const timed = rows.filter((row) => row.kind === "timeout");
  const worst = timed.reduce((max, row) => Math.max(max, overrun(row)), -Infinity);
  const slowest = rows.reduce((max, row) => Math.max(max, row.ms), 0);
  const lines = [
    "## Sandbox",
    "",
    `Every case of test/evaluate/hostile-cases.ts, one fresh evaluator each, deadline ${DEADLINE_MS} ms, memory 64 MB, in one fresh process.`,
    "",
    "| case | where | ended as | wall ms | overrun ms |",
    "| --- | --- | --- | ---: | ---: |",
    ...rows.map((row) => `| ${row.name} | ${row.where} | ${row.kind} | ${row.ms.toFixed(0)} | ${row.kind === "timeout" ? overrun(row).toFixed(0) : ""} |`),
    "",
    `Worst overrun of a timed-out case: ${worst.toFixed(0)} ms (contract: 100 ms). Slowest case of any kind: ${slowest.toFixed(0)} ms. Peak RSS of the process: ${rssMb.toFixed(0)} MB (contract: 300 MB).`,
  ];
  return lines.join("\n");
}
