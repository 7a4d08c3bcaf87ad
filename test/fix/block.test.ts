import { parse as acornParse } from "acorn";
import fc from "fast-check";
import { runInNewContext } from "node:vm";
import { describe, expect, test } from "vitest";
import { blockLines, bypasses, inlineBlock, normalizeCacheHost, type BypassTargets } from "../../src/fix/block.js";
import { bypassTargets, contentDomains } from "../../src/fix/targets.js";
import { CATALOGUE } from "../../src/do/catalogue.js";

function targets(includeContent: boolean, cacheHosts: string[] = []): BypassTargets {
  const result = bypassTargets({ includeContent, cacheHosts });
  if (!result.ok) throw new Error(result.message);
  return result.targets;
}

/** Runs the block as the body of an entry point, in a fresh context with no PAC helpers at all. */
function decide(block: string, host: unknown): string {
  const script = `(function (url, host) {\n${block}\nreturn "PROXY fallback:8080";\n})("https://x/", h)`;
  return String(runInNewContext(script, { h: host }));
}

const all = targets(true, ["10.1.2.3", "MCC.Corp.Example.", "[2001:DB8::7]"]);
const hostArbitrary = fc.oneof(
  fc.constantFrom(
    "kv801.prod.do.dsp.mp.microsoft.com",
    "GEO.PROD.DO.DSP.MP.MICROSOFT.COM",
    "geo.prod.do.dsp.mp.microsoft.com.",
    "do.dsp.mp.microsoft.com",
    "evildo.dsp.mp.microsoft.com",
    "do.dsp.mp.microsoft.com.evil.example",
    "dl.delivery.mp.microsoft.com",
    "2.dl.delivery.mp.microsoft.com",
    "windowsupdate.com",
    "au.download.windowsupdate.com",
    "notwindowsupdate.com",
    "10.1.2.3",
    "10.1.2.30",
    "mcc.corp.example",
    "2001:db8::7",
    "www.example.com",
    "",
  ),
  fc.domain(),
  fc.domain().map((domain) => `${domain}.do.dsp.mp.microsoft.com`),
);

describe("the managed block", () => {
  test("is ES3: an ECMAScript 3 parser accepts it in every style", () => {
    for (const block of [blockLines(all, "host").join("\n"), inlineBlock(all, "arguments[1]")]) {
      expect(() => acornParse(`function FindProxyForURL(url, host) {\n${block}\n}`, { ecmaVersion: 3 })).not.toThrow();
    }
  });

  test("calls no PAC helper: it runs where none is defined", () => {
    expect(decide(blockLines(all, "host").join("\n"), "kv801.prod.do.dsp.mp.microsoft.com")).toBe("DIRECT");
  });

  test("sends exactly the hosts `bypasses` names DIRECT, in both styles (property)", () => {
    fc.assert(
      fc.property(hostArbitrary, fc.boolean(), (host, content) => {
        const chosen = content ? all : targets(false);
        const expected = bypasses(chosen, host) ? "DIRECT" : "PROXY fallback:8080";
        expect(decide(blockLines(chosen, "host").join("\n"), host)).toBe(expected);
        expect(decide(inlineBlock(chosen, "arguments[1]"), host)).toBe(expected);
      }),
    );
  });

  test("ignores case and one trailing dot, and not look-alike domains", () => {
    const service = targets(false);
    expect(bypasses(service, "KV801.Prod.Do.Dsp.Mp.Microsoft.Com.")).toBe(true);
    expect(bypasses(service, "do.dsp.mp.microsoft.com")).toBe(true);
    expect(bypasses(service, "evildo.dsp.mp.microsoft.com")).toBe(false);
    expect(bypasses(service, "dl.delivery.mp.microsoft.com")).toBe(false);
    expect(decide(blockLines(service, "host").join("\n"), undefined)).toBe("PROXY fallback:8080");
  });

  test("records the options in the begin marker, so changed options rewrite the block", () => {
    expect(blockLines(targets(false), "host")[0]).toMatch(/^\/\/ pac-do:begin v1 catalogue=[0-9a-f]{8} \(/);
    expect(blockLines(all, "host")[0]).toContain(" content cache=10.1.2.3,mcc.corp.example,2001:db8::7 ");
  });
});

describe("content domains", () => {
  test("cover every content endpoint of the catalogue, apex included, without redundant entries", () => {
    const domains = contentDomains(CATALOGUE);
    const content = targets(true);
    for (const endpoint of CATALOGUE.filter((entry) => entry.role === "content")) {
      for (const sample of endpoint.samples) expect(bypasses(content, sample), sample).toBe(true);
    }
    expect(domains).toContain("dl.delivery.mp.microsoft.com");
    expect(domains).not.toContain("tlu.dl.delivery.mp.microsoft.com");
  });
});

describe("normalizeCacheHost", () => {
  test.each([
    ["10.0.0.5", "10.0.0.5"],
    ["MCC01.Corp.Example.", "mcc01.corp.example"],
    ["[2001:DB8::1]", "2001:db8::1"],
    ["fe80::1", "fe80::1"],
  ])("accepts %s as %s", (value, host) => {
    expect(normalizeCacheHost(value)).toEqual({ ok: true, host });
  });

  test.each(["10.0.0.256", "1.2.3", "", "mcc_01.corp", "-bad.example", "http://mcc.example", "mcc.example:8080", "*.example.com"])(
    "rejects %j with a message naming the flag",
    (value) => {
      const result = normalizeCacheHost(value);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^--cache-host /);
    },
  );
});
