import { describe, expect, it } from "vitest";
import { parseProxyList } from "../../src/pac/proxy-string.js";
import { hostedProxyHost, hostedVariable, hostingVendor, macrosIn, parseDefines, renderDefines } from "../../src/pac/hosted-variables.js";

describe("hostedVariable", () => {
  it.each([
    "GATEWAY",
    "SECONDARY_GATEWAY",
    "GATEWAY_HOST",
    "SECONDARY_GATEWAY_HOST",
    "COUNTRY_GATEWAY",
    "COUNTRY_SECONDARY_GATEWAY",
    "GATEWAY.contoso.zscalertwo.net_FX",
    "SECONDARY.GATEWAY.contoso.zscalertwo.net_FX",
    "GATEWAY.example.zscaler.net",
  ])("reads ${%s} as Zscaler's proxy", (name) => {
    expect(hostedVariable(name)).toEqual({ vendor: "Zscaler", name, role: "proxy" });
  });

  it("reads ${SRCIP} as the client's public address, not a proxy", () => {
    expect(hostedVariable("SRCIP")).toEqual({ vendor: "Zscaler", name: "SRCIP", role: "public-address" });
    expect(hostedProxyHost("${SRCIP}")).toBeUndefined();
  });

  it.each(["gateway", "GATEWAY ", "GATWAY", "SECONDARY_GATEWAY.contoso.zscaler.net_FX", "GATEWAY.contoso.example.com", "GATEWAY..zscaler.net", "PROXY_HOST"])(
    "knows no ${%s}",
    (name) => {
      expect(hostedVariable(name)).toBeUndefined();
    },
  );
});

describe("parseProxyList with hosted variables", () => {
  it("reads PROXY ${GATEWAY}:9400 as a valid proxy entry in every profile, naming the variable", () => {
    for (const profile of ["winhttp", "chromium", "node"] as const) {
      expect(parseProxyList("PROXY ${GATEWAY}:9400; DIRECT", profile)).toEqual([
        { text: "PROXY ${GATEWAY}:9400", type: "PROXY", host: "${GATEWAY}", port: 9400, hosted: { vendor: "Zscaler", name: "GATEWAY" } },
        { text: "DIRECT", type: "DIRECT" },
      ]);
    }
  });

  it("still drops an unknown macro as a host", () => {
    expect(parseProxyList("PROXY ${GATWAY}:9400", "chromium")[0]?.invalid).toBe('"${GATWAY}" is not a host name');
  });

  it("still checks the port behind a variable", () => {
    expect(parseProxyList("PROXY ${GATEWAY}:99999", "winhttp")[0]?.invalid).toBe('"99999" is not a port');
  });
});

describe("macrosIn and hostingVendor", () => {
  it("lists every ${...} with its offset and whether a vendor documents it", () => {
    expect(macrosIn('"PROXY ${GATEWAY}:80; PROXY ${OTHER}:80"').map((m) => [m.text, m.offset, m.variable?.vendor])).toEqual([
      ["${GATEWAY}", 7, "Zscaler"],
      ["${OTHER}", 28, undefined],
    ]);
  });

  it("calls a PAC Zscaler's when it uses one of Zscaler's variables", () => {
    expect(hostingVendor('var ip = "${SRCIP}";')).toBe("Zscaler");
    expect(hostingVendor('return "PROXY ${PROXY}:80";')).toBeUndefined();
    expect(hostingVendor('return "PROXY p:80";')).toBeUndefined();
  });
});

describe("parseDefines and renderDefines", () => {
  it("renders the defined variables in place and keeps the others", () => {
    const parsed = parseDefines(["GATEWAY=gateway.zscalertwo.net", "${SECONDARY_GATEWAY}=165.225.72.38"]);
    if (!parsed.ok) throw new Error(parsed.message);
    const text = 'return "PROXY ${GATEWAY}:80; PROXY ${SECONDARY_GATEWAY}:80; PROXY ${COUNTRY_GATEWAY}:80";\n';
    expect(renderDefines(text, parsed.defines)).toBe('return "PROXY gateway.zscalertwo.net:80; PROXY 165.225.72.38:80; PROXY ${COUNTRY_GATEWAY}:80";\n');
  });

  it.each([
    ["GATEWAY", "expected NAME=value"],
    ["=x", "expected NAME=value"],
    ['GATEWAY=a"b', "the value may not contain quotes"],
    ["GATEWAY=a\nb", "line breaks"],
    ["GATE{WAY=x", "the name may not contain braces"],
  ])("refuses --define %j with a one-line reason", (value, reason) => {
    const parsed = parseDefines([value]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toContain(reason);
      expect(parsed.message).not.toContain("\n");
    }
  });
});
