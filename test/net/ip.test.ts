import * as net from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isIP, isIPv4, isIPv6 } from "../../src/net/ip.js";

const SAMPLES = [
  "1.2.3.4", "0.0.0.0", "255.255.255.255", "01.2.3.4", "255.255.255.256", "1.2.3", "1.2.3.4 ", " 1.2.3.4", "",
  "::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:8:9", "1::2::3", "[::1]",
  "::ffff:1.2.3.4", "::ffff:01.2.3.4", "1:2:3:4:5:6:1.2.3.4", "fe80::1%eth0", "fe80::1%", "FE80::ABCD", "12345::",
];

/** Strings built from the characters IP literals are made of, so that near-misses are common. */
const nearIp = fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF:.%zx"), maxLength: 45 });
const dottedQuad = fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((parts) => parts.join("."));
const colonGroups = fc.array(fc.oneof(fc.constant(""), fc.nat(0x1ffff).map((n) => n.toString(16))), { maxLength: 10 }).map((groups) => groups.join(":"));

describe("isIP", () => {
  it("answers as node:net does for the edge cases", () => {
    for (const sample of SAMPLES) expect([sample, isIP(sample)]).toEqual([sample, net.isIP(sample)]);
  });

  it("answers as node:net does for generated near-addresses", () => {
    fc.assert(
      fc.property(fc.oneof(nearIp, dottedQuad, colonGroups, fc.tuple(colonGroups, dottedQuad).map(([a, b]) => `${a}:${b}`)), (text) => {
        expect(isIP(text)).toBe(net.isIP(text));
        expect(isIPv4(text)).toBe(net.isIPv4(text));
        expect(isIPv6(text)).toBe(net.isIPv6(text));
      }),
      { numRuns: 3000 },
    );
  });
});
