import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { collect } from "../../src/analyze/collect.js";
import { buildEnvironments, buildUnionEnvironments, capProduct, environmentFor, matches } from "../../src/analyze/environments.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { acornProgram } from "./acorn-program.js";

function environments(text: string, maxClasses?: number) {
  const collected = collect(acornProgram(text));
  return buildEnvironments(collected, createSourceFile(text), maxClasses === undefined ? {} : { maxClasses });
}

function utcClock(now: number): string {
  return new Date(now).toISOString().slice(11, 16);
}

describe("environment collection", () => {
  it("needs a single class when the PAC reads no client address, DNS or clock", () => {
    const space = environments(`function FindProxyForURL(url, host) { return "PROXY p:8080"; }`);
    expect(space.classes.map((c) => c.id)).toEqual(["any"]);
  });

  it("finds an office subnet tested on myIpAddress and labels its member with the line", () => {
    const text = [
      "function FindProxyForURL(url, host) {",
      '  if (isInNet(myIpAddress(), "10.20.0.0", "255.255.0.0")) return "DIRECT";',
      '  return "PROXY p:8080";',
      "}",
    ].join("\n");
    expect(environments(text).classes.map((c) => c.label)).toEqual([
      "client 198.51.100.20 (public)",
      "client 2001:db8::10 (IPv6)",
      "client 10.20.0.1 (in 10.20.0.0/16 from line 2)",
    ]);
  });

  it("keeps every default client address when a test is built at run time", () => {
    const text = [
      "function FindProxyForURL(url, host) {",
      '  var net = "10.20." + "0.0";',
      '  if (isInNet(myIpAddress(), net, mask())) return "DIRECT";',
      '  if (myIpAddress().split(".")[0] == "172") return "DIRECT";',
      '  return "PROXY p:8080";',
      "}",
    ].join("\n");
    expect(environments(text).classes.map((c) => c.witness.clientIps[0])).toEqual([
      "198.51.100.20",
      "10.0.0.10",
      "172.16.0.10",
      "192.168.0.10",
      "100.64.0.10",
      "2001:db8::10",
    ]);
  });

  it("keeps the private defaults a test tells apart", () => {
    const text = [
      "function FindProxyForURL(url, host) {",
      '  if (isInNet(myIpAddress(), "172.16.0.0", "255.240.0.0")) return "DIRECT";',
      '  return "PROXY p:8080";',
      "}",
    ].join("\n");
    expect(environments(text).classes.map((c) => c.label)).toEqual([
      "client 198.51.100.20 (public)",
      "client 172.16.0.10 (private 172.16/12; in 172.16.0.0/12 from line 2)",
      "client 2001:db8::10 (IPv6)",
    ]);
  });

  it("follows a variable assigned the client address and networks held in variables", () => {
    const text = [
      'var office = "172.20.0.0", officeMask = "255.255.0.0";',
      "function FindProxyForURL(url, host) {",
      "  var ip = myIpAddress();",
      '  if (isInNetEx(ip, "192.168.50.0/24")) return "DIRECT";',
      "  if (isInNet(ip, office, officeMask)) return \"DIRECT\";",
      '  return "PROXY p:8080";',
      "}",
    ].join("\n");
    const classes = environments(text).classes;
    expect(classes.map((c) => c.witness.clientIps[0])).toEqual(expect.arrayContaining(["192.168.50.1", "172.20.0.1"]));
    expect(classes.every((c) => c.hostAnswer?.length === 0)).toBe(true);
  });

  it("turns address globs, regexes and string prefixes on the client address into members", () => {
    const text = [
      "function FindProxyForURL(url, host) {",
      '  if (shExpMatch(myIpAddress(), "10.1.*")) return "DIRECT";',
      '  if (/^10\\.30\\./.test(myIpAddress())) return "DIRECT";',
      '  if (myIpAddress().substring(0, 6) == "10.40.") return "DIRECT";',
      '  return "PROXY p:8080";',
      "}",
    ].join("\n");
    const labels = environments(text).classes.map((c) => c.label);
    expect(labels).toContain('client 10.1.0.1 (matches "10.1.*" from line 2)');
    expect(labels).toContain("client 10.30.0.1 (matches /^10\\.30\\./ from line 3)");
    expect(labels).toContain('client 10.40.0.1 (starts with "10.40." from line 4)');
  });

  it("gives the requested host DNS answers inside and outside the networks tested on it", () => {
    const text = [
      "function FindProxyForURL(url, host) {",
      '  if (isInNet(host, "10.0.0.0", "255.0.0.0")) return "DIRECT";',
      '  if (isInNet(dnsResolve(host), "172.16.0.0", "255.240.0.0")) return "DIRECT";',
      '  return "PROXY p:8080";',
      "}",
    ].join("\n");
    const classes = environments(text).classes;
    const answers = classes.map((c) => (c.hostAnswer ?? []).join(","));
    expect(answers).toEqual(["203.0.113.10", "10.0.0.20", "172.16.0.1", ""]);
    expect(classes[2]?.label).toBe("host resolves to 172.16.0.1 (in 172.16.0.0/12 from line 3)");
    const env = environmentFor(classes[2]!, "KV801.prod.do.dsp.mp.microsoft.com");
    expect(env.dns.get("kv801.prod.do.dsp.mp.microsoft.com")).toEqual(["172.16.0.1"]);
  });

  it("makes literal probe hosts resolve or not, independently of the requested host", () => {
    const text = [
      "function FindProxyForURL(url, host) {",
      '  if (!isResolvable("intranet.corp.example")) return "DIRECT";',
      '  return "PROXY p:8080";',
      "}",
    ].join("\n");
    const classes = environments(text).classes;
    expect(classes.map((c) => c.label)).toEqual(["intranet.corp.example does not resolve", "intranet.corp.example resolves"]);
    expect(classes[1]?.witness.dns.get("intranet.corp.example")).toEqual(["10.0.0.30"]);
  });

  it("puts clock readings on both sides of every timeRange bound", () => {
    const text = 'function FindProxyForURL(url, host) { return timeRange(9, 17) ? "PROXY p:8080" : "DIRECT"; }';
    const clocks = new Set(environments(text).classes.map((c) => utcClock(c.witness.now)));
    for (const clock of ["08:59", "09:00", "17:00", "17:59", "18:00"]) expect(clocks).toContain(clock);
  });

  it("keeps GMT and local bounds apart outside UTC", () => {
    const text = [
      "function FindProxyForURL(url, host) {",
      '  if (timeRange(9, 17, "GMT")) return "PROXY a:1";',
      '  return timeRange(9, 17) ? "PROXY b:1" : "DIRECT";',
      "}",
    ].join("\n");
    const collected = collect(acornProgram(text));
    const space = buildEnvironments(collected, createSourceFile(text), { timeZone: "Europe/Berlin" });
    const labels = space.classes.map((c) => c.label);
    expect(labels).toContain("Wed 09:00 Europe/Berlin");
    expect(labels).toContain("Wed 10:00 Europe/Berlin (09:00 UTC)");
    expect(labels).toContain("Wed 09:59 Europe/Berlin (08:59 UTC)");
    const utc = new Set(space.classes.map((c) => utcClock(c.witness.now)));
    for (const clock of ["07:59", "08:00", "08:59", "09:00", "17:59", "18:00"]) expect(utc).toContain(clock);
  });

  it("puts clock readings on both sides of every weekdayRange bound", () => {
    const text = 'function FindProxyForURL(url, host) { return weekdayRange("MON", "FRI") ? "PROXY p:8080" : "DIRECT"; }';
    const days = new Set(environments(text).classes.map((c) => new Date(c.witness.now).getUTCDay()));
    expect([...days].sort()).toEqual([0, 1, 3, 5, 6]);
  });

  it("puts dates on both sides of every dateRange bound", () => {
    const text = 'function FindProxyForURL(url, host) { return dateRange("DEC", "FEB") ? "PROXY p:8080" : "DIRECT"; }';
    const dates = new Set(environments(text).classes.map((c) => new Date(c.witness.now).toISOString().slice(0, 10)));
    for (const date of ["2026-11-30", "2026-12-01", "2026-02-28", "2026-03-01"]) expect(dates).toContain(date);
    expect([...environments(text).classes][0]?.label).toBe("Wed 2026-11-25 10:30 UTC");
  });

  it("finds both sides of any 2-argument timeRange bound", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 22 }), fc.integer({ min: 1, max: 22 }), (start, span) => {
        const end = Math.min(start + span, 22);
        const text = `function FindProxyForURL(url, host) { return timeRange(${start}, ${end}) ? "PROXY p:8080" : "DIRECT"; }`;
        const hours = new Set(environments(text).classes.map((c) => new Date(c.witness.now).getUTCHours()));
        for (const hour of [start - 1, start, end, end + 1]) expect(hours).toContain(hour);
      }),
    );
  });

  it("builds the product of the dimensions the PAC reads", () => {
    const text = [
      "function FindProxyForURL(url, host) {",
      '  if (isInNet(myIpAddress(), "10.20.0.0", "255.255.0.0") && timeRange(8, 18)) return "DIRECT";',
      '  return "PROXY p:8080";',
      "}",
    ].join("\n");
    const space = environments(text);
    const clients = new Set(space.classes.map((c) => c.witness.clientIps[0]));
    const clocks = new Set(space.classes.map((c) => c.witness.now));
    expect(space.classes.length).toBe(clients.size * clocks.size);
    expect(space.total).toBe(space.classes.length);
    expect(new Set(space.classes.map((c) => c.id)).size).toBe(space.classes.length);
  });

  it("caps the product but keeps every value of every dimension", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 60 }), (sizes, max) => {
        const tuples = capProduct(sizes, max);
        const total = sizes.reduce((n, s) => n * s, 1);
        const oneFactor = 1 + sizes.reduce((n, s) => n + s - 1, 0);
        expect(tuples.length).toBe(total <= max ? total : Math.max(max, oneFactor));
        sizes.forEach((size, dim) => {
          expect(new Set(tuples.map((t) => t[dim])).size).toBe(size);
        });
      }),
    );
  });

  it("finds state a call leaves for the next, but not locals of enclosing functions", () => {
    const text = [
      "var calls = 0, cache;",
      "var re = /x/g;",
      "function FindProxyForURL(url, host) {",
      "  var seen = 0;",
      "  function bump() { seen++; }",
      "  bump();",
      "  host = host.toLowerCase();",
      "  calls++;",
      "  cache = host;",
      '  return "DIRECT";',
      "}",
    ].join("\n");
    const sites = collect(acornProgram(text)).statefulSites.map((s) => s.what);
    expect(sites).toEqual([
      "/x/g keeps its lastIndex between calls",
      "the global calls is assigned inside a function",
      "the global cache is assigned inside a function",
    ]);
  });

  it("finds networks kept in object literals and tables", () => {
    const text = [
      'var sites = { hq: "10.20.0.0/16", lab: ["192.168.77.0", "255.255.255.0"] };',
      "function FindProxyForURL(url, host) {",
      "  return inAny(myIpAddress(), sites) ? \"DIRECT\" : \"PROXY p:8080\";",
      "}",
    ].join("\n");
    const labels = environments(text).classes.map((c) => c.label);
    expect(labels).toContain("client 10.20.0.1 (in 10.20.0.0/16 from line 1)");
    expect(labels).toContain("client 192.168.77.1 (in 192.168.77.0/24 from line 1)");
  });
});

/** A PAC looping isInNet over a table, as exported "bypass these subnets" lists do; `loop` replaces the loop's text. */
function tablePac(rows: readonly string[], loop?: string, extra: readonly string[] = []): string {
  return [
    `var NETS = [${rows.join(", ")}];`,
    ...extra,
    "function inside(host) {",
    loop ?? "  for (var i = 0; i < NETS.length; i++) {\n    if (isInNet(host, NETS[i][0], NETS[i][1])) return true;\n  }",
    "  return false;",
    "}",
    "function FindProxyForURL(url, host) {",
    '  if (inside(host)) return "DIRECT";',
    '  return "PROXY p:8080";',
    "}",
  ].join("\n");
}

describe("networks tested in a loop over a table", () => {
  const rows = ['["10.1.0.0", "255.255.0.0"]', '["10.2.0.0", "255.255.0.0"]', '["10.1.5.0", "255.255.255.0"]', '["10.3.0.0", "255.255.0.0"]'];

  it("are one test, in or out of their union, with neighbours outside every interval", () => {
    const text = tablePac(rows);
    const collected = collect(acornProgram(text));
    expect(collected.addressTestsComplete).toBe(true);
    expect(collected.addressTests.map((t) => (t.kind === "table" ? [t.kind, t.name, t.target, t.networks.length] : [t.kind]))).toEqual([["table", "NETS", "dns", 4]]);
    const labels = buildEnvironments(collected, createSourceFile(text)).classes.map((c) => c.label);
    expect(labels).toEqual([
      "host resolves to 203.0.113.10 (public)",
      "host resolves to 10.0.0.20 (private)",
      "host resolves to 10.1.0.1 (in one of the 4 networks of NETS from line 4)",
      "host does not resolve",
    ]);
    const test = collected.addressTests[0];
    if (test?.kind !== "table") throw new Error("no table");
    // 10.1/16 and 10.2/16 are adjacent and 10.1.5/24 lies inside the first: one interval up to 10.2.255.255, then 10.3/16.
    for (const [ip, inside] of [["10.1.5.9", true], ["10.2.255.255", true], ["10.3.0.0", true], ["10.4.0.1", false], ["10.0.255.255", false]] as const) {
      expect(matches(test, ip), ip).toBe(inside);
    }
  });

  it("are not taken for one test when the loop or the table could tell the networks apart", () => {
    const shapes: [string, string | undefined, string[]][] = [
      ["returns the index", "  for (var i = 0; i < NETS.length; i++) {\n    if (isInNet(host, NETS[i][0], NETS[i][1])) return i;\n  }", []],
      ["skips the last row", "  for (var i = 0; i < NETS.length - 1; i++) {\n    if (isInNet(host, NETS[i][0], NETS[i][1])) return true;\n  }", []],
      ["does more in the body", "  for (var i = 0; i < NETS.length; i++) {\n    seen = i;\n    if (isInNet(host, NETS[i][0], NETS[i][1])) return true;\n  }", []],
      ["tests a row's own address", "  for (var i = 0; i < NETS.length; i++) {\n    if (isInNet(NETS[i][0], NETS[i][0], NETS[i][1])) return true;\n  }", []],
      ["changes the table", undefined, ['NETS.push(["10.9.0.0", "255.255.0.0"]);']],
      ["assigns the table again", undefined, ['NETS = [["10.9.0.0", "255.255.0.0"]];']],
      ["defines its own isInNet", undefined, ["function isInNet(a, b, c) { return a == b; }"]],
      ["runs the loop inside try", "  try {\n  for (var i = 0; i < NETS.length; i++) {\n    if (isInNet(host, NETS[i][0], NETS[i][1])) return true;\n  }\n  } finally { NETS.length; }", []],
    ];
    for (const [name, loop, extra] of shapes) {
      const collected = collect(acornProgram(tablePac(rows, loop, extra)));
      expect(collected.addressTests.some((t) => t.kind === "table"), name).toBe(false);
    }
  });
});

describe("the union of two PACs' environment classes", () => {
  const pac = (test: string): string =>
    ["function FindProxyForURL(url, host) {", `  if (${test}) return "DIRECT";`, '  return "PROXY p:8080";', "}"].join("\n");
  const union = (old: string, now: string) =>
    buildUnionEnvironments([
      { collected: collect(acornProgram(old)), source: createSourceFile(old), name: "OLD" },
      { collected: collect(acornProgram(now)), source: createSourceFile(now), name: "NEW" },
    ]);

  it("keeps both sides of each PAC's subnet and names the PAC in the label", () => {
    const space = union(pac('isInNet(myIpAddress(), "10.20.0.0", "255.255.0.0")'), pac('isInNet(myIpAddress(), "10.20.0.0", "255.255.255.0")'));
    expect(space.classes.map((c) => c.label)).toEqual([
      "client 198.51.100.20 (public)",
      "client 2001:db8::10 (IPv6)",
      "client 10.20.0.1 (in 10.20.0.0/16 from line 2 of OLD; in 10.20.0.0/24 from line 2 of NEW)",
      "client 10.20.1.1 (in 10.20.0.0/16 from line 2 of OLD)",
    ]);
  });

  it("crosses one PAC's clock with the other's client address", () => {
    const space = union(pac('isInNet(myIpAddress(), "10.20.0.0", "255.255.0.0")'), pac("timeRange(8, 18)"));
    const alone = buildEnvironments(collect(acornProgram(pac("timeRange(8, 18)"))), createSourceFile(pac("timeRange(8, 18)")));
    expect(space.classes.length).toBe(3 * alone.classes.length);
    expect(space.classes.every((c) => c.values?.map((v) => v.key[0]).join("") === "ct")).toBe(true);
  });

  it("gives one PAC alone the classes buildEnvironments gives it", () => {
    const text = pac('isInNet(dnsResolve(host), "10.0.0.0", "255.0.0.0") && weekdayRange("MON", "FRI")');
    const source = createSourceFile(text);
    expect(buildUnionEnvironments([{ collected: collect(acornProgram(text)), source }])).toEqual(buildEnvironments(collect(acornProgram(text)), source));
  });
});

describe("environments of a PAC with many address tests", () => {
  it("keeps one client value per distinct answer to the tests, each tagged with exactly the tests it passes", () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const test = fc.oneof(
      fc.tuple(octet, octet, fc.constantFrom("255.255.0.0", "255.255.255.0", "255.0.0.0", "255.255.240.0")).map(
        ([a, b, mask]) => `isInNet(ip, "10.${a}.${b}.0", "${mask}")`,
      ),
      fc.tuple(octet).map(([a]) => `shExpMatch(ip, "10.${a}.*")`),
      fc.tuple(octet, fc.integer({ min: 8, max: 30 })).map(([a, n]) => `isInNetEx(ip, "172.${a % 32}.0.0/${n}")`),
    );
    fc.assert(
      fc.property(fc.array(test, { minLength: 1, maxLength: 40 }), (tests) => {
        const text = [
          "function FindProxyForURL(url, host) {",
          "  var ip = myIpAddress();",
          ...tests.map((t, i) => `  if (${t}) return "PROXY p${i}:80";`),
          '  return "DIRECT";',
          "}",
        ].join("\n");
        const collected = collect(acornProgram(text));
        const space = buildEnvironments(collected, createSourceFile(text), { maxClasses: 10_000 });
        const signatures = space.classes.map((c) => collected.addressTests.map((t) => (matches(t, c.witness.clientIps[0] ?? "") ? 1 : 0)).join(""));
        // The public and IPv6 defaults (and the dual-stack list of the Ex helpers) are always kept; every
        // other value answers the tests in its own way.
        const dualStack = space.classes.map((c) => c.witness.clientIps.length > 1);
        expect(dualStack.some(Boolean)).toBe(collected.usesIpv6);
        const alwaysKept = space.classes.map((c, i) => /\((public|IPv6)/.test(c.label) || dualStack[i]);
        const others = signatures.filter((_, i) => !alwaysKept[i]);
        expect(new Set(others).size).toBe(others.length);
        expect(others).not.toContain(signatures[0]);
        for (const [i, c] of space.classes.entries()) {
          if (dualStack[i]) continue;
          const passed = (signatures[i] ?? "").split("").filter((bit) => bit === "1").length;
          const tagged = c.label.split(";").filter((part) => / from line /.test(part) && !/outside /.test(part)).length;
          expect(tagged, c.label).toBe(passed);
        }
      }),
      { numRuns: 60 },
    );
  });
});
