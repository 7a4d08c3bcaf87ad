import { describe, expect, it } from "vitest";
import { lintOne } from "../helpers.js";

const id = "entry-point-defined";

describe(id, { timeout: 60_000 }, () => {
  it.each([
    ['function FindProxyForURL(url, host) { return "DIRECT"; }'],
    ['var FindProxyForURL = function (url, host) { return "DIRECT"; };'],
    ['FindProxyForURL = function (url, host) { return "DIRECT"; };'],
    ['this.FindProxyForURL = function (url, host) { return "DIRECT"; };'],
    ['this["FindProxyForURL"] = function (url, host) { return "DIRECT"; };'],
  ])("accepts %s", async (code) => {
    expect(await lintOne(id, code)).toEqual([]);
  });

  it("reports a file without FindProxyForURL at its start", async () => {
    const [diagnostic] = await lintOne(id, 'function findProxyForURL(url, host) { return "DIRECT"; }');
    expect(diagnostic?.start).toEqual({ line: 1, column: 1 });
    expect(diagnostic?.message).toBe("No FindProxyForURL function is defined; every client fails to use this PAC");
  });

  it("warns under winhttp and errs elsewhere when only FindProxyForURLEx exists", async () => {
    const code = 'function FindProxyForURLEx(url, host) { return "DIRECT"; }';
    expect((await lintOne(id, code, "winhttp")).map((d) => d.severity)).toEqual(["warning"]);
    expect((await lintOne(id, code, "chromium")).map((d) => d.severity)).toEqual(["error"]);
  });
});
