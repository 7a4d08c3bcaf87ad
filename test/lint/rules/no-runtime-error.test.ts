import { describe, expect, it } from "vitest";
import { lintOne } from "../helpers.js";

const id = "no-runtime-error";

describe(id, { timeout: 60_000 }, () => {
  it("reports an undefined helper once, statically, without repeating its ReferenceError", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  if (isInternal(host) || isInternal(url)) return "DIRECT";\n  return "PROXY p:1";\n}\n';
    const diagnostics = await lintOne(id, code);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "isInternal() is not defined anywhere in this file, and the winhttp client does not provide it; calling it throws a ReferenceError",
    ]);
  });

  it("knows which helpers each profile provides", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  if (getClientVersion() == "1.0") return "DIRECT";\n  return "PROXY p:1";\n}\n';
    expect((await lintOne(id, code, "winhttp")).map((d) => d.messageId)).toEqual(["exHelperOutsideEx"]);
    expect((await lintOne(id, code, "chromium")).map((d) => d.messageId)).toContain("undefinedHelper");
  });

  it("reports a TypeError with the host and the environment", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  var m = host.match(/^geo\\./);\n  if (m[0]) return "DIRECT";\n  return "PROXY p:1";\n}\n';
    const [diagnostic] = await lintOne(id, code);
    expect(diagnostic?.message).toMatch(/^FindProxyForURL fails for \S+ \(and \d+ more hosts\) when .+: .*TypeError/);
  });

  it("reports a script that throws while loading", async () => {
    const [diagnostic] = await lintOne(id, 'throw new Error("boom");\nfunction FindProxyForURL(url, host) { return "DIRECT"; }\n');
    expect(diagnostic?.messageId).toBe("loadFailure");
    expect(diagnostic?.message).toContain("boom");
  });

  it("reports an endless loop as a timeout", async () => {
    const [diagnostic] = await lintOne(id, 'function FindProxyForURL(url, host) {\n  while (host == "geo.prod.do.dsp.mp.microsoft.com") {}\n  return "DIRECT";\n}\n');
    expect(diagnostic?.message).toMatch(/^FindProxyForURL fails for geo\.prod\.do\.dsp\.mp\.microsoft\.com when .*time/);
  });
});

describe(`${id} and the IPv6 helpers`, { timeout: 60_000 }, () => {
  it("warns under winhttp when FindProxyForURL calls a helper Microsoft documents for FindProxyForURLEx only", async () => {
    const code = 'function FindProxyForURL(url, host) {\n  if (isInNetEx(host, "fd00::/8")) return "DIRECT";\n  return "PROXY p:1";\n}\nfunction FindProxyForURLEx(url, host) {\n  if (isInNetEx(host, "fd00::/8")) return "DIRECT";\n  return "PROXY p:1";\n}\n';
    const diagnostics = (await lintOne(id, code)).filter((d) => d.messageId === "exHelperOutsideEx");
    expect(diagnostics.map((d) => [d.severity, d.start.line, d.start.column])).toEqual([["warning", 2, 7]]);
    expect((await lintOne(id, code, "chromium")).filter((d) => d.messageId === "exHelperOutsideEx")).toEqual([]);
  });
});
