import type { Environment } from "./types.js";

/** What myIpAddress() answers when no client address is given: Chromium's own answer when it finds none (research §3.4). */
export const DEFAULT_CLIENT_IP = "127.0.0.1";

/** The machine's IANA time zone. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The default world: client 127.0.0.1, no DNS answers (every name but `localhost` fails to resolve),
 * no live DNS, the current time in the machine's zone. Nothing here touches the network.
 */
export function defaultEnvironment(overrides: Partial<Environment> = {}): Environment {
  return {
    clientIps: [DEFAULT_CLIENT_IP],
    dns: new Map(),
    liveDns: false,
    now: Date.now(),
    timeZone: machineTimeZone(),
    ...overrides,
  };
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
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** How far the wall clock of `timeZone` is ahead of UTC at `now`, in milliseconds. */
export function zoneOffset(now: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(now)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(fields["year"] ?? 1970, (fields["month"] ?? 1) - 1, fields["day"] ?? 1, fields["hour"] ?? 0, fields["minute"] ?? 0, fields["second"] ?? 0);
  return wall - Math.floor(now / 1000) * 1000;
}

/** The JSON the guest's `__pacdo$env` reads. */
export function guestEnvironment(env: Environment): string {
  const dns: Record<string, readonly string[]> = {};
  for (const [host, ips] of env.dns) dns[host.toLowerCase()] = ips;
  return JSON.stringify({ ips: env.clientIps, dns, now: env.now, offset: zoneOffset(env.now, env.timeZone), live: env.liveDns });
}
