import { describe, expect, it } from "vitest";
import { lintOne } from "../helpers.js";

const id = "ascii-only";

describe(id, { timeout: 60_000 }, () => {
  it("warns once per line about non-ASCII text outside results", async () => {
    const diagnostics = await lintOne(id, '// Grüße aus Köln\nfunction FindProxyForURL(url, host) { return "DIRECT"; }\n');
    expect(diagnostics.map((d) => [d.severity, d.start.column, d.message.split(":")[0]])).toEqual([["warning", 6, 'Non-ASCII text "üß"']]);
  });

  it("errs on non-ASCII text in a returned string", async () => {
    const diagnostics = await lintOne(id, 'function FindProxyForURL(url, host) { return "PROXY prøxy:80"; }\n');
    expect(diagnostics.map((d) => [d.severity, d.messageId])).toEqual([["error", "result"]]);
  });

  it("reports smart quotes", async () => {
    const diagnostics = await lintOne(id, 'var note = "“quoted”";\nfunction FindProxyForURL(url, host) { return "DIRECT"; }\n');
    expect(diagnostics).toHaveLength(1);
  });
});
