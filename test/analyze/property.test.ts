import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { networkFromCidr, inNetwork, parseAddress, formatAddress } from "../../src/analyze/address.js";
import { analyze } from "../../src/analyze/index.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { acornProgram } from "./acorn-program.js";

const SERVICE = "kv801.prod.do.dsp.mp.microsoft.com";

describe("route analysis on generated PACs", () => {
  it("finds every class where a bypass guarded by a subnet and business hours holds, and only those", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 223 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 8, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 23 }),
        async (a, b, length, h1, span) => {
          const network = networkFromCidr(`${a}.${b}.0.0/${length}`);
          if (!network) throw new Error("bad network");
          const base = formatAddress({ family: 4, value: network.base });
          const mask = formatAddress({ family: 4, value: network.mask });
          const h2 = Math.min(23, h1 + span);
          const text = [
            "function FindProxyForURL(url, host) {",
            `  if (isInNet(myIpAddress(), "${base}", "${mask}") && timeRange(${h1}, ${h2}) &&`,
            '      shExpMatch(host, "*.do.dsp.mp.microsoft.com")) return "DIRECT";',
            '  return "PROXY proxy.corp.example:8080";',
            "}",
          ].join("\n");
          const analysis = await analyze(createSourceFile(text), { program: acornProgram(text) });
          const row = analysis.routes.find((r) => r.host === SERVICE);
          if (!row) throw new Error("no row");
          const direct = new Set(row.outcomes.filter((o) => o.result === "DIRECT").flatMap((o) => o.environmentIds));
          for (const environment of analysis.environments) {
            const client = parseAddress(environment.witness.clientIps[0] ?? "");
            const hour = new Date(environment.witness.now).getUTCHours();
            // Windows includes the end hour of a two-argument timeRange (research §4).
            const expected = client !== undefined && inNetwork(network, client) && h1 <= hour && hour <= h2;
            expect(direct.has(environment.id), environment.label).toBe(expected);
          }
          expect(direct.size).toBeGreaterThan(0);
          expect(direct.size).toBeLessThan(analysis.environments.length);
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);
});
