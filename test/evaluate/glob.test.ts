import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvaluator, defaultEnvironment } from "../../src/evaluate/index.js";
import type { PacEvaluator, ProfileName } from "../../src/evaluate/types.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { parseForTest } from "./parse-for-test.js";

/**
 * shExpMatch answers the common glob shapes ("*.suffix", "prefix*", "*part*", exact names) with string
 * tests instead of a RegExp. These tests run inside the guest, so they compare against QuickJS's own
 * RegExp engine: the PAC below calls shExpMatch and the reference translation on the same arguments.
 * The subject and pattern travel in the host argument as JSON.
 */
const PAC = `
function reference(subject, pattern) {
  var source = pattern.replace(/\\./g, "\\\\.").replace(/\\*/g, ".*").replace(/\\?/g, ".");
  return new RegExp("^" + source + "$").test(subject);
}
function outcome(f, subject, pattern) {
  try { return String(f(subject, pattern)); } catch (e) { return "throws"; }
}
function FindProxyForURL(url, host) {
  var pair = JSON.parse(host);
  return outcome(shExpMatch, pair[0], pair[1]) + "," + outcome(shExpMatch, pair[0], pair[1]) + "," + outcome(reference, pair[0], pair[1]);
}
`;

const env = defaultEnvironment({ now: Date.UTC(2026, 10, 27, 10, 0, 0), timeZone: "UTC" });
const profiles: readonly ProfileName[] = ["winhttp", "chromium"];
const evaluators = new Map<ProfileName, PacEvaluator>();

beforeAll(async () => {
  for (const profile of profiles) {
    const loaded = await createEvaluator(createSourceFile(PAC, "glob.pac"), { profile, program: parseForTest(PAC) });
    if (!loaded.ok) throw new Error(`did not load: ${loaded.failure.message}`);
    evaluators.set(profile, loaded.evaluator);
  }
});
afterAll(() => {
  for (const evaluator of evaluators.values()) evaluator[Symbol.dispose]();
});

/** shExpMatch (first and cached call) and the reference, as "true,true,true" or with "throws". */
async function compare(profile: ProfileName, subject: unknown, pattern: unknown): Promise<string[]> {
  const evaluator = evaluators.get(profile);
  if (!evaluator) throw new Error("not loaded");
  const evaluation = await evaluator.evaluate({ url: "http://glob.example/", host: JSON.stringify([subject, pattern]) }, env);
  return (evaluation.result ?? `failed: ${evaluation.failure?.message}`).split(",");
}

// Pieces that hit every shape and every way out of the fast paths: metacharacters, line terminators,
// surrogates, stars inside the literal part.
const piece = fc.constantFrom("a", "b", "ab", ".", "*", "?", "com", "-", "+", "[", "]", "(", ")", "{", "}", "|", "^", "$", "\\", "\n", "\r", "\u2028", "\u2029", "é", "\ud83d", "\ude00", " ", "/");
const text = fc.array(piece, { maxLength: 7 }).map((parts) => parts.join(""));
/** A subject built around the pattern's literal part, so matches are common, not only misses. */
const related = text.chain((pattern) =>
  fc.tuple(text, text, fc.boolean()).map(([before, after, keep]) => {
    const literal = pattern.replace(/\*/g, "");
    return [keep ? before + literal + after : before + after, pattern] as const;
  }),
);

describe("shExpMatch fast paths", () => {
  for (const profile of profiles) {
    it(`answers exactly as the RegExp translation on any subject and pattern (${profile})`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(related, fc.tuple(text, text)), async ([subject, pattern]) => {
          const [first, cached, reference] = await compare(profile, subject, pattern);
          expect(first).toBe(reference);
          expect(cached).toBe(reference);
        }),
        { numRuns: 600 },
      );
    });
  }

  it.each([
    ["kv601.prod.do.dsp.mp.microsoft.com", "*.do.dsp.mp.microsoft.com", "true"],
    ["do.dsp.mp.microsoft.com", "*.do.dsp.mp.microsoft.com", "false"],
    ["a\n.do.dsp.mp.microsoft.com", "*.do.dsp.mp.microsoft.com", "false"],
    ["http://intranet/x", "http://intranet/*", "true"],
    ["http://intranet/\u2028", "http://intranet/*", "false"],
    ["www.example.com", "*example*", "true"],
    ["www.example\r.com", "*example*", "false"],
    ["Example.com", "example.com", "false"],
    ["example.com", "example.com", "true"],
    ["examplexcom", "example.com", "false"],
    ["anything", "*", "true"],
    ["", "*", "true"],
    ["\n", "*", "false"],
    ["ab", "a**", "true"],
    ["a+b", "a+b", "false"],
  ])("shExpMatch(%j, %j) is %s, as the RegExp says", async (subject, pattern, expected) => {
    expect(await compare("winhttp", subject, pattern)).toEqual([expected, expected, expected]);
  });

  it("converts a non-string subject as RegExp.test does", async () => {
    expect(await compare("winhttp", 1234, "12*")).toEqual(["true", "true", "true"]);
    expect(await compare("winhttp", null, "nul*")).toEqual(["true", "true", "true"]);
  });
});
