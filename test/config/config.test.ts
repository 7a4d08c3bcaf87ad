import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseConfig, parseRuleOption } from "../../src/config/config.js";
import { memoryIo } from "../helpers/memory-io.js";

const known = new Set(["do-service-direct", "max-size"]);

describe("config", () => {
  it("prefers pac-do.config.json over package.json", async () => {
    const loaded = await loadConfig(
      memoryIo({ files: { "pac-do.config.json": '{ "profile": "node" }', "package.json": '{ "pac-do": { "profile": "chromium" } }' } }),
      known,
    );
    expect(loaded).toEqual({ config: { profile: "node", rules: {} }, path: "pac-do.config.json" });
  });

  it("reads the pac-do key of package.json and ignores a package.json without it", async () => {
    expect((await loadConfig(memoryIo({ files: { "package.json": '{ "pac-do": { "rules": { "max-size": "warn" } } }' } }), known)).config).toEqual({
      rules: { "max-size": "warning" },
    });
    expect(await loadConfig(memoryIo({ files: { "package.json": '{ "name": "x" }' } }), known)).toEqual({ config: { rules: {} }, path: undefined });
  });

  it("explains what is wrong in one line", () => {
    const cases: [unknown, string][] = [
      [[], "x: expected an object"],
      [{ rule: {} }, 'x: unknown key "rule" (expected "profile" or "rules")'],
      [{ rules: { "max-size": 2 } }, 'x: rule "max-size": expected off, info, warn or error, not 2'],
      [{ rules: { "no-such-rule": "off" } }, 'x: unknown rule "no-such-rule"'],
    ];
    for (const [value, message] of cases) expect(() => parseConfig(value, "x", known)).toThrow(message);
  });

  it("reports invalid JSON with the file name", async () => {
    await expect(loadConfig(memoryIo({ files: { "pac-do.config.json": "{ profile: node }" } }), known)).rejects.toThrow(ConfigError);
    await expect(loadConfig(memoryIo({ files: { "pac-do.config.json": "{ profile: node }" } }), known)).rejects.toThrow(/^pac-do.config.json: invalid JSON/);
  });

  it("parses --rule id=level", () => {
    expect(parseRuleOption("max-size=warn", known)).toEqual(["max-size", "warning"]);
    expect(parseRuleOption(" do-service-direct = off ", known)).toEqual(["do-service-direct", "off"]);
    expect(() => parseRuleOption("max-size", known)).toThrow("--rule max-size: expected id=off|info|warn|error");
  });
});
