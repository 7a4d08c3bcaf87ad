import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli.js";
import { memoryIo } from "../helpers/memory-io.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/resolve");
const enterprise = join(FIXTURES, "enterprise-failover.pac");

/** Runs `pac-do resolve ...` in process, with files from disk and an optional stdin and extra files. */
async function resolve(args: readonly string[], files: Record<string, string> = {}, stdin = ""): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ files, disk: true, stdin });
  const code = await run(["resolve", ...args], io);
  return { code, out: io.out, err: io.err };
}

describe("pac-do resolve", () => {
  it("prints each URL's result with the line and column of the return that decided", async () => {
    const { code, out } = await resolve([enterprise, "https://kv801.prod.do.dsp.mp.microsoft.com/", "https://www.example.com/"]);
    expect(code).toBe(0);
    expect(out).toBe(
      `https://kv801.prod.do.dsp.mp.microsoft.com/ -> DIRECT  (${enterprise}:18:5)\n` +
        `https://www.example.com/ -> PROXY proxy1.corp.example:8080; PROXY proxy2.corp.example:8080; DIRECT  (${enterprise}:28:3)\n`,
    );
  });

  it("answers DNS, client address and clock from the options", async () => {
    const pac = "function FindProxyForURL(url, host) {\n  if (isInNet(dnsResolve(host), \"10.0.0.0\", \"255.0.0.0\") && myIpAddress() == \"192.0.2.7\" && timeRange(9, 17)) return \"DIRECT\";\n  return \"PROXY p.example:8080\";\n}\n";
    const files = { "t.pac": pac, "hosts.txt": "# comment\n10.1.2.3  intranet.example  INTRA\n" };
    const args = ["t.pac", "http://intranet.example/", "http://intra/", "--dns-file", "hosts.txt", "--client-ip", "192.0.2.7", "--tz", "Europe/Berlin"];
    expect((await resolve([...args, "--at", "2026-11-27T10:00:00"], files)).out).toBe(
      "http://intranet.example/ -> DIRECT  (t.pac:2:111)\nhttp://intra/ -> DIRECT  (t.pac:2:111)\n",
    );
    expect((await resolve([...args, "--at", "2026-11-27T17:00:00Z"], files)).out).toContain("http://intra/ -> PROXY p.example:8080");
    expect((await resolve(["t.pac", "http://intranet.example/", "--dns", "INTRANET.example=10.9.9.9", "--client-ip", "192.0.2.7", "--at", "2026-11-27T12:00:00+01:00", "--tz", "UTC"], files)).out).toContain("-> DIRECT");
  });

  it("reads local time in the machine's zone (TZ) without --tz, as with --tz naming it", async () => {
    const pac = 'function FindProxyForURL(url, host) {\n  return timeRange(9, 10) ? "DIRECT" : "PROXY p.example:8080";\n}\n';
    const previous = process.env["TZ"];
    process.env["TZ"] = "Asia/Kolkata";
    try {
      // 04:00 UTC is 09:30 in Kolkata; --at without an offset is wall time in the machine's zone too.
      for (const at of ["2026-11-27T04:00:00Z", "2026-11-27T09:30:00"]) {
        const machine = await resolve(["t.pac", "http://a.example/", "--at", at, "--json"], { "t.pac": pac });
        const named = await resolve(["t.pac", "http://a.example/", "--at", at, "--json", "--tz", "Asia/Kolkata"], { "t.pac": pac });
        expect(JSON.parse(machine.out)).toMatchObject({ result: "DIRECT", environment: { at: "2026-11-27T04:00:00.000Z", timeZone: "Asia/Calcutta" } });
        expect(machine.out.replace("Asia/Calcutta", "Asia/Kolkata")).toBe(named.out);
      }
    } finally {
      if (previous === undefined) delete process.env["TZ"];
      else process.env["TZ"] = previous;
    }
  });

  it("traces helper calls with their answers and the deciding line", async () => {
    const { out } = await resolve([enterprise, "http://printer.lan.example/", "--dns", "printer.lan.example=192.168.7.9", "--trace"]);
    expect(out).toContain('    24:12  dnsResolve("printer.lan.example") -> "192.168.7.9"');
    expect(out).toContain('    9:5    isInNet("192.168.7.9", "192.168.0.0", "255.255.0.0") -> true');
    expect(out.trimEnd().split("\n").at(-1)).toBe("    26:5   returned: return \"DIRECT\";");
  });

  it("reads URLs from a file or stdin, skipping comments and blank lines", async () => {
    const list = "# DO service\nhttps://geo.prod.do.dsp.mp.microsoft.com/\n\n  http://intranet/  \n";
    const fromFile = await resolve([enterprise, "--urls", "urls.txt"], { "urls.txt": list });
    const fromStdin = await resolve([enterprise, "--urls", "-"], {}, list);
    expect(fromFile.out.split("\n").filter(Boolean)).toHaveLength(2);
    expect(fromStdin.out).toBe(fromFile.out);
  });

  it("reads a URL list with CRLF, CR or mixed line ends as the same list with LF", async () => {
    const lines = ["# DO service", "https://geo.prod.do.dsp.mp.microsoft.com/", "", "  http://intranet/  ", "http://www.example.com/"];
    const lf = await resolve([enterprise, "--urls", "urls.txt"], { "urls.txt": lines.join("\n") });
    expect(lf.out.split("\n").filter(Boolean)).toHaveLength(3);
    for (const text of [lines.join("\r\n"), lines.join("\r"), `${lines.slice(0, 2).join("\r\n")}\n${lines.slice(2).join("\r")}\r\n`]) {
      expect((await resolve([enterprise, "--urls", "urls.txt"], { "urls.txt": text })).out).toBe(lf.out);
    }
  });

  it("takes --format json for --json, and --format stylish for the default", async () => {
    const args = [enterprise, "http://intranet/", "--client-ip", "10.1.1.1", "--at", "2026-11-27T10:00:00Z", "--tz", "UTC"];
    expect((await resolve([...args, "-f", "json"])).out).toBe((await resolve([...args, "--json"])).out);
    expect((await resolve([...args, "--format", "stylish"])).out).toBe((await resolve(args)).out);
    expect(await resolve([...args, "--json", "-f", "stylish"])).toMatchObject({ code: 2, err: "pac-do: --json and --format stylish disagree\n" });
  });

  it("emits one JSON object per URL with the result, position and environment", async () => {
    const { out } = await resolve([enterprise, "http://intranet/", "--json", "--client-ip", "10.1.1.1", "--at", "2026-11-27T10:00:00Z", "--tz", "UTC"]);
    const lines = out.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      url: "http://intranet/",
      host: "intranet",
      profile: "winhttp",
      result: "DIRECT",
      error: null,
      entries: [{ text: "DIRECT", type: "DIRECT" }],
      line: 14,
      column: 5,
      environment: { clientIps: ["10.1.1.1"], at: "2026-11-27T10:00:00.000Z", timeZone: "UTC", liveDns: false },
    });
  });

  it("shows the profiles side by side, Chromium's implicit bypass included", async () => {
    const pac = 'function FindProxyForURL(url, host) { return host == "KV801.example" ? "DIRECT" : "PROXY p.example:1"; }\nfunction FindProxyForURLEx(url, host) { return "PROXY ex.example:2"; }\n';
    const { code, out } = await resolve(["t.pac", "http://KV801.example/", "http://localhost/", "--profile", "all"], { "t.pac": pac });
    expect(code).toBe(0);
    expect(out).toContain("winhttp");
    expect(out.split("\n").find((l) => l.startsWith("http://KV801.example/"))).toMatch(/PROXY ex\.example:2\s+PROXY p\.example:1\s+PROXY p\.example:1/);
    expect(out.split("\n").find((l) => l.startsWith("http://localhost/"))).toContain("DIRECT (implicit bypass)");
  });

  it("exits 1 when one profile fails while the others answer", async () => {
    const files = { "t.pac": "const d = \"DIRECT\";\nfunction FindProxyForURL(url, host) { return d; }\n" };
    const { code, out } = await resolve(["t.pac", "http://a.example/", "--profile", "all"], files);
    expect(code).toBe(1);
    expect(out.split("\n").find((l) => l.startsWith("http://a.example/"))).toMatch(/error: the PAC failed to load: `const` declaration.*\s+DIRECT\s+DIRECT$/);
  });

  it("reports a PAC that fails for some URLs with exit 1 and still answers the others", async () => {
    const pac = "function FindProxyForURL(url, host) {\n  if (host == \"bad.example\") return missing.value;\n  return \"DIRECT\";\n}\n";
    const { code, out } = await resolve(["t.pac", "http://bad.example/", "http://good.example/"], { "t.pac": pac });
    expect(code).toBe(1);
    expect(out).toBe("http://bad.example/ -> error: ReferenceError: 'missing' is not defined  (t.pac:2:37)\nhttp://good.example/ -> DIRECT  (t.pac:3:3)\n");
  });

  it("fails every URL with exit 1 when the PAC does not load, naming the line", async () => {
    const { code, out, err } = await resolve(["t.pac", "http://a.example/", "http://b.example/"], { "t.pac": "function FindProxyForURL(url, host) {\n  return (\n}\n" });
    expect(code).toBe(1);
    expect(out.split("\n").filter(Boolean)).toHaveLength(2);
    expect(err).toMatch(/^pac-do: t\.pac:[23]:\d+: the PAC failed to load: unexpected/);
  });

  it("rejects ES2015 syntax under winhttp, naming the construct and line, but runs it under chromium", async () => {
    const files = { "t.pac": "function FindProxyForURL(url, host) {\n  const direct = \"DIRECT\";\n  return direct;\n}\n" };
    const winhttp = await resolve(["t.pac", "http://a.example/"], files);
    expect(winhttp.code).toBe(1);
    expect(winhttp.err).toContain("t.pac:2:3: the PAC failed to load: `const` declaration is ES2015+ syntax");
    expect((await resolve(["t.pac", "http://a.example/", "--profile", "chromium"], files)).out).toContain("-> DIRECT");
  });

  it("calls the entry point --entry names", async () => {
    const pac = 'function FindProxyForURL(u, h) { return "PROXY classic.example:1"; }\nfunction FindProxyForURLEx(u, h) { return "PROXY ex.example:2"; }\n';
    expect((await resolve(["t.pac", "http://a.example/"], { "t.pac": pac })).out).toContain("-> PROXY ex.example:2");
    expect((await resolve(["t.pac", "http://a.example/", "--entry", "FindProxyForURL"], { "t.pac": pac })).out).toContain("-> PROXY classic.example:1");
    const chromium = await resolve(["t.pac", "http://a.example/", "--profile", "node", "--entry", "FindProxyForURLEx"], { "t.pac": pac });
    expect(chromium).toMatchObject({ code: 1, out: "http://a.example/ -> error: pac-resolver only calls FindProxyForURL\n" });
  });

  it("puts the traced helper calls into the JSON output", async () => {
    const { out } = await resolve([enterprise, "http://intranet/", "--json", "--trace"]);
    expect(JSON.parse(out).calls).toEqual([{ name: "isPlainHostName", args: ["intranet"], result: true, line: 13, column: 7 }]);
  });

  it("says the node profile cannot name the deciding line", async () => {
    const { out } = await resolve([enterprise, "http://intranet/", "--profile", "node", "--trace"]);
    expect(out).toBe('http://intranet/ -> DIRECT\n      isPlainHostName("intranet") -> true\n      (the node profile cannot name the line: pac-resolver runs regenerated code)\n');
  });

  it("stops a looping PAC at --timeout", async () => {
    const { code, out } = await resolve(["t.pac", "http://a.example/", "--timeout", "100"], { "t.pac": "function FindProxyForURL(u, h) { for (;;) {} }\n" });
    expect(code).toBe(1);
    expect(out).toContain("error: timed out after 100 ms");
  });

  it.each([
    [["--at", "yesterday"], /--at: "yesterday" is not an ISO 8601 date-time/],
    [["--client-ip", "10.0.0.300"], /--client-ip: "10\.0\.0\.300" is not an IPv4 or IPv6 address/],
    [["--dns", "nohost"], /--dns: expected host=ip/],
    [["--tz", "Mars/Olympus"], /--tz: unknown time zone/],
    [["--timeout", "0"], /--timeout must be a positive number/],
    [["--profile", "ie6"], /invalid/],
  ])("exits 2 with one line for %j", async (extra, message) => {
    const { code, err } = await resolve([enterprise, "http://a.example/", ...extra]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it("exits 2 on a missing file or no URLs", async () => {
    expect(await resolve(["missing.pac", "http://a.example/"])).toMatchObject({ code: 2, err: "pac-do: missing.pac: no such file\n" });
    expect((await resolve([enterprise])).code).toBe(2);
  });
});
