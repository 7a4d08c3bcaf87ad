import type { Environment } from "./types.js";

/** What myIpAddress() answers when no client address is given: Chromium's own answer when it finds none (research §3.4). */
export const DEFAULT_CLIENT_IP = "127.0.0.1";

/** The machine's IANA time zone (Intl's first use costs about 20 ms; see `inMachineZone`). */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The environments `inMachineZone` built: their offsets are the machine's. */
const machineZoned = new WeakSet<Environment>();

/**
 * `base` in the machine's time zone, whose name is looked up on first read only. Its offsets come
 * from `Date`'s local time, which costs well under a millisecond, while naming the zone starts Intl (about 20 ms of a
 * cold `pac-do resolve` that most PACs, which never read local time, do not need). A copy (`{...env}`)
 * reads the name and is an ordinary environment in that zone, with the same offsets.
 */
export function inMachineZone(base: Omit<Environment, "timeZone">): Environment {
  let name: string | undefined;
  const env: Environment = {
    ...base,
    get timeZone(): string {
      return (name ??= machineTimeZone());
    },
  };
  machineZoned.add(env);
  return env;
}

/**
 * The default world: client 127.0.0.1, no DNS answers (every name but `localhost` fails to resolve),
 * no live DNS, the current time in the machine's zone. Nothing here touches the network.
 */
export function defaultEnvironment(overrides: Partial<Environment> = {}): Environment {
  const base = { clientIps: [DEFAULT_CLIENT_IP], dns: new Map(), liveDns: false, now: Date.now(), ...overrides };
  return overrides.timeZone === undefined ? inMachineZone(base) : { ...base, timeZone: overrides.timeZone };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this Node knows. */
export function isValidTimeZone(timeZone: string): boolean {
  // The names of UTC need no Intl formatter, whose first construction costs about 20 ms.
  if (FIXED_UTC.has(timeZone)) return true;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** IANA names of UTC itself (the tz database's backward links), whose offset never changes. */
const FIXED_UTC: ReadonlySet<string> = new Set(["UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Etc/GMT", "GMT", "UCT", "Universal", "Zulu"]);

/**
 * How far the wall clock of `timeZone` is ahead of UTC at `now`, in milliseconds; without a zone, the
 * machine's, read from `Date`'s local time (which follows `TZ` like Intl does) instead of Intl.
 */
export function zoneOffset(now: number, timeZone?: string): number {
  if (timeZone === undefined) {
    const local = new Date(now);
    const wall = Date.UTC(local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), local.getMinutes(), local.getSeconds());
    return wall - Math.floor(now / 1000) * 1000;
  }
  // The analysis works in UTC: its offset is 0 at every instant, without starting Intl (~20 ms cold).
  if (FIXED_UTC.has(timeZone)) return 0;
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(now)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(fields["year"] ?? 1970, (fields["month"] ?? 1) - 1, fields["day"] ?? 1, fields["hour"] ?? 0, fields["minute"] ?? 0, fields["second"] ?? 0);
  return wall - Math.floor(now / 1000) * 1000;
}

/** The JSON the guest's environment setter (the prelude's hidden `env`) reads. */
export function guestEnvironment(env: Environment): string {
  // No prototype: a host named "__proto__" (a PAC may probe any name) is then an ordinary key.
  const dns: Record<string, readonly string[]> = Object.create(null) as Record<string, readonly string[]>;
  for (const [host, ips] of env.dns) dns[host.toLowerCase()] = ips;
  const offset = zoneOffset(env.now, machineZoned.has(env) ? undefined : env.timeZone);
  return JSON.stringify({ ips: env.clientIps, dns, now: env.now, offset, live: env.liveDns });
}
