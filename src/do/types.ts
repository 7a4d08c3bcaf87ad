/** The role of a Delivery Optimization endpoint decides what a PAC may do with it. */
export type EndpointRole =
  /** DO cloud service: certificate-pinned and keyed by the client's public IP; must be DIRECT first. */
  | "service"
  /** Content and metadata CDN: may be proxied, unmodified, with byte ranges allowed. */
  | "content"
  /** Windows Update and related back-end hosts. */
  | "related";

export interface Endpoint {
  /** Stable id, e.g. "do-kv". */
  readonly id: string;
  /** The pattern as documented, e.g. "kv*.prod.do.dsp.mp.microsoft.com". */
  readonly pattern: string;
  /** Concrete host names that stand for the pattern, e.g. "kv801.prod.do.dsp.mp.microsoft.com". */
  readonly samples: readonly string[];
  readonly scheme: "https" | "http";
  readonly port: number;
  readonly role: EndpointRole;
  readonly service: string;
  readonly legacy: boolean;
  /** Where the fact comes from (document and revision). */
  readonly source: string;
}
