/**
 * Variables a cloud proxy's PAC server fills in before it serves a hosted PAC. An admin uploads the
 * template (`return "PROXY ${GATEWAY}:9400; DIRECT"`), every client receives it rendered for itself
 * (`PROXY 165.225.72.38:9400`), so a `${GATEWAY}` in pac-do's input is a proxy, not a typo.
 *
 * Zscaler (the only vendor with documented PAC variables among those checked; see docs/hosted-pac.md):
 * - help.zscaler.com/zia/writing-pac-file: `${GATEWAY}` and `${SECONDARY_GATEWAY}` (the nearest
 *   ZIA Public Service Edges), the subcloud forms `${GATEWAY.<subcloud>.<cloud>}` and
 *   `${SECONDARY.GATEWAY.<subcloud>.<cloud>}`, and the 256 KB upload limit;
 * - help.zscaler.com/unified/using-pac-files-internet-saas-private-service-edge-deployments: the
 *   `_FX` suffix of the subcloud forms (`${GATEWAY.example.zscaler.net_FX}`);
 * - help.zscaler.com/zia/using-default-zscaler-kerberos-pac-file: `${GATEWAY_HOST}` and
 *   `${SECONDARY_GATEWAY_HOST}` (the same Service Edges as domain names, for Kerberos);
 * - `${COUNTRY_GATEWAY}`, `${COUNTRY_SECONDARY_GATEWAY}` (Service Edges in the client's country) and
 *   `${SRCIP}` (the client's public address as Zscaler sees it) appear in Zscaler-hosted PACs in use;
 *   the pages above do not list them.
 */

export type HostedVariableRole = "proxy" | "public-address";

export interface HostedVariable {
  readonly vendor: "Zscaler";
  /** The text between `${` and `}`. */
  readonly name: string;
  readonly role: HostedVariableRole;
}

/** The vendor's cap on an uploaded PAC, in bytes. */
export const HOSTED_UPLOAD_LIMIT: Readonly<Record<HostedVariable["vendor"], number>> = { Zscaler: 256 * 1024 };

const ZSCALER_GATEWAYS: ReadonlySet<string> = new Set([
  "GATEWAY",
  "SECONDARY_GATEWAY",
  "GATEWAY_HOST",
  "SECONDARY_GATEWAY_HOST",
  "COUNTRY_GATEWAY",
  "COUNTRY_SECONDARY_GATEWAY",
]);

/**
 * `GATEWAY.<subcloud>.<cloud>` and `SECONDARY.GATEWAY.<subcloud>.<cloud>`, optionally `_FX`; the cloud
 * is one of Zscaler's (zscaler.net, zscalerone.net, zscalertwo.net, zscloud.net, zscalergov.net ...).
 */
const ZSCALER_SUBCLOUD = /^(?:SECONDARY\.)?GATEWAY\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.zs[a-z]+\.net(?:_FX)?$/;

/** The variable a `${NAME}` names, or undefined when no vendor documents it. */
export function hostedVariable(name: string): HostedVariable | undefined {
  if (ZSCALER_GATEWAYS.has(name) || ZSCALER_SUBCLOUD.test(name)) return { vendor: "Zscaler", name, role: "proxy" };
  if (name === "SRCIP") return { vendor: "Zscaler", name, role: "public-address" };
  return undefined;
}

/** `${NAME}` exactly (a proxy host written as a variable), or undefined. */
export function hostedProxyHost(host: string): HostedVariable | undefined {
  const match = /^\$\{([^{}]*)\}$/.exec(host);
  const variable = match ? hostedVariable(match[1] ?? "") : undefined;
  return variable?.role === "proxy" ? variable : undefined;
}

const MACRO = /\$\{([^{}\r\n]*)\}/g;

/** Every `${...}` in a text, with whether a vendor documents it. */
export function macrosIn(text: string): { readonly text: string; readonly offset: number; readonly variable: HostedVariable | undefined }[] {
  const found: { text: string; offset: number; variable: HostedVariable | undefined }[] = [];
  for (const match of text.matchAll(MACRO)) {
    found.push({ text: match[0], offset: match.index, variable: hostedVariable(match[1] ?? "") });
  }
  return found;
}

/** The vendor whose variables a PAC uses, if any: it is then a hosted template, with that vendor's limits. */
export function hostingVendor(text: string): HostedVariable["vendor"] | undefined {
  if (!text.includes("${")) return undefined;
  return macrosIn(text).find((macro) => macro.variable !== undefined)?.variable?.vendor;
}

/**
 * ` (through Zscaler's service edge ${GATEWAY}, ...)` when the first entry a client uses is a hosted
 * variable, else "": how findings and answers name the proxy behind the variable.
 */
export function hostedProxyNote(entries: readonly { readonly invalid?: string; readonly hosted?: { readonly vendor: string; readonly name: string } }[]): string {
  const first = entries.find((entry) => entry.invalid === undefined);
  return first?.hosted ? ` (through ${describeHostedProxy(first.hosted)})` : "";
}

/** One line per distinct variable among the entries: `${GATEWAY} is Zscaler's service edge, ...`. */
export function hostedLegend(entries: readonly { readonly hosted?: { readonly vendor: string; readonly name: string } }[]): string[] {
  const lines = new Map<string, string>();
  for (const { hosted } of entries) {
    if (hosted && !lines.has(hosted.name)) {
      lines.set(hosted.name, `\${${hosted.name}} is ${hosted.vendor}'s service edge (its PAC server fills in the address), which inspects TLS and hides the client's public address`);
    }
  }
  return [...lines.values()];
}

/** How a message names the proxy behind a variable. */
export function describeHostedProxy(variable: { readonly vendor: string; readonly name: string }): string {
  return `${variable.vendor}'s service edge \${${variable.name}}, which inspects TLS and hides the client's public address`;
}

export type DefinesResult = { ok: true; defines: ReadonlyMap<string, string> } | { ok: false; message: string };

/** Reads `--define NAME=value` options: NAME without `${}` or with it, a value on one line. */
export function parseDefines(values: readonly string[]): DefinesResult {
  const defines = new Map<string, string>();
  for (const raw of values) {
    const at = raw.indexOf("=");
    const name = (at === -1 ? raw : raw.slice(0, at)).replace(/^\$\{(.*)\}$/, "$1");
    if (at === -1 || name === "") return { ok: false, message: `--define ${JSON.stringify(raw)}: expected NAME=value, e.g. GATEWAY=gateway.zscaler.net` };
    if (/[{}\r\n\u2028\u2029]/.test(name)) return { ok: false, message: `--define ${JSON.stringify(raw)}: the name may not contain braces or line breaks` };
    const value = raw.slice(at + 1);
    if (/[\r\n\u2028\u2029"'\\]/.test(value)) {
      return { ok: false, message: `--define ${JSON.stringify(raw)}: the value may not contain quotes, backslashes or line breaks` };
    }
    defines.set(name, value);
  }
  return { ok: true, defines };
}

/**
 * The PAC as the vendor's server would serve it with these values: every `${NAME}` with a defined
 * NAME replaced by its value, the rest kept. Line breaks are never added, so lines stay where they were.
 */
export function renderDefines(text: string, defines: ReadonlyMap<string, string>): string {
  if (defines.size === 0 || !text.includes("${")) return text;
  return text.replace(MACRO, (macro: string, name: string) => defines.get(name) ?? macro);
}
