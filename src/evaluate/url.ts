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
  const cache = derived[profile];
  let result = cache.get(url);
  if (result === undefined) {
    if (cache.size >= KEPT) cache.clear();
    result = deriveRequestUrl(profile, url);
    cache.set(url, result);
  }
  return result;
}

function deriveRequestUrl(profile: ProfileName, url: string): RequestUrl {
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
