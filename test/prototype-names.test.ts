import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "../src/analyze/index.js";
import { parseConfig } from "../src/config/config.js";
import { defaultEnvironment } from "../src/evaluate/index.js";
import { fixPac } from "../src/fix/fix.js";
import { lint } from "../src/lint/linter.js";
import { ruleList } from "../src/lint/rules/index.js";
import { resolveUrls } from "../src/resolve/resolve.js";
import { createSourceFile } from "../src/source/source-file.js";
import type { ProfileName } from "../src/evaluate/types.js";

/**
 * Every name a plain object inherits: a lookup keyed by a name from the PAC that forgets this finds
 * `Object.prototype.constructor` (a function) where it expected `undefined`, and crashes or misreads.
 */
const INHERITED = [...Object.getOwnPropertyNames(Object.prototype), "prototype", "length", "name", "call", "apply", "bind", "has", "get"];

/**
 * One PAC that uses `name` in every role a name or string from the user's code can take: a global
 * variable, a function, a parameter, a property, an object key, a receiver of a static-looking call, a
 * string compared with the host, a host pattern, a probe host, a cache key, a regex, a case label.
 */
function pacNaming(name: string): string {
  const s = JSON.stringify(name);
  return [
    "var cache = {};",
    `var ${name} = ["10.0.0.0", "255.0.0.0", "10.20.0.0/16"];`,
    `var table = { ${s}: "PROXY a.example:8080", other: 1 }, keyed = { ${name}: 1 };`,
    "function Filter(text) { this.text = text; }",
    `Filter.prototype.${name} = function (h) { return h == ${s}; };`,
    "var filter = Object.create(Filter.prototype);",
    `function helper_${name.replace(/\W/g, "")}(${name}) { return ${name}; }`,
    `var me = myIpAddress();`,
    "function FindProxyForURL(url, host) {",
    "  if (cache[host]) return cache[host];",
    `  if (host == ${s} || shExpMatch(host, ${JSON.stringify(`${name}.*`)}) || dnsDomainIs(host, ${JSON.stringify(`.${name}.example`)})) return "DIRECT";`,
    `  if (isResolvable(${JSON.stringify(`${name}.corp.example`)}) && isInNet(host, ${name}[0], ${name}[1])) return "DIRECT";`,
    `  if (isInNet(me, "10.20.0.0", "255.255.0.0") && isInNetEx(host, ${name}[2])) return "DIRECT";`,
    `  if (${name}.keys && ${name}.has && ${name}.has(host)) return "DIRECT";`,
    `  if (Object.${name} && typeof Array.${name} == "function" && String.${name} && Date.${name} && Number.${name}) { var x = table.${name}; }`,
    `  if (table[${s}] && table[host] && /${name.replace(/\W/g, "")}/.test(host) && host.${name}) return table[${s}];`,
    `  switch (host) { case ${s}: return "DIRECT"; case "${name}.example": return table.${name} ? "PROXY b.example:80" : "DIRECT"; }`,
    `  if (filter.${name}(host)) return "DIRECT";`,
    '  return cache[host] = "PROXY proxy.example:8080";',
    "}",
    `function FindProxyForURLEx(url, host) { return ${name} && FindProxyForURL(url, host); }`,
    "",
  ].join("\n");
}

const PROFILES: readonly ProfileName[] = ["winhttp", "chromium", "node"];
const SMALL = { timeoutMs: 2000 };

describe("names inherited from Object.prototype", () => {
  it("every rule, the static checks and the analysis, lints a PAC that uses each of them without crashing", async () => {
    for (const name of INHERITED) {
      const source = createSourceFile(pacNaming(name));
      for (const profile of PROFILES) {
        // Every rule on, whatever its default for the profile, so none escapes the check.
        const rules = Object.fromEntries(ruleList.map((rule) => [rule.id, "warning" as const]));
        const result = await lint(source, { profile, rules, limits: SMALL });
        expect(result.diagnostics.filter((d) => d.ruleId === null), `${name} (${profile})`).toEqual([]);
        // The file has ES2015 calls and a FindProxyForURLEx: under winhttp some rule must say so.
        if (profile === "winhttp") expect(result.diagnostics.length, name).toBeGreaterThan(0);
      }
    }
  }, 600_000);

  it("routes, fix and resolve answer for each of them", async () => {
    for (const name of INHERITED) {
      const source = createSourceFile(pacNaming(name));
      const analysis = await analyze(source, { profile: "winhttp", limits: SMALL });
      expect(analysis.loadFailure, name).toBeUndefined();
      expect(analysis.routes.length, name).toBeGreaterThan(0);
      const fixed = await fixPac(source, { limits: SMALL });
      expect(["fixed", "up-to-date", "unfixable"], name).toContain(fixed.status);
      const env = defaultEnvironment();
      const [resolved] = await resolveUrls(source, [`https://${name}.example/`], { profiles: ["winhttp"], environment: env, limits: SMALL });
      expect(resolved?.evaluation.failure, name).toBeUndefined();
      expect(resolved?.evaluation.result, name).toMatch(/DIRECT|PROXY/);
    }
  }, 600_000);

  it("DNS answers for a host named after one reach the PAC, and a host not listed does not resolve", async () => {
    const source = createSourceFile('function FindProxyForURL(url, host) { return isResolvable(host) ? "DIRECT " + dnsResolve(host) : "PROXY p.example:1"; }');
    for (const name of INHERITED) {
      for (const profile of PROFILES) {
        const environment = defaultEnvironment({ dns: new Map([[name, ["10.9.8.7"]]]) });
        const [listed, unlisted] = await resolveUrls(source, [`http://${name}/`, "http://valueOf2/"], { profiles: [profile], environment });
        expect(listed?.evaluation.result, `${name} (${profile})`).toBe("DIRECT 10.9.8.7");
        expect(unlisted?.evaluation.result, `${name} (${profile})`).toBe("PROXY p.example:1");
      }
    }
  }, 120_000);

  it("a config naming one as a rule id or a setting is refused with a message, not accepted or crashed on", () => {
    const known = new Set(ruleList.map((rule) => rule.id));
    fc.assert(
      fc.property(fc.constantFrom(...INHERITED), (name) => {
        expect(() => parseConfig({ rules: { [name]: "off" } }, "cfg", known)).toThrow(/unknown rule/);
        expect(() => parseConfig({ rules: { "max-size": name } }, "cfg", known)).toThrow(/expected off, info, warn or error/);
        expect(() => parseConfig({ profile: name }, "cfg", known)).toThrow(/profile must be one of/);
      }),
    );
  });
});
