import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEvaluator } from "../../src/evaluate/index.js";
import type { Environment } from "../../src/evaluate/types.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { parseForTest } from "./parse-for-test.js";

/**
 * pac-do's own helper library (chromium profile) against pac-resolver 7.0.1 run for real (node
 * profile) on the helpers and arguments where research §4 says they agree. Known divergences, kept
 * out of the generators on purpose (docs/profiles.md): dnsDomainIs(h, ""), 2-argument timeRange's end
 * hour and wrap-around, 4/6-argument timeRange across midnight, dateRange (always false in
 * pac-resolver), the Microsoft extensions and convert_addr (absent), isPlainHostName on IP literals
 * and "host:port" strings, https URLs (Chromium strips them to the origin).
 */
const hosts = ["www.example.com", "example.com", "intranet", "a.b.c.example", "kv801.prod.do.dsp.mp.microsoft.com", "10.1.2.3", "printer.lan"];
const word = fc.constantFrom("www", "example", "com", "intranet", "prod", "do", "kv801", "lan", "b", "c");
const domain = fc.array(word, { minLength: 1, maxLength: 3 }).chain((parts) => fc.boolean().map((dot) => (dot ? "." : "") + parts.join(".")));
const glob = fc.array(fc.constantFrom("*", "?", "www", ".", "example", "com", "kv*", "prod", "lan", "*.", ".*"), { minLength: 1, maxLength: 5 }).map((p) => p.join(""));
const ipv4 = fc.constantFrom("10.1.2.3", "10.0.0.0", "192.168.7.9", "192.168.0.0", "172.16.4.4", "0.0.0.0", "203.0.113.7");
const mask = fc.constantFrom("255.0.0.0", "255.255.0.0", "255.255.255.0", "255.255.255.255", "0.0.0.0", "255.240.0.0");
const hostExpr = fc.constantFrom("host", "host", ...hosts.map((h) => JSON.stringify(h)));
const weekday = fc.constantFrom("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

const condition = fc.oneof(
  hostExpr.map((h) => `isPlainHostName(${h})`),
  fc.tuple(hostExpr, domain).map(([h, d]) => `dnsDomainIs(${h}, ${JSON.stringify(d)})`),
  fc.tuple(hostExpr, domain).map(([h, d]) => `localHostOrDomainIs(${h}, ${JSON.stringify(d)})`),
  fc.tuple(hostExpr, fc.integer({ min: 0, max: 3 })).map(([h, n]) => `dnsDomainLevels(${h}) == ${n}`),
  fc.tuple(hostExpr, glob).map(([h, g]) => `shExpMatch(${h}, ${JSON.stringify(g)})`),
  fc.tuple(fc.oneof(hostExpr, ipv4.map((ip) => JSON.stringify(ip)), fc.constant("myIpAddress()")), ipv4, mask).map(([h, p, m]) => `isInNet(${h}, "${p}", "${m}")`),
  hostExpr.map((h) => `isResolvable(${h})`),
  hostExpr.map((h) => `dnsResolve(${h}) == "192.168.7.9"`),
  fc.constant('myIpAddress() == "10.20.30.40"'),
  fc.tuple(weekday, fc.option(weekday, { nil: undefined }), fc.boolean()).map(
    ([a, b, gmt]) => `weekdayRange(${[a, b].filter(Boolean).map((d) => `"${d}"`).concat(gmt ? ['"GMT"'] : []).join(", ")})`,
  ),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.boolean()).map(([h, gmt]) => `timeRange(${h}${gmt ? ', "GMT"' : ""})`),
);

const pac = fc.array(condition, { minLength: 1, maxLength: 6 }).map(
  (conditions) =>
    `function FindProxyForURL(url, host) {\n${conditions.map((c, i) => `  if (${c}) return "PROXY p${i}.example:${8000 + i}";`).join("\n")}\n  return "DIRECT";\n}\n`,
);

const environment: fc.Arbitrary<Environment> = fc
  .tuple(fc.constantFrom("10.20.30.40", "192.168.1.5", "127.0.0.1"), fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }), fc.constantFrom("UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata"))
  .map(([ip, now, timeZone]) => ({
    clientIps: [ip],
    dns: new Map([
      ["printer.lan", ["192.168.7.9"]],
      ["www.example.com", ["203.0.113.7"]],
      ["intranet", ["10.1.2.3"]],
    ]),
    liveDns: false,
    now,
    timeZone,
  }));

describe("pac-do's helpers against pac-resolver 7.0.1", () => {
  it("agree where the research says the semantics agree", async () => {
    await fc.assert(
      fc.asyncProperty(pac, fc.constantFrom(...hosts), environment, async (text, host, env) => {
        const source = createSourceFile(text, "generated.pac");
        const ours = await createEvaluator(source, { profile: "chromium", program: parseForTest(text) });
        const theirs = await createEvaluator(source, { profile: "node" });
        if (!ours.ok || !theirs.ok) throw new Error("generated PAC did not load");
        using a = ours.evaluator;
        using b = theirs.evaluator;
        const url = `http://${host}/`;
        const [x, y] = [await a.evaluate({ url }, env), await b.evaluate({ url }, env)];
        expect(x.result, `${text}\n${url} at ${new Date(env.now).toISOString()} ${env.timeZone}`).toBe(y.result);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
