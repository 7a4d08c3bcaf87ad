import { describe, expect, it } from "vitest";
import { lintOne } from "../helpers.js";

const id = "do-content-proxied";

describe(id, { timeout: 60_000 }, () => {
  it("tells what the proxy must do, at info level", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  if (dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";\n  return "PROXY proxy.example.com:8080";\n}\n';
    const [diagnostic, ...rest] = await lintOne(id, code);
    expect(rest).toEqual([]);
    expect(diagnostic?.severity).toBe("info");
    expect(diagnostic?.message).toMatch(
      /goes through "PROXY proxy\.example\.com:8080" when .*: allowed for DO content, but the proxy must not modify or scan the content and must allow HTTP byte-range requests \(KB 3175743\)$/,
    );
  });

  it("says nothing about DO service hosts", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  if (dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "PROXY p:1";\n  return "DIRECT";\n}\n';
    expect(await lintOne(id, code)).toEqual([]);
  });
});
