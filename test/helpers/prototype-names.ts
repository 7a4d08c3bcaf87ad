/** PACs named after what plain objects inherit (test/prototype-names*.test.ts). */
import type { ProfileName } from "../../src/evaluate/types.js";

/**
 * Every name a plain object inherits: a lookup keyed by a name from the PAC that forgets this finds
 * `Object.prototype.constructor` (a function) where it expected `undefined`, and crashes or misreads.
 */
export const INHERITED = [...Object.getOwnPropertyNames(Object.prototype), "prototype", "length", "name", "call", "apply", "bind", "has", "get"];

/**
 * One PAC that uses `name` in every role a name or string from the user's code can take: a global
 * variable, a function, a parameter, a property, an object key, a receiver of a static-looking call, a
 * string compared with the host, a host pattern, a probe host, a cache key, a regex, a case label.
 */
export function pacNaming(name: string): string {
  const s = JSON.stringify(name);
  return [
    "var cache = {};",
    `var ${name} = ["10.0.0.0", "255.0.0.0", "10.20.0.0/16"];`,
    `var table = { ${s}: "PROXY a.example:8080", other: 1 }, keyed = { ${name}: 1 };`,
    "function Filter(text) { this.text = text; }",
    `Filter.prototype.${name} = function (h) { return h == ${s}; };`,
    "var filter = Object.create(Filter.prototype);",
    `function helper_${name.replace(/\W/g, "")}(${name}) { return ${name}; }`,
    `var me = myIpAddress();`,
    "function FindProxyForURL(url, host) {",
    "  if (cache[host]) return cache[host];",
    `  if (host == ${s} || shExpMatch(host, ${JSON.stringify(`${name}.*`)}) || dnsDomainIs(host, ${JSON.stringify(`.${name}.example`)})) return "DIRECT";`,
    `  if (isResolvable(${JSON.stringify(`${name}.corp.example`)}) && isInNet(host, ${name}[0], ${name}[1])) return "DIRECT";`,
    `  if (isInNet(me, "10.20.0.0", "255.255.0.0") && isInNetEx(host, ${name}[2])) return "DIRECT";`,
    `  if (${name}.keys && ${name}.has && ${name}.has(host)) return "DIRECT";`,
    `  if (Object.${name} && typeof Array.${name} == "function" && String.${name} && Date.${name} && Number.${name}) { var x = table.${name}; }`,
    `  if (table[${s}] && table[host] && /${name.replace(/\W/g, "")}/.test(host) && host.${name}) return table[${s}];`,
    `  switch (host) { case ${s}: return "DIRECT"; case "${name}.example": return table.${name} ? "PROXY b.example:80" : "DIRECT"; }`,
    `  if (filter.${name}(host)) return "DIRECT";`,
    '  return cache[host] = "PROXY proxy.example:8080";',
    "}",
    `function FindProxyForURLEx(url, host) { return ${name} && FindProxyForURL(url, host); }`,
    "",
  ].join("\n");
}

export const PROFILES: readonly ProfileName[] = ["winhttp", "chromium", "node"];
export const SMALL = { timeoutMs: 2000 };
