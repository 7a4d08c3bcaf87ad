import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEvaluator, defaultEnvironment } from "../../src/evaluate/index.js";
import type { PacEvaluator } from "../../src/evaluate/types.js";
import { createSourceFile } from "../../src/source/source-file.js";

/**
 * winhttp's isPlainHostName is Mozilla's `host.search("\\.") == -1`, answered without a RegExp while
 * the builtins that search uses are untouched. Inside the guest, the PAC compares it with the
 * definition on subjects of every kind, and after the PAC replaces one of those builtins.
 */
const env = defaultEnvironment({ now: Date.UTC(2026, 10, 27, 10), timeZone: "UTC" });

async function load(text: string): Promise<PacEvaluator> {
  const loaded = await createEvaluator(createSourceFile(text, "plain.pac"), { profile: "winhttp" });
  if (!loaded.ok) throw new Error(`did not load: ${loaded.failure.message}`);
  return loaded.evaluator;
}

const COMPARE = `
function outcome(f, subject) { try { return String(f(subject)); } catch (e) { return "throws " + e.name; } }
function definition(host) { return host.search("\\\\.") == -1; }
function FindProxyForURL(url, host) {
  var subject = JSON.parse(host);
  return outcome(isPlainHostName, subject) + "," + outcome(definition, subject);
}
`;

const subject = fc.oneof(
  fc.array(fc.constantFrom("a", ".", "b", "\n", "\u2028", "é", "\ud83d", ":", "1", " "), { maxLength: 6 }).map((parts) => parts.join("")),
  fc.constantFrom<unknown>(null, 7, 1.5, true, [], ["a.b"], {}, "www.example.com", "intranet"),
);

describe("isPlainHostName (winhttp)", () => {
  it("answers as host.search(\"\\\\.\") == -1 on any subject", async () => {
    using evaluator = await load(COMPARE);
    await fc.assert(
      fc.asyncProperty(subject, async (value) => {
        const evaluation = await evaluator.evaluate({ url: "http://plain.example/", host: JSON.stringify(value) }, env);
        const [fast, reference] = (evaluation.result ?? "").split(",");
        expect(fast).toBe(reference);
      }),
      { numRuns: 500 },
    );
  });

  const replaced = {
    "String.prototype.search": "String.prototype.search = function () { return 0; };",
    "RegExp.prototype.exec": "RegExp.prototype.exec = function () { return null; };",
    "RegExp.prototype[Symbol.search]": "RegExp.prototype[Symbol.search] = function () { return 3; };",
    "String.prototype[Symbol.search]": "String.prototype[Symbol.search] = function () { return -1; };",
  };
  for (const [name, statement] of Object.entries(replaced)) {
    it(`follows a PAC that replaces ${name}`, async () => {
      using evaluator = await load(`${statement}\n${COMPARE}`);
      for (const host of ["a.b", "plain"]) {
        const evaluation = await evaluator.evaluate({ url: "http://plain.example/", host: JSON.stringify(host) }, env);
        const [fast, reference] = (evaluation.result ?? "").split(",");
        expect(fast).toBe(reference);
      }
    });
  }
});
