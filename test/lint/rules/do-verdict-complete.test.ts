import { describe, expect, it } from "vitest";
import { lint } from "../../../src/lint/linter.js";
import { createSourceFile } from "../../../src/source/source-file.js";
import { lintOne } from "../helpers.js";

const id = "do-verdict-complete";

const pac = (...body: string[]): string => `function FindProxyForURL(url, host) {\n${body.map((line) => `  ${line}`).join("\n")}\n}\n`;
const BYPASS = 'if (dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";';
const BLOCK = [
  "// pac-do:begin v1 catalogue=5cdf8675 (written by pac-do fix; edits inside are replaced)",
  'if (/(^|\\.)do\\.dsp\\.mp\\.microsoft\\.com\\.?$/.test(String(host).toLowerCase())) return "DIRECT";',
  "// pac-do:end",
];

describe(id, { timeout: 60_000 }, () => {
  it("reports a DO route that reads Date, at the first Date", async () => {
    const [diagnostic, ...rest] = await lintOne(id, pac("if (new Date().getFullYear() >= 2027) return \"PROXY p.example.com:8080\";", 'return "DIRECT";'));
    expect(rest).toEqual([]);
    expect(diagnostic?.start).toEqual({ line: 2, column: 11 });
    expect(diagnostic?.message).toMatch(/reads the clock through Date, .*DO service hosts are shown DIRECT first only in the environments the analysis tried/);
  });

  it("reports state, the URL path and a JScript difference before a hand-written bypass, one finding each", async () => {
    const code = `var seen = 0;\n${pac("seen++;", 'if (url.indexOf("/geo") > 0 || typeof [].map == "undefined") return "PROXY p.example.com:8080";', BYPASS, 'return "PROXY p.example.com:8080";')}`;
    const messages = (await lintOne(id, code)).map((d) => `${d.start.line}:${d.start.column} ${d.message.slice(0, 40)}`);
    expect(messages).toEqual(["3:3 the global seen is assigned inside a fun", "4:7 the PAC reads the URL beyond its scheme ", '4:44 "map" exists in the sandbox (QuickJS, ES']);
  });

  it("accepts the same PAC when pac-do's block decides every DO service host", async () => {
    const code = `var seen = 0;\n${pac(...BLOCK, "seen++;", 'if (url.indexOf("/geo") > 0 || typeof [].map == "undefined") return "PROXY p.example.com:8080";', 'return "DIRECT";')}`;
    expect(await lintOne(id, code)).toEqual([]);
  });

  it("trusts only the block pac-do writes: hand-written markers around a counter exempt nothing", async () => {
    const inside = 'if (seen < 5000 && dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";';
    const fake = `var seen = 0;\n${pac(BLOCK[0] ?? "", inside, BLOCK[2] ?? "", "seen++;", 'return "PROXY p.example.com:8080";')}`;
    const [state, ...rest] = await lintOne(id, fake);
    expect(rest).toEqual([]);
    expect(state?.message).toMatch(/^the global seen is assigned inside a function/);
    // The same markers around the block's own statement: decided by the block, nothing to say.
    const real = `var seen = 0;\n${pac(...BLOCK, "seen++;", 'return "PROXY p.example.com:8080";')}`;
    expect(await lintOne(id, real)).toEqual([]);
  });

  it("leaves JScript differences to the winhttp profile", async () => {
    const code = pac('if (typeof "".trim == "function") return "DIRECT";', 'return "PROXY p.example.com:8080";');
    expect(await lintOne(id, code, "chromium")).toEqual([]);
    expect((await lintOne(id, code, "winhttp")).length).toBe(1);
  });

  it("counts a g regex as state when test or exec reads its lastIndex, not when replace, match, split or search does", async () => {
    const code = (use: string): string => `var clean = function (h) { return ${use}; };\n${pac(`if (clean(host)) return "PROXY p.example.com:8080";`, 'return "DIRECT";')}`;
    expect(await lintOne(id, code('h.replace(/x/g, "") == "y" || h.match(/z/g) || h.split(/q/g).length > 3 || h.search(/w/g) > 0'))).toEqual([]);
    const [stateful] = await lintOne(id, code("/x/g.test(h)"));
    expect(stateful?.message).toMatch(/^\/x\/g keeps its lastIndex between calls/);
  });

  it("reports a verdict drawn from a sample of the classes: a chain of client subnets that proxies DO for one of them", async () => {
    // lint's budget covers 250 of the 1,502 classes of such a chain of 1,500 rules (the real case); 40 rules and a budget of 300 evaluations show the same.
    const rules = Array.from({ length: 40 }, (_, i) =>
      i === 37 ? `if (isInNet(me, "10.0.${i}.0", "255.255.255.0")) return "PROXY branch.example.com:8080";` : `if (isInNet(me, "10.0.${i}.0", "255.255.255.0")) return "DIRECT";`,
    );
    const code = pac("var me = myIpAddress();", ...rules, 'return "DIRECT";');
    const source = createSourceFile(code, "chain.pac");
    const sampled = await lint(source, { rules: { "do-verdict-complete": "warning", "do-service-direct": "error" }, budget: { evaluations: 300 } });
    expect(sampled.diagnostics.filter((d) => d.ruleId === "do-service-direct")).toEqual([]);
    const [gap, ...rest] = sampled.diagnostics.filter((d) => d.ruleId === id);
    expect(rest).toEqual([]);
    expect(gap?.start).toEqual({ line: 1, column: 10 });
    expect(gap?.message).toMatch(/^the PAC tells 42 environment classes apart and the analysis evaluated \d+ of them \(the analysis budget ran out\): DO service hosts are shown DIRECT first only/);
    // With the whole budget every class is evaluated: the violation shows, and nothing is left to say.
    const whole = await lint(source, { rules: { "do-verdict-complete": "warning", "do-service-direct": "error" } });
    expect(whole.diagnostics.map((d) => d.ruleId)).toContain("do-service-direct");
    expect(whole.diagnostics.filter((d) => d.ruleId === id)).toEqual([]);
  });

  it("accepts scheme tests on the URL", async () => {
    const code = pac('if (url.substring(0, 5) == "http:" || shExpMatch(url, "ftp:*") || /^https?:/.test(url)) return "PROXY p.example.com:8080";', 'return "DIRECT";');
    expect(await lintOne(id, code)).toEqual([]);
  });
});
