import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createEvaluator, defaultEnvironment } from "../../src/evaluate/index.js";
import type { Evaluation, ProfileName } from "../../src/evaluate/types.js";
import { createSourceFile } from "../../src/source/source-file.js";
import type { Program } from "../../src/syntax/ast.js";
import { parseForTest } from "../evaluate/parse-for-test.js";

/**
 * Each fixtures/resolve/<name>.cases.json holds what real clients answered (recorded with
 * fixtures/resolve/record-oracles.mjs): pacparser 1.3.6, headless Chromium 156 (raw return value and
 * parsed list) and pac-resolver 7.0.1. Every profile must give the same answer, except the
 * differences listed here, each with its reason (docs/profiles.md explains them).
 */
interface Case {
  readonly url: string;
  readonly client_ip: string | null;
  readonly dns: Readonly<Record<string, string>>;
  readonly results: Readonly<Record<"pacparser" | "chromium" | "chromium-raw" | "pac-resolver-7", string>>;
}
interface CasesFile {
  readonly pac: string;
  /** When the oracles ran, on the real clock, and in which zone: time helpers are replayed at that instant. */
  readonly recorded_at?: string;
  readonly time_zone?: string;
  readonly results: readonly Case[];
}

const ORACLE: Record<ProfileName, "pacparser" | "chromium-raw" | "pac-resolver-7"> = {
  winhttp: "pacparser",
  chromium: "chromium-raw",
  node: "pac-resolver-7",
};

/** `<file> <profile> <url>[ <client ip>]` -> why the profile answers differently from its oracle, and what it answers. */
const DIFFERENCES: Record<string, { readonly why: string; readonly ours: string }> = {
  "conformance winhttp http://oracle.example/ 10.20.30.40": {
    why: "pacparser 1.3.6 lacks alert, sortIpAddressList and getClientVersion, matches any address for an invalid isInNet mask and answers null where IE answers false",
    ours: "failure: plain-ipv6-literal, dnsresolve-failure-null, ex-innet-mapped",
  },
  "conformance chromium http://oracle.example/ 10.20.30.40": {
    why: "oracle artifact: Chromium's MAP rules match names case-sensitively (shared/oracles README, difference 15)",
    ours: "failure: dnsresolve-failure-false, client-version",
  },
  "ex-entry-point winhttp https://kv801.prod.do.dsp.mp.microsoft.com/ 10.20.30.40": { why: "Windows calls FindProxyForURLEx when it is defined", ours: "PROXY ex.corp.example:8080" },
  "ex-entry-point winhttp http://example.com/ 10.20.30.40": { why: "Windows calls FindProxyForURLEx when it is defined", ours: "PROXY ex.corp.example:8080" },
  "host-case-and-url winhttp https://KV801.prod.do.dsp.mp.microsoft.com/filestreamingservice/files/x": {
    why: "WinHTTP passes the host as written (HOST_KEEPCASE), the pacparser oracle lower-cases it",
    ours: "PROXY path.corp.example:8080",
  },
  "oracle-02-shexp-msdo winhttp http://KV801.PROD.DO.DSP.MP.MICROSOFT.COM/": {
    why: "WinHTTP passes the host as written (HOST_KEEPCASE), so the lower-case glob does not match",
    ours: "DIRECT",
  },
  ...Object.fromEntries(
    [
      ["https://kv801.prod.do.dsp.mp.microsoft.com/", "DIRECT"],
      ["http://intranet/", "DIRECT"],
      ["https://www.example.com/", "PROXY proxy.northwind.local:8080; DIRECT"],
    ].map(([url, ours]) => [
      `pac-crlf-bom winhttp ${url}`,
      {
        why: "pacparser 1.3.6 hands the UTF-8 BOM to its engine (\"illegal character\"); pac-do drops it as Chromium does; Windows is unconfirmed (research §2.5)",
        ours: ours ?? "",
      },
    ]),
  ),
  "oracle-12-shexp-edge winhttp http://10.1.2.3/": {
    why: "pacparser turns an invalid isInNet mask into 0 and matches everything; pac-do follows Chromium and the reference JS (false)",
    ours: "PROXY m-innet.example:1",
  },
};

/** What an oracle column says, in the form pac-do's answer takes. */
function answer(evaluation: Evaluation): string {
  if (evaluation.implicitBypass) return "ERR";
  if (evaluation.failure?.kind === "not-a-string") return `NOT-A-STRING`;
  if (evaluation.failure) return "ERR";
  return evaluation.result ?? "";
}

function expected(oracle: string): string {
  if (oracle.startsWith("ERR")) return "ERR";
  // pacparser and pac-resolver stringify whatever the PAC returns; pac-do reports non-strings as failures, as Chromium does.
  if (oracle === "undefined" || /^-?\d+$/.test(oracle)) return "NOT-A-STRING";
  return oracle;
}

const dir = new URL("../../fixtures/resolve/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".cases.json"));

describe("answers of real clients", () => {
  it("has recorded cases", () => expect(files.length).toBeGreaterThanOrEqual(10));

  for (const file of files) {
    const name = file.replace(/\.cases\.json$/, "");
    const spec: CasesFile = JSON.parse(readFileSync(new URL(file, dir), "utf8"));
    const text = readFileSync(new URL(spec.pac, dir), "utf8");
    let program: Program | undefined;
    try {
      program = parseForTest(text);
    } catch {
      program = undefined;
    }
    for (const profile of ["winhttp", "chromium", "node"] as const) {
      it(`${name}: ${profile} answers what ${ORACLE[profile]} answers, except documented differences`, async () => {
        const loaded = await createEvaluator(createSourceFile(text, spec.pac), { profile, ...(program ? { program } : {}) });
        for (const c of spec.results) {
          const env = defaultEnvironment({
            clientIps: c.client_ip ? [c.client_ip] : ["127.0.0.1"],
            dns: new Map(Object.entries(c.dns).map(([host, ip]) => [host, [ip]])),
            ...(spec.recorded_at ? { now: Date.parse(spec.recorded_at) } : {}),
            ...(spec.time_zone ? { timeZone: spec.time_zone } : {}),
          });
          // The Chromium oracle navigates http and https only (Chromium dropped FTP in version 95).
          if (profile === "chromium" && c.results["chromium-raw"].includes("unsupported scheme")) continue;
          // One evaluation per URL, in the oracles' order: PACs may keep state between calls.
          const evaluation = loaded.ok ? await loaded.evaluator.evaluate({ url: c.url }, env) : undefined;
          const ours = evaluation ? answer(evaluation) : "ERR";
          const difference = DIFFERENCES[`${name} ${profile} ${c.url}${c.client_ip ? ` ${c.client_ip}` : ""}`];
          expect(ours, `${c.url} (${difference?.why ?? ORACLE[profile]})`).toBe(difference ? difference.ours : expected(c.results[ORACLE[profile]]));
          if (profile === "chromium" && evaluation && !difference && !c.results.chromium.startsWith("ERR")) {
            expect(evaluation.implicitBypass ? "DIRECT" : evaluation.effective, `${c.url}: Chromium's parsed list`).toBe(c.results.chromium);
          }
        }
        if (loaded.ok) loaded.evaluator[Symbol.dispose]();
      });
    }
  }
});
