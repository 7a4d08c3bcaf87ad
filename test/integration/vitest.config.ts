import { defineConfig } from "vitest/config";

/**
 * `npm run test:integration`: pac-do installed and run the way users do (pre-commit, a packed tarball, the
 * GitHub Action's entry point). Slower than the unit tests, so kept out of `npm test`; .ci/run runs both.
 */
export default defineConfig({
  test: {
    root: new URL("../../", import.meta.url).pathname,
    include: ["test/integration/**/*.integration.ts"],
    // Installs share the machine's two cores badly; one file at a time.
    fileParallelism: false,
  },
});
