import { describe, expect, it } from "vitest";
import { lintOne } from "../helpers.js";

const id = "no-environment-dependent-bypass";

describe(id, { timeout: 60_000 }, () => {
  it("names the helper, what it depends on and the bypass line", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  if (isInNet(host, "10.0.0.0", "255.0.0.0") || !dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "PROXY p:1";\n  if (isResolvable(host) && dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";\n  return "PROXY p:1";\n}\n';
    const diagnostics = await lintOne(id, code);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "The DO bypass on line 3 depends on DNS through isResolvable(): it holds only in some environments, and each request pays for the lookup (KB 3140773); match the host name alone",
    ]);
  });

  it("reports isInNet on myIpAddress() once, as depending on the client's address", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  if (isInNet(myIpAddress(), "10.20.0.0", "255.255.0.0") && dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";\n  return "PROXY p:1";\n}\n';
    const diagnostics = await lintOne(id, code);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toContain("depends on the client's address through isInNet()");
  });

  it("names Zscaler's ${SRCIP} as the client's public address, not a DNS lookup", async () => {
    const code = 'var egress = "${SRCIP}";\nfunction FindProxyForURL(url, host) {\n  if (isInNet(egress, "198.51.100.0", "255.255.255.0") && dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";\n  if (isInNet("${SRCIP}", "192.0.2.0", "255.255.255.0") && dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";\n  return "PROXY ${GATEWAY}:9400";\n}\n';
    const diagnostics = await lintOne(id, code);
    expect(diagnostics.map((d) => [d.start.line, d.message])).toEqual([
      [3, "The DO bypass on line 3 depends on the client's public address (${SRCIP}, which Zscaler's PAC server fills in) through isInNet(): it holds only for some egress addresses, while DO needs DIRECT everywhere; match the host name alone"],
      [4, "The DO bypass on line 4 depends on the client's public address (${SRCIP}, which Zscaler's PAC server fills in) through isInNet(): it holds only for some egress addresses, while DO needs DIRECT everywhere; match the host name alone"],
    ]);
  });

  it("ignores environment checks that do not guard a DO bypass", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  if (timeRange(8, 18)) return "PROXY day.example.com:8080";\n  if (isResolvable(host)) return "DIRECT";\n  return "PROXY p:1";\n}\n';
    expect(await lintOne(id, code)).toEqual([]);
  });
});

describe(`${id} through helpers`, { timeout: 60_000 }, () => {
  it("recognises a DO bypass that names the hosts through a helper function or a variable", async () => {
    const code = [
      "function isDeliveryOptimization(h) {",
      '  return dnsDomainIs(h, ".do.dsp.mp.microsoft.com");',
      "}",
      "var doPattern = /\\.do\\.dsp\\.mp\\.microsoft\\.com$/;",
      "function FindProxyForURL(url, host) {",
      '  if (isResolvable(host) && isDeliveryOptimization(host)) return "DIRECT";',
      '  if (timeRange(0, 6) && doPattern.test(host)) return "DIRECT";',
      '  return "PROXY p:1";',
      "}",
    ].join("\n");
    expect((await lintOne(id, code)).map((d) => [d.start.line, d.start.column])).toEqual([
      [6, 7],
      [7, 7],
    ]);
  });
});
