import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze/index.js";
import type { ProfileName } from "../../src/evaluate/types.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { parse } from "../../src/syntax/parse.js";
import { everyCell, rowsOf } from "../helpers/every-cell.js";

/** These PACs never loop: a deadline they could meet only on an idle machine would test the machine, not the sharing. */
const LIMITS = { timeoutMs: 10_000 };

const NETS = ["10.0.0.0", "10.1.0.0", "10.1.2.0", "192.168.0.0", "203.0.113.0"];
const MASKS = ["255.0.0.0", "255.255.0.0", "255.255.255.0"];
const network = fc.tuple(fc.constantFrom(...NETS), fc.constantFrom(...MASKS)).map(([net, mask]) => `"${net}", "${mask}"`);

/** A test on the environment as PACs write them: the host's address, the client's, a probe host, a table loop. */
const environmentTest = fc.oneof(
  network.map((n) => `isInNet(host, ${n})`),
  network.map((n) => `isInNet(myIpAddress(), ${n})`),
  network.map((n) => `isInNet(dnsResolve(host), ${n})`),
  fc.constant('isResolvable("intranet.corp.example")'),
  fc.constant('isInNet("intranet.corp.example", "10.0.0.0", "255.0.0.0")'),
  fc.constant('dnsResolve(host) == "10.0.0.20"'),
  fc.constant("isResolvable(host)"),
  fc.constant('dnsDomainIs(host, ".microsoft.com")'),
  fc.constant("inTable(host)"),
  fc.constant("inTable(myIpAddress())"),
);

const QUERIES = ["geo.prod.do.dsp.mp.microsoft.com", "www.example.com", "intranet.corp.example"].map((host) => ({ host, url: `https://${host}/` }));

describe("route analysis sharing evaluations by the answers read", () => {
  it("gives every class the answer its own evaluation gives, and evaluates no more than without sharing, on generated PACs", { timeout: 120_000 }, async () => {
    let fewer = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(environmentTest, fc.option(environmentTest, { nil: undefined })), { minLength: 1, maxLength: 4 }),
        fc.array(network, { minLength: 1, maxLength: 4 }),
        fc.constantFrom<ProfileName>("winhttp", "chromium"),
        async (rules, table, profile) => {
          const lines = rules.map(([a, b], i) => `  if (${b === undefined ? a : `${a} && ${b}`}) return "PROXY p${i}.corp.example:8080";`);
          const text = [
            `var TABLE = [${table.map((n) => `[${n}]`).join(", ")}];`,
            "function inTable(address) {",
            "  for (var i = 0; i < TABLE.length; i++) {",
            '    if (isInNet(address, TABLE[i][0], TABLE[i][1])) return true;',
            "  }",
            "  return false;",
            "}",
            "function FindProxyForURL(url, host) {",
            ...lines,
            '  return "DIRECT";',
            "}",
          ].join("\n");
          const source = createSourceFile(text);
          const parsed = parse(source);
          if (!parsed.ok) throw new Error(text);
          const options = { profile, program: parsed.program, queries: QUERIES, coverage: false, limits: LIMITS };
          const shared = await analyze(source, options);
          const unshared = await analyze(source, { ...options, shareEvaluations: false });
          expect(rowsOf(shared), text).toEqual(rowsOf(unshared));
          expect(shared.evaluations ?? 0).toBeLessThanOrEqual(unshared.evaluations ?? 0);
          if ((shared.evaluations ?? 0) < (unshared.evaluations ?? 0)) fewer++;
          const expected = await everyCell(source, parsed.program, shared, profile);
          if (expected !== undefined) expect(rowsOf(shared), text).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
    // Sharing happened: the comparison is not between two identical runs.
    expect(fewer).toBeGreaterThan(0);
  });
});
