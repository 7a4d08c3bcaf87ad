import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultEnvironment, guestEnvironment, inMachineZone, machineTimeZone, zoneOffset } from "../../src/evaluate/environment.js";
import { createEvaluator } from "../../src/evaluate/index.js";
import type { Environment } from "../../src/evaluate/types.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { parseForTest } from "./parse-for-test.js";

/** Zones with DST, half-hour and 45-minute offsets, a 30-minute DST shift and a southern-hemisphere summer. */
const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Chatham", "Australia/Lord_Howe", "America/St_Johns", "Africa/Casablanca"];

const originalTz = process.env["TZ"];

/** Makes `zone` the machine's: Node re-reads `TZ` for both Date and Intl when it is assigned. */
function setMachineZone(zone: string): void {
  process.env["TZ"] = zone;
  // ICU names some zones by their canonical alias (Asia/Kolkata is Asia/Calcutta).
  expect(machineTimeZone()).toBe(new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone);
}

afterEach(() => {
  if (originalTz === undefined) delete process.env["TZ"];
  else process.env["TZ"] = originalTz;
  vi.restoreAllMocks();
});

/** Instants from 1970 to 2100, with extra weight on the hours around DST changes. */
const instant = fc.oneof(
  fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }),
  fc
    .record({ year: fc.integer({ min: 1990, max: 2060 }), month: fc.constantFrom(2, 3, 9, 10), day: fc.integer({ min: 1, max: 31 }), minute: fc.integer({ min: 0, max: 24 * 60 - 1 }) })
    .map(({ year, month, day, minute }) => Date.UTC(year, month, day) + minute * 60_000),
);

describe("the machine's time zone", () => {
  it.each(ZONES)("has the same offsets from Date's local time as from Intl under TZ=%s", (zone) => {
    setMachineZone(zone);
    fc.assert(fc.property(instant, (now) => zoneOffset(now) === zoneOffset(now, zone)));
  });

  it.each(ZONES)("gives the guest the same environment as the zone named explicitly under TZ=%s", (zone) => {
    setMachineZone(zone);
    fc.assert(
      fc.property(instant, (now) => guestEnvironment(defaultEnvironment({ now })) === guestEnvironment(defaultEnvironment({ now, timeZone: zone }))),
    );
  });

  it("is named only when something reads Environment.timeZone", () => {
    setMachineZone("Asia/Kolkata");
    const constructed = vi.spyOn(Intl, "DateTimeFormat");
    const env = defaultEnvironment({ now: Date.UTC(2026, 10, 27, 4) });
    expect(JSON.parse(guestEnvironment(env))).toMatchObject({ offset: 5.5 * 3_600_000 });
    expect(constructed).not.toHaveBeenCalled();
    expect(env.timeZone).toBe(machineTimeZone());
    expect(constructed).toHaveBeenCalled();
  });

  it("is a plain zone name to copies, JSON and equality", () => {
    setMachineZone("Europe/Berlin");
    const env = inMachineZone({ clientIps: ["10.0.0.1"], dns: new Map(), liveDns: false, now: 0 });
    expect({ ...env }).toEqual({ clientIps: ["10.0.0.1"], dns: new Map(), liveDns: false, now: 0, timeZone: "Europe/Berlin" });
    expect(JSON.parse(JSON.stringify(env))).toMatchObject({ timeZone: "Europe/Berlin" });
    expect(guestEnvironment({ ...env })).toBe(guestEnvironment(env));
  });
});

describe("a PAC that reads local time", () => {
  const pac = [
    "function FindProxyForURL(url, host) {",
    "  var d = new Date();",
    '  return [timeRange(9, 10), timeRange(9, 10, "GMT"), weekdayRange("FRI"), dateRange(27), d.getHours(), d.getMinutes(), d.getTimezoneOffset(), new Date(2026, 10, 27, 9, 30).getTime()].join(" ");',
    "}",
  ].join("\n");

  async function answer(env: Environment): Promise<string | null> {
    const loaded = await createEvaluator(createSourceFile(pac, "clock.pac"), { program: parseForTest(pac) });
    if (!loaded.ok) throw new Error(loaded.failure.message);
    using evaluator = loaded.evaluator;
    const evaluation = await evaluator.evaluate({ url: "http://a.example/" }, env);
    return evaluation.result;
  }

  it("reads the machine's zone when none is given", async () => {
    setMachineZone("Asia/Kolkata");
    // 04:00 UTC on Friday 2026-11-27 is 09:30 in Kolkata (+05:30).
    const now = Date.UTC(2026, 10, 27, 4);
    expect(await answer(defaultEnvironment({ now }))).toBe(`true false true true 9 30 -330 ${now}`);
    expect(await answer(defaultEnvironment({ now, timeZone: "UTC" }))).toBe(`false false true true 4 0 0 ${Date.UTC(2026, 10, 27, 9, 30)}`);
  });

  it.each(ZONES)("answers the same under TZ=%s as with the zone named", async (zone) => {
    setMachineZone(zone);
    for (const now of [Date.UTC(2026, 2, 8, 6, 59), Date.UTC(2026, 2, 29, 1, 30), Date.UTC(2026, 9, 4, 15, 45), Date.UTC(2026, 10, 27, 23, 59)]) {
      expect(await answer(defaultEnvironment({ now }))).toBe(await answer(defaultEnvironment({ now, timeZone: zone })));
    }
  });
});

describe("zoneOffset", () => {
  it.each(["UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Etc/GMT", "GMT", "UCT", "Universal", "Zulu"])(
    "answers 0 for %s, which Intl also names UTC",
    (zone) => {
      expect(new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone).toBe("UTC");
      fc.assert(fc.property(instant, (now) => zoneOffset(now, zone) === 0));
    },
  );

  it("still reads Intl for other zones", () => {
    expect(zoneOffset(Date.UTC(2026, 6, 1), "Europe/Berlin")).toBe(2 * 3600_000);
    expect(zoneOffset(Date.UTC(2026, 0, 1), "Europe/Berlin")).toBe(3600_000);
  });
});
