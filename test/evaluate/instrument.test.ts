import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEvaluator, defaultEnvironment } from "../../src/evaluate/index.js";
import { instrument, originalOffset } from "../../src/evaluate/instrument.js";
import { HARNESS } from "../../src/evaluate/prelude.js";
import { parse } from "../../src/syntax/parse.js";
import type { Evaluation, ProfileName } from "../../src/evaluate/types.js";
import { createSourceFile, positionAt } from "../../src/source/source-file.js";
import { parseForTest } from "./parse-for-test.js";

const env = defaultEnvironment({ clientIps: ["10.1.2.3"], now: Date.UTC(2026, 10, 27, 10, 0, 0), timeZone: "UTC" });

async function evaluate(text: string, url: string, options: { instrumented?: boolean; profile?: ProfileName; coverage?: boolean } = {}): Promise<Evaluation> {
  const source = createSourceFile(text, "t.pac");
  const loaded = await createEvaluator(source, {
    profile: options.profile ?? "chromium",
    ...(options.instrumented === false ? {} : { program: parseForTest(text) }),
  });
  if (!loaded.ok) throw new Error(loaded.failure.message);
  using evaluator = loaded.evaluator;
  return evaluator.evaluate({ url, coverage: options.coverage ?? false }, env);
}

function at(text: string, range: readonly [number, number] | undefined): string {
  if (!range) return "none";
  const { line, column } = positionAt(createSourceFile(text), range[0]);
  return `${line}:${column}`;
}

describe("return tracing", () => {
  it("names the outermost return when a helper's return runs first", async () => {
    const text = 'function pick(h) {\n  return h == "a.example" ? "DIRECT" : "PROXY p.example:1";\n}\nfunction FindProxyForURL(url, host) {\n  return pick(host);\n}\n';
    const evaluation = await evaluate(text, "http://a.example/");
    expect(evaluation.result).toBe("DIRECT");
    expect(at(text, evaluation.returnRange)).toBe("5:3");
  });

  it("keeps `return` followed by a line break as `return;` (ASI)", async () => {
    const text = 'function FindProxyForURL(url, host) {\n  return\n    "PROXY p.example:1";\n}\n';
    for (const instrumented of [true, false]) {
      const evaluation = await evaluate(text, "http://a.example/", { instrumented });
      expect(evaluation.failure).toMatchObject({ kind: "not-a-string", message: "FindProxyForURL returned undefined, not a string" });
    }
  });

  it("keeps probes apart from keywords in minified code", async () => {
    const text = 'function FindProxyForURL(u,h){if(h=="t.example")try{throw"x"||h}catch(e){return"PROXY t.example:1"}return"PROXY "+(typeof h=="string"&&h.length>0?"a":"b")+".example:1"}';
    expect((await evaluate(text, "http://t.example/")).result).toBe("PROXY t.example:1");
    const evaluation = await evaluate(text, "http://m.example/");
    expect(evaluation.result).toBe("PROXY a.example:1");
    expect(evaluation.returnRange?.[0]).toBe(text.lastIndexOf("return"));
  });

  it("does not glue a helper call on its own line to the line before (no ASI before a parenthesis)", async () => {
    const text = 'var f = function () { return "PROXY glued.example:1"; }\nvar seen = f\nmyIpAddress()\nfunction FindProxyForURL(url, host) { return typeof seen == "function" ? "DIRECT" : "PROXY x.example:1"; }\n';
    for (const instrumented of [true, false]) expect((await evaluate(text, "http://a.example/", { instrumented })).result).toBe("DIRECT");
  });

  it("keeps a comma expression as one returned value", async () => {
    const text = 'function FindProxyForURL(url, host) { var n = 0; return n++, n++, "PROXY p" + n + ".example:1"; }';
    expect((await evaluate(text, "http://a.example/")).result).toBe("PROXY p2.example:1");
  });

  it("maps a runtime error back to the original line and column", async () => {
    const text = 'function FindProxyForURL(url, host) {\r\n  if (isPlainHostName(host) || dnsDomainIs(host, ".x")) return "DIRECT";\r\n  var héllo = "é"; if (shExpMatch(host, "*.a") && host.length > 3) return nothing.here;\r\n  return "DIRECT";\r\n}\r\n';
    const evaluation = await evaluate(text, "http://bb.a/");
    expect(evaluation.failure?.message).toBe("ReferenceError: 'nothing' is not defined");
    expect(at(text, evaluation.failure?.range)).toBe("3:75");
  });

  it("maps error positions of an uninstrumented script too", async () => {
    const text = "function FindProxyForURL(url, host) {\n  return undefinedHelper(host);\n}\n";
    const evaluation = await evaluate(text, "http://a.example/", { instrumented: false });
    expect(at(text, evaluation.failure?.range)).toBe("2:10");
    expect(evaluation.returnRange).toBeUndefined();
  });
});

describe("branch coverage", () => {
  it("records the outcomes taken of if, ?:, &&, || and case", async () => {
    const text = [
      "function FindProxyForURL(url, host) {",
      '  var kind = host.length > 5 ? "long" : "short";',
      '  switch (kind) { case "long": break; case "short": return "DIRECT"; }',
      '  if (host == "a" || dnsDomainIs(host, ".example") && !isPlainHostName(host)) return "PROXY p.example:1";',
      '  else return "DIRECT";',
      "}",
    ].join("\n");
    const source = createSourceFile(text);
    const program = parseForTest(text);
    const { branchPoints } = instrument(text, program);
    const evaluation = await evaluate(text, "http://www.example/", { coverage: true });
    const taken = (evaluation.branches ?? []).map((id) => {
      const point = branchPoints.find((b) => b.id === id);
      return `${point?.kind} ${positionAt(source, point?.range[0] ?? 0).line}`;
    });
    // `host == "a"` is false, so || evaluates its right side; dnsDomainIs is true, so && evaluates its right side too.
    expect(taken.sort()).toEqual(["case 3", "cond-then 2", "if-then 4", "logical-right 4", "logical-right 4"]);
  });
});

describe("instrumentation", () => {
  it("maps every offset of the instrumented text back into the original", () => {
    const text = 'function FindProxyForURL(u, h) { return h ? "A" : (isPlainHostName(h) && "B") || "C"; }';
    const result = instrument(text, parseForTest(text));
    for (let i = 0; i <= result.text.length; i++) {
      const original = originalOffset(result.insertions, i);
      expect(original).toBeGreaterThanOrEqual(0);
      expect(original).toBeLessThanOrEqual(text.length);
    }
    expect(originalOffset(result.insertions, result.text.length)).toBe(text.length);
  });

  // Random PACs from the constructs the probes touch: results must not change.
  const host = fc.constantFrom("a.example", "www.a.example", "intranet", "b.corp.example", "10.1.2.3");
  const condition = fc.letrec<{ cond: string }>((tie) => ({
    cond: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom('isPlainHostName(host)', 'dnsDomainIs(host, ".example")', 'shExpMatch(host, "*.corp.*")', 'host.length > 9', 'isInNet(myIpAddress(), "10.0.0.0", "255.0.0.0")'),
      fc.tuple(tie("cond"), fc.constantFrom("&&", "||"), tie("cond")).map(([a, op, b]) => `(${a} ${op} ${b})`),
      tie("cond").map((c) => `!${c}`),
      fc.tuple(tie("cond"), tie("cond"), tie("cond")).map(([a, b, c]) => `(${a} ? ${b} : ${c})`),
    ),
  })).cond;
  const statement = fc.tuple(condition, fc.integer({ min: 1, max: 9 }), fc.boolean(), fc.boolean()).map(
    ([c, n, newline, tight]) => `  if (${c})${newline ? "\n   " : ""} return${tight ? "" : " "}"PROXY p${n}.example:${n}";`,
  );
  const pac = fc.array(statement, { minLength: 1, maxLength: 4 }).map(
    (body) => `function FindProxyForURL(url, host) {\n${body.join("\n")}\n  return (host, "DIRECT");\n}\n`,
  );

  it("never changes what a PAC returns", async () => {
    await fc.assert(
      fc.asyncProperty(pac, host, async (text, h) => {
        const plain = await evaluate(text, `http://${h}/`, { instrumented: false });
        const probed = await evaluate(text, `http://${h}/`);
        expect(probed.result).toBe(plain.result);
        expect(probed.returnRange).toBeDefined();
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it("records the same outcomes with the inline if/?: probes as with the one-call form large scripts get", async () => {
    await fc.assert(
      fc.asyncProperty(pac, fc.array(host, { minLength: 1, maxLength: 4 }), async (text, hosts) => {
        const make = async (inlineOutcomes: boolean) => {
          const loaded = await createEvaluator(createSourceFile(text, "t.pac"), { profile: "winhttp", program: parseForTest(text), probes: { inlineOutcomes } });
          if (!loaded.ok) throw new Error(loaded.failure.message);
          return loaded.evaluator;
        };
        using inline = await make(true);
        using called = await make(false);
        for (const h of hosts) {
          for (const request of [{ url: `http://${h}/`, coverage: true, newBranchesOnly: true }, { url: `http://${h}/`, coverage: true }]) {
            const a = await inline.evaluate(request, env);
            const b = await called.evaluate(request, env);
            expect([a.result, a.returnRange, a.branches]).toEqual([b.result, b.returnRange, b.branches]);
          }
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it("lists each outcome once with newBranchesOnly, and together the same outcomes as every call's full list", async () => {
    await fc.assert(
      fc.asyncProperty(pac, fc.array(host, { minLength: 1, maxLength: 6 }), async (text, hosts) => {
        const loaded = await createEvaluator(createSourceFile(text, "t.pac"), { profile: "chromium", program: parseForTest(text) });
        if (!loaded.ok) throw new Error(loaded.failure.message);
        using evaluator = loaded.evaluator;
        const all = new Set<number>();
        const listed: number[] = [];
        for (const h of hosts) {
          const full = await evaluator.evaluate({ url: `http://${h}/`, coverage: true }, env);
          const fresh = await evaluator.evaluate({ url: `http://${h}/`, coverage: true, newBranchesOnly: true }, env);
          expect(fresh.result).toBe(full.result);
          for (const id of full.branches ?? []) all.add(id);
          listed.push(...(fresh.branches ?? []));
        }
        expect(new Set(listed).size).toBe(listed.length);
        expect([...listed].sort((a, b) => a - b)).toEqual([...all].sort((a, b) => a - b));
      }),
      { numRuns: 40 },
    );
  });

  it("leaves the outcomes of a call that throws to the next call that takes them (newBranchesOnly)", async () => {
    const text = 'function FindProxyForURL(url, host) {\n  if (host.length > 3) { if (host == "boom.example") throw new Error("boom"); else return "DIRECT"; }\n  return "PROXY p.example:1";\n}\n';
    const loaded = await createEvaluator(createSourceFile(text, "t.pac"), { profile: "chromium", program: parseForTest(text) });
    if (!loaded.ok) throw new Error(loaded.failure.message);
    using evaluator = loaded.evaluator;
    const request = (h: string) => ({ url: `http://${h}/`, coverage: true, newBranchesOnly: true });
    const thrown = await evaluator.evaluate(request("boom.example"), env);
    expect(thrown.failure?.kind).toBe("exception");
    const first = await evaluator.evaluate(request("fine.example"), env);
    const kinds = (ids: readonly number[] | undefined) => (ids ?? []).map((id) => evaluator.branchPoints.find((b) => b.id === id)?.kind).sort();
    // The outer if-then was taken by the throwing call too; it is listed now, with the inner if-else.
    expect(kinds(first.branches)).toEqual(["if-else", "if-then"]);
    expect((await evaluator.evaluate(request("fine.example"), env)).branches).toEqual([]);
  });

  it("lists every outcome of a full-list call made after new-only calls skipped them, and new-only calls still list each once", async () => {
    const text = 'function FindProxyForURL(url, host) {\n  if (dnsDomainIs(host, ".a.example")) return "DIRECT";\n  var p = host.length > 12 ? "PROXY p.example:1" : "PROXY q.example:1";\n  switch (host) { case "b.example": return p; }\n  return p;\n}\n';
    const fresh = async () => {
      const loaded = await createEvaluator(createSourceFile(text, "t.pac"), { profile: "winhttp", program: parseForTest(text) });
      if (!loaded.ok) throw new Error(loaded.failure.message);
      return loaded.evaluator;
    };
    using reference = await fresh();
    using evaluator = await fresh();
    const onlyNew = (h: string) => evaluator.evaluate({ url: `http://${h}/`, coverage: true, newBranchesOnly: true }, env);
    const full = (e: typeof evaluator, h: string) => e.evaluate({ url: `http://${h}/`, coverage: true }, env);
    const listed = [...((await onlyNew("www.a.example")).branches ?? []), ...((await onlyNew("b.example")).branches ?? [])];
    expect((await onlyNew("b.example")).branches).toEqual([]);
    for (const h of ["b.example", "www.a.example", "longer-name.example"]) {
      expect((await full(evaluator, h)).branches).toEqual((await full(reference, h)).branches);
    }
    listed.push(...((await onlyNew("b.example")).branches ?? []), ...((await onlyNew("longer-name.example")).branches ?? []));
    expect(new Set(listed).size).toBe(listed.length);
    const all = new Set<number>();
    for (const h of ["www.a.example", "b.example", "longer-name.example"]) for (const id of (await full(reference, h)).branches ?? []) all.add(id);
    expect([...listed].sort((a, b) => a - b)).toEqual([...all].sort((a, b) => a - b));
  });

  it("leaves out branch and call-site probes when told to, and the PAC still answers the same", async () => {
    const text = 'function FindProxyForURL(url, host) {\n  if (shExpMatch(host, "*.a.example") || isPlainHostName(host)) return "DIRECT";\n  return host.length > 3 ? "PROXY p.example:1" : "PROXY q.example:1";\n}\n';
    const program = parseForTest(text);
    const full = instrument(text, program);
    const lean = instrument(text, program, { branches: false, callSites: false });
    expect(full.branchPoints.length).toBe(5);
    expect(full.sites.length).toBe(2);
    expect(lean.branchPoints).toEqual([]);
    expect(lean.sites).toEqual([]);
    expect(lean.returns).toEqual(full.returns);
    expect(lean.text).not.toContain("__pacdo$c");
    expect(lean.text).not.toContain("__pacdo$k");
    expect(lean.text).not.toContain("__pacdo$b");
    const loaded = await createEvaluator(createSourceFile(text, "t.pac"), { profile: "chromium", program, probes: { callSites: false } });
    if (!loaded.ok) throw new Error(loaded.failure.message);
    using evaluator = loaded.evaluator;
    const evaluation = await evaluator.evaluate({ url: "http://www.a.example/", trace: true, coverage: true }, env);
    expect(evaluation.result).toBe("DIRECT");
    expect(at(text, evaluation.returnRange)).toBe("2:65");
    expect(evaluation.calls).toEqual([{ name: "shExpMatch", args: ["www.a.example", "*.a.example"], result: true }]);
    expect(evaluation.branches?.length).toBe(2);
  });

  it("lists an outcome a loop takes many times once (newBranchesOnly)", async () => {
    const text = 'function FindProxyForURL(url, host) {\n  var n = 0;\n  for (var i = 0; i < 5; i++) if (host.length > i) n++;\n  return n > 3 ? "DIRECT" : "PROXY p.example:1";\n}\n';
    const loaded = await createEvaluator(createSourceFile(text, "t.pac"), { profile: "chromium", program: parseForTest(text) });
    if (!loaded.ok) throw new Error(loaded.failure.message);
    using evaluator = loaded.evaluator;
    const evaluation = await evaluator.evaluate({ url: "http://a.example/", coverage: true, newBranchesOnly: true }, env);
    expect(evaluation.branches?.length).toBe(2);
  });
});

describe("environment reads", () => {
  const text = [
    "function FindProxyForURL(url, host) {",
    '  if (isInNet(host, "10.0.0.0", "255.0.0.0")) return "DIRECT";',
    '  if (host == "clock.example" && timeRange(9, 17)) return "PROXY day.example:1";',
    '  if (host == "date.example" && new Date().getDay() == 5) return "PROXY friday.example:1";',
    '  return isInNet(myIpAddress(), "10.0.0.0", "255.0.0.0") ? "PROXY branch.example:1" : "DIRECT";',
    "}",
  ].join("\n");

  for (const profile of ["winhttp", "chromium", "node"] as const) {
    it(`names the environment-reading helpers a call used (${profile})`, async () => {
      const loaded = await createEvaluator(createSourceFile(text), { profile, ...(profile === "node" ? {} : { program: parseForTest(text) }) });
      if (!loaded.ok) throw new Error(loaded.failure.message);
      using evaluator = loaded.evaluator;
      const reads = async (url: string) => [...((await evaluator.evaluate({ url, reads: true }, env)).reads ?? [])].sort();
      // chromium's isInNet resolves through the global dnsResolve (Mozilla JS), the others on their own.
      const dns = profile === "chromium" ? ["dnsResolve"] : [];
      expect(await reads("http://10.1.2.3/")).toEqual([]);
      expect(await reads("http://name.example/")).toEqual([...dns, "isInNet", "myIpAddress"].sort());
      // 10:00 UTC: timeRange(9, 17) holds, so the client address is never read.
      expect(await reads("http://clock.example/")).toEqual([...dns, "isInNet", "timeRange"].sort());
      // pac-resolver's Date is the host's, which pac-do cannot watch.
      if (profile !== "node") expect(await reads("http://date.example/")).toEqual(["Date", ...dns, "isInNet"].sort());
    });
  }
});

describe("long else-if chains", () => {
  /** A chain inside a loop and a switch, so that `break` and `continue` in its branches must keep their targets. */
  const chain = (n: number): string => {
    const branches = Array.from({ length: n }, (_, i) => `${i === 0 ? "" : "else "}if (k == ${i}) { if (i == 2) continue; out.push("b${i}"); if (i == 3) break; }`);
    return [
      "function run(k) {",
      "  var out = [];",
      "  for (var i = 0; i < 5; i++) {",
      "    switch (i) { case 4: out.push('four'); break; default:",
      `      ${branches.join("\n      ")}`,
      "      else out.push('none');",
      "    }",
      "  }",
      "  return out.join(',');",
      "}",
      "",
    ].join("\n");
  };

  it("run flat, by insertions only, with the same answers as the original", () => {
    const text = chain(40);
    const result = parse(text);
    if (!result.ok) throw new Error(result.errors[0]?.message);
    const probed = instrument(text, result.program, { branches: false, callSites: false });
    expect(probed.text).toContain("__pacdo$chain0:{");
    expect(probed.text.split("\n").length).toBe(text.split("\n").length);
    const harness = `function ${HARNESS.ret}(id, v) { return v; }\n`;
    for (const k of [0, 1, 2, 3, 39, 40]) {
      const original = new Function(`${text}; return run(${k});`)();
      const flat = new Function(`${harness}${probed.text}; return run(${k});`)();
      expect(flat).toBe(original);
    }
  });

  it("shorter chains and chains whose branches are function declarations stay as written", () => {
    for (const text of [chain(15), "if (a) function f() {}\n" + Array.from({ length: 20 }, (_, i) => `else if (a == ${i}) b();`).join("\n")]) {
      const result = parse(text);
      if (!result.ok) continue;
      expect(instrument(text, result.program, { branches: false, callSites: false }).text).not.toContain("__pacdo$chain");
    }
  });
});
