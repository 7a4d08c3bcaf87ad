import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config/config.js";
import { defaultEnvironment } from "../src/evaluate/index.js";
import { lint } from "../src/lint/linter.js";
import { ruleList } from "../src/lint/rules/index.js";
import { resolveUrls } from "../src/resolve/resolve.js";
import { createSourceFile } from "../src/source/source-file.js";
import { INHERITED, pacNaming, PROFILES, SMALL } from "./helpers/prototype-names.js";

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
