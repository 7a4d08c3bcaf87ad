/**
 * `pac-do diff` against `pac-do lint`, both as cold processes of the built CLI, in pairs run one
 * after the other (lint, diff, lint, diff ...) so that the machine's other load falls on both alike.
 * Inputs: `enterprisePac()` of 10 KB and 1 MB as OLD, and NEW the same PAC after an ordinary edit
 * (an office subnet narrowed, one site rule's proxy changed, one rule added). Goals (issue #11): the
 * 10 KB diff within 1.5x the lint of one of them, the 1 MB diff within 2x.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { enterprisePac } from "./analyze.js";
import { GNU_TIME, timeNodeProcess, type Timing } from "./lint.js";

const CLI = fileURLToPath(new URL("../../bin/pac-do.js", import.meta.url));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? NaN;
}

/** The edit a reviewer would diff: a narrower subnet, one rule's proxy changed, one rule added. */
export function editedPac(text: string): string {
  const edited = text
    .replace('isInNet(ip, "10.20.0.0", "255.255.0.0")', 'isInNet(ip, "10.20.0.0", "255.255.255.0")')
    .replace('".partner3.example.com")) return "PROXY p3.corp.example:8080"', '".partner3.example.com")) return "DIRECT"');
  const at = edited.indexOf("  return proxy;");
  return `${edited.slice(0, at)}  if (dnsDomainIs(host, ".new-partner.example.com")) return "PROXY p1.corp.example:8080";\n${edited.slice(at)}`;
}

export async function run(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "pac-do-bench-diff-"));
  try {
    const inputs: [label: string, bytes: number, pairs: number][] = [
      ["10 KB", 10 * 1024, 7],
      ["1 MB", 1024 * 1024, 3],
    ];
    const rows: string[] = [];
    for (const [label, bytes, pairs] of inputs) {
      const old = join(dir, `old-${bytes}.pac`);
      const now = join(dir, `new-${bytes}.pac`);
      const text = enterprisePac(bytes);
      writeFileSync(old, text);
      writeFileSync(now, editedPac(text));
      const lintArgs = [CLI, "lint", "--format", "json", old];
      const diffArgs = [CLI, "diff", "--format", "json", old, now];
      // One discarded pair for the file cache.
      timeNodeProcess(lintArgs);
      timeNodeProcess(diffArgs);
      const loadBefore = loadavg()[0] ?? NaN;
      const lint: Timing[] = [];
      const diff: Timing[] = [];
      for (let i = 0; i < pairs; i++) {
        lint.push(timeNodeProcess(lintArgs));
        diff.push(timeNodeProcess(diffArgs));
      }
      const loadAfter = loadavg()[0] ?? NaN;
      const ratios = lint.map((l, i) => (diff[i]?.wall ?? NaN) / l.wall);
      const cpuRatios = lint.map((l, i) => (diff[i]?.cpu ?? NaN) / l.cpu);
      const ms = (t: readonly Timing[], key: keyof Timing): string => `${median(t.map((x) => x[key])).toFixed(0)} ms`;
      rows.push(
        `| ${label} | ${pairs} | ${ms(lint, "wall")} | ${ms(diff, "wall")} | ${median(ratios).toFixed(2)}x | ` +
          `${GNU_TIME ? `${ms(lint, "cpu")} | ${ms(diff, "cpu")} | ${median(cpuRatios).toFixed(2)}x` : "n/a | n/a | n/a"} | ${loadBefore.toFixed(1)}-${loadAfter.toFixed(1)} |`,
      );
    }
    return [
      "## Diffing",
      "",
      "`test/bench/diff.ts`: `pac-do diff --format json OLD NEW` against `pac-do lint --format json OLD`, the built CLI",
      "spawned as new processes in interleaved pairs (lint, diff, lint, diff ...) after one discarded pair; the ratio is",
      "the median of the per-pair ratios. OLD is `enterprisePac()` of test/bench/analyze.ts, NEW the same PAC with a",
      "narrower office subnet, one site rule's proxy changed and one rule added. Goals: 1.5x at 10 KB, 2x at 1 MB.",
      "",
      "| input | pairs | lint wall | diff wall | diff / lint (wall) | lint CPU | diff CPU | diff / lint (CPU) | load average (1 min) |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
