import { describe, expect, it } from "vitest";
import { createSourceFile } from "../../../src/source/source-file.js";
import { lintOne } from "../helpers.js";

const id = "max-size";
const pacOfSize = (bytes: number, head = 'function FindProxyForURL(url, host) { return "DIRECT"; }\n'): string => {
  return head + "/" + "*".repeat(bytes - head.length - 4) + "*/\n";
};

describe(id, { timeout: 60_000 }, () => {
  it("accepts exactly 256 KB", async () => {
    expect(await lintOne(id, pacOfSize(256 * 1024))).toEqual([]);
  });

  it("warns one byte over 256 KB", async () => {
    expect((await lintOne(id, pacOfSize(256 * 1024 + 1))).map((d) => d.severity)).toEqual(["warning"]);
  });

  it("errs one byte over 1 MB, counting the BOM", async () => {
    const text = pacOfSize(1024 * 1024 - 2);
    expect((await lintOne(id, createSourceFile(text, "a.pac", false))).map((d) => d.severity)).toEqual(["warning"]);
    const [diagnostic] = await lintOne(id, createSourceFile(text, "a.pac", true));
    expect(diagnostic?.severity).toBe("error");
    expect(diagnostic?.message).toBe("The file is 1.00 MB; WinHTTP and Chromium reject PAC files over 1 MB");
  });

  it("errs one byte over 256 KB when the PAC uses Zscaler's variables, since Zscaler refuses the upload", async () => {
    const zscaler = 'function FindProxyForURL(url, host) { return "PROXY ${GATEWAY}:9400; DIRECT"; }\n';
    expect(await lintOne(id, pacOfSize(256 * 1024, zscaler))).toEqual([]);
    const [diagnostic] = await lintOne(id, pacOfSize(256 * 1024 + 1, zscaler));
    expect(diagnostic?.severity).toBe("error");
    expect(diagnostic?.message).toBe("The file is 256 KB and uses Zscaler's PAC variables (${GATEWAY}), but Zscaler rejects PAC uploads over 256 KB");
  });

  it("does not count an unknown macro as a Zscaler PAC", async () => {
    const other = 'function FindProxyForURL(url, host) { return "PROXY ${PROXY_HOST}:80"; }\n';
    expect((await lintOne(id, pacOfSize(256 * 1024 + 1, other))).map((d) => d.severity)).toEqual(["warning"]);
  });
});
