/** The hosts a route analysis asks about: catalogue samples, the PAC's own names, a generic sample. */
import { classifyHost, isServiceHost, sampledEndpoints } from "../do/catalogue.js";
import type { Endpoint } from "../do/types.js";

export interface HostQuery {
  readonly host: string;
  readonly url: string;
  readonly endpoint?: Endpoint;
}

/** Hosts every analysis asks about besides the catalogue: a public name, a plain name, IP literals. */
export const GENERIC_HOSTS: readonly string[] = ["www.example.com", "intranet", "192.0.2.10", "10.1.2.3"];

/** At most this many hosts are taken from the PAC's own literals (a 1 MB PAC has thousands). */
export const MAX_LITERAL_HOSTS = 48;

export function catalogueQueries(): HostQuery[] {
  return sampledEndpoints().flatMap((endpoint) =>
    endpoint.samples.map((host) => ({ host, url: `${endpoint.scheme}://${host}/`, endpoint })),
  );
}

/** A concrete host a domain pattern stands for: `*.corp.example` and `.corp.example` give `www.corp.example`. */
export function concreteHost(pattern: string): string | undefined {
  let host = pattern.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("*.")) host = `www${host.slice(1)}`;
  else if (host.startsWith(".")) host = `www${host}`;
  host = host.replace(/\*/g, "x").replace(/\?/g, "x");
  return /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(host) ? host : undefined;
}

/**
 * Hosts on both sides of a host pattern's match, for comparing rules that test it differently: the
 * concrete host (`www.corp.example` for `*.corp.example`), the bare domain (which `.corp.example`
 * does not match but `corp.example` does), a subdomain of it, and a look-alike that only a suffix
 * test without the dot lets through (`xcorp.example`).
 */
export function hostVariants(pattern: string): string[] {
  const base = concreteHost(pattern);
  if (base === undefined) return [];
  const domain = pattern.toLowerCase().replace(/\.$/, "").replace(/^\*?\./, "");
  if (/[*?]/.test(domain)) return [base];
  const out = new Set([base, domain, `www.${domain}`, `x${domain}`]);
  return [...out].filter((host) => concreteHost(host) === host && host.includes("."));
}

/** A query for a host or URL given by the user (`--host`). */
export function queryFor(hostOrUrl: string): HostQuery {
  if (hostOrUrl.includes("://")) {
    const host = new URL(hostOrUrl).hostname.replace(/^\[|\]$/g, "");
    const endpoint = classifyHost(host);
    return endpoint ? { host, url: hostOrUrl, endpoint } : { host, url: hostOrUrl };
  }
  const endpoint = classifyHost(hostOrUrl);
  const bracketed = hostOrUrl.includes(":") ? `[${hostOrUrl}]` : hostOrUrl;
  const url = `${endpoint?.scheme ?? "http"}://${bracketed}/`;
  return endpoint ? { host: hostOrUrl, url, endpoint } : { host: hostOrUrl, url };
}

/**
 * Every host to analyse, without duplicates: catalogue samples, extra hosts, then (with `others`) the
 * generic sample and hosts derived from the PAC's literals (at most MAX_LITERAL_HOSTS, spread evenly
 * over the file; `omitted` counts the rest).
 */
export function planHosts(
  extra: readonly string[],
  literals: readonly string[],
  others = true,
  patterns: readonly { readonly source: string; readonly flags: string }[] = [],
): { queries: HostQuery[]; omitted: number } {
  const queries: HostQuery[] = [];
  const seen = new Set<string>();
  const add = (query: HostQuery): boolean => {
    const key = query.url.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    queries.push(query);
    return true;
  };
  for (const query of catalogueQueries()) add(query);
  for (const query of familyVariants(literals, patterns)) add(query);
  for (const host of extra) add(queryFor(host));
  if (!others) return { queries, omitted: 0 };
  for (const host of GENERIC_HOSTS) add(queryFor(host));
  // Hosts already asked for are dropped by name first, so only the chosen few are classified.
  const asked = new Set(queries.map((q) => q.host.toLowerCase()));
  const fresh = [...new Set(literals.flatMap((literal) => concreteHost(literal) ?? []))].filter((host) => !asked.has(host));
  // Spread the sample over the whole file: long PACs keep their later rules too.
  const step = Math.max(1, fresh.length / MAX_LITERAL_HOSTS);
  let taken = 0;
  for (let i = 0; i < fresh.length && taken < MAX_LITERAL_HOSTS; i++) {
    const host = fresh[Math.floor(i * step)];
    if (host !== undefined && add(queryFor(host))) taken++;
  }
  // DO service hosts first, wherever they came from: they matter most if the analysis stops early.
  const service = queries.filter((q) => isServiceHost(q.host));
  return { queries: [...service, ...queries.filter((q) => !isServiceHost(q.host))], omitted: fresh.length - taken };
}

/** Other numbers of a service family than the sample's 801: DO uses kv601, cp201, disc1, ... */
const FAMILY_NUMBERS: readonly string[] = ["601", "1", "8010", "0"];

/**
 * Other members of the catalogue's numbered service families (kv*, cp*, disc*, array*, cn* and the
 * dash forms), asked about when one of the PAC's own patterns tells them apart from the family's
 * sample: a bypass written for `kv8??.prod.do.dsp.mp.microsoft.com` holds for the sample kv801 only.
 */
export function familyVariants(literals: readonly string[], patterns: readonly { readonly source: string; readonly flags: string }[]): HostQuery[] {
  const tests: ((host: string) => boolean)[] = [];
  for (const literal of literals) {
    if (!literal.includes("dsp") || !/[0-9*?]/.test(literal)) continue;
    const glob = new RegExp(`^${literal.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
    const plain = literal.replace(/[*?]/g, "");
    tests.push((host) => glob.test(host), (host) => host.includes(plain));
  }
  for (const { source, flags } of patterns) {
    try {
      const regex = new RegExp(source, flags.replace(/[gy]/g, ""));
      tests.push((host) => regex.test(host));
    } catch {
      // A pattern V8 rejects fails in the PAC as well: nothing to tell apart.
    }
  }
  if (tests.length === 0) return [];
  const out: HostQuery[] = [];
  for (const endpoint of sampledEndpoints()) {
    const sample = endpoint.samples[0];
    if (endpoint.role !== "service" || !endpoint.pattern.includes("*") || sample === undefined || !sample.includes("801")) continue;
    const verdict = (host: string): string => tests.map((test) => (test(host) ? "1" : "0")).join("");
    const own = verdict(sample);
    for (const number of FAMILY_NUMBERS) {
      const host = sample.replace("801", number);
      if (verdict(host) !== own) out.push({ host, url: `${endpoint.scheme}://${host}/`, endpoint });
    }
  }
  return out;
}
