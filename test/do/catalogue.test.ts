import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CATALOGUE, classifyHost, isServiceHost, sampledEndpoints, SERVICE_HOST_PATTERNS } from "../../src/do/catalogue.js";

describe("the DO endpoint catalogue", () => {
  it("gives every entry a unique id, a source and a port that matches its scheme", () => {
    const ids = CATALOGUE.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of CATALOGUE) {
      expect(entry.source).not.toBe("");
      expect(entry.port).toBe(entry.scheme === "https" ? 443 : 80);
    }
  });

  it("lists the documented service hosts with concrete samples for the wildcards", () => {
    const samples = sampledEndpoints().flatMap((e) => e.samples);
    for (const host of [
      "geo.prod.do.dsp.mp.microsoft.com",
      "geover.prod.do.dsp.mp.microsoft.com",
      "geo-prod.do.dsp.mp.microsoft.com",
      "geover-prod.do.dsp.mp.microsoft.com",
      "kv801.prod.do.dsp.mp.microsoft.com",
      "cp801.prod.do.dsp.mp.microsoft.com",
      "disc801.prod.do.dsp.mp.microsoft.com",
      "array801.prod.do.dsp.mp.microsoft.com",
      "kv801-prod.do.dsp.mp.microsoft.com",
      "cn801.prod.do.dsp.mp.microsoft.com",
      "dl.delivery.mp.microsoft.com",
      "emdl.ws.microsoft.com",
    ]) {
      expect(samples).toContain(host);
    }
  });

  it("classifies every sample as the endpoint it stands for", () => {
    for (const endpoint of sampledEndpoints()) {
      for (const sample of endpoint.samples) expect(classifyHost(sample)?.id, sample).toBe(endpoint.id);
    }
  });

  it("classifies case-insensitively and tolerates a trailing dot", () => {
    expect(classifyHost("KV801.Prod.DO.dsp.mp.microsoft.com.")?.id).toBe("do-kv");
    expect(classifyHost("GEO.prod.do.dsp.mp.microsoft.com")?.id).toBe("do-geo");
  });

  it("prefers the most specific pattern and falls back to the wildcard service domain", () => {
    expect(classifyHost("geover.prod.do.dsp.mp.microsoft.com")?.id).toBe("do-geover");
    expect(classifyHost("foo.prod.do.dsp.mp.microsoft.com")?.id).toBe("do-service");
    expect(classifyHost("mcc.do.dsp.mp.microsoft.com")?.id).toBe("do-service-mcc");
    expect(classifyHost("2.au.download.windowsupdate.com")?.id).toBe("wu-au-download-sub");
  });

  it("does not classify look-alike hosts", () => {
    expect(classifyHost("evildo.dsp.mp.microsoft.com")).toBeUndefined();
    expect(classifyHost("do.dsp.mp.microsoft.com.evil.example")).toBeUndefined();
    expect(classifyHost("www.example.com")).toBeUndefined();
    expect(isServiceHost("evildo.dsp.mp.microsoft.com")).toBe(false);
  });

  it("treats exactly the hosts the bypass patterns cover as service hosts", () => {
    expect(SERVICE_HOST_PATTERNS).toEqual(["do.dsp.mp.microsoft.com", "*.do.dsp.mp.microsoft.com"]);
    expect(isServiceHost("DO.dsp.mp.microsoft.com.")).toBe(true);
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 3 }), (labels) => {
        const host = `${labels.join(".")}.do.dsp.mp.microsoft.com`;
        expect(isServiceHost(host)).toBe(true);
        expect(classifyHost(host)?.role).toBe("service");
      }),
    );
  });
});
