import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze, collect } from "../../src/analyze/index.js";
import type { ProfileName } from "../../src/evaluate/types.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { parse } from "../../src/syntax/parse.js";
import { everyCell, rowsOf } from "../helpers/every-cell.js";

/** These PACs never loop: a deadline they could meet only on an idle machine would test the machine, not the reuse. */
const LIMITS = { timeoutMs: 10_000 };

const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** A clock helper call with literal arguments, in the forms research §4 lists (and some it does not). */
const timeCall = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 24 }), fc.boolean()).map(([a, b, gmt]) => `timeRange(${a}, ${b}${gmt ? ', "GMT"' : ""})`),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.boolean()).map(([a, gmt]) => `timeRange(${a}${gmt ? ', "GMT"' : ""})`),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(
    ([a, b, c, d]) => `timeRange(${a}, ${b}, ${c}, ${d})`,
  ),
  fc.tuple(fc.constantFrom(...DAYS), fc.constantFrom(...DAYS), fc.boolean()).map(([a, b, gmt]) => `weekdayRange("${a}", "${b}"${gmt ? ', "GMT"' : ""})`),
  fc.constantFrom(...DAYS).map((d) => `weekdayRange("${d}")`),
  fc.tuple(fc.constantFrom(...MONTHS), fc.constantFrom(...MONTHS)).map(([a, b]) => `dateRange("${a}", "${b}")`),
  fc.tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 31 })).map(([a, b]) => `dateRange(${a}, ${b})`),
);

describe("route analysis reuse by time-test answers", () => {
  it("gives the route matrix of evaluating every cell on its own, on generated PACs with clock tests", { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(timeCall, { minLength: 1, maxLength: 4 }),
        fc.constantFrom<ProfileName>("winhttp", "chromium", "node"),
        fc.constantFrom("UTC", "Europe/Berlin", "America/New_York"),
        async (calls, profile, timeZone) => {
          const lines = calls.map((call, i) =>
            i % 2 === 0
              ? `  if (${call} && isInNet(myIpAddress(), "10.20.0.0", "255.255.0.0")) return "PROXY p${i}.corp.example:8080";`
              : `  if (${call}) return "PROXY p${i}.corp.example:8080";`,
          );
          const text = ["function FindProxyForURL(url, host) {", ...lines, '  return "DIRECT";', "}"].join("\n");
          const source = createSourceFile(text);
          const parsed = parse(source);
          if (!parsed.ok) throw new Error(text);
          expect(collect(parsed.program).timeTestsComplete).toBe(true);
          const analysis = await analyze(source, { profile, program: parsed.program, timeZone, otherHosts: false, limits: LIMITS });
          const expected = await everyCell(source, profile === "node" ? undefined : parsed.program, analysis, profile, LIMITS);
          expect(expected).toBeDefined();
          expect(rowsOf(analysis), text).toEqual(expected);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("reads the clock through the tests only when nothing else can reach it", () => {
    const complete = (text: string): boolean => {
      const parsed = parse(createSourceFile(text));
      if (!parsed.ok) throw new Error(text);
      return collect(parsed.program).timeTestsComplete;
    };
    expect(complete('function FindProxyForURL(u, h) { return timeRange(8, 18) && weekdayRange("MON", "FRI") ? "DIRECT" : "PROXY p:1"; }')).toBe(true);
    expect(complete('function FindProxyForURL(u, h) { var t = 8; return timeRange(t, 18) ? "DIRECT" : "PROXY p:1"; }')).toBe(false);
    expect(complete('function FindProxyForURL(u, h) { var f = timeRange; return f(8, 18) ? "DIRECT" : "PROXY p:1"; }')).toBe(false);
    expect(complete('function FindProxyForURL(u, h) { return this["timeRange"](8, 18) ? "DIRECT" : "PROXY p:1"; }')).toBe(false);
    expect(complete('function FindProxyForURL(u, h) { return new Date().getHours() > 8 ? "DIRECT" : "PROXY p:1"; }')).toBe(false);
    expect(complete('function FindProxyForURL(u, h) { return eval("time" + "Range(8, 18)") ? "DIRECT" : "PROXY p:1"; }')).toBe(false);
  });
});
