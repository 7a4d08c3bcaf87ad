import { describe, expect, it } from "vitest";
import { checkProxyString } from "../../../src/lint/proxy-string-check.js";
import { lintOne } from "../helpers.js";

const id = "valid-return-string";
const returning = (result: string): string => `function FindProxyForURL(url, host) {\n  return ${result};\n}\n`;

describe(id, { timeout: 60_000 }, () => {
  it.each([
    ['"direct"', "warning", '"direct": write the keyword "direct" in upper case (DIRECT); vendors and older clients expect upper case'],
    ['"PROXY p.example.com"', "warning", '"PROXY p.example.com" has no port; clients then guess one (80 for PROXY, 1080 for SOCKS), so write it'],
    ['"HTTP p.example.com:80"', "error", '"HTTP p.example.com:80": Chromium and Edge do not know the HTTP keyword and drop the entry; use PROXY'],
    ['"DIRECT p.example.com:80"', "error", '"DIRECT p.example.com:80": DIRECT takes no host; clients drop the entry'],
    ['"PROXY"', "error", '"PROXY" has no proxy host; clients drop the entry'],
    ['"PROXY p:99999"', "error", '"PROXY p:99999": "99999" is not a valid port (1-65535); clients drop the entry'],
    ['"PROXY user:pw@p:80"', "error", '"PROXY user:pw@p:80": credentials in the proxy address are not allowed; clients drop the entry'],
    [
      '"PROXY ${GATWAY}:80"',
      "error",
      'The result contains the template macro "${GATWAY}", which no hosted-PAC server pac-do knows fills in (Zscaler\'s are ${GATEWAY}, ${SECONDARY_GATEWAY}, ${GATEWAY_HOST}, ...); served as written, clients drop the entry',
    ],
    ["null", "error", "FindProxyForURL returns null, not a string; Chromium fails the request (ERR_PAC_SCRIPT_FAILED) and other clients differ"],
  ])("reports %s", async (result, severity, message) => {
    const diagnostics = await lintOne(id, returning(result));
    expect(diagnostics.map((d) => [d.severity, d.message])).toContainEqual([severity, message]);
  });

  it("checks both branches of a conditional result", async () => {
    const diagnostics = await lintOne(id, returning('isPlainHostName(host) ? "direct" : "PROXY p:80"'));
    expect(diagnostics.map((d) => d.start.column)).toEqual([34]);
  });

  it("checks computed results as the analysis saw them", async () => {
    const code = 'var gw = "${GATEWAYS}";\nfunction FindProxyForURL(url, host) {\n  return "PROXY " + gw + ":80";\n}\n';
    const [diagnostic] = await lintOne(id, code);
    expect(diagnostic?.message).toMatch(/^FindProxyForURL returns "PROXY \$\{GATEWAYS\}:80" for \S+ when .*: template macro "\$\{GATEWAYS\}" that no hosted-PAC server fills in$/);
  });

  it.each([
    '"PROXY ${GATEWAY}:9400; PROXY ${SECONDARY_GATEWAY}:9400; DIRECT"',
    '"PROXY ${GATEWAY_HOST}:8800; PROXY ${SECONDARY_GATEWAY_HOST}:8800"',
    '"PROXY ${COUNTRY_GATEWAY}:80; PROXY ${COUNTRY_SECONDARY_GATEWAY}:80"',
    '"PROXY ${GATEWAY.example.zscaler.net_FX}:80; PROXY ${SECONDARY.GATEWAY.example.zscaler.net_FX}:80; DIRECT"',
    '"PROXY ${GATEWAY.example.zscalertwo.net}:9400"',
  ])("accepts Zscaler's documented variables in %s", async (result) => {
    expect(await lintOne(id, returning(result))).toEqual([]);
  });

  it.each(["${GATEWAY }", "${gateway}", "${SECONDARY_GATEWAY.example.zscaler.net_FX}", "${GATEWAY.example.example.com}", "${SECONDARY_GATEWAY_FX}"])(
    "flags the misspelt or unknown macro %s",
    async (macro) => {
      const diagnostics = await lintOne(id, returning(JSON.stringify(`PROXY ${macro}:9400; DIRECT`)));
      expect(diagnostics.map((d) => d.message)).toContainEqual(expect.stringContaining(`template macro "${macro}"`));
    },
  );

  it("still checks the rest of an entry through a variable", async () => {
    const diagnostics = await lintOne(id, returning('"PROXY ${GATEWAY}:94000"'));
    expect(diagnostics.map((d) => d.message)).toEqual(['"PROXY ${GATEWAY}:94000": "94000" is not a valid port (1-65535); clients drop the entry']);
  });

  it("leaves returns of helper functions alone", async () => {
    expect(await lintOne(id, 'function isLocal(h) { return false; }\nfunction FindProxyForURL(url, host) { return "DIRECT"; }\n')).toEqual([]);
  });
});

describe("checkProxyString", { timeout: 60_000 }, () => {
  it("accepts every well-formed keyword and IPv6 proxies", () => {
    expect(checkProxyString("PROXY a:1; HTTPS b:443; SOCKS c:1080; SOCKS4 d:1; SOCKS5 e:2; QUIC f:443; DIRECT")).toEqual([]);
    expect(checkProxyString("PROXY [2001:db8::1]:8080")).toEqual([]);
  });

  it("tolerates a trailing separator but not an empty result", () => {
    expect(checkProxyString("PROXY a:1;")).toEqual([]);
    expect(checkProxyString(" ; ").map((p) => p.id)).toEqual(["emptyResult"]);
  });
});

describe(`${id} per profile`, { timeout: 60_000 }, () => {
  it("warns about well-formed entries the profile's client does not document, such as SOCKS5 under WinHTTP", async () => {
    const code = returning('"SOCKS5 socks.example.com:1080"');
    const [diagnostic] = await lintOne(id, code, "winhttp");
    expect(diagnostic?.severity).toBe("warning");
    expect(diagnostic?.message).toMatch(/^"SOCKS5 socks\.example\.com:1080": SOCKS5 is not documented as understood by Windows .*, so the winhttp client may drop the entry$/);
    expect(await lintOne(id, code, "chromium")).toEqual([]);
  });
});
