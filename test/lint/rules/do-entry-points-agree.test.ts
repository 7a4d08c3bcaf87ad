import { describe, expect, it } from "vitest";
import { lintOne } from "../helpers.js";

const id = "do-entry-points-agree";

const both = (legacy: string, ex: string): string =>
  `function FindProxyForURL(url, host) {\n${legacy}\n}\nfunction FindProxyForURLEx(url, host) {\n${ex}\n}\n`;

describe(id, { timeout: 60_000 }, () => {
  it("reports the Ex return that differs, with the legacy line and the environment", async () => {
    const code = both('  if (dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";\n  return "PROXY p.example.com:8080";', '  return "PROXY p.example.com:8080";');
    const [diagnostic, ...rest] = await lintOne(id, code);
    expect(rest).toEqual([]);
    expect(diagnostic?.start).toEqual({ line: 6, column: 3 });
    expect(diagnostic?.message).toMatch(/^FindProxyForURLEx routes \S+ \(and \d+ more DO hosts\) "PROXY p\.example\.com:8080" but FindProxyForURL routes it "DIRECT" \(line 2\) when /);
  });

  it("accepts entry points that agree on DO hosts and differ elsewhere", async () => {
    const bypass = '  if (dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";';
    const code = both(`${bypass}\n  return "PROXY a.example.com:8080";`, `${bypass}\n  if (isPlainHostName(host)) return "DIRECT";\n  return "PROXY a.example.com:8080";`);
    expect(await lintOne(id, code)).toEqual([]);
  });

  it("says nothing when only one entry point is defined", async () => {
    expect(await lintOne(id, 'function FindProxyForURL(url, host) { return "PROXY p.example.com:8080"; }')).toEqual([]);
  });
});
