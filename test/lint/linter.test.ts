import { describe, expect, it } from "vitest";
import * as api from "../../src/index.js";
import { defineRule } from "../../src/lint/define-rule.js";
import { lint } from "../../src/lint/linter.js";
import { createSourceFile } from "../../src/source/source-file.js";

const noAnalysis = () => Promise.reject(new Error("this test needs no analysis"));

const everyReturn = defineRule({
  id: "every-return",
  meta: { type: "suggestion", docs: { description: "test" }, messages: { found: "return of {{what}}" }, defaultSeverity: "warning" },
  create(context) {
    return {
      ReturnStatement(node) {
        const what = node.argument?.type ?? "nothing";
        context.report({ messageId: "found", node, data: { what }, ...(what === "Identifier" ? { severity: "error" } : {}) });
      },
    };
  },
});

const code = 'function FindProxyForURL(url, host) {\n  if (host) return x;\n  return "DIRECT";\n}\n';

describe("lint", () => {
  it("reports parse errors only, with ruleId null, when the file does not parse", async () => {
    const result = await lint("function (", { analyze: noAnalysis });
    expect(result.parsed).toBe(false);
    expect(result.diagnostics.map((d) => [d.ruleId, d.severity, d.start.line])).toEqual([[null, "error", 1]]);
    expect(result.errorCount).toBe(1);
  });

  it("sorts diagnostics by position and fills messages, positions and counts", async () => {
    const result = await lint(createSourceFile(code, "a.pac"), { ruleModules: [everyReturn], analyze: noAnalysis });
    expect(result.filePath).toBe("a.pac");
    expect(result.diagnostics.map((d) => [d.start.line, d.start.column, d.end.column, d.severity, d.message])).toEqual([
      [2, 13, 22, "error", "return of Identifier"],
      [3, 3, 19, "warning", "return of Literal"],
    ]);
    expect([result.errorCount, result.warningCount, result.infoCount, result.fixableCount]).toEqual([1, 1, 0, 0]);
  });

  it("lets a configured severity override what the rule reports", async () => {
    const result = await lint(code, { ruleModules: [everyReturn], rules: { "every-return": "info" }, analyze: noAnalysis });
    expect(result.diagnostics.map((d) => d.severity)).toEqual(["info", "info"]);
    const off = await lint(code, { ruleModules: [everyReturn], rules: { "every-return": "off" }, analyze: noAnalysis });
    expect(off.diagnostics).toEqual([]);
  });

  it("computes the route analysis once per file, only when a rule asks", async () => {
    let calls = 0;
    const asking = (id: string) =>
      defineRule({
        id,
        meta: { type: "problem", docs: { description: "test" }, messages: { n: "{{n}} routes" }, defaultSeverity: "info" },
        create: (context) => ({
          async "Program:exit"() {
            const analysis = await context.analysis();
            context.report({ messageId: "n", range: [0, 0], data: { n: analysis.routes.length } });
          },
        }),
      });
    const analyze = async () => {
      calls++;
      return { profile: "winhttp" as const, entryPoints: [], environments: [], routes: [], coverage: { total: 0, taken: 0, unreached: [] } };
    };
    await lint(code, { ruleModules: [everyReturn], analyze });
    expect(calls).toBe(0);
    const result = await lint(code, { ruleModules: [asking("a"), asking("b")], analyze });
    expect(calls).toBe(1);
    expect(result.diagnostics.map((d) => d.message)).toEqual(["0 routes", "0 routes"]);
  });

  it("passes on what the analysis did not cover", async () => {
    const rule = defineRule({
      id: "reads",
      meta: { type: "problem", docs: { description: "test" }, messages: {}, defaultSeverity: "info" },
      create: (context) => ({ "Program:exit": async () => void (await context.analysis()) }),
    });
    const analyze = async () => ({
      profile: "winhttp" as const,
      entryPoints: [],
      environments: [],
      environmentsTotal: 960,
      routes: [],
      coverage: { total: 0, taken: 0, unreached: [] },
      notes: ["2:3: myIpAddress() runs when the PAC loads"],
    });
    const result = await lint(code, { ruleModules: [rule], analyze });
    expect(result.notes).toEqual(["the route analysis evaluated 0 of 960 environment classes (capped)", "2:3: myIpAddress() runs when the PAC loads"]);
    expect((await lint(code, { ruleModules: [everyReturn], analyze })).notes).toEqual([]);
  });

  it("hands rules the parent of any node", async () => {
    const parents: string[] = [];
    const rule = defineRule({
      id: "parents",
      meta: { type: "problem", docs: { description: "test" }, messages: {}, defaultSeverity: "info" },
      create: (context) => ({ Literal: (node) => void parents.push(context.parentOf(node)?.type ?? "none") }),
    });
    await lint(code, { ruleModules: [rule], analyze: noAnalysis });
    expect(parents).toEqual(["ReturnStatement"]);
  });

  it("is exported from the package entry point with the formatters and rules", () => {
    expect(typeof api.lint).toBe("function");
    expect(typeof api.parse).toBe("function");
    expect(typeof api.formatSarif).toBe("function");
    expect(typeof api.analyze).toBe("function");
    expect(typeof api.fixPac).toBe("function");
    expect(Object.keys(api.rules)).toContain("do-service-direct");
  });
});
