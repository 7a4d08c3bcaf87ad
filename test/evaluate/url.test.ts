import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ProfileName } from "../../src/evaluate/types.js";
import { requestUrl, simpleRequestUrl, whatwgRequestUrl } from "../../src/evaluate/url.js";

const profiles: readonly ProfileName[] = ["winhttp", "chromium", "node"];

/** URLs in the shape the hand-written reading takes, varied where the WHATWG parser normalizes. */
const label = fc.oneof(
  fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/),
  fc.constantFrom("www", "Example", "COM", "kv801", "do", "a-", "-b", "0", "255", "256", "010", "0x1f", "0X", "1e3", "xn--nxasmq6b", "XN--abc", "xn-", "local"),
);
const host = fc.oneof(
  fc.tuple(fc.array(label, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([labels, dot]) => labels.join(".") + (dot ? "." : "")),
  fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((parts) => parts.join(".")),
  fc.constantFrom("10.1.2.3", "1.2.3", "127.1", "0x7f.0.0.1", "1.2.3.4.", "a..b", ".a.example", "[::1]", "[2001:DB8::1]", "user@host.example", "ho st.example", "héllo.example", "a_b.example", ""),
);
const port = fc.oneof(fc.constant(""), fc.constantFrom(":80", ":443", ":8080", ":080", ":0", ":65535", ":65536", ":99999", ":", ":1x"), fc.nat(70000).map((n) => `:${n}`));
const pathPiece = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._~!$&()*+,;=:@%-]{0,6}$/),
  fc.constantFrom(".", "..", "%2e", "%2E%2e", ".well-known", "a.b", "x y", "\"", "'", "<", ">", "`", "{", "}", "^", "|", "\\", "é", "%zz", "%41", "\t", "#frag", "?", "@"),
);
const rest = fc.tuple(
  fc.array(pathPiece, { maxLength: 4 }).map((pieces) => (pieces.length ? `/${pieces.join("/")}` : "")),
  fc.option(fc.array(pathPiece, { maxLength: 3 }).map((pieces) => `?${pieces.join("&")}`), { nil: "" }),
  fc.option(pathPiece.map((piece) => `#${piece}`), { nil: "" }),
).map(([path, query, fragment]) => path + query + fragment);
const scheme = fc.constantFrom("http", "https", "http", "https", "HTTP", "Https", "ws", "wss", "ftp", "file", "foo");
const url = fc.oneof(
  fc.tuple(scheme, host, port, rest).map(([s, h, p, r]) => `${s}://${h}${p}${r}`),
  fc.constantFrom("not a url", " http://a.example/", "http://a.example/ ", "http:/a.example/", "http:a.example", "//a.example/", "http://", "http:///x", "http://a.example\\b"),
);

describe("request URLs", () => {
  for (const profile of profiles) {
    it(`reads simple URLs by hand exactly as the WHATWG parser does (${profile})`, () => {
      fc.assert(
        fc.property(url, (u) => {
          const simple = simpleRequestUrl(profile, u);
          if (simple !== undefined) expect(simple).toEqual(whatwgRequestUrl(profile, u));
          expect(requestUrl(profile, u)).toEqual(whatwgRequestUrl(profile, u));
        }),
        { numRuns: 3000 },
      );
    });
  }

  it("takes the hand-written path for the URLs clients mostly pass", () => {
    for (const u of ["http://www.example.com/", "https://kv801.prod.do.dsp.mp.microsoft.com/filestreamingservice/files/x?P1=1&P2=404", "http://10.1.2.3:8080/a/b", "http://intranet"]) {
      for (const profile of profiles) expect(simpleRequestUrl(profile, u)).toBeDefined();
    }
    expect(simpleRequestUrl("chromium", "https://Example.COM:443/path?q")).toEqual({ ok: true, url: "https://example.com/", host: "example.com" });
    expect(simpleRequestUrl("node", "http://Example.COM:8080?q")).toEqual({ ok: true, url: "http://example.com:8080/?q", host: "example.com" });
    expect(simpleRequestUrl("winhttp", "http://Example.COM/x")).toEqual({ ok: true, url: "http://Example.COM/x", host: "Example.COM" });
  });
});
