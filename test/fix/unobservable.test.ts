import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { fixPac } from "../../src/fix/fix.js";
import { planFix } from "../../src/fix/plan.js";
import { bypassTargets } from "../../src/fix/targets.js";
import { blockObservability } from "../../src/fix/unobservable.js";
import { ENTRY_POINTS } from "../../src/pac/entry-points.js";
import { createSourceFile, decodeSource } from "../../src/source/source-file.js";
import { parse } from "../../src/syntax/parse.js";
import { addressTablePac, branchHeavyPac, domainListPac } from "../helpers/real-pacs.js";

const ROOT = join(import.meta.dirname, "../..");
const chosen = bypassTargets();
if (!chosen.ok) throw new Error(chosen.message);
const targets = chosen.targets;

function check(text: string): ReturnType<typeof blockObservability> {
  const source = createSourceFile(text);
  const parsed = parse(source);
  if (!parsed.ok) throw new Error("does not parse");
  const plan = planFix(parsed, targets);
  if (!plan.ok) throw new Error(plan.problems.join("; "));
  return blockObservability(parsed.program, plan.sites.map(({ site }) => site.body), ENTRY_POINTS);
}

const entry = (body: string, before = ""): string => `${before}\nfunction FindProxyForURL(url, host) {\n${body}\n  return "PROXY p.example:8080";\n}\n`;

describe("blockObservability", () => {
  test("a rule list of helpers, string methods, locals and top-level data cannot see the block", () => {
    const text = entry(
      [
        "  var h = host.toLowerCase(), i;",
        '  if (isPlainHostName(h) || dnsDomainIs(h, ".corp.example")) return "DIRECT";',
        "  for (i = 0; i < SITES.length; i++) if (shExpMatch(h, SITES[i])) return pick(i);",
        '  if (isInNet(myIpAddress(), "10.0.0.0", "255.0.0.0") && timeRange(8, 18)) return PROXIES[h.split(".")[0]] || "DIRECT";',
        '  switch (url.substring(0, 5)) { case "https": return "PROXY s.example:443"; default: break; }',
      ].join("\n"),
      'var SITES = ["*.a.example", "*.b.example"];\nvar PROXIES = { www: "PROXY w.example:80" };\nfunction pick(i) { var n = i % 2; return n ? "PROXY a:1" : "PROXY b:1"; }',
    );
    expect(check(text)).toEqual({ unobservable: true });
  });

  test("a domain table read with Object.prototype.hasOwnProperty.call cannot see the block", () => {
    expect(check(entry('  if (Object.prototype.hasOwnProperty.call(TABLE, host)) return "DIRECT";', 'var TABLE = { "a.example": 1 };'))).toEqual({ unobservable: true });
    expect(check(entry('  if (Object.prototype.hasOwnProperty.call(TABLE, host)) return "DIRECT";', 'var TABLE = {};\nvar Object = { prototype: {} };')).unobservable).toBe(false);
  });

  test("FindProxyForURLEx calling FindProxyForURL is a call, not a read of its text", () => {
    expect(check(`${entry("")}function FindProxyForURLEx(url, host) { return FindProxyForURL(url, host); }\n`)).toEqual({ unobservable: true });
  });

  // Each of these lets a PAC see the block or keep state between calls; the proof then takes the long way.
  test.each([
    ["its own text", entry('  if (FindProxyForURL.toString().length > 200) return "DIRECT";')],
    ["its own text by conversion", entry('  if (("" + FindProxyForURL).length > 200) return "DIRECT";')],
    ["its text through a variable", `var keep = FindProxyForURL;${entry("")}`],
    ["arguments.callee", entry('  if (String(arguments.callee).length > 200) return "DIRECT";')],
    ["an error's stack (line numbers)", entry('  try { null.x(); } catch (e) { if (e.stack.indexOf(":9") > 0) return "DIRECT"; }')],
    ["an error's stack by a computed name", entry('  var e = new Error("x");\n  if (String(e[K]).indexOf(":4:") > 0) return "DIRECT";', 'var K = "st" + "ack";')],
    ["a caught error's stack by a computed name", entry('  try { null.x; } catch (e) { if (String(e[K]).indexOf(":4:") > 0) return "DIRECT"; }', 'var K = "st" + "ack";')],
    ["the global object", entry('  if (this.count) return "DIRECT";')],
    ["code from a string", entry('  if (eval("1")) return "DIRECT";')],
    ["a global counter", entry("  calls++;", "var calls = 0;")],
    ["a global assigned in a helper", `var last;\nfunction remember(h) { last = h; return h; }${entry("  remember(host);")}`],
    ["a property written", entry("  CACHE.last = host;", "var CACHE = {};")],
    ["a mutating method", entry("  SEEN.push(host);", "var SEEN = [];")],
    ["a global RegExp with g", entry('  if (RE.test(host)) return "DIRECT";', "var RE = /corp/g;")],
    ["a RegExp built with g", entry('  if (new RegExp("corp", flags).test(host)) return "DIRECT";', 'var flags = "g";')],
    ["String rebound", entry("", "var String = function (x) { return x; };")],
    ["String.prototype patched", entry("", 'String.prototype.toLowerCase = function () { return "x"; };')],
    ["a computed method call", entry('  if (host[m]()) return "DIRECT";', 'var m = "toString";')],
    ["a method name holding another value", entry('  if (o.test(host)) return "DIRECT";', "var o = { test: Math.random };")],
    ["a conversion bound to another value", entry('  if ("" + o) return "DIRECT";', "var o = { toString: Math.random };")],
    ["a computed key", entry('  if (o.test(host)) return "DIRECT";', 'var k = "test", o = { [k]: Math.random };')],
    ["Math.random passed as a replacer", entry('  if (host.replace(/./, Math.random) === host) return "DIRECT";')],
    ["Math.random by a computed name", entry('  if (host.replace(/./, Math[k]) === host) return "DIRECT";', 'var k = "ran" + "dom";')],
    ["Math held in a variable", entry('  if (host.replace(/./, M[k]) === host) return "DIRECT";', 'var M = Math, k = "random";')],
    ["Math.random", entry('  if (Math.random() < 0.5) return "DIRECT";')],
    ["delete", entry("  delete TABLE.x;", "var TABLE = { x: 1 };")],
    ["a call through a variable", entry("  f(host);", "var f = dnsDomainIs;")],
  ])("sees %s", (_label, text) => {
    expect(check(text).unobservable).toBe(false);
  });
});

function fixtures(folder: string): string[] {
  return readdirSync(join(ROOT, folder))
    .filter((name) => name.endsWith(".pac") && !name.endsWith(".fixed.pac"))
    .map((name) => join(folder, name));
}

describe("the proof's short way gives the full proof's verdict", () => {
  // Both ways on every fixture fix has a golden output for, and on PACs that read the client, DNS and clock.
  test.each([...fixtures("fixtures/fix"), "fixtures/pac/enterprise-typical.pac", "fixtures/analyze/office-subnet-bypass.pac"])(
    "%s",
    { timeout: 60_000 },
    async (path) => {
      const decoded = decodeSource(readFileSync(join(ROOT, path)), path);
      if (!decoded.ok) throw new Error(decoded.message);
      const short = await fixPac(decoded.source);
      const full = await fixPac(decoded.source, { fullProof: true });
      expect(short).toEqual(full);
    },
  );

  // Generated shapes from the realistic corpus, small: a domain table, a rule chain, an address table.
  test.each([
    ["a domain table", domainListPac(8000)],
    ["a rule chain", branchHeavyPac(20)],
    ["an address table", addressTablePac(12)],
  ])("%s", { timeout: 60_000 }, async (_label, text) => {
    const source = createSourceFile(text);
    expect(check(text)).toEqual({ unobservable: true });
    expect(await fixPac(source)).toEqual(await fixPac(source, { fullProof: true }));
  });

  test("a PAC that reads its own text is still caught: the check sends it the long way", async () => {
    const source = createSourceFile(entry('  if (String(FindProxyForURL).length > 200) return "PROXY changed.example:1";'));
    const result = await fixPac(source);
    expect(result.status).toBe("unverified");
  });

  test("a PAC that reads an error's stack by a computed name is caught: the block shifts its line numbers", async () => {
    const body = '  var s = String(new Error("x")[K]);\n  if (s.indexOf(":3:") > 0) return "PROXY p.example:8080";\n  return "DIRECT";';
    const source = createSourceFile(`var K = "st" + "ack";\nfunction FindProxyForURL(url, host) {\n${body}\n}\n`);
    const result = await fixPac(source);
    expect(result.status).toBe("unverified");
  });
});
