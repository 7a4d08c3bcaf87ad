import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createEvaluator } from "../../src/evaluate/index.js";
import type { Environment, ProfileName } from "../../src/evaluate/types.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { parseForTest } from "./parse-for-test.js";

const text = readFileSync(new URL("../../fixtures/evaluate/conformance.pac", import.meta.url), "utf8");

/** The world the conformance PAC expects (see its header). */
const environment: Environment = {
  clientIps: ["10.20.30.40"],
  dns: new Map([
    ["intranet.example", ["10.5.6.7"]],
    ["dual.example", ["10.5.6.8", "2001:db8::7"]],
    ["v6only.example", ["2001:db8::9"]],
  ]),
  liveDns: false,
  now: Date.UTC(2026, 10, 27, 23, 30, 15),
  timeZone: "Europe/Berlin",
};

/**
 * The checks each profile fails on purpose (documented in docs/profiles.md). The two dnsResolve
 * failure checks exclude each other, so every profile fails exactly one of them.
 */
const expectedFailures: Record<Exclude<ProfileName, "node">, readonly string[]> = {
  // Mozilla's isPlainHostName (no dot) as pacparser has it; IE's dnsResolve answers false; MS docs: no cross-family isInNetEx.
  winhttp: ["plain-ipv6-literal", "dnsresolve-failure-null", "ex-innet-mapped"],
  // getClientVersion is not defined in Chromium.
  chromium: ["dnsresolve-failure-false", "client-version"],
};

describe("conformance PAC", () => {
  for (const profile of ["winhttp", "chromium"] as const) {
    it(`passes every ${profile} check except the documented differences`, async () => {
      const loaded = await createEvaluator(createSourceFile(text, "conformance.pac"), { profile, program: parseForTest(text) });
      if (!loaded.ok) throw new Error(loaded.failure.message);
      using evaluator = loaded.evaluator;
      const evaluation = await evaluator.evaluate({ url: "http://conformance.example/" }, environment);
      expect(evaluation.result).toBe(`failure: ${expectedFailures[profile].join(", ")}`);
    });
  }

  it("does not load under node: pac-resolver's degenerator cannot await DNS helpers inside function expressions", async () => {
    const loaded = await createEvaluator(createSourceFile(text, "conformance.pac"), { profile: "node" });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.failure).toMatchObject({ kind: "syntax", message: "SyntaxError: expecting ';'" });
  });

  const flat = readFileSync(new URL("../../fixtures/evaluate/conformance-flat.pac", import.meta.url), "utf8");
  const flatFailures: Record<ProfileName, string> = {
    winhttp: "failure: plain-ipv6-literal, dnsresolve-failure-null",
    chromium: "PROXY success:80",
    // pac-resolver 7.0.1: isPlainHostName only looks for a dot, dnsDomainIs(h, "") is false, no
    // convert_addr or Microsoft extensions, 2-argument timeRange excludes the end hour, no wrap-around
    // in 4-argument timeRange, 3 arguments give false, dateRange is always false.
    node: "failure: plain-ipv6-literal, domain-empty, convert-addr, ex-helpers, time-2arg-inclusive, time-4arg-wrap, time-3arg-throws, date",
  };
  for (const profile of ["winhttp", "chromium", "node"] as const) {
    it(`answers the flat checks as ${profile} does`, async () => {
      const loaded = await createEvaluator(createSourceFile(flat, "conformance-flat.pac"), {
        profile,
        ...(profile === "node" ? {} : { program: parseForTest(flat) }),
      });
      if (!loaded.ok) throw new Error(loaded.failure.message);
      using evaluator = loaded.evaluator;
      expect((await evaluator.evaluate({ url: "http://conformance.example/" }, environment)).result).toBe(flatFailures[profile]);
    });
  }
});
