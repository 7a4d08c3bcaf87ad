/**
 * The answers an evaluation read from its environment, so that another environment class can be
 * checked against them without running the PAC again. A PAC sees its environment only through the
 * sandbox's helpers (prelude.ts): the client addresses (myIpAddress*), the DNS table (dnsResolve*,
 * isResolvable*, isInNet on a name) and the clock (the time helpers and Date). An evaluation's
 * `reads` names every environment-reading helper it used and its `lookups` every DNS read (the guest
 * logs them where it reads its DNS table); a class that answers each of those reads as the evaluated
 * one did takes the PAC down the same path to the same result, provided a call leaves no state behind
 * (the caller's condition: `Collected.statefulSites` empty).
 *
 * The reads are compared as the guest makes them, raw: the whole client address list, the DNS answer
 * list of each name looked up, the clock reading. One read is compared by what it can tell: where
 * `isInNet(name, pattern, mask)` resolves the name itself, it reads only the first IPv4 address under
 * the mask, so two answers equal under the mask answer it alike. That lets an address inside a network
 * answer like another inside it, though each is a class of its own for some other test (a /24 listed
 * inside a /16 of the same table).
 */
import type { Environment, Evaluation } from "../evaluate/types.js";

/** One read and what it answered. */
type Read =
  | { readonly kind: "client"; readonly ips: readonly string[] }
  | { readonly kind: "clock"; readonly now: number; readonly timeZone: string }
  | { readonly kind: "lookup"; readonly key: string; readonly answer: readonly string[] }
  | { readonly kind: "masked"; readonly key: string; readonly mask: number; readonly value: number | null };

/** What one evaluation read, deduplicated; compare with `answersAlike`. */
export interface AnswersRead {
  readonly reads: readonly Read[];
}

/** Helpers that read the environment (Evaluation.reads names) whose reads this module knows how to compare. */
const KNOWN_READS = new Set(["myIpAddress", "myIpAddressEx", "dnsResolve", "dnsResolveEx", "isResolvable", "isResolvableEx", "isInNet", "timeRange", "weekdayRange", "dateRange", "Date"]);
const CLOCK_READS = new Set(["timeRange", "weekdayRange", "dateRange", "Date"]);
/** Failures decided by what the PAC computed, not by the resources it had. */
const ANSWER_FAILURES = new Set(["exception", "not-a-string", "no-entry-point", "too-long"]);

/**
 * The reads of an evaluation made with `reads` and `lookups` in environment `env`, or undefined when
 * they cannot all be known: no DNS log (pac-resolver's profile), live DNS, a failure that depends on
 * resources rather than on answers (timeout, memory, stack), or a reading helper this module does not
 * know. `readsDate`: the PAC names Date, whose local getters read the zone's offset at the instant
 * without marking a read, so the clock counts as read by every evaluation.
 */
export function answersRead(evaluation: Evaluation, env: Environment, readsDate: boolean): AnswersRead | undefined {
  const { lookups, reads, failure } = evaluation;
  if (env.liveDns || lookups === undefined || reads === undefined) return undefined;
  if (failure && !ANSWER_FAILURES.has(failure.kind)) return undefined;
  if (reads.some((name) => !KNOWN_READS.has(name))) return undefined;
  const out: Read[] = [];
  if (reads.includes("myIpAddress") || reads.includes("myIpAddressEx")) out.push({ kind: "client", ips: env.clientIps });
  if (readsDate || reads.some((name) => CLOCK_READS.has(name))) out.push({ kind: "clock", now: env.now, timeZone: env.timeZone });
  for (const { name, mask } of lookups) {
    out.push(mask === undefined ? { kind: "lookup", key: name, answer: lookup(env, name) } : { kind: "masked", key: name, mask, value: masked(env, name, mask) });
  }
  return { reads: out };
}

/** Whether `env` answers every read as the evaluated environment did. */
export function answersAlike(read: AnswersRead, env: Environment): boolean {
  for (const r of read.reads) {
    switch (r.kind) {
      case "client":
        if (!sameList(r.ips, env.clientIps)) return false;
        break;
      case "clock":
        if (r.now !== env.now || r.timeZone !== env.timeZone) return false;
        break;
      case "lookup":
        if (!sameList(r.answer, lookup(env, r.key))) return false;
        break;
      case "masked":
        if (r.value !== masked(env, r.key, r.mask)) return false;
        break;
    }
  }
  return true;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** The DNS answer list the guest sees for a lower-case name: it lower-cases the table's keys, the last one winning. */
function lookup(env: Environment, key: string): readonly string[] {
  let answer: readonly string[] = [];
  for (const [host, ips] of env.dns) if (host.toLowerCase() === key) answer = ips;
  return answer;
}

/** isInNet's view of a name: its first IPv4 answer (the guest's `resolved`) under the mask, or null when it has none (prelude.ts isInNet). */
function masked(env: Environment, key: string, bits: number): number | null {
  for (const ip of lookup(env, key)) {
    const value = v4(ip);
    if (value !== null) return value & bits;
  }
  return null;
}

/** A dotted quad as the guest's convert_addr reads it (a signed 32-bit value), or null (prelude.ts `v4`). */
function v4(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return null;
  const [a = 0, b = 0, c = 0, d = 0] = octets;
  return ((a & 0xff) << 24) | ((b & 0xff) << 16) | ((c & 0xff) << 8) | (d & 0xff);
}
