/**
 * `npm run bench`: runs every area's benchmark in turn and prints one Markdown report. Each area
 * module exports `run(): Promise<string>` returning its section; the numbers go to docs/performance.md.
 */
const areas = ["parse", "resolve", "analyze", "lint", "diff", "fix", "startup", "playground", "sandbox"] as const;
const only = new Set(process.argv.slice(2));

for (const area of areas) {
  if (only.size > 0 && !only.has(area)) continue;
  const started = Date.now();
  try {
    const module: unknown = await import(`./${area}.js`);
    if (typeof module !== "object" || module === null || !("run" in module) || typeof module.run !== "function") {
      throw new Error(`test/bench/${area}.ts does not export run()`);
    }
    const section: unknown = await module.run();
    process.stdout.write(`${String(section).trimEnd()}\n\n`);
  } catch (error) {
    process.stdout.write(`## ${area}\n\nfailed: ${error instanceof Error ? error.message : String(error)}\n\n`);
    process.exitCode = 1;
  }
  process.stderr.write(`bench: ${area} took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
