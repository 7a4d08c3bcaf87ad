/**
 * The Delivery Optimization (DO) and Microsoft Connected Cache (MCC) endpoint catalogue, as data.
 * Every fact comes from /work/shared/research/do-and-pac-semantics.md §1; each entry names the
 * document and revision it was read from. Samples of wildcard patterns are illustrative instances
 * (`kv801…`), chosen so that a PAC sees the same shape of host name DO uses.
 */
import type { Endpoint, EndpointRole } from "./types.js";

const MS_DOCS = "MicrosoftDocs/windows-itpro-docs";

/** The documents the catalogue cites, so each entry's `source` reads the same way. */
export const SOURCES = {
  workflow: `${MS_DOCS} windows/deployment/do/delivery-optimization-workflow.md @ 0888ed6 (2024-05-23)`,
  workflowHistory: `${MS_DOCS} windows/deployment/do/delivery-optimization-workflow.md, older revisions (history before 0888ed6)`,
  faq: `${MS_DOCS} windows/deployment/do/waas-delivery-optimization-faq.yml @ 85023ed (2024-08-06)`,
  faqHistoric: `${MS_DOCS} windows/deployment/update/waas-delivery-optimization-faq.md @ 14d6dad`,
  mccEndpoints: "fieropheonix6/windows-itpro-docs windows/deployment/do/delivery-optimization-endpoints.md @ 98b8640 (2025-07-23)",
  mccEndpoints2022: `${MS_DOCS} windows/deployment/do/delivery-optimization-endpoints.md @ 02b7c66 (2022)`,
  win11: `${MS_DOCS} windows/privacy/manage-windows-11-endpoints.md @ 9ecaf4f`,
  wuTroubleshooting: `${MS_DOCS} windows/deployment/update/windows-update-troubleshooting.md @ 7f67819; KB 3175743`,
} as const;

/** The DNS suffix of every DO cloud-service host (clients and MCC nodes alike). */
export const SERVICE_DOMAIN = "do.dsp.mp.microsoft.com";

/**
 * The host patterns a DO bypass must send DIRECT, in shExpMatch syntax. `*.do.dsp.mp.microsoft.com`
 * covers the `.prod.` forms (geo, geover, kv*, cp*, disc*, array*, cn*) and the dash forms that sit
 * directly under the domain (geo-prod, geover-prod, kv*-prod, cp*-prod, disc*-prod, cn*-prod); the
 * apex is not a documented host, but a bypass of the domain covers it too (a glob alone would not).
 */
export const SERVICE_HOST_PATTERNS: readonly string[] = [SERVICE_DOMAIN, `*.${SERVICE_DOMAIN}`];

interface Entry {
  readonly id: string;
  readonly pattern: string;
  readonly samples?: readonly string[];
  readonly scheme?: "https" | "http";
  readonly port?: number;
  readonly role: EndpointRole;
  readonly service: string;
  readonly legacy?: boolean;
  readonly source: string;
}

function endpoint(entry: Entry): Endpoint {
  const scheme = entry.scheme ?? (entry.role === "service" ? "https" : "http");
  const samples = entry.samples ?? (entry.pattern.includes("*") ? [] : [entry.pattern]);
  return {
    id: entry.id,
    pattern: entry.pattern,
    samples,
    scheme,
    port: entry.port ?? (scheme === "https" ? 443 : 80),
    role: entry.role,
    service: entry.service,
    legacy: entry.legacy ?? false,
    source: entry.source,
  };
}

const DO = SERVICE_DOMAIN;

/** Every catalogued endpoint, service hosts first. Patterns without samples only classify hosts. */
export const CATALOGUE: readonly Endpoint[] = [
  endpoint({ id: "do-geo", pattern: `geo.prod.${DO}`, role: "service", service: "DO Geo", source: SOURCES.workflow }),
  endpoint({ id: "do-geover", pattern: `geover.prod.${DO}`, role: "service", service: "DO Geo", source: SOURCES.workflow }),
  endpoint({ id: "do-geo-dash", pattern: `geo-prod.${DO}`, role: "service", service: "DO Geo", source: SOURCES.workflow }),
  endpoint({ id: "do-geover-dash", pattern: `geover-prod.${DO}`, role: "service", service: "DO Geo", source: SOURCES.workflow }),
  endpoint({ id: "do-kv", pattern: `kv*.prod.${DO}`, samples: [`kv801.prod.${DO}`], role: "service", service: "DO KeyValue", source: SOURCES.workflow }),
  endpoint({ id: "do-cp", pattern: `cp*.prod.${DO}`, samples: [`cp801.prod.${DO}`], role: "service", service: "DO Content Policy", source: SOURCES.workflow }),
  endpoint({ id: "do-disc", pattern: `disc*.prod.${DO}`, samples: [`disc801.prod.${DO}`], role: "service", service: "DO Discovery", source: SOURCES.workflow }),
  endpoint({ id: "do-array", pattern: `array*.prod.${DO}`, samples: [`array801.prod.${DO}`], role: "service", service: "DO Arrays", source: SOURCES.workflow }),
  endpoint({ id: "do-kv-dash", pattern: `kv*-prod.${DO}`, samples: [`kv801-prod.${DO}`], role: "service", service: "DO KeyValue", legacy: true, source: SOURCES.workflowHistory }),
  endpoint({ id: "do-cp-dash", pattern: `cp*-prod.${DO}`, samples: [`cp801-prod.${DO}`], role: "service", service: "DO Content Policy", legacy: true, source: SOURCES.workflowHistory }),
  endpoint({ id: "do-disc-dash", pattern: `disc*-prod.${DO}`, samples: [`disc801-prod.${DO}`], role: "service", service: "DO Discovery", legacy: true, source: SOURCES.workflowHistory }),
  endpoint({ id: "do-cn", pattern: `cn*.prod.${DO}`, samples: [`cn801.prod.${DO}`], role: "service", service: "DO Arrays", legacy: true, source: SOURCES.workflowHistory }),
  endpoint({ id: "do-cn-dash", pattern: `cn*-prod.${DO}`, samples: [`cn801-prod.${DO}`], role: "service", service: "DO Arrays", legacy: true, source: SOURCES.workflowHistory }),
  endpoint({ id: "do-service", pattern: `*.prod.${DO}`, role: "service", service: "DO cloud service", source: SOURCES.faq }),
  endpoint({ id: "do-service-mcc", pattern: `*.${DO}`, role: "service", service: "DO cloud service (MCC and historic clients)", source: `${SOURCES.mccEndpoints}; ${SOURCES.faqHistoric}` }),

  endpoint({ id: "dl-delivery", pattern: "dl.delivery.mp.microsoft.com", role: "content", service: "DO metadata and content CDN", source: `${SOURCES.workflow}; ${SOURCES.mccEndpoints}` }),
  endpoint({ id: "dl-delivery-sub", pattern: "*.dl.delivery.mp.microsoft.com", samples: ["2.dl.delivery.mp.microsoft.com"], role: "content", service: "DO metadata and content CDN", source: SOURCES.faq }),
  endpoint({ id: "tlu-dl-delivery", pattern: "tlu.dl.delivery.mp.microsoft.com", role: "content", service: "Windows Update content CDN", source: SOURCES.mccEndpoints }),
  endpoint({ id: "tlu-dl-delivery-sub", pattern: "*.tlu.dl.delivery.mp.microsoft.com", samples: ["2.tlu.dl.delivery.mp.microsoft.com"], role: "content", service: "Windows Update content CDN", source: SOURCES.mccEndpoints }),
  endpoint({ id: "wu-download", pattern: "download.windowsupdate.com", role: "content", service: "DO metadata and Windows Update content CDN", source: `${SOURCES.workflow}; ${SOURCES.mccEndpoints}` }),
  endpoint({ id: "wu-download-sub", pattern: "*.download.windowsupdate.com", samples: ["au.download.windowsupdate.com"], role: "content", service: "Windows Update content CDN", source: SOURCES.mccEndpoints }),
  endpoint({ id: "wu-au-download-sub", pattern: "*.au.download.windowsupdate.com", samples: ["2.au.download.windowsupdate.com"], role: "content", service: "Windows Update content CDN", source: SOURCES.mccEndpoints }),
  endpoint({ id: "wu-b1-download-sub", pattern: "*.b1.download.windowsupdate.com", samples: ["2.b1.download.windowsupdate.com"], role: "content", service: "Windows Update content CDN", source: SOURCES.mccEndpoints }),
  endpoint({ id: "wu-au-b1-download-sub", pattern: "*.au.b1.download.windowsupdate.com", samples: ["2.au.b1.download.windowsupdate.com"], role: "content", service: "Windows Update content CDN", source: SOURCES.mccEndpoints }),
  endpoint({ id: "wu-ctldl", pattern: "ctldl.windowsupdate.com", role: "content", service: "Windows Update content CDN", source: SOURCES.mccEndpoints }),
  endpoint({ id: "wu-ctldl-sub", pattern: "*.ctldl.windowsupdate.com", samples: ["2.ctldl.windowsupdate.com"], role: "content", service: "Windows Update content CDN", source: SOURCES.mccEndpoints }),
  endpoint({ id: "wu-any", pattern: "*.windowsupdate.com", role: "content", service: "Windows Update payloads", source: SOURCES.faq }),
  endpoint({ id: "emdl", pattern: "emdl.ws.microsoft.com", role: "content", service: "DO metadata (legacy)", legacy: true, source: `${SOURCES.workflowHistory}; ${SOURCES.faqHistoric}` }),
  endpoint({ id: "emdl-sub", pattern: "*.emdl.ws.microsoft.com", samples: ["2.emdl.ws.microsoft.com"], role: "content", service: "DO metadata (legacy)", legacy: true, source: `${SOURCES.faqHistoric}; ${SOURCES.mccEndpoints2022}; ${SOURCES.wuTroubleshooting}` }),

  endpoint({ id: "delivery-mp", pattern: "*.delivery.mp.microsoft.com", samples: ["fe3.delivery.mp.microsoft.com"], scheme: "https", role: "related", service: "Windows Update / Store back end, Edge content", source: `${SOURCES.faq}; ${SOURCES.mccEndpoints}` }),
  endpoint({ id: "wu-update", pattern: "*.update.microsoft.com", samples: ["fe2.update.microsoft.com"], scheme: "https", role: "related", service: "Windows Update service", source: `${SOURCES.faq}; ${SOURCES.win11}` }),
  endpoint({ id: "wu-trafficshaping", pattern: "tsfe.trafficshaping.dsp.mp.microsoft.com", scheme: "https", role: "related", service: "Windows Update traffic shaping", source: `${SOURCES.faq}; ${SOURCES.win11}` }),
  endpoint({ id: "wu-adl", pattern: "adl.windows.com", role: "related", service: "Windows Update", source: SOURCES.win11 }),
  endpoint({ id: "defender-definitions", pattern: "definitionupdates.microsoft.com", scheme: "https", role: "related", service: "Defender definition updates", source: SOURCES.win11 }),

  endpoint({ id: "mcc-office-edgesuite", pattern: "*.officecdn.microsoft.com.edgesuite.net", samples: ["2.officecdn.microsoft.com.edgesuite.net"], role: "content", service: "MCC: Office CDN", source: SOURCES.mccEndpoints }),
  endpoint({ id: "mcc-officecdn", pattern: "*.officecdn.microsoft.com", samples: ["2.officecdn.microsoft.com"], role: "content", service: "MCC: Office CDN", source: SOURCES.mccEndpoints }),
  endpoint({ id: "mcc-cdn-office", pattern: "*.cdn.office.net", samples: ["2.cdn.office.net"], role: "content", service: "MCC: Office CDN", source: SOURCES.mccEndpoints }),
  endpoint({ id: "mcc-tscdn", pattern: "fg.tscdn.m365.static.microsoft", role: "content", service: "MCC: Office CDN", source: SOURCES.mccEndpoints }),
  endpoint({ id: "mcc-intune", pattern: "*.manage.microsoft.com", samples: ["swda01.manage.microsoft.com", "swda01-mscdn.manage.microsoft.com"], role: "content", service: "MCC: Intune Win32 apps", source: SOURCES.mccEndpoints }),
  endpoint({ id: "mcc-xbox", pattern: "*.assets1.xboxlive.com", samples: ["2.assets1.xboxlive.com"], role: "content", service: "MCC: Xbox", source: SOURCES.mccEndpoints }),
  endpoint({ id: "mcc-adu", pattern: "*.dl.adu.microsoft.com", samples: ["tlu.dl.adu.microsoft.com", "nlu.dl.adu.microsoft.com"], role: "content", service: "MCC: Device Update", source: SOURCES.mccEndpoints }),
];

/** Endpoints that stand for concrete hosts the analysis evaluates. */
export function sampledEndpoints(): readonly Endpoint[] {
  return CATALOGUE.filter((entry) => entry.samples.length > 0);
}

/** Lower-cases a host and drops one trailing dot, as DNS treats `host.` and `HOST` alike. */
export function normalizeHost(host: string): string {
  const lower = host.toLowerCase();
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}

interface Matcher {
  readonly endpoint: Endpoint;
  readonly regex: RegExp;
  /** Non-wildcard characters: the more a pattern spells out, the more specific it is. */
  readonly weight: number;
}

/**
 * Catalogue patterns as regular expressions: a leading `*.` stands for one or more labels, a `*`
 * inside a label for any run of label characters (`kv*` is `kv801`, not `kv.x`).
 */
const MATCHERS: readonly Matcher[] = CATALOGUE.map((entry) => {
  const body = entry.pattern
    .split(".")
    .map((label, index) =>
      index === 0 && label === "*" ? "(?:[a-z0-9-]+\\.)*[a-z0-9-]+" : label.replace(/[^a-z0-9*-]/g, "").replace(/\*/g, "[a-z0-9-]*"),
    )
    .join("\\.");
  return { endpoint: entry, regex: new RegExp(`^${body}$`), weight: entry.pattern.replace(/\*/g, "").length };
});

/**
 * The most specific catalogue endpoint a host belongs to, or undefined. Case-insensitive; a trailing
 * dot is tolerated. `geo.prod.do.dsp.mp.microsoft.com` is `do-geo`, not the `*.prod…` catch-all.
 */
export function classifyHost(host: string): Endpoint | undefined {
  const name = normalizeHost(host);
  let best: Matcher | undefined;
  for (const matcher of MATCHERS) {
    if (matcher.regex.test(name) && (best === undefined || matcher.weight > best.weight)) best = matcher;
  }
  return best?.endpoint;
}

/** Whether DO needs this host DIRECT: `do.dsp.mp.microsoft.com` and every host under it. */
export function isServiceHost(host: string): boolean {
  const name = normalizeHost(host);
  return name === SERVICE_DOMAIN || name.endsWith(`.${SERVICE_DOMAIN}`);
}

/** A catalogue endpoint by id. */
export function endpointById(id: string): Endpoint | undefined {
  return CATALOGUE.find((entry) => entry.id === id);
}
