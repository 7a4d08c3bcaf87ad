import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze, serviceViolations } from "../../src/analyze/index.js";
import { createEvaluator, defaultEnvironment } from "../../src/evaluate/index.js";
import { instrument } from "../../src/evaluate/instrument.js";
import { findOversizedRegexes, patternShape } from "../../src/evaluate/regex-captures.js";
import type { ProfileName } from "../../src/evaluate/types.js";
import { createSourceFile, positionAt } from "../../src/source/source-file.js";
import { parseForTest } from "./parse-for-test.js";

const FILTER_LIST = join(import.meta.dirname, "../../fixtures/pac/filter-list-many-captures.pac");
const env = defaultEnvironment({ clientIps: ["10.1.2.3"], now: Date.UTC(2026, 10, 27, 10, 0, 0), timeZone: "UTC" });
const groups = (n: number): string => Array.from({ length: n }, (_, i) => `(a${i})`).join("|");

describe("patternShape", () => {
  it.each([
    ["(a)(b)", 2, false, false],
    ["\\(a\\)(b)", 1, false, false],
    ["[(](a)[\\]()]", 1, false, false],
    ["(?:a)(?=b)(?!c)(?<=d)(?<!e)(f)", 1, false, false],
    ["(?<name>a)(b)", 2, true, false],
    ["(a)\\1", 1, false, true],
    ["(?<n>a)\\k<n>", 1, true, true],
    ["[\\1](a)", 1, false, false],
  ])("reads %s as %i capturing groups (named %s, backreference %s)", (pattern, captures, named, backreference) => {
    expect(patternShape(pattern)).toMatchObject({ captures, named, backreference });
  });
});

describe("findOversizedRegexes", () => {
  it("rewrites a tested literal and a variable only ever tested, nothing under the limit", () => {
    const text = `var re = /^${groups(255)}$/;\nvar small = /(a)/;\nfunction FindProxyForURL(u, h) { return /${groups(300)}/i.test(h) || re.test(h) || small.exec(h) ? "DIRECT" : "PROXY p:1"; }\n`;
    const found = findOversizedRegexes(parseForTest(text));
    expect(found.map((r) => [r.captures, r.rewrite?.length])).toEqual([
      [255, 255],
      [300, 300],
    ]);
    for (const regex of found) for (const offset of regex.rewrite ?? []) expect(text[offset - 1]).toBe("(");
  });

  it("keeps a variable that is passed on, since the receiver may read the groups", () => {
    const text = `var re = /^${groups(255)}$/;\nfunction FindProxyForURL(u, h) { return h.replace(re, "$1"); }\n`;
    expect(findOversizedRegexes(parseForTest(text))[0]?.kept?.why).toBe("re is used other than as re.test(…)");
  });
});

describe("evaluating a PAC with more groups than QuickJS compiles", { timeout: 60_000 }, () => {
  const text = readFileSync(FILTER_LIST, "utf8");
  const source = createSourceFile(text, "filter-list-many-captures.pac");
  const program = parseForTest(text);

  async function resolve(profile: ProfileName, url: string): Promise<{ result: string | null; at: string; failure?: string }> {
    const loaded = await createEvaluator(source, { profile, program });
    if (!loaded.ok) return { result: null, at: "", failure: loaded.failure.message };
    using evaluator = loaded.evaluator;
    const evaluation = await evaluator.evaluate({ url }, env);
    const start = evaluation.returnRange?.[0];
    return { result: evaluation.result, at: start === undefined ? "" : `${positionAt(source, start).line}` };
  }

  // The answers Chromium 156 and pacparser gave for this file (/tmp/pac-oracles, see docs/rules/regex-engine-limits.md).
  it.each([
    ["https://kv801.prod.do.dsp.mp.microsoft.com/", "PROXY proxy.corp.example:8080; DIRECT", "12"],
    ["https://banner971.sample.io/", "PROXY 127.0.0.1:9", "11"],
    ["https://x.count50.example.biz/", "PROXY 127.0.0.1:9", "11"],
    ["https://www.example.com/", "PROXY proxy.corp.example:8080; DIRECT", "12"],
  ])("answers %s as Chromium does, naming the original line", async (url, result, line) => {
    for (const profile of ["chromium", "winhttp"] as const) expect(await resolve(profile, url)).toEqual({ result, at: line });
  });

  it("gives the route analysis routes instead of a load failure", async () => {
    const analysis = await analyze(source, { program, profile: "chromium" });
    expect(analysis.loadFailure).toBeUndefined();
    expect(serviceViolations(analysis).map((v) => v.outcome.result)).toContain("PROXY proxy.corp.example:8080; DIRECT");
  });

  it("fails under the node profile as pac-resolver 7 does, saying which regex and why", async () => {
    expect((await resolve("node", "https://www.example.com/")).failure).toBe(
      "SyntaxError: too many captures: the regex on line 5 has 300 capture groups, more than QuickJS's 254 (Chromium's V8 compiles it); pac-resolver runs the PAC as written",
    );
  });

  it("the rewritten pattern matches exactly what the original matches (V8 as the judge)", () => {
    const regex = findOversizedRegexes(program)[0];
    if (!regex?.rewrite || !regex.node.regex) throw new Error("expected a rewritable regex");
    const probed = instrument(text, program, { branches: false, callSites: false }).text;
    const start = probed.indexOf("var blocked = /") + "var blocked = ".length;
    const rewritten = probed.slice(start, probed.indexOf("\n", start) - 1);
    const original = new RegExp(regex.node.regex.pattern, regex.node.regex.flags);
    const changed = new RegExp(rewritten.slice(1, rewritten.lastIndexOf("/")), rewritten.slice(rewritten.lastIndexOf("/") + 1));
    expect(changed.source).not.toBe(original.source);
    const hosts = [...text.matchAll(/\(([a-z0-9\\.-]+)\)\$/g)].map((m) => (m[1] ?? "").replace(/\\/g, ""));
    fc.assert(
      fc.property(fc.constantFrom(...hosts), fc.stringMatching(/^[a-z0-9.-]{0,12}$/), fc.boolean(), (host, noise, prefix) => {
        const candidate = prefix ? `${noise}.${host}` : `${host}${noise}`;
        expect(changed.test(candidate)).toBe(original.test(candidate));
      }),
    );
  });
});
