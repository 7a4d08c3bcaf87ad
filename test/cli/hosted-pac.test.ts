import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli.js";
import { memoryIo } from "../helpers/memory-io.js";

const HOSTED = join(import.meta.dirname, "../../fixtures/hosted");
const template = join(HOSTED, "zscaler-template.pac");
const withBypass = join(HOSTED, "zscaler-template-do-bypass.pac");
const subcloud = join(HOSTED, "zscaler-subcloud.pac");

async function cli(args: readonly string[], files: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ files, disk: true });
  const code = await run(args, io);
  return { code, out: io.out, err: io.err };
}

describe("Zscaler-hosted PACs", { timeout: 60_000 }, () => {
  it("lint reports DO service hosts going through Zscaler's service edge, and no macro error", async () => {
    const { code, out } = await cli(["lint", template, "--format", "json"]);
    expect(code).toBe(1);
    const [result] = JSON.parse(out) as { diagnostics: { ruleId: string; message: string; line: number }[] }[];
    const rules = result?.diagnostics.map((m) => m.ruleId);
    expect(rules).toContain("do-service-direct");
    expect(rules).not.toContain("valid-return-string");
    const finding = result?.diagnostics.find((m) => m.ruleId === "do-service-direct");
    expect(finding?.line).toBe(39);
    expect(finding?.message).toContain(`(through Zscaler's service edge \${GATEWAY}, which inspects TLS and hides the client's public address)`);
  });

  it("lint finds the template with the DO bypass compliant", async () => {
    const { code, out } = await cli(["lint", withBypass]);
    expect(code).toBe(0);
    expect(out).toContain("✖ 1 problem (0 errors, 0 warnings, 1 info)");
  });

  it("lint names subcloud and country variables as Zscaler's service edges too", async () => {
    const { out } = await cli(["lint", subcloud, "--format", "json"]);
    const messages = (JSON.parse(out) as { diagnostics: { ruleId: string; message: string }[] }[])[0]?.diagnostics ?? [];
    const service = messages.filter((m) => m.ruleId === "do-service-direct").map((m) => m.message);
    expect(service).toHaveLength(2);
    expect(service[0]).toContain("Zscaler's service edge ${COUNTRY_GATEWAY}");
    expect(service[1]).toContain("Zscaler's service edge ${GATEWAY.contoso.zscalertwo.net_FX}");
  });

  it("routes marks the gateway rows and says what the variable is", async () => {
    const { code, out } = await cli(["routes", template]);
    expect(code).toBe(0);
    expect(out).toMatch(/ {3}! PROXY \$\{GATEWAY\}:80; PROXY \$\{SECONDARY_GATEWAY\}:80; DIRECT +39:5/);
    expect(out).toContain("${GATEWAY} is Zscaler's service edge (its PAC server fills in the address), which inspects TLS and hides the client's public address.");
  });

  it("resolve answers with the variable and explains it; --define renders what a client receives", async () => {
    const url = "https://kv801.prod.do.dsp.mp.microsoft.com/";
    const plain = await cli(["resolve", template, url]);
    expect(plain.code).toBe(0);
    expect(plain.out).toBe(
      `${url} -> PROXY \${GATEWAY}:80; PROXY \${SECONDARY_GATEWAY}:80; DIRECT  (${template}:39:5)\n` +
        "  ${GATEWAY} is Zscaler's service edge (its PAC server fills in the address), which inspects TLS and hides the client's public address\n" +
        "  ${SECONDARY_GATEWAY} is Zscaler's service edge (its PAC server fills in the address), which inspects TLS and hides the client's public address\n",
    );
    const rendered = await cli(["resolve", template, url, "--define", "GATEWAY=gateway.zscalertwo.net", "--define", "SECONDARY_GATEWAY=165.225.72.38"]);
    expect(rendered.out).toBe(`${url} -> PROXY gateway.zscalertwo.net:80; PROXY 165.225.72.38:80; DIRECT  (${template}:39:5)\n`);
  });

  it("lint --define checks the rendered PAC, and refuses --define with --fix", async () => {
    const rendered = await cli(["lint", template, "--define", "GATEWAY=gateway.zscalertwo.net", "--format", "json"]);
    const messages = (JSON.parse(rendered.out) as { diagnostics: { message: string }[] }[])[0]?.diagnostics ?? [];
    expect(messages.some((m) => m.message.startsWith('geo.prod.do.dsp.mp.microsoft.com (and 12 more DO service hosts) gets "PROXY gateway.zscalertwo.net:80; PROXY ${SECONDARY_GATEWA..." from'))).toBe(true);
    const both = await cli(["lint", template, "--define", "GATEWAY=x", "--fix"]);
    expect([both.code, both.err]).toEqual([2, "pac-do: --fix rewrites the file as written: leave out --define\n"]);
    const bad = await cli(["routes", template, "--define", "GATEWAY"]);
    expect([bad.code, bad.err]).toEqual([2, 'pac-do: --define "GATEWAY": expected NAME=value, e.g. GATEWAY=gateway.zscaler.net\n']);
  });

  it("fix injects the bypass, keeps every variable byte for byte, and proves it", async () => {
    const text = readFileSync(template, "utf8");
    const { code, out, err } = await cli(["fix", "t.pac"], { "t.pac": text });
    expect([code, err]).toEqual([0, "fixed: 1 entry point (FindProxyForURL line 1)\n"]);
    expect(out).toBe(readFileSync(join(HOSTED, "zscaler-template.fixed.pac"), "utf8"));
    expect(out.match(/\$\{[^}]*\}/g)).toEqual(text.match(/\$\{[^}]*\}/g));
    const again = await cli(["lint", "t.pac", "--format", "json"], { "t.pac": out });
    expect(again.code).toBe(0);
  });
});
