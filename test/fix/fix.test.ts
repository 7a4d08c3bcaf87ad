import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { analyze, serviceViolations } from "../../src/analyze/index.js";
import { verdictGaps } from "../../src/analyze/gaps.js";
import { encodeOutput, fixPac, type FixResult } from "../../src/fix/fix.js";
import { bypasses } from "../../src/fix/block.js";
import { applyEdits, insertedRanges, type Edit } from "../../src/fix/edits.js";
import { bypassTargets } from "../../src/fix/targets.js";
import { isDirectFirst } from "../../src/fix/verify.js";
import { createSourceFile, decodeSource, type SourceFile } from "../../src/source/source-file.js";
import { parse } from "../../src/syntax/parse.js";

const ROOT = join(import.meta.dirname, "../..");

function load(path: string): SourceFile {
  const decoded = decodeSource(readFileSync(path), path);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.source;
}

function inputs(folder: string): string[] {
  return readdirSync(join(ROOT, folder))
    .filter((name) => name.endsWith(".pac") && !name.endsWith(".fixed.pac"))
    .map((name) => join(folder, name));
}

/**
 * Fixtures whose answer the general rule below cannot know. regex-and-division keeps a global `/g`
 * RegExp whose `lastIndex` carries over between calls; the block's early returns for DO hosts skip
 * those calls, so later hosts really do route differently, and the proof must refuse to write.
 */
const SPECIAL: Record<string, FixResult["status"]> = {
  "fixtures/pac/regex-and-division.pac": "unverified",
};

/** What the fixer must say, decided without it: the parser, a load failure, lint's own DO check. */
async function expectedStatus(path: string, source: SourceFile): Promise<FixResult["status"]> {
  const special = SPECIAL[path];
  if (special) return special;
  const parsed = parse(source);
  if (!parsed.ok) return "parse-error";
  if (source.text.includes("pac-do:begin")) return "fixed";
  const analysis = await analyze(source, { program: parsed.program });
  if (analysis.loadFailure) return "unfixable";
  // "compliant" needs an analysis that vouches for every environment (see do-verdict-complete).
  const complete = verdictGaps(analysis, parsed.program, source.text, parsed.comments).length === 0;
  return serviceViolations(analysis).length === 0 && complete ? "compliant" : "fixed";
}

/** Fixtures of ours that must have a golden output. */
const GOLDEN_FOLDERS = ["fixtures/fix", "fixtures/hosted"];
const fixable = new Set(
  GOLDEN_FOLDERS.flatMap((folder) =>
    readdirSync(join(ROOT, folder))
      .filter((name) => name.endsWith(".fixed.pac"))
      .map((name) => `${folder}/${name.replace(/\.fixed\.pac$/, ".pac")}`),
  ),
);
const hasGolden = (path: string): boolean => GOLDEN_FOLDERS.some((folder) => path.startsWith(`${folder}/`));

const service = bypassTargets();
if (!service.ok) throw new Error(service.message);

describe("fixPac over fixtures/fix, fixtures/hosted and fixtures/pac", () => {
  // Each case runs up to four route analyses; switch-heavy fixtures take seconds.
  test.each([...inputs("fixtures/fix"), ...inputs("fixtures/hosted"), ...inputs("fixtures/pac")])("%s", { timeout: 120_000 }, async (path) => {
    const source = load(join(ROOT, path));
    expect(fixable.has(path) || !hasGolden(path) || (await expectedStatus(path, source)) !== "fixed").toBe(true);
    const result = await fixPac(source);
    const expected = await expectedStatus(path, source);
    if (expected !== "fixed") {
      expect(result.status).toBe(expected);
      return;
    }
    if (result.status !== "fixed") throw new Error(`${path}: ${result.status} ${JSON.stringify(result.status === "unverified" ? result.problems.slice(0, 3) : result).slice(0, 1200)}`);

    const golden = join(ROOT, path.replace(/\.pac$/, ".fixed.pac"));
    if (hasGolden(path)) expect(Buffer.from(encodeOutput(source, result.output)).equals(readFileSync(golden))).toBe(true);

    // Idempotent: the fixed file needs nothing more.
    const fixed = createSourceFile(result.output, path, source.bom);
    expect((await fixPac(fixed)).status).toBe("up-to-date");
    expect(parse(fixed).ok).toBe(true);

    // Inserting only: removing the inserted text gives back the input (a block update replaces text instead).
    if (!source.text.includes("pac-do:begin")) {
      const removal = insertedRanges(result.edits).map((range): Edit => ({ range, text: "" }));
      expect(applyEdits(result.output, removal)).toBe(source.text);
    }

    // The proof, restated from the outside: every service host DIRECT first, in every class.
    const after = await analyze(fixed);
    for (const route of after.routes.filter((r) => bypasses(service.targets, r.host))) {
      for (const outcome of route.outcomes) expect(isDirectFirst(outcome, after.profile), `${route.host} ${route.entryPoint} ${outcome.witness.label}`).toBe(true);
    }
  });

  // Before do-verdict-complete these PACs, DIRECT for DO in every class tried, were "already compliant".
  test.each(inputs("fixtures/rules/do-verdict-complete").filter((path) => path.includes("/invalid-") && !load(join(ROOT, path)).text.includes("pac-do:begin")))(
    "never calls %s compliant: the analysis cannot vouch for every environment, so the block goes in",
    { timeout: 60_000 },
    async (path) => {
      const source = load(join(ROOT, path));
      const result = await fixPac(source);
      if (result.status !== "fixed") throw new Error(result.status);
      const fixed = createSourceFile(result.output);
      const parsed = parse(fixed);
      if (!parsed.ok) throw new Error("the fixed PAC does not parse");
      const after = await analyze(fixed, { program: parsed.program });
      expect(serviceViolations(after)).toEqual([]);
      expect(verdictGaps(after, parsed.program, fixed.text, parsed.comments)).toEqual([]);
    },
  );

  test("refuses to write a block that a replaced String method with state can turn off after some calls", async () => {
    const text = [
      "var calls = 0;",
      'String.prototype.toLowerCase = function () { calls++; return calls > 100 ? "off" : this.valueOf(); };',
      'function FindProxyForURL(url, host) { return "PROXY proxy.corp.example:8080"; }',
      "",
    ].join("\n");
    const result = await fixPac(createSourceFile(text));
    if (result.status !== "unverified") throw new Error(result.status);
    expect(result.problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/^the global calls is assigned inside a function.* the block cannot vouch for DO service hosts on later calls$/)]);
  });

  test("updates a block with other options in place, and the update is proven too", async () => {
    const source = load(join(ROOT, "fixtures/fix/declaration.fixed.pac"));
    const result = await fixPac(source, { includeContent: true, cacheHosts: ["10.20.0.5"] });
    if (result.status !== "fixed") throw new Error(result.status);
    expect(result.sites).toEqual([{ name: "FindProxyForURL", line: 4, action: "update" }]);
    expect(result.output).toContain(" content cache=10.20.0.5 ");
    const back = await fixPac(createSourceFile(result.output), {});
    expect(back.status === "fixed" && back.output).toBe(source.text);
  });

  test("moves a displaced block back to the top, and proves it", async () => {
    const golden = load(join(ROOT, "fixtures/fix/declaration.fixed.pac")).text;
    const displaced = golden.replace("    // pac-do:begin", '    if (dnsDomainIs(host, ".prod.do.dsp.mp.microsoft.com")) return "PROXY inspect.example:8080";\n    // pac-do:begin');
    const result = await fixPac(createSourceFile(displaced));
    if (result.status !== "fixed") throw new Error(result.status);
    expect(result.sites).toEqual([{ name: "FindProxyForURL", line: 4, action: "move" }]);
    expect(result.output.indexOf("pac-do:begin")).toBeLessThan(result.output.indexOf("inspect.example"));
  });

  test("reports a proof failure with host, environment and before/after instead of returning output to write", async () => {
    const source = createSourceFile('function FindProxyForURL(url, host) {\n  if (String(FindProxyForURL).length > 200) return "PROXY changed.example:1";\n  return "PROXY p.example:8080";\n}\n');
    const result = await fixPac(source);
    expect(result.status).toBe("unverified");
    if (result.status === "unverified") {
      expect(result.problems[0]?.message).toMatch(/^\S+ \(FindProxyForURL\) changed when .+: before "PROXY p\.example:8080" \(line 3\), after "PROXY changed\.example:1" \(line \d+\)$/);
    }
  });

  test("injects into the wrapper clients call, not the original whose DIRECT the wrapper strips (proven under chromium)", async () => {
    const text = [
      "function FindProxyForURL(url, host) {",
      '  return "PROXY p.example:8080; DIRECT";',
      "}",
      "(function (global) {",
      "  const original = FindProxyForURL;",
      '  global.FindProxyForURL = function (url, host) { return original(url, host).replace(/DIRECT/g, ""); };',
      "})(this);",
      "",
    ].join("\n");
    const result = await fixPac(createSourceFile(text), { profile: "chromium" });
    if (result.status !== "fixed") throw new Error(result.status);
    expect(result.sites).toEqual([{ name: "FindProxyForURL", line: 6, action: "insert" }]);
    expect(result.output.indexOf("pac-do:begin")).toBeGreaterThan(result.output.indexOf("global.FindProxyForURL"));
  });

  test("parse errors come back as data with positions, and nothing else happens", async () => {
    const result = await fixPac(load(join(ROOT, "fixtures/fix/parse-error.pac")));
    expect(result.status === "parse-error" && result.errors[0]?.start.line).toBe(2);
  });

  test("refuses an invalid cache host without touching the file", async () => {
    const result = await fixPac(load(join(ROOT, "fixtures/fix/declaration.pac")), { cacheHosts: ["not a host"] });
    expect(result).toEqual({ status: "unfixable", problems: ['--cache-host "not a host": not a host name or IP address'] });
  });
});
