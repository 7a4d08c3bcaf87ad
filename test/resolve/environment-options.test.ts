import { describe, expect, it } from "vitest";
import { buildEnvironment, OptionError, parseHostsFile, parseInstant } from "../../src/resolve/environment-options.js";

describe("buildEnvironment", () => {
  it("defaults to client 127.0.0.1, no DNS and no live DNS", () => {
    const env = buildEnvironment({ timeZone: "UTC", now: 0 });
    expect(env).toEqual({ clientIps: ["127.0.0.1"], dns: new Map(), liveDns: false, now: 0, timeZone: "UTC" });
  });

  it("merges --dns-file and --dns answers under lower-case names", () => {
    const env = buildEnvironment({
      timeZone: "UTC",
      dns: ["Dual.Example=10.0.0.2,2001:db8::2"],
      dnsFiles: [{ name: "hosts", text: "10.0.0.1 dual.example alias # note\n::1 localhost6\n" }],
    });
    expect(env.dns.get("dual.example")).toEqual(["10.0.0.1", "10.0.0.2", "2001:db8::2"]);
    expect(env.dns.get("alias")).toEqual(["10.0.0.1"]);
  });

  it("rejects bad addresses, zones and host lines with the option's name", () => {
    expect(() => buildEnvironment({ clientIps: ["999.1.1.1"] })).toThrow(/--client-ip/);
    expect(() => buildEnvironment({ dns: ["a.example=not-an-ip"] })).toThrow(/--dns: "not-an-ip"/);
    expect(() => buildEnvironment({ timeZone: "Nowhere/Else" })).toThrow(OptionError);
    expect(() => parseHostsFile("10.0.0.1\n", "h")).toThrow(/--dns-file h:1/);
  });
});

describe("parseInstant", () => {
  it("reads UTC, offsets and wall-clock time in the zone", () => {
    expect(parseInstant("2026-11-27T10:00:00Z", "UTC")).toBe(Date.UTC(2026, 10, 27, 10));
    expect(parseInstant("2026-11-27T10:00:00+01:00", "UTC")).toBe(Date.UTC(2026, 10, 27, 9));
    expect(parseInstant("2026-11-27T10:00", "Europe/Berlin")).toBe(Date.UTC(2026, 10, 27, 9));
    expect(parseInstant("2026-07-01T10:00:00", "Europe/Berlin")).toBe(Date.UTC(2026, 6, 1, 8));
    expect(parseInstant("2026-11-27", "America/New_York")).toBe(Date.UTC(2026, 10, 27, 5));
    expect(parseInstant("2026-11-27T10:00:00.250Z", "UTC")).toBe(Date.UTC(2026, 10, 27, 10, 0, 0, 250));
  });

  it.each(["yesterday", "2026-02-30T10:00:00Z", "2026-11-27T25:00:00Z", "27.11.2026"])("rejects %j", (text) => {
    expect(() => parseInstant(text, "UTC")).toThrow(/--at: .* is not an ISO 8601 date-time/);
  });
});
