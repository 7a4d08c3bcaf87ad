import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EMPTY_QUESTION, fromBase64Url, readHash, toBase64Url, writeHash, type PageState } from "../../playground/state.js";

const state = (pac: string | undefined, overrides: Partial<PageState> = {}): PageState => ({ pac, profile: "winhttp", question: EMPTY_QUESTION, watchdogMs: undefined, ...overrides });

describe("the playground's link state", () => {
  it("reads #pac= as base64url of the UTF-8 text, as Node's base64url writes it", async () => {
    const text = 'function FindProxyForURL(url, host) {\r\n  return "DIRECT"; // é 😀\r\n}\r\n';
    expect((await readHash(`#pac=${Buffer.from(text, "utf8").toString("base64url")}`)).pac).toBe(text);
  });

  it("round-trips any text and the options through the hash it writes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", maxLength: 400 }).map((pac) => pac.replace(/^\uFEFF+/, "")), fc.constantFrom("winhttp", "chromium") as fc.Arbitrary<"winhttp" | "chromium">, fc.string({ maxLength: 30 }), async (pac, profile, ip) => {
        const written = state(pac, { profile, question: { ...EMPTY_QUESTION, clientIp: ip, dns: "a.example=10.0.0.1\nb.example=10.0.0.2", tz: "Europe/Berlin" } });
        expect(await readHash(await writeHash(written))).toEqual(written);
      }),
      { numRuns: 200 },
    );
  });

  it("drops a byte order mark at the start of the text, as the editor would not show it", async () => {
    expect((await readHash(`#pac=${Buffer.from("\uFEFFvar a;", "utf8").toString("base64url")}`)).pac).toBe("var a;");
  });

  it("writes the deflated form when it is shorter", async () => {
    const long = `${"  if (shExpMatch(host, \"*.example.com\")) return \"DIRECT\";\n".repeat(200)}`;
    const hash = await writeHash(state(long));
    expect(hash.startsWith("#pacz=")).toBe(true);
    expect(hash.length).toBeLessThan(toBase64Url(new TextEncoder().encode(long)).length / 10);
    expect((await readHash(hash)).pac).toBe(long);
  });

  it("refuses a pac= that is not base64url UTF-8 with a one-line message", async () => {
    await expect(readHash("#pac=%FF%FE")).rejects.toThrow("the link's pac= is not base64url UTF-8 text");
    await expect(readHash(`#pac=${toBase64Url(new Uint8Array([0xc3, 0x28]))}`)).rejects.toThrow("not base64url UTF-8");
    await expect(readHash("#pacz=AAAA")).rejects.toThrow("the link's pacz= is not deflated base64url UTF-8 text");
  });

  it("encodes bytes as base64url without padding and decodes them back", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100_000 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64url"));
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
      { numRuns: 50 },
    );
  });
});
