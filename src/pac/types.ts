/** The vocabulary of a PAC result that every layer shares: the profiles, the entry points and the entries of a proxy list. */

/**
 * Which client's semantics to reproduce. winhttp: what Delivery Optimization sees (FindProxyForURLEx
 * preferred, host case kept, JScript syntax). chromium: Chromium/Edge. node: pac-resolver 7.0.1 run for real.
 */
export type ProfileName = "winhttp" | "chromium" | "node";

/** The functions a PAC defines for its client to call. */
export type EntryPointName = "FindProxyForURL" | "FindProxyForURLEx";

export type ProxyEntryType = "DIRECT" | "PROXY" | "HTTP" | "HTTPS" | "SOCKS" | "SOCKS4" | "SOCKS5" | "QUIC";

/** One `;`-separated entry of a PAC result, as written and as a client reads it. */
export interface ProxyEntry {
  readonly text: string;
  readonly type: ProxyEntryType | null;
  readonly host?: string;
  readonly port?: number;
  /** The port came from the scheme's default, not the text. */
  readonly defaultPort?: boolean;
  /** Why the profile's client drops this entry; absent when it is valid. */
  readonly invalid?: string;
  /**
   * The host is a variable the vendor's PAC server fills in (`${GATEWAY}`): the entry is that
   * vendor's proxy (see src/pac/hosted-variables.ts).
   */
  readonly hosted?: { readonly vendor: string; readonly name: string };
}
