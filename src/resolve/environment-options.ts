/**
 * Turns `pac-do resolve` options into an Environment. Every function throws `OptionError` with a
 * one-line message naming the option and the bad value.
 */
import { isIP } from "../net/ip.js";
import { DEFAULT_CLIENT_IP, inMachineZone, isValidTimeZone, zoneOffset } from "../evaluate/environment.js";
import type { Environment } from "../evaluate/types.js";

/** A bad option value; the message names the option. */
export class OptionError extends Error {}

export interface EnvironmentOptions {
  readonly clientIps?: readonly string[];
  /** `host=ip[,ip]` entries. */
  readonly dns?: readonly string[];
  /** Contents of `--dns-file` files (/etc/hosts format), with their names for messages. */
  readonly dnsFiles?: readonly { readonly name: string; readonly text: string }[];
  readonly liveDns?: boolean;
  /** ISO 8601 date-time; without an offset it is wall-clock time in `timeZone`. */
  readonly at?: string;
  /** Default: the machine's zone (named only when something reads `Environment.timeZone`). */
  readonly timeZone?: string;
  /** The clock when `at` is absent. */
  readonly now?: number;
}

/** The Environment the options describe; defaults as in `defaultEnvironment()`. */
export function buildEnvironment(options: EnvironmentOptions): Environment {
  const timeZone = options.timeZone;
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) throw new OptionError(`--tz: unknown time zone ${JSON.stringify(timeZone)} (use an IANA name such as Europe/Berlin)`);
  const clientIps = (options.clientIps ?? []).map((ip) => {
    if (isIP(ip) === 0) throw new OptionError(`--client-ip: ${JSON.stringify(ip)} is not an IPv4 or IPv6 address`);
    return ip;
  });
  const dns = new Map<string, string[]>();
  const add = (host: string, ips: readonly string[]): void => {
    const key = host.toLowerCase();
    dns.set(key, [...(dns.get(key) ?? []), ...ips.filter((ip) => !(dns.get(key) ?? []).includes(ip))]);
  };
  for (const file of options.dnsFiles ?? []) {
    for (const [host, ips] of parseHostsFile(file.text, file.name)) add(host, ips);
  }
  for (const entry of options.dns ?? []) {
    const [host, ips] = parseDnsOption(entry);
    add(host, ips);
  }
  const base = {
    clientIps: clientIps.length ? clientIps : [DEFAULT_CLIENT_IP],
    dns,
    liveDns: options.liveDns ?? false,
    now: options.at === undefined ? (options.now ?? Date.now()) : parseInstant(options.at, timeZone),
  };
  return timeZone === undefined ? inMachineZone(base) : { ...base, timeZone };
}

/** `host=ip[,ip...]` */
export function parseDnsOption(entry: string): [string, string[]] {
  const eq = entry.indexOf("=");
  const host = entry.slice(0, eq).trim();
  if (eq <= 0 || host === "") throw new OptionError(`--dns: expected host=ip[,ip], got ${JSON.stringify(entry)}`);
  const ips = entry
    .slice(eq + 1)
    .split(",")
    .map((ip) => ip.trim());
  for (const ip of ips) {
    if (isIP(ip) === 0) throw new OptionError(`--dns: ${JSON.stringify(ip)} (for ${host}) is not an IPv4 or IPv6 address`);
  }
  return [host, ips];
}

/** /etc/hosts lines: `address name [alias...]`, `#` starts a comment. */
export function parseHostsFile(text: string, name: string): Map<string, string[]> {
  const hosts = new Map<string, string[]>();
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const line = raw.replace(/#.*/, "").trim();
    if (line === "") return;
    const [ip, ...names] = line.split(/\s+/);
    if (ip === undefined || isIP(ip) === 0 || names.length === 0) {
      throw new OptionError(`--dns-file ${name}:${index + 1}: expected "address name [alias...]", got ${JSON.stringify(raw.trim())}`);
    }
    for (const host of names) {
      const key = host.toLowerCase();
      const list = hosts.get(key) ?? [];
      if (!list.includes(ip)) list.push(ip);
      hosts.set(key, list);
    }
  });
  return hosts;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** An ISO 8601 date or date-time; without an offset it is wall-clock time in `timeZone` (default: the machine's). */
export function parseInstant(text: string, timeZone?: string): number {
  const m = ISO.exec(text.trim());
  const bad = new OptionError(`--at: ${JSON.stringify(text)} is not an ISO 8601 date-time (e.g. 2026-11-27T10:00:00Z or 2026-11-27T10:00:00+01:00)`);
  if (!m) throw bad;
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const millis = Number(`${m[7] ?? ""}000`.slice(0, 3));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) throw bad;
  const zone = m[8];
  if (zone === "Z") return wall;
  if (zone !== undefined) {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    return wall - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  // Wall-clock time in the zone: two passes settle the offset except inside a DST gap.
  const first = wall - zoneOffset(wall, timeZone);
  return wall - zoneOffset(first, timeZone);
}
