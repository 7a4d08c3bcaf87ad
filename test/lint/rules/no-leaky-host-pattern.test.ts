import { describe, expect, it } from "vitest";
import { lintOne } from "../helpers.js";

const id = "no-leaky-host-pattern";
const pac = (condition: string): string => `function FindProxyForURL(url, host) {\n  if (${condition}) return "DIRECT";\n  return "PROXY p.example.com:8080";\n}\n`;

describe(id, { timeout: 60_000 }, () => {
  it("reports a *. glob for a DO domain whose apex the file never names", async () => {
    const [diagnostic] = await lintOne(id, pac('shExpMatch(host, "*.dl.delivery.mp.microsoft.com")'));
    expect(diagnostic?.message).toBe(
      '"*.dl.delivery.mp.microsoft.com" does not match dl.delivery.mp.microsoft.com itself, and nothing else in the file names it; DO uses the apex host too, so also test host == "dl.delivery.mp.microsoft.com"',
    );
    expect(diagnostic?.start).toEqual({ line: 2, column: 24 });
  });

  it("accepts the glob when the apex is compared too", async () => {
    expect(await lintOne(id, pac('host == "dl.delivery.mp.microsoft.com" || shExpMatch(host, "*.dl.delivery.mp.microsoft.com")'))).toEqual([]);
  });

  it("does not ask for apex names that are not hosts, such as prod.do.dsp.mp.microsoft.com", async () => {
    expect(await lintOne(id, pac('shExpMatch(host, "*.prod.do.dsp.mp.microsoft.com")'))).toEqual([]);
    expect(await lintOne(id, pac('dnsDomainIs(host, ".do.dsp.mp.microsoft.com")'))).toEqual([]);
  });

  it("reports dnsDomainIs without a leading dot", async () => {
    const [diagnostic] = await lintOne(id, pac('dnsDomainIs(host, "microsoft.com")'));
    expect(diagnostic?.message).toBe('dnsDomainIs(host, "microsoft.com") also matches "evilmicrosoft.com"; use ".microsoft.com" (and compare the apex with ==)');
  });

  it.each(["+", "(", ")", "[", "]", "{", "}", "|", "^", "$", "\\\\"])("reports the live regex character %s in a shExpMatch pattern", async (char) => {
    const diagnostics = await lintOne(id, pac(`shExpMatch(host, "a${char}.example.com")`));
    expect(diagnostics.map((d) => d.messageId)).toEqual(["liveRegex"]);
  });

  it("accepts * and ? globs", async () => {
    expect(await lintOne(id, pac('shExpMatch(host, "kv*.prod.do.dsp.mp.microsoft.com") || shExpMatch(host, "cp?.example.com")'))).toEqual([]);
  });
});

describe(`${id} for globs`, () => {
  it("suggests *. for a glob without a label boundary", async () => {
    const [diagnostic] = await lintOne(id, pac('shExpMatch(host, "*windowsupdate.com")'));
    expect(diagnostic?.message).toBe('shExpMatch(host, "*windowsupdate.com") also matches "evilwindowsupdate.com"; use "*.windowsupdate.com" (and compare the apex with ==)');
  });
});
