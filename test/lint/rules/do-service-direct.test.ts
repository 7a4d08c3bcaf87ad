import { describe, expect, it } from "vitest";
import { lintOne } from "../helpers.js";

const id = "do-service-direct";

describe(id, { timeout: 60_000 }, () => {
  it("names the host, the witness environment and the returning line for an office-subnet bypass", async () => {
    const code = [
      "function FindProxyForURL(url, host) {",
      '  if (isInNet(myIpAddress(), "10.20.0.0", "255.255.0.0") && dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";',
      '  return "PROXY proxy.example.com:8080";',
      "}",
    ].join("\n");
    const [diagnostic, ...rest] = await lintOne(id, code);
    expect(rest).toEqual([]);
    expect(diagnostic?.start).toEqual({ line: 3, column: 3 });
    expect(diagnostic?.message).toMatch(/^geo\.prod\.do\.dsp\.mp\.microsoft\.com \(and \d+ more DO service hosts\) gets "PROXY proxy\.example\.com:8080" from FindProxyForURL \(line 3\) when client (?!10\.20\.)[\d.a-f:]+ /);
    expect(diagnostic?.fixable).toBe(true);
    expect(diagnostic?.severity).toBe("error");
  });

  it("gives an outside-business-hours bypass a business-hours witness", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  if (!timeRange(8, 18) && dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";\n  return "PROXY p.example.com:8080";\n}\n';
    const [diagnostic] = await lintOne(id, code);
    const hour = Number(/(\d\d):\d\d UTC/.exec(diagnostic?.message ?? "")?.[1]);
    expect(hour).toBeGreaterThanOrEqual(8);
    expect(hour).toBeLessThanOrEqual(18);
  });

  it("gives a DNS-dependent bypass an unresolvable-host witness", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  if (isResolvable(host) && dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";\n  return "PROXY p.example.com:8080";\n}\n';
    const [diagnostic] = await lintOne(id, code);
    expect(diagnostic?.message).toMatch(/does not resolve|unresolvable/);
  });

  it("reports a regex bypass that misses geover but not the hosts it matches", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  if (/^(geo|kv\\d+|cp\\d+|disc\\d+|array\\d+)\\.prod\\.do\\.dsp\\.mp\\.microsoft\\.com$/.test(host)) return "DIRECT";\n  return "PROXY p.example.com:8080";\n}\n';
    const [diagnostic, ...rest] = await lintOne(id, code);
    expect(rest).toEqual([]);
    expect(diagnostic?.start.line).toBe(3);
    expect(diagnostic?.message).toMatch(/^geover/);
  });

  it("checks FindProxyForURLEx under winhttp only", async () => {
    const code = [
      "function FindProxyForURL(url, host) {",
      '  if (dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";',
      '  return "PROXY p.example.com:8080";',
      "}",
      "function FindProxyForURLEx(url, host) {",
      '  return "PROXY p.example.com:8080";',
      "}",
    ].join("\n");
    const winhttp = await lintOne(id, code, "winhttp");
    expect(winhttp.map((d) => d.start.line)).toEqual([6]);
    expect(winhttp[0]?.message).toContain("from FindProxyForURLEx");
    expect(await lintOne(id, code, "chromium")).toEqual([]);
  });

  it("treats a proxy before DIRECT as a violation", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  return "PROXY p.example.com:8080; DIRECT";\n}\n';
    expect((await lintOne(id, code)).map((d) => d.start.line)).toEqual([2]);
  });

  it("accepts a case-insensitive bypass at the top", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  var h = host.toLowerCase();\n  if (h == "do.dsp.mp.microsoft.com" || dnsDomainIs(h, ".do.dsp.mp.microsoft.com")) return "DIRECT";\n  return "PROXY p.example.com:8080";\n}\n';
    expect(await lintOne(id, code)).toEqual([]);
  });
});
