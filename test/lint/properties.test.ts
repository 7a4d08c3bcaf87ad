import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint/linter.js";
import { ruleList } from "../../src/lint/rules/index.js";
import { checkProxyString } from "../../src/lint/proxy-string-check.js";
import { createSourceFile, positionAt } from "../../src/source/source-file.js";

/** Statements PAC files are made of, good and bad, so generated files trip many rules. */
const STATEMENTS = [
  'if (isPlainHostName(host)) return "DIRECT";',
  'if (dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";',
  'if (shExpMatch(host, "*.dl.delivery.mp.microsoft.com")) return "DIRECT";',
  'if (dnsDomainIs(host, "microsoft.com")) return "direct";',
  'if (isResolvable(host) && shExpMatch(host, "*.do.dsp.mp.microsoft.com")) return "DIRECT";',
  'if (isInNet(myIpAddress(), "10.20.0.0", "255.255.0.0")) return "PROXY branch.example.com:8080";',
  "var h = host.toLowerCase();",
  "const c = host.trim();",
  'var list = ["a.example.com", "b.example.com",];',
  'if (shExpMatch(host, "(geo|kv).example.com")) return "HTTP p.example.com:80";',
  'if (undefinedHelper(host)) return "PROXY p.example.com";',
  "/* Proxy für München */",
  'return "PROXY proxy.example.com:8080; DIRECT";',
  "return null;",
];

const pacs = fc
  .array(fc.constantFrom(...STATEMENTS), { minLength: 0, maxLength: 8 })
  .map((body) => ["function FindProxyForURL(url, host) {", ...body.map((s) => `  ${s}`), '  return "PROXY proxy.example.com:8080";', "}", ""].join("\n"));

/** Static rules only: the properties are about the linter, and the sandbox would make each run slow. */
const staticRules = Object.fromEntries(ruleList.filter((rule) => rule.meta.usesAnalysis).map((rule) => [rule.id, "off" as const]));

describe("linter properties", () => {
  it("reports sorted, in-bounds diagnostics whose positions match their ranges and whose counts add up", async () => {
    await fc.assert(
      fc.asyncProperty(pacs, async (text) => {
        const source = createSourceFile(text);
        const result = await lint(source, { rules: staticRules });
        let previous = -1;
        for (const d of result.diagnostics) {
          expect(0 <= d.range[0] && d.range[0] <= d.range[1] && d.range[1] <= text.length).toBe(true);
          expect(d.start).toEqual(positionAt(source, d.range[0]));
          expect(d.end).toEqual(positionAt(source, d.range[1]));
          expect(d.range[0]).toBeGreaterThanOrEqual(previous);
          previous = d.range[0];
        }
        expect(result.errorCount + result.warningCount + result.infoCount).toBe(result.diagnostics.length);
      }),
      { numRuns: 60 },
    );
  });

  it("silences every rule finding when each line carries pac-do-disable-line, and with a file-level disable", async () => {
    await fc.assert(
      fc.asyncProperty(pacs, async (text) => {
        const lines = text.split("\n");
        const perLine = lines.map((line) => (line.trim() === "" ? line : `${line} /* pac-do-disable-line */`)).join("\n");
        expect((await lint(perLine, { rules: staticRules })).diagnostics).toEqual([]);
        expect((await lint(`/* pac-do-disable */\n${text}`, { rules: staticRules })).diagnostics).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});

describe("checkProxyString properties", () => {
  const host = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}(\.[a-z][a-z0-9-]{0,10}){0,3}$/);
  const port = fc.integer({ min: 1, max: 65535 });
  const entry = fc.oneof(
    fc.constant("DIRECT"),
    fc.tuple(fc.constantFrom("PROXY", "HTTPS", "SOCKS", "SOCKS4", "SOCKS5"), host, port).map(([k, h, p]) => `${k} ${h}:${p}`),
  );
  const list = fc.array(entry, { minLength: 1, maxLength: 4 });

  it("accepts every well-formed list, whatever the spacing around separators", () => {
    fc.assert(
      fc.property(list, fc.constantFrom(";", "; ", " ; "), (entries, separator) => {
        expect(checkProxyString(entries.join(separator))).toEqual([]);
      }),
    );
  });

  it("flags exactly the entries whose keyword is lower-cased", () => {
    fc.assert(
      fc.property(list, fc.nat(), (entries, pick) => {
        const index = pick % entries.length;
        const mutated = entries.map((e, i) => (i === index ? e.replace(/^\S+/, (k) => k.toLowerCase()) : e));
        const problems = checkProxyString(mutated.join("; "));
        expect(problems.map((p) => [p.id, p.data["entry"]])).toEqual([["lowercaseKeyword", mutated[index]]]);
      }),
    );
  });
});
