import { describe, expect, it } from "vitest";
import { catalogueQueries, concreteHost, familyVariants, GENERIC_HOSTS, hostVariants, MAX_LITERAL_HOSTS, planHosts, queryFor } from "../../src/analyze/hosts.js";

describe("the hosts an analysis asks about", () => {
  it("asks for every catalogue sample with its endpoint's scheme", () => {
    const queries = catalogueQueries();
    expect(queries).toContainEqual(expect.objectContaining({ host: "kv801.prod.do.dsp.mp.microsoft.com", url: "https://kv801.prod.do.dsp.mp.microsoft.com/" }));
    expect(queries).toContainEqual(expect.objectContaining({ host: "dl.delivery.mp.microsoft.com", url: "http://dl.delivery.mp.microsoft.com/" }));
  });

  it.each([
    ["*.corp.example", "www.corp.example"],
    [".corp.example", "www.corp.example"],
    ["corp.example.", "corp.example"],
    ["*cdn*.example.net", "xcdnx.example.net"],
    ["WWW.Example.COM", "www.example.com"],
    ["not a host", undefined],
  ])("makes %s concrete as %s", (pattern, host) => {
    expect(concreteHost(pattern)).toBe(host);
  });

  it("classifies extra hosts and URLs, bracketing IPv6 literals", () => {
    expect(queryFor("geo.prod.do.dsp.mp.microsoft.com")).toMatchObject({ url: "https://geo.prod.do.dsp.mp.microsoft.com/", endpoint: { id: "do-geo" } });
    expect(queryFor("mcc.corp.example")).toEqual({ host: "mcc.corp.example", url: "http://mcc.corp.example/" });
    expect(queryFor("2001:db8::1")).toEqual({ host: "2001:db8::1", url: "http://[2001:db8::1]/" });
    expect(queryFor("http://[2001:db8::1]:8080/x")).toEqual({ host: "2001:db8::1", url: "http://[2001:db8::1]:8080/x" });
  });

  it("adds the generic sample and the PAC's literals once each, capped", () => {
    const literals = Array.from({ length: MAX_LITERAL_HOSTS + 10 }, (_, i) => `*.site${i}.example`);
    const { queries, omitted } = planHosts(["www.example.com"], ["*.site0.example", ...literals, "*.do.dsp.mp.microsoft.com"]);
    const hosts = queries.map((q) => q.host);
    expect(new Set(queries.map((q) => q.url)).size).toBe(queries.length);
    for (const host of GENERIC_HOSTS) expect(hosts).toContain(host);
    const sites = hosts.filter((h) => h.endsWith(".example") && h.startsWith("www.site"));
    expect(sites).toHaveLength(MAX_LITERAL_HOSTS);
    expect(sites[0]).toBe("www.site0.example");
    expect(sites).toContain("www.site56.example");
    expect(omitted).toBe(11);
  });

  it("asks only for the catalogue and the extra hosts without other hosts", () => {
    const { queries, omitted } = planHosts(["mcc.corp.example"], ["*.corp.example"], false);
    expect(queries.map((q) => q.host)).toEqual([...catalogueQueries().map((q) => q.host), "mcc.corp.example"]);
    expect(omitted).toBe(0);
  });
});

describe("hosts on both sides of a pattern", () => {
  it.each([
    ["*.corp.example", ["www.corp.example", "corp.example", "xcorp.example"]],
    [".corp.example", ["www.corp.example", "corp.example", "xcorp.example"]],
    ["proxy.corp.example", ["proxy.corp.example", "www.proxy.corp.example", "xproxy.corp.example"]],
    ["*cdn*.example.net", ["xcdnx.example.net"]],
    ["not a host", []],
  ])("gives %s as %j", (pattern, hosts) => {
    expect(hostVariants(pattern)).toEqual(hosts);
  });
});

describe("familyVariants", () => {
  it("asks about other numbers of a service family when the PAC's own pattern tells them apart from the sample", () => {
    const hosts = familyVariants(["*8??.prod.do.dsp.mp.microsoft.com"], []).map((query) => query.host);
    expect(hosts).toContain("kv601.prod.do.dsp.mp.microsoft.com");
    expect(hosts).toContain("disc1.prod.do.dsp.mp.microsoft.com");
    expect(hosts).toContain("kv8010.prod.do.dsp.mp.microsoft.com");
    expect(hosts).not.toContain("kv801.prod.do.dsp.mp.microsoft.com");
    expect(hosts.every((host) => host.endsWith(".prod.do.dsp.mp.microsoft.com"))).toBe(true);
  });

  it("reads regex patterns too, and asks nothing more for a pattern every family member matches alike", () => {
    expect(familyVariants([], [{ source: "^kv8\\d\\d\\.prod\\.do\\.dsp", flags: "" }]).map((query) => query.host)).toEqual([
      "kv601.prod.do.dsp.mp.microsoft.com",
      "kv1.prod.do.dsp.mp.microsoft.com",
      "kv8010.prod.do.dsp.mp.microsoft.com",
      "kv0.prod.do.dsp.mp.microsoft.com",
    ]);
    expect(familyVariants(["*.do.dsp.mp.microsoft.com", ".prod.do.dsp.mp.microsoft.com"], [{ source: "\\.do\\.dsp\\.mp\\.microsoft\\.com$", flags: "i" }])).toEqual([]);
  });
});
