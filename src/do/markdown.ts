/** docs/endpoints.md, generated from the catalogue so the document cannot drift from the data. */
import { CATALOGUE, SERVICE_HOST_PATTERNS, SOURCES } from "./catalogue.js";
import type { Endpoint, EndpointRole } from "./types.js";

const ROLE_TITLES: Record<EndpointRole, string> = {
  service: "DO cloud service: DIRECT, first entry, in every environment",
  content: "Content and metadata: may be proxied, unmodified, with byte ranges",
  related: "Related Windows Update hosts",
};

const ROLE_NOTES: Record<EndpointRole, string> = {
  service:
    "DO pins the certificates of these hosts, so a TLS-inspecting proxy breaks them, and it groups peers by the client's public IP address, so a proxy that egresses from shared addresses breaks peer matching (research §1.1, §1.7, §6.1–6.2). pac-do requires `DIRECT` as the first usable entry for every sample host below, under every entry point and environment class.",
  content:
    "DO verifies every piece against hashes it fetched over TLS from the service, so a proxy may carry this traffic as long as it does not modify it and allows HTTP `Range` requests (research §1.2, §1.3, §1.6, §6.3–6.4). The apex names matter: `*.dl.delivery.mp.microsoft.com` does not match `dl.delivery.mp.microsoft.com` (research §1.4, §6.5).",
  related: "Windows Update and Store back ends that DO downloads depend on; proxying them is allowed (research §1.3, §1.6).",
};

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function row(e: Endpoint): string {
  const samples = e.samples.length > 0 ? e.samples.map((s) => `\`${s}\``).join(", ") : "(classification only)";
  return `| \`${e.pattern}\` | ${e.scheme}/${e.port} | ${samples} | ${cell(e.service)}${e.legacy ? " (legacy)" : ""} | \`${e.id}\` | ${cell(e.source)} |`;
}

/** The full Markdown text of docs/endpoints.md. */
export function endpointsMarkdown(): string {
  const out: string[] = [
    "# Delivery Optimization endpoints",
    "",
    "<!-- Generated from src/do/catalogue.ts by test/do/markdown.test.ts; edit the catalogue, then run",
    "     `UPDATE_DOCS=1 npx vitest run test/do` to rewrite this file. -->",
    "",
    "The hosts pac-do checks, what a PAC may do with each, and where each fact comes from. `pac-do endpoints`",
    "prints the same table; `pac-do endpoints --json` prints it as data. The facts are collected in",
    "`/work/shared/research/do-and-pac-semantics.md` §1, which quotes the documents listed under Sources.",
    "",
    "Sample hosts stand for wildcard patterns in the route analysis (`kv*` is evaluated as `kv801`); a",
    "pattern without samples is only used to classify host names (for example `pac-do routes --host`).",
    "",
    `The DO bypass pac-do writes covers ${SERVICE_HOST_PATTERNS.map((p) => `\`${p}\``).join(" and ")}: every service host`,
    "below, the `.prod.` forms and the dash forms that sit directly under `do.dsp.mp.microsoft.com`.",
  ];
  for (const role of ["service", "content", "related"] as const) {
    out.push("", `## ${ROLE_TITLES[role]}`, "", ROLE_NOTES[role], "");
    out.push("| Pattern | Scheme/port | Sample hosts | Service | Id | Source |", "|---|---|---|---|---|---|");
    for (const e of CATALOGUE) if (e.role === role) out.push(row(e));
  }
  out.push(
    "",
    "## Not in the catalogue",
    "",
    "- `win1910.ipv6.microsoft.com` (Teredo, UDP 3544) and DO's peer port TCP 7680: not HTTP, a PAC never sees them (research §1.3).",
    "- Connected Cache hosts named by `DOCacheHost` or DHCP option 235: site-specific names or IP literals; pass them to `pac-do routes --host` (research §1.5, §6.10).",
    "- Connected Cache server requirements reached by the cache node itself, not by clients through the PAC (IoT Edge, container registries, Ubuntu packages; research §1.4).",
    "",
    "## Sources",
    "",
    ...Object.values(SOURCES).map((s) => `- ${s}`),
    "",
  );
  return out.join("\n");
}
