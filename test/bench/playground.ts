/**
 * The playground in headless Chromium (Debian's, through playwright-core): the first analysis of a
 * 10 KB PAC after the page loads, and the re-lint after one keystroke. The page times itself
 * (playground/main.ts): from navigation start to the first diagnostics and to the routes, from the
 * keystroke to the new diagnostics (the 60 ms debounce included) and from the worker request to them.
 * Beside each keystroke the same text is linted in this Node process, alternating which goes first,
 * so that the browser's cost is given as a ratio to the CLI's library on the same, shared machine.
 */
import { rmSync } from "node:fs";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { lint } from "../../src/lint/linter.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { launchChromium } from "../playground/browser.js";
import { enterprisePac } from "./analyze.js";

type BuildModule = typeof import("../../playground/build.mjs");

/** This file runs from dist/test/bench/ (npm run bench) or test/bench/: find the package root either way. */
const ROOT = new URL(import.meta.url.includes("/dist/test/bench/") ? "../../../" : "../../", import.meta.url);

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const quantile = (values: readonly number[], q: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
const ms = (n: number): string => `${n.toFixed(0)} ms`;

const LOADS = 5;
/** What the functions run in the page read there (this file is typed for Node, without the DOM). */
declare const document: { body: { dataset: Record<string, string | undefined> } };
const READY = (): boolean => document.body.dataset["ready"] === "true";
const KEYSTROKES = 21;

export async function run(): Promise<string> {
  const { buildPlayground, servePlayground }: BuildModule = await import(new URL("playground/build.mjs", ROOT).href);
  const dir = await buildPlayground({ outdir: fileURLToPath(new URL("dist/playground-bench/", ROOT)) });
  const server = await servePlayground(dir);
  const { browser, close } = await launchChromium();
  const text = enterprisePac(10 * 1024);
  const hash = `#pac=${Buffer.from(text, "utf8").toString("base64url")}`;
  const before = loadavg();
  try {
    const firstLint: number[] = [];
    const firstRoutes: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      // A new context each time: nothing cached from the previous load, as for a first visit.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}index.html${hash}`);
      await page.waitForFunction(READY, null, { timeout: 60_000 });
      const timings = await page.evaluate(() => ({ lint: Number(document.body.dataset["firstLintAtMs"]), ready: Number(document.body.dataset["readyAtMs"]) }));
      firstLint.push(timings.lint);
      firstRoutes.push(timings.ready);
      await context.close();
    }

    const page = await browser.newPage();
    await page.goto(`${server.url}index.html${hash}`);
    await page.waitForFunction(READY, null, { timeout: 60_000 });
    // The cursor at the end of a rule line: each keystroke appends a space to it.
    await page.click(".cm-content");
    await page.keyboard.press("Control+Home");
    for (let i = 0; i < 12; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("End");
    const editToLint: number[] = [];
    const requestToLint: number[] = [];
    const workerLint: number[] = [];
    const nodeLint: number[] = [];
    // The text the page now has: line 13 with one more space per keystroke.
    const lines = text.split("\n");
    let current = text;
    const lintInNode = async (): Promise<void> => {
      const started = performance.now();
      await lint(createSourceFile(current, "proxy.pac"));
      nodeLint.push(performance.now() - started);
    };
    await lintInNode();
    nodeLint.length = 0;
    for (let i = 0; i < KEYSTROKES; i++) {
      if (i % 2 === 1) await lintInNode();
      const count = await page.evaluate(() => Number(document.body.dataset["lintCount"]));
      await page.keyboard.type(" ");
      await page.waitForFunction((previous) => Number(document.body.dataset["lintCount"]) > previous && document.body.dataset["busy"] === "false", count, { timeout: 60_000 });
      const t = await page.evaluate(() => ({
        edit: Number(document.body.dataset["editToLintMs"]),
        request: Number(document.body.dataset["lintMs"]),
        worker: Number(document.body.dataset["workerLintMs"]),
      }));
      // The first keystroke warms the worker's JIT for the edit path; it is reported apart.
      if (i > 0) {
        editToLint.push(t.edit);
        requestToLint.push(t.request);
        workerLint.push(t.worker);
      }
      current = [...lines.slice(0, 12), `${lines[12] ?? ""}${" ".repeat(i + 1)}`, ...lines.slice(13)].join("\n");
      if (i % 2 === 0) await lintInNode();
    }
    const after = loadavg();
    const ratio = median(requestToLint) / median(nodeLint);
    return [
      "## Playground",
      "",
      `Headless Chromium (${browser.version()}, Debian's, through playwright-core) on the built page (\`npm run build\`), served on 127.0.0.1;`,
      `a 10 KB enterprise-shaped PAC (test/bench/analyze.ts \`enterprisePac\`) given in the link. Load average ${before.map((n) => n.toFixed(2)).join(" ")} before,`,
      `${after.map((n) => n.toFixed(2)).join(" ")} after (2 cores, shared).`,
      "",
      "| measure | median | p90 | runs |",
      "| --- | --- | --- | --- |",
      `| first diagnostics after load (navigation start to the lint shown: page, engine, wasm, analysis) | ${ms(median(firstLint))} | ${ms(quantile(firstLint, 0.9))} | ${LOADS} |`,
      `| first routes table after load | ${ms(median(firstRoutes))} | ${ms(quantile(firstRoutes, 0.9))} | ${LOADS} |`,
      `| keystroke to new diagnostics (60 ms debounce included; goal < 150 ms) | ${ms(median(editToLint))} | ${ms(quantile(editToLint, 0.9))} | ${editToLint.length} |`,
      `| worker request to new diagnostics (no debounce) | ${ms(median(requestToLint))} | ${ms(quantile(requestToLint, 0.9))} | ${requestToLint.length} |`,
      `| of which \`lint()\` in the worker | ${ms(median(workerLint))} | ${ms(quantile(workerLint, 0.9))} | ${workerLint.length} |`,
      `| the same \`lint()\` in Node (this process, interleaved) | ${ms(median(nodeLint))} | ${ms(quantile(nodeLint, 0.9))} | ${nodeLint.length} |`,
      "",
      `Worker request to diagnostics against Node's \`lint()\` of the same text: ${ratio.toFixed(2)}x (medians of interleaved runs).`,
    ].join("\n");
  } finally {
    await close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
