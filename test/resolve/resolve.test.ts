import { describe, expect, it } from "vitest";
import { createEvaluator, defaultEnvironment } from "../../src/evaluate/index.js";
import type { ProfileName } from "../../src/evaluate/types.js";
import { resolveUrls } from "../../src/resolve/resolve.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { parse } from "../../src/syntax/parse.js";

const environment = defaultEnvironment({ clientIps: ["10.20.30.40"], now: Date.UTC(2026, 10, 27, 10), timeZone: "UTC" });

const hostile = `
var n = 0;
function FindProxyForURL(url, host) {
  n++;
  if (host == "loop.example") { while (true) {} }
  if (host == "recurse.example") { var f = function () { return f() + 1; }; return f(); }
  if (host == "throw.example") throw new TypeError("no proxy for " + host);
  return "PROXY p" + (n % 3) + ".example:8080; DIRECT";
}`;

function parsed(text: string) {
  const source = createSourceFile(text, "proxy.pac");
  const result = parse(source);
  if (!result.ok) throw new Error("the test PAC does not parse");
  return { source, program: result.program };
}

describe("resolveUrls", () => {
  it("fails only the looping, recursing or throwing URL of a list, with the one-line error, in every profile", async () => {
    const { source, program } = parsed(hostile);
    const names = ["a", "loop", "b", "recurse", "c", "throw", "d"];
    const urls = names.map((name) => `http://${name}.example/`);
    const profiles: ProfileName[] = ["winhttp", "chromium", "node"];
    const results = await resolveUrls(source, urls, { profiles, environment, limits: { timeoutMs: 100 }, program });
    for (const profile of profiles) {
      const lines = results.filter((r) => r.profile === profile).map((r) => r.evaluation.failure?.message ?? r.evaluation.result);
      // A timeout and a stack overflow rebuild the sandbox: the counter starts again after them.
      expect(lines, profile).toEqual([
        "PROXY p1.example:8080; DIRECT",
        "timed out after 100 ms",
        "PROXY p1.example:8080; DIRECT",
        "stack overflow",
        "PROXY p1.example:8080; DIRECT",
        "TypeError: no proxy for throw.example",
        "PROXY p0.example:8080; DIRECT",
      ]);
    }
  });

  it("answers a list longer than one chunk as one evaluate per URL does, in order", async () => {
    const { source, program } = parsed(hostile);
    const urls = Array.from({ length: 9000 }, (_, i) => (i % 1000 === 999 ? "not a url" : `http://h${i}.example/${i}`));
    const results = await resolveUrls(source, urls, { profiles: ["chromium"], environment, program, trace: false });
    const loaded = await createEvaluator(source, { profile: "chromium", program, probes: { branches: false, callSites: false } });
    if (!loaded.ok) throw new Error(loaded.failure.message);
    using evaluator = loaded.evaluator;
    const expected = [];
    for (const url of urls) expected.push({ url, profile: "chromium", evaluation: await evaluator.evaluate({ url, trace: false }, environment) });
    expect(results).toEqual(expected);
  }, 60_000);
});
