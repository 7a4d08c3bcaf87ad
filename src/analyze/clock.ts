/**
 * Clock readings a PAC cannot tell apart. When it reads the clock only through timeRange,
 * weekdayRange and dateRange calls with literal arguments (`Collected.timeTestsComplete`), all an
 * evaluation learns of the clock is what those calls answer: two readings that answer every call
 * alike take it down the same path. The answers come from the profile's own helpers, run in a
 * sandbox on a script that does nothing but ask them, so no helper semantics are restated here.
 */
import { createEvaluator } from "../evaluate/index.js";
import type { Limits, ProfileName } from "../evaluate/types.js";
import { createSourceFile } from "../source/source-file.js";
import type { TimeTest } from "./collect.js";

/** Opaque keys: readings with equal `clock` answer every timeRange test alike; `day` likewise for weekdayRange and dateRange. */
export interface ClockKeys {
  readonly day: string;
  readonly clock: string;
}

/** A clock reading: the instant and the zone of the PAC's local time. */
export interface Reading {
  readonly now: number;
  readonly timeZone: string;
}

export function readingKey(reading: Reading): string {
  return `${reading.now}@${reading.timeZone}`;
}

/**
 * The keys of each reading (by `readingKey`), or undefined when some answer could not be had (a
 * helper call that timed out, say): callers then tell every reading apart.
 */
export function clockKeys(
  tests: readonly TimeTest[],
  readings: readonly Reading[],
  profile: ProfileName,
  limits: Partial<Limits> | undefined,
): Promise<ReadonlyMap<string, ClockKeys> | undefined> {
  const script = askingScript(tests);
  // The answers depend on nothing else. `pac-do diff` asks the same for both PACs (same tests, the union's readings).
  const key = JSON.stringify([script, readings.map(readingKey), profile, limits ?? null]);
  if (last?.key !== key) last = { key, keys: askClock(script, readings, profile, limits) };
  return last.keys;
}

/** The latest question and its answer (one is enough for a diff's two PACs; a long-lived process keeps no more). */
let last: { readonly key: string; readonly keys: Promise<ReadonlyMap<string, ClockKeys> | undefined> } | undefined;

async function askClock(
  script: string,
  readings: readonly Reading[],
  profile: ProfileName,
  limits: Partial<Limits> | undefined,
): Promise<ReadonlyMap<string, ClockKeys> | undefined> {
  const created = await createEvaluator(createSourceFile(script), { profile, ...(limits === undefined ? {} : { limits }) });
  if (!created.ok) return undefined;
  using evaluator = created.evaluator;
  const distinct = [...new Map(readings.map((r) => [readingKey(r), r])).values()];
  const evaluations = await evaluator.evaluateMany(
    distinct.map(({ now, timeZone }) => ({
      request: { url: "http://clock.invalid/", entryPoint: "FindProxyForURL" as const },
      env: { clientIps: ["198.51.100.20"], dns: new Map(), liveDns: false, now, timeZone },
    })),
  );
  const ids = new Map<string, string>();
  const intern = (text: string): string => {
    let id = ids.get(text);
    if (id === undefined) ids.set(text, (id = `k${ids.size}`));
    return id;
  };
  const keys = new Map<string, ClockKeys>();
  for (const [i, evaluation] of evaluations.entries()) {
    const reading = distinct[i];
    const answer = evaluation.result;
    if (reading === undefined || answer === null || evaluation.failure) return undefined;
    const bar = answer.indexOf("|");
    const clockLength = Number(answer.slice(0, bar));
    const clock = answer.slice(bar + 1, bar + 1 + clockLength);
    keys.set(readingKey(reading), { clock: intern(`c${clock}`), day: intern(`d${answer.slice(bar + 1 + clockLength)}`) });
  }
  return keys;
}

/**
 * A PAC whose FindProxyForURL calls each test once and returns the answers, the timeRange ones
 * first: `<length of the timeRange part>|<timeRange answers><weekdayRange and dateRange answers>`,
 * each answer as `<length>:<type>:<value>` (or the exception it threw), so no two lists read alike.
 */
function askingScript(tests: readonly TimeTest[]): string {
  const ask = (test: TimeTest): string => {
    const args = [...test.args, ...(test.gmt ? ["GMT"] : [])].map((a) => (typeof a === "number" ? String(a) : JSON.stringify(a)));
    return `answer(function () { return ${test.helper}(${args.join(", ")}); })`;
  };
  const clock = tests.filter((t) => t.helper === "timeRange").map(ask);
  const day = tests.filter((t) => t.helper !== "timeRange").map(ask);
  return [
    "function answer(f) {",
    "  var text;",
    '  try { var value = f(); text = typeof value + ":" + String(value); } catch (e) { text = "throws:" + String(e); }',
    '  return text.length + ":" + text;',
    "}",
    "function FindProxyForURL(url, host) {",
    `  var clock = [${clock.join(", ")}].join("");`,
    `  return clock.length + "|" + clock + [${day.join(", ")}].join("");`,
    "}",
  ].join("\n");
}
