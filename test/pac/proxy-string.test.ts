import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { effectiveProxyList, parseProxyEntry, parseProxyList } from "../../src/pac/proxy-string.js";

describe("parseProxyList", () => {
  it("splits on semicolons, trims, drops empty entries and applies default ports", () => {
    expect(parseProxyList(" PROXY  a.example:1 ;; DIRECT ; SOCKS s.example", "chromium")).toEqual([
      { text: "PROXY  a.example:1", type: "PROXY", host: "a.example", port: 1 },
      { text: "DIRECT", type: "DIRECT" },
      { text: "SOCKS s.example", type: "SOCKS", host: "s.example", port: 1080, defaultPort: true },
    ]);
  });

  it("reads keywords case-insensitively and IPv6 proxies in brackets", () => {
    expect(parseProxyEntry("proxy [2001:db8::1]:3128", "chromium")).toEqual({ text: "proxy [2001:db8::1]:3128", type: "PROXY", host: "[2001:db8::1]", port: 3128 });
    expect(parseProxyEntry("HTTPS h.example", "chromium")).toMatchObject({ port: 443, defaultPort: true });
  });

  it.each([
    ["BOGUS x.example:1", /unknown keyword/],
    ["DIRECT x.example", /DIRECT takes no host/],
    ["PROXY", /needs a host/],
    ["PROXY a.example:", /is not a port/],
    ["PROXY a.example:70000", /is not a port/],
    ["PROXY user:pw@a.example:1", /user name or password/],
    ["PROXY a.example:1 extra", /unexpected "extra"/],
  ])("marks %j invalid", (text, why) => {
    expect(parseProxyEntry(text, "chromium").invalid).toMatch(why);
  });

  it("applies each client's keyword list", () => {
    expect(parseProxyEntry("HTTP h.example:3128", "chromium").invalid).toBe("HTTP is not a PAC keyword in Chromium");
    expect(parseProxyEntry("HTTP h.example:3128", "node").invalid).toBeUndefined();
    expect(parseProxyEntry("SOCKS5 s.example:1080", "winhttp").invalid).toMatch(/not documented as understood by Windows/);
    expect(parseProxyEntry("QUIC q.example:443", "node").invalid).toBe("QUIC is not understood by pac-proxy-agent");
  });

  it("gives Chromium DIRECT when nothing valid is left, other clients nothing", () => {
    expect(effectiveProxyList(parseProxyList("BOGUS x:1", "chromium"), "chromium")).toBe("DIRECT");
    expect(effectiveProxyList(parseProxyList("", "chromium"), "chromium")).toBe("DIRECT");
    expect(effectiveProxyList(parseProxyList("", "winhttp"), "winhttp")).toBe("");
    expect(effectiveProxyList(parseProxyList("proxy l.example:80; direct", "chromium"), "chromium")).toBe("PROXY l.example:80; DIRECT");
  });

  it("keeps the text of every entry, whatever the input", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const entries = parseProxyList(text, "chromium");
        for (const entry of entries) {
          expect(text).toContain(entry.text);
          expect(entry.text).toBe(entry.text.trim());
          expect(entry.text).not.toBe("");
        }
      }),
    );
  });
});
