import { describe, expect, it } from "vitest";
import { lintOne } from "../helpers.js";

const id = "regex-engine-limits";
const groups = (n: number): string => Array.from({ length: n }, (_, i) => `(a${i})`).join("|");

describe(id, { timeout: 60_000 }, () => {
  it("accepts 254 groups, the most QuickJS compiles", async () => {
    expect(await lintOne(id, `var re = /^${groups(254)}$/;\nfunction FindProxyForURL(url, host) { return re.exec(host) ? "DIRECT" : "PROXY p:1"; }\n`)).toEqual([]);
  });

  it("warns at 255 groups that are only tested, saying what each engine does and that pac-do evaluates them as non-capturing", async () => {
    const [diagnostic] = await lintOne(id, `function FindProxyForURL(url, host) { return /^${groups(255)}$/.test(host) ? "DIRECT" : "PROXY p:1"; }\n`);
    expect(diagnostic?.severity).toBe("warning");
    expect(diagnostic?.message).toBe(
      'This regex has 255 capture groups: QuickJS rejects more than 254 ("SyntaxError: too many captures"), so pac-resolver (the node profile) fails to load the whole PAC; Chromium\'s V8 compiles it; Windows\' JScript is unverified. pac-do evaluates it with non-capturing groups, since the PAC never reads them; write (?:...) to load everywhere',
    );
  });

  it.each([
    ["exec", `var re = /^${groups(300)}$/;\nfunction FindProxyForURL(url, host) {\n  return re.exec(host) ? "DIRECT" : "PROXY p:1";\n}\n`, "re is used other than as re.test(…) (line 3)"],
    ["a backreference", `var re = /^${groups(300)}\\1$/;\nfunction FindProxyForURL(url, host) { return re.test(host) ? "DIRECT" : "PROXY p:1"; }\n`, "the pattern refers back to its own groups"],
    ["RegExp.$1", `var re = /^${groups(300)}$/;\nfunction FindProxyForURL(url, host) {\n  re.test(host);\n  return RegExp.$1 ? "DIRECT" : "PROXY p:1";\n}\n`, "the PAC uses RegExp, through which code pac-do cannot see may read the groups (line 4)"],
    ["a reassigned variable", `var re = /^${groups(300)}$/;\nre = /x/;\nfunction FindProxyForURL(url, host) { return re.test(host) ? "DIRECT" : "PROXY p:1"; }\n`, "re is used other than as re.test(…) (line 2)"],
  ])("errs when the groups may be read (%s), naming why", async (_, code, why) => {
    const [diagnostic] = await lintOne(id, code);
    expect(diagnostic?.severity).toBe("error");
    expect(diagnostic?.message).toContain(`pac-do cannot make the groups non-capturing because ${why}; write (?:...) for groups nobody reads`);
  });
});
