/**
 * What each client passes to FindProxyForURL(url, host) for a request URL.
 * - chromium: `SanitizeUrl` drops userinfo and fragment; https/wss keep only scheme://host:port/;
 *   host lower-case, IPv6 without brackets (research §3.1).
 * - winhttp: the URL as the caller wrote it, host case kept (WINHTTP_AUTOPROXY_HOST_KEEPCASE is the
 *   default, research §2.4); whether WinHTTP strips https paths is unconfirmed, so nothing is stripped.
 * - node: pac-resolver derives both itself from `new URL(url)` (href and hostname, IPv6 with brackets).
 */
import type { ProfileName } from "./types.js";

export type RequestUrl = { ok: true; url: string; host: string } | { ok: false; message: string };

const AUTHORITY = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:[^/?#@]*@)?(\[[^\]/?#]*\]|[^:/?#]*)/;

/** The route analysis asks about the same URLs in many environments: derivations are kept (a few thousand). */
const derived: Record<ProfileName, Map<string, RequestUrl>> = { winhttp: new Map(), chromium: new Map(), node: new Map() };
const KEPT = 4096;

/** The `url` and `host` arguments the profile's client passes to the PAC for a request URL, or why the URL is unusable. */
export function requestUrl(profile: ProfileName, url: string): RequestUrl {
  const simple = simpleRequestUrl(profile, url);
  if (simple !== undefined) return simple;
  const cache = derived[profile];
  let result = cache.get(url);
  if (result === undefined) {
    if (cache.size >= KEPT) cache.clear();
    result = whatwgRequestUrl(profile, url);
    cache.set(url, result);
  }
  return result;
}

/**
 * An http or https URL in the shape clients mostly pass: lower-case scheme, a host of ASCII letters,
 * digits and hyphens in dot-separated labels (or a dotted-quad IPv4 address), an optional port, and a
 * path and query of characters the URL parser keeps as they are. Anything else (userinfo, fragment,
 * brackets, percent-encoded or non-ASCII text, dot segments, "xn--" labels, numeric last labels)
 * goes to the WHATWG parser.
 */
const SIMPLE = /^(https?):\/\/([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?)(?::([1-9][0-9]{0,4}))?([/?][A-Za-z0-9\-._~!$&()*+,;=:@/?%]*)?$/;
/** A label the WHATWG parser reads as a number: the host is then an IPv4 address it normalizes. */
const NUMERIC_LABEL = /(?:^|\.)(?:[0-9]+|0[xX][0-9a-fA-F]*)\.?$/;
const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
const PUNYCODE_LABEL = /(?:^|\.)xn--/i;
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e)/i;

/**
 * `whatwgRequestUrl`'s answer for a simple URL (see SIMPLE) without the WHATWG parser, which costs
 * more than the rest of a fast PAC's evaluation; undefined for any other URL. test/evaluate/url.test.ts
 * proves the two equal.
 */
export function simpleRequestUrl(profile: ProfileName, url: string): RequestUrl | undefined {
  const match = SIMPLE.exec(url);
  if (match === null) return undefined;
  const scheme = match[1] ?? "";
  const host = match[2] ?? "";
  const portText = match[3];
  const rest = match[4] ?? "";
  if (!keptHost(host) || hasDotSegment(rest)) return undefined;
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && port > 65535) return undefined;
  if (profile === "winhttp") return { ok: true, url, host };
  const hostname = host.toLowerCase();
  const origin = `${scheme}://${port === undefined || port === (scheme === "http" ? 80 : 443) ? hostname : `${hostname}:${port}`}`;
  if (profile === "chromium" && scheme === "https") return { ok: true, url: `${origin}/`, host: hostname };
  return { ok: true, url: rest.startsWith("/") ? origin + rest : `${origin}/${rest}`, host: hostname };
}

/** Whether the WHATWG parser keeps a SIMPLE host as written, up to case. The RegExps run only when a cheap look says they may match. */
function keptHost(host: string): boolean {
  const end = host.endsWith(".") ? host.length - 1 : host.length;
  const first = host.charCodeAt(host.lastIndexOf(".", end - 1) + 1);
  if (first >= 0x30 && first <= 0x39 && NUMERIC_LABEL.test(host)) return DOTTED_QUAD.test(host);
  return !host.includes("--") || !PUNYCODE_LABEL.test(host);
}

/** Whether the path (before any "?") has a "." or "%2e" segment, which the WHATWG parser resolves. */
function hasDotSegment(rest: string): boolean {
  const query = rest.indexOf("?");
  const pathEnd = query < 0 ? rest.length : query;
  const dot = rest.indexOf("/.");
  if (dot >= 0 && dot < pathEnd) return true;
  const percent = rest.indexOf("%");
  return percent >= 0 && percent < pathEnd && DOT_SEGMENT.test(rest.slice(0, pathEnd));
}

/** The `url` and `host` arguments for any URL, by the WHATWG URL parser (Node's `URL`). */
export function whatwgRequestUrl(profile: ProfileName, url: string): RequestUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, message: `not a valid URL: ${url}` };
  }
  if (!parsed.host) return { ok: false, message: `URL has no host: ${url}` };
  switch (profile) {
    case "chromium": {
      parsed.username = "";
      parsed.password = "";
      parsed.hash = "";
      const secure = parsed.protocol === "https:" || parsed.protocol === "wss:";
      return { ok: true, url: secure ? `${parsed.protocol}//${parsed.host}/` : parsed.href, host: unbracket(parsed.hostname) };
    }
    case "node":
      return { ok: true, url: parsed.href, host: parsed.hostname };
    case "winhttp": {
      const match = AUTHORITY.exec(url);
      const host = match?.[2] ?? parsed.hostname;
      return { ok: true, url, host: unbracket(host) };
    }
  }
}

function unbracket(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/**
 * Chromium never asks the PAC about loopback and link-local destinations (M71+, research §3.1):
 * localhost, *.localhost, 127.0.0.0/8, ::1, 169.254.0.0/16, fe80::/10.
 */
export function chromiumImplicitBypass(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(h);
  if (v4) return v4[1] === "127" || (v4[1] === "169" && v4[2] === "254");
  if (h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
  return /^fe[89ab][0-9a-f]:/.test(h);
}
