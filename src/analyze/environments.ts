/**
 * Environment classes: the client addresses, DNS answers and clock readings worth evaluating a PAC
 * under. Each dimension the PAC reads contributes representative defaults plus values just inside and
 * just outside every boundary the PAC tests; values the PAC cannot tell apart (same answer to every
 * address test) are merged; the classes are the product of the dimensions, capped.
 */
import { zoneOffset } from "../evaluate/environment.js";
import type { Environment } from "../evaluate/types.js";
import { positionAt, type SourceFile } from "../source/source-file.js";
import type { EnvironmentClass, EnvironmentDimension } from "./types.js";
import { allOnes, formatAddress, inNetwork, isPrefix, lastAddress, memberOf, neighbourOf, parseAddress, type Address, type Network } from "./address.js";
import type { AddressTest, Collected, TimeTest } from "./collect.js";

/** Client address used when the PAC never reads it. */
export const DEFAULT_CLIENT_IP = "198.51.100.20";

/** A product larger than this is cut down (every value still appears at least once). */
export const DEFAULT_MAX_CLASSES = 400;

export interface EnvironmentOptions {
  /** IANA zone of the PAC's local time. Default UTC, so GMT and local rules read the same clock. */
  readonly timeZone?: string;
  readonly maxClasses?: number;
}

export interface EnvironmentSpace {
  readonly classes: readonly EnvironmentClass[];
  /** Size of the full product before the cap. */
  readonly total: number;
}

interface Value {
  readonly key: string;
  readonly label: string;
}
interface ClientValue extends Value {
  readonly ip: string;
  /** Every address the client has, when it has several (`myIpAddressEx` lists them all); else just `ip`. */
  readonly ips?: readonly string[];
}
interface AnswerValue extends Value {
  readonly answer: readonly string[];
}
interface ProbeValue extends Value {
  readonly answers: ReadonlyMap<string, readonly string[]>;
}
interface TimeValue extends Value {
  readonly now: number;
  readonly day: string;
  readonly clock: string;
}

interface DefaultAddress {
  readonly ip: string;
  readonly tag: string;
  /** Kept even when the address tests cannot tell it from an earlier one. */
  readonly always: boolean;
}

/**
 * A public address, each RFC 1918 network, CGNAT (RFC 6598) and IPv6. When every address test was
 * understood, the private and CGNAT ones are merged into the classes they cannot be told from.
 */
const CLIENT_DEFAULTS: readonly DefaultAddress[] = [
  { ip: DEFAULT_CLIENT_IP, tag: "public", always: true },
  { ip: "10.0.0.10", tag: "private 10/8", always: false },
  { ip: "172.16.0.10", tag: "private 172.16/12", always: false },
  { ip: "192.168.0.10", tag: "private 192.168/16", always: false },
  { ip: "100.64.0.10", tag: "CGNAT 100.64/10", always: false },
  { ip: "2001:db8::10", tag: "IPv6", always: true },
];

/** A client with an IPv4 and an IPv6 address, and a host with an A and an AAAA record, for the Ex helpers' lists. */
const DUAL_STACK_CLIENT: readonly [string, ...string[]] = ["10.0.0.10", "2001:db8::10"];
const DUAL_STACK_ANSWER: readonly string[] = ["203.0.113.10", "2001:db8::20"];

const DNS_DEFAULTS: readonly DefaultAddress[] = [
  { ip: "203.0.113.10", tag: "public", always: true },
  { ip: "10.0.0.20", tag: "private", always: true },
];

/** Where probe hosts (`isResolvable("intranet.corp")`) resolve when no network test names them. */
const PROBE_ANSWER = "10.0.0.30";

/** One PAC whose environment reads the classes take into account. */
export interface EnvironmentInput {
  readonly collected: Collected;
  readonly source: SourceFile;
  /** How labels name this PAC when classes come from several (`NEW` gives "from line 14 of NEW"). */
  readonly name?: string;
}

/** Builds the environment classes for what `collect` found. */
export function buildEnvironments(collected: Collected, source: SourceFile, options: EnvironmentOptions = {}): EnvironmentSpace {
  return buildUnionEnvironments([{ collected, source }], options);
}

/**
 * The classes that tell apart everything any of the PACs can tell apart: every boundary each one
 * tests, on one set of classes, so two PACs can be evaluated class by class (`pac-do diff`).
 */
export function buildUnionEnvironments(inputs: readonly EnvironmentInput[], options: EnvironmentOptions = {}): EnvironmentSpace {
  const timeZone = options.timeZone ?? "UTC";
  const lines = new Map<AddressTest, string>();
  for (const { collected, source, name } of inputs) {
    for (const test of collected.addressTests) {
      lines.set(test, `${positionAt(source, test.range[0]).line}${name === undefined ? "" : ` of ${name}`}`);
    }
  }
  const describe = (test: AddressTest): string => describeTest(test, lines.get(test) ?? "?");
  const collected = unionOf(inputs.map((input) => input.collected));

  const client: ClientValue[] = [];
  if (collected.usesClient) {
    const tests = collected.addressTests.filter((t) => t.target !== "dns");
    for (const [i, { ip, tags }] of addressValues(tests, CLIENT_DEFAULTS, describe, collected.addressTestsComplete).entries()) {
      client.push({ key: `c${i}`, ip, label: `client ${ip}${tags.length > 0 ? ` (${tags.join("; ")})` : ""}` });
    }
    // The Ex helpers list every address: a dual-stack client (the usual Windows machine) and a host
    // with both A and AAAA records give lists that single-address classes never show.
    if (collected.usesIpv6) client.push({ key: `c${client.length}`, ip: DUAL_STACK_CLIENT[0], ips: DUAL_STACK_CLIENT, label: `client ${DUAL_STACK_CLIENT.join(" and ")} (dual stack)` });
  }

  const hostDns: AnswerValue[] = [];
  if (collected.usesHostDns) {
    const tests = collected.addressTests.filter((t) => t.target !== "client" && !(t.kind === "network" && t.probe));
    for (const [i, { ip, tags }] of addressValues(tests, DNS_DEFAULTS, describe, collected.addressTestsComplete).entries()) {
      hostDns.push({ key: `d${i}`, answer: [ip], label: `host resolves to ${ip}${tags.length > 0 ? ` (${tags.join("; ")})` : ""}` });
    }
    hostDns.push({ key: `d${hostDns.length}`, answer: [], label: "host does not resolve" });
    if (collected.usesIpv6) {
      hostDns.push({ key: `d${hostDns.length}`, answer: ["2001:db8::20"], label: "host resolves to 2001:db8::20 only (IPv6)" });
      hostDns.push({ key: `d${hostDns.length}`, answer: DUAL_STACK_ANSWER, label: `host resolves to ${DUAL_STACK_ANSWER.join(" and ")}` });
    }
  }

  const probes: ProbeValue[] = [];
  if (collected.probeHosts.length > 0) {
    const answerFor = (host: string): string => {
      const test = collected.addressTests.find((t) => t.kind === "network" && t.probe === host);
      return test?.kind === "network" ? formatAddress(memberOf(test.network)) : PROBE_ANSWER;
    };
    const hosts = collected.probeHosts.map((p) => p.host);
    const subsets: (readonly string[])[] = [[], hosts];
    if (hosts.length > 1 && hosts.length <= 3) subsets.push(...hosts.map((h) => [h]));
    for (const [i, subset] of subsets.entries()) {
      const answers = new Map(subset.map((h) => [h, [answerFor(h)]] as const));
      const label =
        subset.length === 0
          ? `${listHosts(hosts)} ${hosts.length === 1 ? "does" : "do"} not resolve`
          : `${listHosts(subset)} ${subset.length === 1 ? "resolves" : "resolve"}${subset.length < hosts.length ? ` (only)` : ""}`;
      probes.push({ key: `p${i}`, answers, label });
    }
  }

  const time: TimeValue[] = collected.usesTime ? timeValues(collected.timeTests, timeZone) : [];

  const dims: Value[][] = [client, hostDns, probes, time].filter((d) => d.length > 0);
  const total = dims.reduce((n, d) => n * d.length, 1);
  const combos = capProduct(
    dims.map((d) => d.length),
    options.maxClasses ?? DEFAULT_MAX_CLASSES,
  );
  const classes = combos.map((combo): EnvironmentClass => {
    const picked = combo.map((index, dim) => dims[dim]?.[index]).filter((v) => v !== undefined);
    const c = picked.find((v): v is ClientValue => "ip" in v);
    const d = picked.find((v): v is AnswerValue => "answer" in v);
    const p = picked.find((v): v is ProbeValue => "answers" in v);
    const t = picked.find((v): v is TimeValue => "now" in v);
    const witness: Environment = {
      clientIps: c?.ips ?? [c?.ip ?? DEFAULT_CLIENT_IP],
      dns: p?.answers ?? new Map(),
      liveDns: false,
      now: t?.now ?? Date.UTC(2026, 10, 25, 10, 30),
      timeZone,
    };
    const parts: Partial<Record<EnvironmentDimension, string>> = {};
    if (c) parts.client = c.key;
    if (d || p) parts.dns = `${d?.key ?? ""}${p?.key ?? ""}`;
    if (t) {
      parts.day = t.day;
      parts.clock = t.clock;
    }
    return {
      id: picked.length === 0 ? "any" : picked.map((v) => v.key).join("."),
      parts,
      label: picked.length === 0 ? "any environment (the PAC reads no client address, DNS or clock)" : picked.map((v) => v.label).join(", "),
      witness,
      hostAnswer: d?.answer ?? [],
      values: picked.map(({ key, label }) => ({ key, label })),
    };
  });
  return { classes, total };
}

/** What several PACs read, as if one PAC had read it all. */
function unionOf(all: readonly Collected[]): Collected {
  const [first] = all;
  if (first === undefined || all.length === 1) return first ?? unionOf([EMPTY]);
  const probes = new Map(all.flatMap((c) => c.probeHosts.map((p) => [p.host, p] as const)));
  return {
    usesClient: all.some((c) => c.usesClient),
    usesHostDns: all.some((c) => c.usesHostDns),
    usesIpv6: all.some((c) => c.usesIpv6),
    usesTime: all.some((c) => c.usesTime),
    usesDate: all.some((c) => c.usesDate),
    addressTests: all.flatMap((c) => c.addressTests),
    addressTestsComplete: all.every((c) => c.addressTestsComplete),
    timeTests: all.flatMap((c) => c.timeTests),
    timeTestsComplete: all.every((c) => c.timeTestsComplete),
    probeHosts: [...probes.values()],
    hostLiterals: all.flatMap((c) => c.hostLiterals),
    serviceNamePatterns: all.flatMap((c) => c.serviceNamePatterns ?? []),
    loadTimeReads: all.flatMap((c) => c.loadTimeReads),
    statefulSites: all.flatMap((c) => c.statefulSites),
  };
}

const EMPTY: Collected = {
  usesClient: false,
  usesHostDns: false,
  usesIpv6: false,
  usesTime: false,
  usesDate: false,
  addressTests: [],
  addressTestsComplete: true,
  timeTests: [],
  timeTestsComplete: true,
  probeHosts: [],
  hostLiterals: [],
  loadTimeReads: [],
  statefulSites: [],
};

/** The environment a class stands for when the PAC is asked about `host`. */
export function environmentFor(environment: EnvironmentClass, host: string): Environment {
  const answer = environment.hostAnswer ?? [];
  if (answer.length === 0) return environment.witness;
  const dns = new Map(environment.witness.dns);
  dns.set(host.toLowerCase().replace(/\.$/, ""), answer);
  return { ...environment.witness, dns };
}

function listHosts(hosts: readonly string[]): string {
  return hosts.length <= 3 ? hosts.join(", ") : `${hosts.slice(0, 3).join(", ")} and ${hosts.length - 3} more`;
}

/**
 * Addresses worth trying against a set of address tests: the defaults first, then for each test a
 * member and a neighbour; an address is kept only when it answers the tests differently from every
 * address before it (defaults marked `always`, or all of them when some test was not understood,
 * are kept regardless). Tags say which tests it passes.
 *
 * A PAC may hold a thousand networks (an exported table of internal ranges), so an address is not
 * matched against every test in turn: networks are indexed by mask, and an address finds the ones
 * holding it with one lookup per distinct mask. The work grows with tests x distinct masks, not
 * tests squared.
 */
function addressValues(
  tests: readonly AddressTest[],
  defaults: readonly DefaultAddress[],
  describe: (test: AddressTest) => string,
  complete: boolean,
): { ip: string; tags: string[] }[] {
  const passed = testIndex(tests);
  const described = new Map<number, string>();
  const describeAt = (i: number): string => {
    let text = described.get(i);
    if (text === undefined) described.set(i, (text = describe(tests[i] as AddressTest)));
    return text;
  };
  const out: { ip: string; tags: string[] }[] = [];
  const seen = new Set<string>();
  const seenIps = new Set<string>();
  for (const { ip, tag, always } of defaults) {
    const hits = passed(ip);
    const sig = hits.join(",");
    if (complete && !always && seen.has(sig)) continue;
    seen.add(sig);
    seenIps.add(ip);
    out.push({ ip, tags: [tag, ...hits.map(describeAt)] });
  }
  for (const test of tests) {
    for (const ip of candidates(test)) {
      if (seenIps.has(ip)) continue;
      const hits = passed(ip);
      const sig = hits.join(",");
      if (seen.has(sig)) continue;
      seen.add(sig);
      seenIps.add(ip);
      out.push({ ip, tags: hits.length > 0 ? hits.map(describeAt) : [`outside ${describe(test)}`] });
    }
  }
  return out;
}

/** For an address, the indices of the tests it passes, in order. */
function testIndex(tests: readonly AddressTest[]): (ip: string) => number[] {
  // family/mask -> network base -> test indices.
  const networks = new Map<string, { family: 4 | 6; mask: bigint; bases: Map<bigint, number[]> }>();
  const others: number[] = [];
  tests.forEach((test, i) => {
    if (test.kind !== "network") {
      others.push(i);
      return;
    }
    const key = `${test.network.family}/${test.network.mask}`;
    let group = networks.get(key);
    if (!group) networks.set(key, (group = { family: test.network.family, mask: test.network.mask, bases: new Map() }));
    const list = group.bases.get(test.network.base);
    if (list) list.push(i);
    else group.bases.set(test.network.base, [i]);
  });
  return (ip) => {
    const hits: number[] = [];
    const address = parseAddress(ip);
    if (address) {
      for (const group of networks.values()) {
        if (group.family === address.family) hits.push(...(group.bases.get(address.value & group.mask) ?? []));
      }
    }
    for (const i of others) if (matches(tests[i] as AddressTest, ip)) hits.push(i);
    return hits.sort((a, b) => a - b);
  };
}

function describeTest(test: AddressTest, line: string): string {
  switch (test.kind) {
    case "network":
      return `in ${test.network.text} from line ${line}`;
    case "table":
      return `in one of the ${test.networks.length.toLocaleString("en-US")} networks of ${test.name} from line ${line}`;
    case "glob":
      return `matches "${test.pattern}" from line ${line}`;
    case "regex":
      return `matches ${String(test.regex)} from line ${line}`;
    case "equals":
      return `equals "${test.value}" from line ${line}`;
    case "prefix":
      return `starts with "${test.value}" from line ${line}`;
  }
}

interface TableIndex {
  has(address: Address): boolean;
  /** A member of each interval of the union, then an address just past each interval's end (outside every network). */
  readonly candidates: readonly Address[];
}

const tableIndexes = new WeakMap<readonly Network[], TableIndex>();

/**
 * A table's networks as their union: a lookup per distinct mask for membership, and the networks
 * merged into intervals where adjacent or overlapping, so that the address after an interval is
 * outside all of them (the one after a single network may be inside the next).
 */
function tableIndex(networks: readonly Network[]): TableIndex {
  const known = tableIndexes.get(networks);
  if (known) return known;
  const byMask = new Map<string, { family: 4 | 6; mask: bigint; bases: Set<bigint> }>();
  for (const network of networks) {
    const key = `${network.family}/${network.mask}`;
    let group = byMask.get(key);
    if (!group) byMask.set(key, (group = { family: network.family, mask: network.mask, bases: new Set() }));
    group.bases.add(network.base);
  }
  const has = (address: Address): boolean => {
    for (const group of byMask.values()) if (group.family === address.family && group.bases.has(address.value & group.mask)) return true;
    return false;
  };
  const candidates: Address[] = [];
  const outside: Address[] = [];
  for (const family of [4, 6] as const) {
    const top = allOnes(family);
    const spans = networks
      .filter((n) => n.family === family)
      .map((n) => ({ network: n, first: n.base, last: lastAddress(n) }))
      .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    let current: { network: Network; last: bigint } | undefined;
    const close = (): void => {
      if (!current) return;
      candidates.push(memberOf(current.network));
      const after = current.last + 2n;
      if (after <= top && !has({ family, value: after })) outside.push({ family, value: after });
    };
    for (const span of spans) {
      // A non-contiguous mask's addresses are no interval: its member and neighbour stand alone.
      if (!isPrefix(span.network)) {
        candidates.push(memberOf(span.network));
        const next = neighbourOf(span.network);
        if (next && !has(next)) outside.push(next);
        continue;
      }
      if (current && span.first <= current.last + 1n) {
        if (span.last > current.last) current.last = span.last;
      } else {
        close();
        current = { network: span.network, last: span.last };
      }
    }
    close();
  }
  const index = { has, candidates: [...candidates, ...outside] };
  tableIndexes.set(networks, index);
  return index;
}

const shExpRegexes = new Map<string, RegExp | undefined>();

/** shExpMatch's conversion (research §4): only `.` is escaped; `*` and `?` become `.*` and `.`. */
function shExpRegex(pattern: string): RegExp | undefined {
  if (shExpRegexes.has(pattern)) return shExpRegexes.get(pattern);
  let regex: RegExp | undefined;
  try {
    regex = new RegExp(`^${pattern.replace(/\./g, "\\.").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  } catch {
    regex = undefined;
  }
  if (shExpRegexes.size > 4096) shExpRegexes.clear();
  shExpRegexes.set(pattern, regex);
  return regex;
}

export function matches(test: AddressTest, ip: string): boolean {
  switch (test.kind) {
    case "network": {
      const address = parseAddress(ip);
      return address !== undefined && inNetwork(test.network, address);
    }
    case "table": {
      const address = parseAddress(ip);
      return address !== undefined && tableIndex(test.networks).has(address);
    }
    case "glob":
      return shExpRegex(test.pattern)?.test(ip) ?? false;
    case "regex":
      test.regex.lastIndex = 0;
      return test.regex.test(ip);
    case "equals":
      return ip === test.value;
    case "prefix":
      return ip.startsWith(test.value);
  }
}

/** Addresses on both sides of one test's boundary. */
function candidates(test: AddressTest): string[] {
  switch (test.kind) {
    case "network": {
      const outside = neighbourOf(test.network);
      return [formatAddress(memberOf(test.network)), ...(outside ? [formatAddress(outside)] : [])];
    }
    case "table":
      return tableIndex(test.networks).candidates.map(formatAddress);
    case "glob":
    case "prefix":
    case "equals":
      return completions(test.kind === "glob" ? test.pattern : test.value).filter((ip) => matches(test, ip)).slice(0, 1);
    case "regex":
      return completions(regexPrefix(test.regex.source)).filter((ip) => matches(test, ip)).slice(0, 1);
  }
}

/** The literal address text a regex starts with: `^10\.20\.` gives `10.20.`. */
function regexPrefix(source: string): string {
  let out = "";
  const body = source.startsWith("^") ? source.slice(1) : source;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? "";
    if (/[0-9a-f:]/i.test(ch)) out += ch;
    else if (ch === "\\" && body[i + 1] === ".") {
      out += ".";
      i++;
    } else if (ch === ".") out += ".";
    else break;
  }
  return out;
}

/** Complete addresses a partial pattern may stand for: `10.1.*` gives 10.1.0.1, 10.1.1.1 ... */
function completions(partial: string): string[] {
  if (partial.includes(":")) {
    const filled = partial.replace(/[*?]/g, "1");
    return [filled, `${filled}1`, `${filled}::1`].filter((ip) => parseAddress(ip)?.family === 6);
  }
  const out: string[] = [];
  for (const fill of ["0", "1"]) {
    const octets = partial
      .replace(/\?/g, "1")
      .replace(/\[([0-9])[^\]]*\]/g, "$1")
      .split(".")
      .map((part) => part.replace(/\*/g, ""));
    while (octets.length > 0 && octets[octets.length - 1] === "") octets.pop();
    if (octets.length > 4 || octets.some((o) => !/^\d{0,3}$/.test(o))) continue;
    const fixed = octets.map((o) => (o === "" ? fill : o));
    while (fixed.length < 4) fixed.push(fixed.length === 3 ? "1" : fill);
    const ip = fixed.join(".");
    if (parseAddress(ip)) out.push(ip);
  }
  return out;
}

const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
/** The reference week: Monday 2026-11-23 to Sunday 2026-11-29. Index by day of week (0 = Sunday). */
const REFERENCE_DAY: readonly number[] = [29, 23, 24, 25, 26, 27, 28];
const REFERENCE_YEAR = 2026;
const DAY = 86400;
const REFERENCE_MONTH = 10;

interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * Clock readings: the dates (one per weekday the PAC names, plus a Wednesday and a Saturday, plus
 * both sides of every dateRange bound) times the times of day (10:30 and 23:30, plus both sides of
 * every timeRange bound).
 */
function timeValues(tests: readonly TimeTest[], timeZone: string): TimeValue[] {
  // Representative readings come first, so witnesses read as ordinary days where they can.
  const days = new Set<number>([3, 6]);
  const dates: CivilDate[] = [];
  const seconds = new Set<number>([10 * 3600 + 30 * 60, 23 * 3600 + 30 * 60]);
  const hasDateRange = tests.some((t) => t.helper === "dateRange");
  for (const test of tests) {
    if (test.helper === "weekdayRange") {
      const names = test.args.map((a) => DAY_NAMES.indexOf(String(a).toUpperCase())).filter((d) => d >= 0);
      const first = names[0];
      const last = names[names.length - 1];
      if (first !== undefined && last !== undefined) for (const d of [first - 1, first, last, last + 1]) days.add((d + 7) % 7);
    } else if (test.helper === "timeRange") {
      // Outside UTC a "GMT" bound is another instant than the same local reading: kept apart, as
      // seconds past DAY (a day's seconds later), so local readings sort first.
      const shift = test.gmt && timeZone !== "UTC" ? DAY : 0;
      for (const s of timeBoundaries(test.args.map(Number))) seconds.add((((s % DAY) + DAY) % DAY) + shift);
    } else {
      dates.push(...dateBoundaries(test.args));
    }
  }
  const allDates: CivilDate[] = [
    ...firstThenSorted(days).map((d) => ({ year: REFERENCE_YEAR, month: REFERENCE_MONTH, day: REFERENCE_DAY[d] ?? 25 })),
    ...dates,
  ];
  const uniqueDates = [...new Map(allDates.map((d) => [`${d.year}-${d.month}-${d.day}`, d])).values()];
  const times = firstThenSorted(seconds);
  const out: TimeValue[] = [];
  for (const [d, date] of uniqueDates.entries()) {
    for (const [c, s] of times.entries()) {
      const gmt = s >= DAY;
      const now = gmt ? zonedToEpoch(date, s - DAY, "UTC") : zonedToEpoch(date, s, timeZone);
      const label = formatClock(now, timeZone, hasDateRange) + (gmt ? ` (${formatClock(now, "UTC", false).slice(4)})` : "");
      out.push({ key: `t${out.length}`, now, label, day: `y${d}`, clock: `h${c}` });
    }
  }
  return out;
}

/** The two representative values as inserted, then the boundaries in order. */
function firstThenSorted(values: ReadonlySet<number>): number[] {
  const all = [...values];
  return [...all.slice(0, 2), ...all.slice(2).sort((a, b) => a - b)];
}

/** Seconds of day on both sides of each bound a timeRange call compares (research §4). */
function timeBoundaries(args: readonly number[]): number[] {
  if (args.some((a) => !Number.isFinite(a))) return [];
  const at = (h: number, m = 0, s = 0): number => h * 3600 + m * 60 + s;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = args;
  switch (args.length) {
    case 1:
      return [at(a) - 60, at(a), at(a + 1)];
    case 2:
      // Windows and Chromium include the end hour; pac-resolver excludes it: try both sides of both.
      return [at(a) - 60, at(a), at(b), at(b + 1) - 60, at(b + 1)];
    case 4:
      return [at(a, b) - 60, at(a, b), at(c, d), at(c, d + 1)];
    case 6:
      return [at(a, b, c) - 1, at(a, b, c), at(d, e, f), at(d, e, f) + 1];
    default:
      return [];
  }
}

/** Dates on both sides of each bound a dateRange call compares. */
function dateBoundaries(args: readonly (string | number)[]): CivilDate[] {
  const parts = args.map((a) => {
    if (typeof a === "number") return a < 32 ? { day: a } : { year: a };
    const month = MONTH_NAMES.indexOf(a.toUpperCase());
    return month >= 0 ? { month } : {};
  });
  const half = parts.length === 1 ? 1 : Math.floor(parts.length / 2);
  const start = Object.assign({}, ...parts.slice(0, half)) as { day?: number; month?: number; year?: number };
  const end = parts.length === 1 ? start : (Object.assign({}, ...parts.slice(half)) as { day?: number; month?: number; year?: number });
  const first = civil(start.year ?? REFERENCE_YEAR, start.month ?? (start.year !== undefined ? 0 : REFERENCE_MONTH), start.day ?? 1);
  const lastMonth = end.month ?? (end.year !== undefined ? 11 : REFERENCE_MONTH);
  const lastYear = end.year ?? REFERENCE_YEAR;
  const last = end.day !== undefined ? civil(lastYear, lastMonth, end.day) : civil(lastYear, lastMonth + 1, 0);
  return [civil(first.year, first.month, first.day - 1), first, last, civil(last.year, last.month, last.day + 1)];
}

function civil(year: number, month: number, day: number): CivilDate {
  const d = new Date(Date.UTC(year, month, day));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() };
}

/** The instant a wall-clock reading in `timeZone` stands for (the later one in a DST overlap). */
function zonedToEpoch(date: CivilDate, secondOfDay: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month, date.day) + secondOfDay * 1000;
  if (timeZone === "UTC") return wall;
  let guess = wall;
  for (let i = 0; i < 3; i++) guess = wall - zoneOffset(guess, timeZone);
  return guess;
}

function formatClock(epoch: number, timeZone: string, withDate: boolean): string {
  const local = new Date(epoch + (timeZone === "UTC" ? 0 : zoneOffset(epoch, timeZone)));
  const pad = (n: number): string => String(n).padStart(2, "0");
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][local.getUTCDay()] ?? "";
  const date = withDate ? ` ${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` : "";
  const sec = local.getUTCSeconds() === 0 ? "" : `:${pad(local.getUTCSeconds())}`;
  return `${day}${date} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}${sec} ${timeZone}`;
}

/**
 * Index tuples of the product of dimensions of the given sizes, in order. Over the cap, every value
 * of every dimension first appears once beside the first value of the others (the dimensions taking
 * turns), then the product fills up the remaining room in order.
 */
export function capProduct(sizes: readonly number[], max: number): number[][] {
  const total = sizes.reduce((n, s) => n * s, 1);
  const tuple = (index: number): number[] => {
    const out: number[] = [];
    for (let dim = sizes.length - 1; dim >= 0; dim--) {
      const size = sizes[dim] ?? 1;
      out.unshift(index % size);
      index = Math.floor(index / size);
    }
    return out;
  };
  if (total <= max) return Array.from({ length: total }, (_, i) => tuple(i));
  const chosen = new Map<string, number[]>();
  const add = (t: number[]): void => void (chosen.has(t.join(",")) || chosen.set(t.join(","), t));
  // Dimensions take turns, so a prefix of the list (what an analysis over budget evaluates) still
  // varies each of them.
  const longest = Math.max(...sizes);
  for (let v = 0; v < longest; v++) {
    sizes.forEach((size, dim) => {
      if (v < size) add(sizes.map((_, d) => (d === dim ? v : 0)));
    });
  }
  for (let i = 0; i < total && chosen.size < max; i++) add(tuple(i));
  return [...chosen.values()];
}
