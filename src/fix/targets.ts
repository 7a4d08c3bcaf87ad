import { CATALOGUE, SERVICE_DOMAIN } from "../do/catalogue.js";
import type { Endpoint } from "../do/types.js";
import { normalizeCacheHost, type BypassTargets } from "./block.js";

export interface TargetOptions {
  /** Also send the catalogue's content hosts DIRECT (`--include-content`). */
  readonly includeContent?: boolean;
  /** Connected Cache servers to send DIRECT (`--cache-host`), as typed by the user. */
  readonly cacheHosts?: readonly string[];
}

export type TargetsResult = { ok: true; targets: BypassTargets } | { ok: false; message: string };

/**
 * What the managed block bypasses: the DO service domain with its apex (research §1.1–1.3: every
 * `*.do.dsp.mp.microsoft.com` host is certificate-pinned and keyed by the client's public IP), and
 * on request the catalogue's content domains and the given cache hosts.
 */
export function bypassTargets(options: TargetOptions = {}): TargetsResult {
  const cacheHosts: string[] = [];
  for (const value of options.cacheHosts ?? []) {
    const result = normalizeCacheHost(value);
    if (!result.ok) return result;
    if (!cacheHosts.includes(result.host)) cacheHosts.push(result.host);
  }
  const service = [SERVICE_DOMAIN];
  const content = options.includeContent ? contentDomains(CATALOGUE) : [];
  return { ok: true, targets: { service, content, cacheHosts, catalogueId: catalogueId([...service, ...content]) } };
}

/**
 * The domains under which the catalogue's content endpoints live, without the ones another entry
 * already covers: `*.dl.delivery.mp.microsoft.com` and `dl.delivery.mp.microsoft.com` both become
 * `dl.delivery.mp.microsoft.com` (apex and subdomains), research §6.5.
 */
export function contentDomains(catalogue: readonly Endpoint[]): string[] {
  const domains = new Set<string>();
  for (const entry of catalogue) {
    if (entry.role !== "content") continue;
    const labels = entry.pattern.toLowerCase().split(".");
    const firstPlain = labels.findLastIndex((label) => label.includes("*")) + 1;
    const domain = labels.slice(firstPlain).join(".");
    if (domain.includes(".")) domains.add(domain);
  }
  const all = [...domains];
  return all.filter((domain) => !all.some((other) => other !== domain && domain.endsWith(`.${other}`))).sort();
}

/**
 * A short, stable id (FNV-1a) of the catalogue domains a block bypasses. It changes exactly when the
 * catalogue changes what the block must cover, so such a block is recognised as outdated and rewritten,
 * while catalogue edits that do not concern the block leave files alone.
 */
export function catalogueId(domains: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (const char of domains.join(";")) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
