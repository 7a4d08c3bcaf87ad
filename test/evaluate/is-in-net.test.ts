import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvaluator, defaultEnvironment } from "../../src/evaluate/index.js";
import type { PacEvaluator, ProfileName } from "../../src/evaluate/types.js";
import { createSourceFile } from "../../src/source/source-file.js";

/**
 * isInNet reads string arguments through a per-string cache of parsed addresses, and anything else
 * the way the reference library does. Inside the guest, the PAC below asks both: the same text once
 * as strings and once as String objects (which take the reference path), then the cached answer again.
 * No name here resolves in either path (no DNS answers, no "localhost"), so both must agree.
 */
const PAC = `
function FindProxyForURL(url, host) {
  var a = JSON.parse(host);
  var plain = isInNet(a[0], a[1], a[2]);
  var boxed = isInNet(new String(a[0]), new String(a[1]), new String(a[2]));
  var again = isInNet(a[0], a[1], a[2]);
  return [plain, boxed, again].join(",");
}
`;

const env = defaultEnvironment({ now: Date.UTC(2026, 10, 27, 10), timeZone: "UTC" });
const profiles: readonly ProfileName[] = ["winhttp", "chromium"];
const evaluators = new Map<ProfileName, PacEvaluator>();

beforeAll(async () => {
  for (const profile of profiles) {
    const loaded = await createEvaluator(createSourceFile(PAC, "in-net.pac"), { profile });
    if (!loaded.ok) throw new Error(`did not load: ${loaded.failure.message}`);
    evaluators.set(profile, loaded.evaluator);
  }
});
afterAll(() => {
  for (const evaluator of evaluators.values()) evaluator[Symbol.dispose]();
});

const octet = fc.oneof(fc.nat(255).map(String), fc.constantFrom("0", "255", "256", "300", "01", "1000", "", "x", "-1", "1e2"));
const dotted = fc.oneof(
  fc.tuple(octet, octet, octet, octet).map((parts) => parts.join(".")),
  fc.constantFrom("10.1.2.3", "10.0.0.0", "255.255.0.0", "255.255.255.255", "0.0.0.0", "1.2.3", "1.2.3.4.5", " 10.1.2.3", "10.1.2.3 ", "host.example", "::1", "__proto__", "constructor", ""),
);

describe("isInNet", () => {
  for (const profile of profiles) {
    it(`answers string arguments as the reference path does (${profile})`, async () => {
      const evaluator = evaluators.get(profile);
      if (!evaluator) throw new Error("not loaded");
      await fc.assert(
        fc.asyncProperty(dotted, dotted, dotted, async (address, pattern, mask) => {
          const evaluation = await evaluator.evaluate({ url: "http://in-net.example/", host: JSON.stringify([address, pattern, mask]) }, env);
          const [plain, boxed, again] = (evaluation.result ?? "").split(",");
          expect(evaluation.failure).toBeUndefined();
          expect(plain).toBe(boxed);
          expect(again).toBe(plain);
        }),
        { numRuns: 1500 },
      );
    });
  }
});
