/**
 * The managed block `pac-do fix` puts at the top of every entry point, and the host predicate it
 * encodes. The block is ES3 (WinHTTP runs PACs in JScript, research §2.5), lowercases the host
 * (WinHTTP passes it with the caller's case, §2.4), tolerates a trailing dot (§4: `host.` defeats
 * suffix rules) and calls no PAC helper, so it needs no DNS and gives the same answer everywhere.
 */
import { isIPv4, isIPv6 } from "../net/ip.js";

/** Bumped when the block's shape changes, so that older blocks are rewritten in place. */
export const BLOCK_FORMAT = 1;

export const BEGIN_MARKER = "pac-do:begin";
export const END_MARKER = "pac-do:end";

/** What the block sends DIRECT. All names are lower case, without a trailing dot. */
export interface BypassTargets {
  /** Domains matched with all their subdomains (`do.dsp.mp.microsoft.com` and `*.do.dsp.mp.microsoft.com`). */
  readonly service: readonly string[];
  /** Content domains matched the same way; empty unless `--include-content`. */
  readonly content: readonly string[];
  /** Connected Cache servers matched exactly (host names or IP literals). */
  readonly cacheHosts: readonly string[];
  /** Identifies the catalogue revision the domains come from; recorded in the begin marker. */
  readonly catalogueId: string;
}

/**
 * The block's statements, one per line, without indentation or line endings. `hostExpression` is the
 * entry point's host parameter, or `arguments[1]` when it has none.
 */
export function blockLines(targets: BypassTargets, hostExpression: string): string[] {
  const host = `String(${hostExpression}).toLowerCase()`;
  const lines = [`// ${beginMarkerText(targets)}`];
  for (const pattern of blockPatterns(targets)) lines.push(`if (${pattern}.test(${host})) return "DIRECT";`);
  lines.push(`// ${END_MARKER}`);
  return lines;
}

/** The block on one line with block comments, for minified files. */
export function inlineBlock(targets: BypassTargets, hostExpression: string): string {
  const host = `String(${hostExpression}).toLowerCase()`;
  // `return "DIRECT"` keeps its space: some PAC tooling rewrites `return` textually and trips over `return"`.
  const statements = blockPatterns(targets).map((pattern) => `if(${pattern}.test(${host}))return "DIRECT";`);
  return `/*${beginMarkerText(targets)}*/${statements.join("")}/*${END_MARKER}*/`;
}

export function beginMarkerText(targets: BypassTargets): string {
  const options = [`v${BLOCK_FORMAT}`, `catalogue=${targets.catalogueId}`];
  if (targets.content.length > 0) options.push("content");
  if (targets.cacheHosts.length > 0) options.push(`cache=${targets.cacheHosts.join(",")}`);
  return `${BEGIN_MARKER} ${options.join(" ")} (written by pac-do fix; edits inside are replaced)`;
}

function blockPatterns(targets: BypassTargets): string[] {
  // One statement per content domain keeps each line short enough to read and review.
  const patterns = [domainPattern(targets.service), ...targets.content.map((domain) => domainPattern([domain]))];
  if (targets.cacheHosts.length > 0) patterns.push(`/^${alternatives(targets.cacheHosts)}\\.?$/`);
  return patterns;
}

/** `(^|\.)` gives the apex and every subdomain but not `evil-do.dsp…`-style look-alikes (research §6.5). */
function domainPattern(domains: readonly string[]): string {
  return `/(^|\\.)${alternatives(domains)}\\.?$/`;
}

function alternatives(names: readonly string[]): string {
  const escaped = names.map((name) => name.replace(/\./g, "\\."));
  return escaped.length === 1 ? (escaped[0] ?? "") : `(${escaped.join("|")})`;
}

/** True when the block sends `host` DIRECT: the same predicate as the generated JavaScript. */
export function bypasses(targets: BypassTargets, host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  const underDomain = (domain: string): boolean => name === domain || name.endsWith(`.${domain}`);
  return (
    targets.service.some(underDomain) || targets.content.some(underDomain) || targets.cacheHosts.includes(name)
  );
}

export type CacheHostResult = { ok: true; host: string } | { ok: false; message: string };

/**
 * Validates a `--cache-host` value: a DNS name, an IPv4 literal or an IPv6 literal (brackets optional).
 * Returns the form the PAC sees: lower case, no trailing dot, no brackets (Chromium passes IPv6 hosts
 * without brackets, research §3.1).
 */
export function normalizeCacheHost(value: string): CacheHostResult {
  const trimmed = value.trim();
  const unbracketed = /^\[.*\]$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  if (isIPv6(unbracketed)) return { ok: true, host: unbracketed.toLowerCase() };
  if (isIPv4(trimmed)) return { ok: true, host: trimmed };
  const name = trimmed.toLowerCase().replace(/\.$/, "");
  if (/^[\d.]+$/.test(name)) return { ok: false, message: `--cache-host ${JSON.stringify(value)}: not a valid IPv4 address` };
  const labels = name.split(".");
  const validLabel = (label: string): boolean => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label);
  if (name.length === 0 || name.length > 253 || !labels.every(validLabel)) {
    return { ok: false, message: `--cache-host ${JSON.stringify(value)}: not a host name or IP address` };
  }
  return { ok: true, host: name };
}
