import { describe, expect, it } from "vitest";
import { run } from "../../src/cli.js";
import { memoryIo, type MemoryIo } from "../helpers/memory-io.js";

const CLEAN = [
  "function FindProxyForURL(url, host) {",
  '  if (dnsDomainIs(host, ".corp.example.com")) return "PROXY intranet.example.com:8080";',
  '  return "DIRECT";',
  "}",
  "",
].join("\n");

const BROKEN = 'function FindProxyForURL(url, host) {\n  return "DIRECT"\n  if (\n}\n';

const PROXIED = 'function FindProxyForURL(url, host) {\n  return "proxy p.example.com:8080";\n}\n';

async function lintJson(files: Record<string, string | Uint8Array>, args: string[]): Promise<{ code: number; json: unknown; io: MemoryIo }> {
  const io = memoryIo({ files });
  const code = await run(["lint", "--format", "json", ...args], io);
  return { code, json: JSON.parse(io.out || "null"), io };
}

describe("pac-do lint", { timeout: 60_000 }, () => {
  it("exits 0 and prints nothing in stylish format for a clean file", async () => {
    const io = memoryIo({ files: { "clean.pac": CLEAN } });
    expect(await run(["lint", "clean.pac"], io)).toBe(0);
    expect(io.out).toBe("");
    expect(io.err).toBe("");
  });

  it("reports a parse error with ruleId null and line:col in JSON, exit 1", async () => {
    const { code, json } = await lintJson({ "broken.pac": BROKEN }, ["broken.pac"]);
    expect(code).toBe(1);
    expect(json).toMatchObject([{ filePath: "broken.pac", errorCount: 1, warningCount: 0, infoCount: 0 }]);
    expect(json).toMatchObject([{ diagnostics: [{ ruleId: null, severity: "error", line: 4, column: 1, fixable: false }] }]);
  });

  it("gives every diagnostic the documented JSON fields", async () => {
    const { json } = await lintJson({ "p.pac": PROXIED }, ["p.pac"]);
    const [file] = json as { diagnostics: Record<string, unknown>[] }[];
    for (const diagnostic of file?.diagnostics ?? []) {
      expect(Object.keys(diagnostic).sort()).toEqual(["column", "endColumn", "endLine", "fixable", "line", "message", "ruleId", "severity"]);
    }
    expect(file?.diagnostics).toContainEqual(
      expect.objectContaining({ ruleId: "do-service-direct", severity: "error", line: 2, column: 3, endLine: 2, endColumn: 37, fixable: true }),
    );
  });

  it("exits 2 with one line on stderr for a missing, a binary and an invalid UTF-8 file, and still lints the rest", async () => {
    const { code, io, json } = await lintJson(
      { "clean.pac": CLEAN, "bin.pac": new Uint8Array([0x66, 0x00, 0x01]), "latin1.pac": new Uint8Array([0x2f, 0x2f, 0xfc, 0x0a]) },
      ["missing.pac", "bin.pac", "latin1.pac", "clean.pac"],
    );
    expect(code).toBe(2);
    expect(io.err.trim().split("\n")).toEqual([
      "pac-do: missing.pac: no such file",
      "pac-do: bin.pac: binary file (NUL byte at offset 1), not a PAC script",
      "pac-do: latin1.pac: invalid UTF-8 at byte offset 2",
    ]);
    expect(json).toMatchObject([{ filePath: "clean.pac", errorCount: 0 }]);
  });

  it("prints stylish rows, a code frame for errors and a summary, without colour unless asked", async () => {
    const io = memoryIo({ files: { "p.pac": PROXIED } });
    expect(await run(["lint", "p.pac", "--rule", "do-content-proxied=off"], io)).toBe(1);
    expect(io.out).toContain("\np.pac\n");
    expect(io.out).toMatch(/^ {2}2:3 {3}error {4}geo\.prod\.do\.dsp\.mp\.microsoft\.com .* {2}do-service-direct$/m);
    expect(io.out).toMatch(/^ {2}2:10 {2}warning {2}"proxy p\.example\.com:8080": write the keyword .* {2}valid-return-string$/m);
    expect(io.out).toContain(`    2 |   return "proxy p.example.com:8080";\n          ${"^".repeat(34)}\n`);
    expect(io.out).toMatch(/✖ \d+ problems \(\d+ errors?, 1 warning, 0 info\)/);
    expect(io.out).not.toContain("\u001b[");

    const colored = memoryIo({ files: { "p.pac": PROXIED }, color: true });
    await run(["lint", "p.pac"], colored);
    expect(colored.out).toContain("\u001b[31merror");
  });

  it("writes SARIF 2.1.0 that code scanning accepts, with parse-error as a rule", async () => {
    const io = memoryIo({ files: { "pac/broken.pac": BROKEN, "pac/p.pac": PROXIED } });
    expect(await run(["lint", "--format", "sarif", "pac/broken.pac", "pac/p.pac"], io)).toBe(1);
    const sarif = JSON.parse(io.out);
    expect(sarif.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(sarif.version).toBe("2.1.0");
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.name).toBe("pac-do");
    // package.json names no homepage: the tool's information is the README installed with it (SARIF2005 asks for one).
    expect(run0.tool.driver.informationUri).toBe(new URL("../../README.md", import.meta.url).href);
    const ruleIds = run0.tool.driver.rules.map((rule: { id: string }) => rule.id);
    expect(ruleIds).toContain("parse-error");
    expect(ruleIds).toContain("do-service-direct");
    for (const rule of run0.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
      expect(rule).not.toHaveProperty("helpUri");
      expect(rule.fullDescription.text.length).toBeGreaterThan(10);
      expect(rule.help.text.length).toBeGreaterThan(rule.shortDescription.text.length);
      expect(["error", "warning", "note", "none"]).toContain(rule.defaultConfiguration.level);
    }
    const parseError = run0.results.find((r: { ruleId: string }) => r.ruleId === "parse-error");
    expect(parseError).toMatchObject({
      level: "error",
      locations: [{ physicalLocation: { artifactLocation: { uri: "pac/broken.pac" }, region: { startLine: 4, startColumn: 1 } } }],
    });
    expect(run0.results.map((r: { level: string }) => r.level)).toContain("warning");
    for (const result of run0.results) expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
  });

  it("applies --rule settings and rejects unknown rules and levels with exit 2", async () => {
    const { code, json } = await lintJson({ "p.pac": PROXIED }, ["p.pac", "--rule", "do-service-direct=warn", "--rule", "valid-return-string=off"]);
    expect(code).toBe(0);
    expect(json).toMatchObject([{ errorCount: 0 }]);
    const unknown = memoryIo({ files: { "p.pac": PROXIED } });
    expect(await run(["lint", "p.pac", "--rule", "do-service-directs=off"], unknown)).toBe(2);
    expect(unknown.err).toBe('pac-do: --rule: unknown rule "do-service-directs" (did you mean "do-service-direct"?)\n');
    const level = memoryIo({ files: { "p.pac": PROXIED } });
    expect(await run(["lint", "p.pac", "--rule", "max-size=loud"], level)).toBe(2);
    expect(level.err).toBe('pac-do: --rule max-size=loud: expected off, info, warn or error, not "loud"\n');
  });

  it("exits 1 when warnings exceed --max-warnings", async () => {
    const warnOnly = 'function FindProxyForURL(url, host) {\n  return "direct";\n}\n';
    expect((await lintJson({ "w.pac": warnOnly }, ["w.pac"])).code).toBe(0);
    expect((await lintJson({ "w.pac": warnOnly }, ["w.pac", "--max-warnings", "1"])).code).toBe(0);
    expect((await lintJson({ "w.pac": warnOnly }, ["w.pac", "--max-warnings", "0"])).code).toBe(1);
    expect((await lintJson({ "w.pac": warnOnly }, ["w.pac", "--max-warnings", "-1"])).code).toBe(2);
  });

  it("reads pac-do.config.json, then package.json, and --config", async () => {
    const es6 = 'function FindProxyForURL(url, host) {\n  const h = host;\n  return "DIRECT";\n}\n';
    expect((await lintJson({ "a.pac": es6 }, ["a.pac"])).code).toBe(1);
    expect((await lintJson({ "a.pac": es6, "pac-do.config.json": '{ "profile": "chromium" }' }, ["a.pac"])).code).toBe(0);
    expect((await lintJson({ "a.pac": es6, "package.json": '{ "name": "x", "pac-do": { "profile": "node" } }' }, ["a.pac"])).code).toBe(0);
    expect((await lintJson({ "a.pac": es6, "ci.json": '{ "profile": "chromium", "rules": { "jscript-compatible": "warn" } }' }, ["a.pac", "--config", "ci.json"])).code).toBe(0);
    const missing = memoryIo({ files: { "a.pac": es6 } });
    expect(await run(["lint", "a.pac", "--config", "nope.json"], missing)).toBe(2);
    expect(missing.err).toBe("pac-do: nope.json: no such config file\n");
    const bad = memoryIo({ files: { "a.pac": es6, "pac-do.config.json": '{ "profile": "ie6" }' } });
    expect(await run(["lint", "a.pac"], bad)).toBe(2);
    expect(bad.err).toBe('pac-do: pac-do.config.json: profile must be one of winhttp, chromium, node, not "ie6"\n');
  });

  it("lets --profile override the config file", async () => {
    const es6 = 'function FindProxyForURL(url, host) {\n  const h = host;\n  return "DIRECT";\n}\n';
    expect((await lintJson({ "a.pac": es6, "pac-do.config.json": '{ "profile": "chromium" }' }, ["a.pac", "--profile", "winhttp"])).code).toBe(1);
  });

  it("honours inline disables", async () => {
    const code = [
      "function FindProxyForURL(url, host) {",
      "  // pac-do-disable-next-line valid-return-string -- the proxy team wants it this way",
      '  if (isPlainHostName(host)) return "direct";',
      '  return "PROXY p.example.com:8080"; /* pac-do-disable-line */',
      "}",
      "",
    ].join("\n");
    const { code: exit, json } = await lintJson({ "a.pac": code }, ["a.pac"]);
    expect(json).toMatchObject([{ errorCount: 0, warningCount: 0 }]);
    expect(exit).toBe(0);
  });

  it("skips the route checks with --no-analysis and says so", async () => {
    const { code, json, io } = await lintJson({ "p.pac": PROXIED }, ["p.pac", "--no-analysis"]);
    expect(code).toBe(0);
    expect(json).toMatchObject([{ errorCount: 0, warningCount: 1 }]);
    expect(io.err).toMatch(/^pac-do: --no-analysis: route checks skipped \(.*do-service-direct.*\); DO routing is not verified\n$/);
  });

  it("exits 2 on bad usage", async () => {
    expect(await run(["lint"], memoryIo())).toBe(2);
    expect(await run(["lint", "--format", "xml", "a.pac"], memoryIo())).toBe(2);
    expect(await run(["lint", "--timeout", "soon", "a.pac"], memoryIo())).toBe(2);
  });
});
