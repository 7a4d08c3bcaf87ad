/**
 * Generators for the large PACs of the realistic corpus (fixtures/real/README.md): the shapes
 * third-party PACs have when a tool writes them, too big to commit. Deterministic: the same
 * arguments give the same bytes, so findings and benchmarks are repeatable.
 */

/** A small linear congruential generator (Numerical Recipes constants): repeatable, not random. */
export function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
}

const MASKS = ["255.255.255.0", "255.255.254.0", "255.255.252.0", "255.255.0.0", "255.255.255.128", "255.255.240.0"];

/** `count` distinct networks [address, mask], sorted as a tool exports them, a few overlapping or adjacent. */
export function addressRanges(count: number, seed = 14): [string, string][] {
  const next = sequence(seed);
  const out: [string, string][] = [];
  const seen = new Set<string>();
  while (out.length < count) {
    const mask = MASKS[next() % MASKS.length] ?? "255.255.255.0";
    const bits = mask.split(".").reduce((n, o) => n * 256 + Number(o), 0);
    const first = [10, 172, 192, 100][next() % 4] ?? 10;
    const raw = (((first << 24) >>> 0) + (next() % (1 << 24))) >>> 0;
    const base = (raw & bits) >>> 0;
    const text = [base >>> 24, (base >>> 16) & 255, (base >>> 8) & 255, base & 255].join(".");
    if (seen.has(`${text}/${mask}`)) continue;
    seen.add(`${text}/${mask}`);
    out.push([text, mask]);
    // Exports often list a network and the one right after it, or a /24 inside a /16 already listed.
    if (out.length < count && next() % 8 === 0) {
      const after = (base + 2 ** (32 - mask.split(".").reduce((n, o) => n + (Number(o).toString(2).match(/1/g)?.length ?? 0), 0))) >>> 0;
      const t = [after >>> 24, (after >>> 16) & 255, (after >>> 8) & 255, after & 255].join(".");
      if (!seen.has(`${t}/${mask}`)) {
        seen.add(`${t}/${mask}`);
        out.push([t, mask]);
      }
    }
  }
  return out;
}

/**
 * A PAC that sends hosts inside any of ~1,000 internal networks DIRECT by looping `isInNet` over a
 * table (the shape of exported "bypass these subnets" lists), else through a regional proxy chosen by
 * the client's subnet. About 40 KB at the default count.
 */
export function addressTablePac(count = 1000, options: { bypassDo?: boolean } = {}): string {
  const rows = addressRanges(count).map(([net, mask]) => `  ["${net}", "${mask}"]`);
  return [
    "// Internal networks, exported from the IPAM on each change. Do not edit by hand.",
    "var INTERNAL = [",
    rows.join(",\n"),
    "];",
    "",
    "function isInternal(host) {",
    "  for (var i = 0; i < INTERNAL.length; i++) {",
    "    if (isInNet(host, INTERNAL[i][0], INTERNAL[i][1])) return true;",
    "  }",
    "  return false;",
    "}",
    "",
    "function FindProxyForURL(url, host) {",
    ...(options.bypassDo ? ['  if (dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";'] : []),
    '  if (isPlainHostName(host)) return "DIRECT";',
    '  if (isInternal(host)) return "DIRECT";',
    '  if (isInNet(myIpAddress(), "10.64.0.0", "255.192.0.0")) return "PROXY emea.proxy.corp.example:8080; DIRECT";',
    '  return "PROXY proxy.corp.example:8080; DIRECT";',
    "}",
    "",
  ].join("\n");
}

const WORDS = ["cloud", "media", "shop", "news", "cdn", "static", "mail", "video", "api", "login", "img", "data", "play", "store", "docs"];
const TLDS = ["com", "net", "org", "io", "cn", "de", "co.uk", "jp", "ru", "info"];

/** `count` distinct registrable domain names, deterministic. */
export function domainNames(count: number, seed = 17): string[] {
  const next = sequence(seed);
  const out = new Set<string>();
  while (out.size < count) {
    const a = WORDS[next() % WORDS.length] ?? "x";
    const b = WORDS[next() % WORDS.length] ?? "y";
    out.add(`${a}${next() % 10000}${b}.${TLDS[next() % TLDS.length] ?? "com"}`);
  }
  return [...out];
}

/**
 * A generated domain-list PAC (gfwlist / "proxy these sites" converters): one dictionary object of
 * names looked up suffix by suffix, the listed ones through a SOCKS proxy. About `bytes` long.
 */
export function domainListPac(bytes: number): string {
  const names = domainNames(Math.ceil(bytes / 26));
  const head = [
    "// Generated from the site list; one entry per registrable domain.",
    'var proxy = "SOCKS5 127.0.0.1:1080; SOCKS 127.0.0.1:1080; DIRECT";',
    "var domains = {",
  ];
  const tail = [
    "};",
    "",
    "function FindProxyForURL(url, host) {",
    "  var suffix;",
    '  var pos = host.lastIndexOf(".");',
    '  pos = host.lastIndexOf(".", pos - 1);',
    "  while (1) {",
    "    if (pos <= 0) {",
    '      return Object.prototype.hasOwnProperty.call(domains, host) ? proxy : "DIRECT";',
    "    }",
    "    suffix = host.substring(pos + 1);",
    "    if (Object.prototype.hasOwnProperty.call(domains, suffix)) return proxy;",
    '    pos = host.lastIndexOf(".", pos - 1);',
    "  }",
    "}",
    "",
  ];
  const rows: string[] = [];
  let size = head.join("\n").length + tail.join("\n").length;
  for (const name of names) {
    if (size >= bytes) break;
    const row = `  "${name}": 1,`;
    rows.push(row);
    size += row.length + 1;
  }
  // Real lists also name Microsoft's update hosts, which sends DO's content through the proxy.
  rows.push('  "windowsupdate.com": 1,', '  "delivery.mp.microsoft.com": 1');
  return [...head, ...rows, ...tail].join("\n");
}

/**
 * The most branch-heavy shape: a long `else if` chain choosing among regional proxies by host
 * pattern, client subnet and time of day, as PACs grown over years of tickets are.
 */
export function branchHeavyPac(rules: number): string {
  const next = sequence(23);
  const names = domainNames(rules, 29);
  const lines = ["function FindProxyForURL(url, host) {", "  var ip = myIpAddress();", '  if (isPlainHostName(host)) return "DIRECT";'];
  for (let i = 0; i < rules; i++) {
    const name = names[i] ?? `n${i}.example`;
    const proxy = `"PROXY p${next() % 9}.corp.example:${8080 + (next() % 3)}"`;
    switch (next() % 5) {
      case 0:
        lines.push(`  else if (dnsDomainIs(host, ".${name}")) return ${proxy};`);
        break;
      case 1:
        lines.push(`  else if (shExpMatch(host, "*.${name}") && isInNet(ip, "10.${next() % 256}.0.0", "255.255.0.0")) return ${proxy};`);
        break;
      case 2:
        lines.push(`  else if (host == "${name}" || host == "www.${name}") return timeRange(${next() % 12}, ${12 + (next() % 12)}) ? ${proxy} : "DIRECT";`);
        break;
      case 3:
        lines.push(`  else if (shExpMatch(url, "*://${name}/*")) { if (weekdayRange("MON", "FRI")) return ${proxy}; else return "DIRECT"; }`);
        break;
      default:
        lines.push(`  else if (/(^|\\.)${name.replace(/\./g, "\\.")}$/.test(host)) return ${proxy};`);
    }
  }
  lines.push('  return "PROXY proxy.corp.example:8080; DIRECT";', "}", "");
  return lines.join("\n");
}
