import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, serviceViolations } from "../../src/analyze/index.js";
import { replayCommand } from "../../src/analyze/format.js";
import { publicAddressValues, renderPublicAddress } from "../../src/analyze/public-address.js";
import { run } from "../../src/cli.js";
import { createSourceFile, positionAt } from "../../src/source/source-file.js";
import { parse } from "../../src/syntax/parse.js";
import { memoryIo } from "../helpers/memory-io.js";

const FIXTURE = join(import.meta.dirname, "../../fixtures/hosted/zscaler-srcip.pac");
const template = createSourceFile(readFileSync(FIXTURE, "utf8"), FIXTURE);

describe("renderPublicAddress", () => {
  it("fills in every ${SRCIP} and maps rendered offsets back to the template", () => {
    const source = createSourceFile('var a = "${SRCIP}";\nvar b = "x${SRCIP}y"; // end\n');
    const { source: rendered, original } = renderPublicAddress(source, "198.51.100.1");
    expect(rendered.text).toBe('var a = "198.51.100.1";\nvar b = "x198.51.100.1y"; // end\n');
    expect(original(rendered.text.indexOf("// end"))).toBe(source.text.indexOf("// end"));
    expect(original(rendered.text.indexOf("100.1y"))).toBe(source.text.indexOf("${SRCIP}y"));
    expect(original(0)).toBe(0);
  });
});

describe("publicAddressValues", () => {
  it("tries one address in each network ${SRCIP} is tested against and one outside them all", () => {
    const parsed = parse(template);
    if (!parsed.ok) throw new Error("fixture does not parse");
    expect(publicAddressValues(parsed.program, template)).toEqual([
      { ip: "198.51.100.1", label: "public address 198.51.100.1 (in 198.51.100.0/24 from line 6)" },
      { ip: "203.0.113.7", label: "public address 203.0.113.7 (in no tested network)" },
    ]);
  });

  it("finds an address outside the networks when the default is inside one", () => {
    const source = createSourceFile('function FindProxyForURL(u, h) { return isInNet("${SRCIP}", "203.0.113.0", "255.255.255.0") ? "DIRECT" : "PROXY p:1"; }\n');
    const parsed = parse(source);
    if (!parsed.ok) throw new Error("does not parse");
    expect(publicAddressValues(parsed.program, source).map((v) => v.ip)).toEqual(["203.0.113.1", "203.0.114.1"]);
  });
});

describe("the route analysis splits on ${SRCIP}", { timeout: 60_000 }, () => {
  it("names the public address in every witness, and finds DO proxied only outside the office egress", async () => {
    const analysis = await analyze(template);
    expect(analysis.loadFailure).toBeUndefined();
    expect(new Set(analysis.environments.map((e) => e.publicAddress))).toEqual(new Set(["198.51.100.1", "203.0.113.7"]));
    const violations = serviceViolations(analysis);
    expect(violations.length).toBeGreaterThan(0);
    for (const violation of violations) {
      expect(violation.witness.label).toMatch(/^public address 203\.0\.113\.7 \(in no tested network\)/);
      expect(positionAt(template, violation.returnRange?.[0] ?? 0).line).toBe(14);
    }
    const kv = analysis.routes.find((r) => r.host === "kv801.prod.do.dsp.mp.microsoft.com");
    const direct = kv?.outcomes.find((o) => o.result === "DIRECT");
    expect(direct?.witness.label).toMatch(/^public address 198\.51\.100\.1 \(in 198\.51\.100\.0\/24 from line 6\)/);
    expect(positionAt(template, direct?.returnRange?.[0] ?? 0).line).toBe(8);
    expect(analysis.notes).toContain("${SRCIP} (line 2) is the client's public address, filled in by Zscaler's PAC server; tried as 198.51.100.1, 203.0.113.7");
  });

  it("replays a witness with --define SRCIP=..., and the replay gives the same answer", async () => {
    const analysis = await analyze(template);
    const row = analysis.routes.find((r) => r.host === "kv801.prod.do.dsp.mp.microsoft.com");
    const outcome = row?.outcomes.find((o) => o.result === "DIRECT");
    if (!row || !outcome) throw new Error("no DIRECT outcome");
    const command = replayCommand(FIXTURE, row, outcome, analysis.profile);
    expect(command).toContain("--define SRCIP=198.51.100.1");
    const io = memoryIo({ disk: true });
    const args = command.split(" ").slice(2).map((word) => word.replace(/^'(.*)'$/, "$1"));
    expect(await run(["resolve", ...args], io)).toBe(0);
    expect(io.out).toMatch(/-> DIRECT {2}\(.*:8:13\)/);
  });
});
