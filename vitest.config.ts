import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the CPUs, which on a two-core CI machine runs every file in series;
    // the suite's heavy files are CPU-bound QuickJS work, so both cores pay off.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
