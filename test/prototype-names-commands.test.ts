import { describe, expect, it } from "vitest";
import { analyze } from "../src/analyze/index.js";
import { defaultEnvironment } from "../src/evaluate/index.js";
import { fixPac } from "../src/fix/fix.js";
import { resolveUrls } from "../src/resolve/resolve.js";
import { createSourceFile } from "../src/source/source-file.js";
import { INHERITED, pacNaming, SMALL } from "./helpers/prototype-names.js";

// routes, fix and resolve run three analyses per name: a file of their own, so the test runner can spread the load.
describe("names inherited from Object.prototype, in the commands", () => {
  it("routes, fix and resolve answer for each of them", async () => {
    for (const name of INHERITED) {
      const source = createSourceFile(pacNaming(name));
      const analysis = await analyze(source, { profile: "winhttp", limits: SMALL });
      expect(analysis.loadFailure, name).toBeUndefined();
      expect(analysis.routes.length, name).toBeGreaterThan(0);
      const fixed = await fixPac(source, { limits: SMALL });
      expect(["fixed", "up-to-date", "unfixable"], name).toContain(fixed.status);
      const env = defaultEnvironment();
      const [resolved] = await resolveUrls(source, [`https://${name}.example/`], { profiles: ["winhttp"], environment: env, limits: SMALL });
      expect(resolved?.evaluation.failure, name).toBeUndefined();
      expect(resolved?.evaluation.result, name).toMatch(/DIRECT|PROXY/);
    }
  }, 600_000);
});
