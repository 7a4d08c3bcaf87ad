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

  it.each([
    ["FindProxyForURL = 42;", "a number"],
    ['var FindProxyForURL = "DIRECT";', "a string"],
    ["FindProxyForURL = null;", "null"],
    ["FindProxyForURL = {};", "an object"],
    ["FindProxyForURL += 1;", "a value that is not a function"],
    ["this.FindProxyForURL = void 0;", "undefined"],
  ])("reports an entry point that a later top-level %s leaves a non-function", async (statement, what) => {
    const code = `function FindProxyForURL(url, host) { return "DIRECT"; }\n${statement}\n`;
    const diagnostics = await lintOne(id, code);
    expect(diagnostics.map((d) => [d.start.line, d.severity, d.message])).toEqual([
      [2, "error", `FindProxyForURL ends up as ${what}: this top-level statement runs after every function declaration, so every client calls a non-function and fails`],
    ]);
  });

  it.each([
    ["a function declaration after the assignment (declarations hoist, the assignment still wins)", 'FindProxyForURL = function () { return "DIRECT"; };\nfunction FindProxyForURL() { return "PROXY p:1"; }'],
    ["an assignment that only runs in some cases", 'function FindProxyForURL(url, host) { return "DIRECT"; }\nif (false) FindProxyForURL = 42;'],
    ["an assignment inside a function", 'function FindProxyForURL(url, host) { return "DIRECT"; }\nfunction reset() { FindProxyForURL = 42; }'],
    ["a value that may be a function", 'function FindProxyForURL(url, host) { return "DIRECT"; }\nFindProxyForURL = pick();\nfunction pick() { return function () { return "DIRECT"; }; }'],
  ])("does not report %s", async (_, code) => {
    expect(await lintOne(id, code)).toEqual([]);
  });

  it("warns under winhttp and errs elsewhere when only FindProxyForURLEx exists", async () => {
    const code = 'function FindProxyForURLEx(url, host) { return "DIRECT"; }';
    expect((await lintOne(id, code, "winhttp")).map((d) => d.severity)).toEqual(["warning"]);
    expect((await lintOne(id, code, "chromium")).map((d) => d.severity)).toEqual(["error"]);
  });
});
