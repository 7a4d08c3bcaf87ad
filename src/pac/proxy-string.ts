/**
 * Reads a PAC result string ("PROXY p.example:8080; DIRECT") the way each client does.
 *
 * - chromium: `ProxyList::SetFromPacString` splits on `;`, drops empty and invalid entries, and uses
 *   DIRECT when nothing valid is left; keywords are case-insensitive; `SOCKS` means SOCKS4; `HTTP` is
 *   not a keyword; `DIRECT x`, userinfo, empty host or empty port are invalid (research §3.2).
 * - winhttp: only `PROXY` and `DIRECT` are documented for Windows' PAC engine, `SOCKS` is near-certain;
 *   `HTTP`, `HTTPS`, `SOCKS4`, `SOCKS5` and `QUIC` are unconfirmed and reported as dropped (research §2.3).
 * - node: pac-resolver returns the raw string; its consumer pac-proxy-agent 7 understands DIRECT, PROXY,
 *   HTTP, HTTPS, SOCKS, SOCKS4 and SOCKS5 and fails on anything else.
 */
import { hostedProxyHost } from "./hosted-variables.js";
import type { ProfileName, ProxyEntry, ProxyEntryType } from "./types.js";

const TYPES: ReadonlySet<string> = new Set(["DIRECT", "PROXY", "HTTP", "HTTPS", "SOCKS", "SOCKS4", "SOCKS5", "QUIC"]);

const DEFAULT_PORT: Readonly<Record<Exclude<ProxyEntryType, "DIRECT">, number>> = {
  PROXY: 80,
  HTTP: 80,
  HTTPS: 443,
  SOCKS: 1080,
  SOCKS4: 1080,
  SOCKS5: 1080,
  QUIC: 443,
};

const ACCEPTED: Readonly<Record<ProfileName, ReadonlySet<ProxyEntryType>>> = {
  chromium: new Set(["DIRECT", "PROXY", "HTTPS", "SOCKS", "SOCKS4", "SOCKS5", "QUIC"]),
  winhttp: new Set(["DIRECT", "PROXY", "SOCKS"]),
  node: new Set(["DIRECT", "PROXY", "HTTP", "HTTPS", "SOCKS", "SOCKS4", "SOCKS5"]),
};

const WHY_NOT: Readonly<Record<ProfileName, string>> = {
  chromium: "not a PAC keyword in Chromium",
  winhttp: "not documented as understood by Windows (only PROXY, DIRECT and SOCKS are)",
  node: "not understood by pac-proxy-agent",
};

function isEntryType(word: string): word is ProxyEntryType {
  return TYPES.has(word);
}

/** Parses a PAC result into its `;`-separated entries; empty entries are left out. */
export function parseProxyList(result: string, profile: ProfileName): ProxyEntry[] {
  const entries: ProxyEntry[] = [];
  for (const raw of result.split(";")) {
    const text = raw.trim();
    if (text !== "") entries.push(parseProxyEntry(text, profile));
  }
  return entries;
}

/** Parses one entry ("PROXY host:port", "DIRECT"). */
export function parseProxyEntry(text: string, profile: ProfileName): ProxyEntry {
  const words = text.split(/[ \t\r\n]+/);
  const keyword = (words[0] ?? "").toUpperCase();
  if (!isEntryType(keyword)) return { text, type: null, invalid: `unknown keyword "${words[0] ?? ""}"` };
  const unsupported = ACCEPTED[profile].has(keyword) ? undefined : `${keyword} is ${WHY_NOT[profile]}`;
  if (keyword === "DIRECT") {
    if (words.length > 1) return { text, type: keyword, invalid: "DIRECT takes no host" };
    return unsupported ? { text, type: keyword, invalid: unsupported } : { text, type: keyword };
  }
  if (words.length === 1) return { text, type: keyword, invalid: `${keyword} needs a host` };
  if (words.length > 2) return { text, type: keyword, invalid: `unexpected "${words.slice(2).join(" ")}" after the host` };
  const address = words[1] ?? "";
  if (address.includes("@")) return { text, type: keyword, invalid: "user name or password in a proxy address" };
  const hostPort = /^(\[[^\]]*\]|[^:[\]]*)(?::(.*))?$/.exec(address);
  const host = hostPort?.[1] ?? "";
  const portText = hostPort?.[2];
  const base = { text, type: keyword, host };
  if (!hostPort || host === "" || host === "[]") return { ...base, invalid: `"${address}" is not host[:port]` };
  // The vendor's PAC server puts a real host there before any client reads it.
  const hosted = hostedProxyHost(host);
  if (hosted) return parsePort({ ...base, hosted: { vendor: hosted.vendor, name: hosted.name } }, keyword, portText, unsupported);
  if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._~%!$&'()*+,=-]+)$/.test(host)) return { ...base, invalid: `"${host}" is not a host name` };
  return parsePort(base, keyword, portText, unsupported);
}

function parsePort(base: ProxyEntry, keyword: Exclude<ProxyEntryType, "DIRECT">, portText: string | undefined, unsupported: string | undefined): ProxyEntry {
  if (portText === undefined) {
    const port = DEFAULT_PORT[keyword];
    return unsupported ? { ...base, port, defaultPort: true, invalid: unsupported } : { ...base, port, defaultPort: true };
  }
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) return { ...base, invalid: `"${portText}" is not a port` };
  const port = Number(portText);
  return unsupported ? { ...base, port, invalid: unsupported } : { ...base, port };
}

/**
 * The proxy list the profile's client would use, re-joined with "; ": invalid entries dropped, and
 * for chromium an empty or all-invalid list means DIRECT.
 */
export function effectiveProxyList(entries: readonly ProxyEntry[], profile: ProfileName): string {
  const valid = entries.filter((e) => e.invalid === undefined).map(canonicalEntry);
  if (valid.length === 0 && profile === "chromium") return "DIRECT";
  return valid.join("; ");
}

function canonicalEntry(entry: ProxyEntry): string {
  if (entry.type === "DIRECT" || entry.type === null) return entry.type ?? entry.text;
  return `${entry.type} ${entry.host ?? ""}:${entry.port ?? ""}`;
}
