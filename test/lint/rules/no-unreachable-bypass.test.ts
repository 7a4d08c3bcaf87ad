import { describe, expect, it } from "vitest";
import { lintOne } from "../helpers.js";

const id = "no-unreachable-bypass";

describe(id, { timeout: 60_000 }, () => {
  it("reports a bypass after a catch-all return and names that return's line", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  return "PROXY p.example.com:8080";\n  if (dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";\n}\n';
    const [diagnostic, ...rest] = await lintOne(id, code);
    expect(rest).toEqual([]);
    expect(diagnostic?.start).toEqual({ line: 3, column: 54 });
    expect(diagnostic?.message).toBe("This DO bypass never runs: the return on line 2 always leaves the function first");
  });

  it("counts an if/else that returns on both sides as unconditional", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  if (isPlainHostName(host)) { return "DIRECT"; } else { return "PROXY p.example.com:8080"; }\n  if (dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";\n}\n';
    expect((await lintOne(id, code)).map((d) => d.start.line)).toEqual([3]);
  });

  it("reports a bypass shadowed by a wider rule and names the deciding line", async () => {
    const code = [
      "function FindProxyForURL(url, host) {",
      '  if (shExpMatch(host, "*.microsoft.com")) return "PROXY p.example.com:8080";',
      '  if (shExpMatch(host, "*.do.dsp.mp.microsoft.com")) return "DIRECT";',
      '  return "PROXY p.example.com:8080";',
      "}",
    ].join("\n");
    const [diagnostic] = await lintOne(id, code);
    expect(diagnostic?.start.line).toBe(3);
    expect(diagnostic?.message).toMatch(/is decided by line 2 \("PROXY p\.example\.com:8080"\) first$/);
  });

  it("does not report a bypass that some environment reaches", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  if (isResolvable(host) && dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";\n  return "PROXY p.example.com:8080";\n}\n';
    expect(await lintOne(id, code)).toEqual([]);
  });
});

describe(`${id} and redundant bypasses`, () => {
  it("accepts a bypass that an earlier DIRECT for the same hosts makes redundant, such as pac-do's own block", async () => {
    const code = [
      "function FindProxyForURL(url, host) {",
      '  if (/(^|\\.)do\\.dsp\\.mp\\.microsoft\\.com\\.?$/.test(String(host).toLowerCase())) return "DIRECT";',
      '  if (shExpMatch(host, "geo.prod.do.dsp.mp.microsoft.com")) return "DIRECT";',
      '  return "PROXY p.example.com:8080";',
      "}",
    ].join("\n");
    expect(await lintOne(id, code)).toEqual([]);
  });
});
