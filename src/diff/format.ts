/** Renders a PAC diff: stylish text grouped by host, one JSON object, or a pull-request comment in Markdown. */
import { positionAt, type SourceFile } from "../source/source-file.js";
import { routeKey } from "./diff.js";
import type { DiffAnswer, PacDiff, RouteDifference } from "./types.js";

export type DiffFormat = "stylish" | "json" | "markdown";

export interface DiffNames {
  /** How the output names each PAC (a path, or `<stdin>`). */
  readonly old: string;
  readonly new: string;
}

/** Markdown rows shown before the rest of a table is folded into `<details>`. */
const MARKDOWN_ROWS = 10;
/** Hosts named in a group's heading before the rest are counted. */
const HOSTS_SHOWN = 6;

export function formatDiff(diff: PacDiff, names: DiffNames, format: DiffFormat): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(diffToJson(diff, names), null, 2)}\n`;
    case "markdown":
      return diffToMarkdown(diff, names);
    default:
      return diffToStylish(diff, names);
  }
}

/** The witness as the JSON shape documents it: client address, DNS answers (null: does not resolve), clock. */
function witnessJson(change: RouteDifference): { clientIp: string | null; dns: Record<string, string | null>; at: string; timeZone: string; publicAddress?: string } {
  const env = change.environment;
  const dns: Record<string, string | null> = {};
  if (change.witness.parts?.dns !== undefined) dns[change.host.toLowerCase()] = null;
  for (const [host, answers] of env.dns) dns[host] = answers[0] ?? null;
  return {
    clientIp: env.clientIps[0] ?? null,
    dns,
    at: new Date(env.now).toISOString(),
    timeZone: env.timeZone,
    ...(change.witness.publicAddress ? { publicAddress: change.witness.publicAddress } : {}),
  };
}

/** `{"changes": [...], "unchanged": N}` as issue #11 specifies, with the context around it. */
export function diffToJson(diff: PacDiff, names: DiffNames): unknown {
  return {
    old: names.old,
    new: names.new,
    profile: diff.profile,
    entryPoints: diff.entryPoints,
    changes: diff.changes.map((change) => ({
      host: change.host,
      url: change.url,
      entryPoint: change.entryPoint,
      before: change.before.result,
      after: change.after.result,
      witness: witnessJson(change),
      beforeLine: change.before.line,
      afterLine: change.after.line,
      ...(change.before.failure ? { beforeFailure: change.before.failure } : {}),
      ...(change.after.failure ? { afterFailure: change.after.failure } : {}),
      endpoint: change.endpoint?.id ?? null,
      role: change.endpoint?.role ?? null,
      ...(change.doEffect ? { doEffect: change.doEffect } : {}),
      covers: change.covers,
      environments: change.environmentIds.length,
    })),
    unchanged: diff.unchanged,
    ...(diff.undecided !== undefined ? { undecided: diff.undecided } : {}),
    environments: diff.environments.length,
    environmentsTotal: diff.environmentsTotal,
    hosts: diff.hosts,
    hostsOmitted: diff.hostsOmitted,
    evaluations: diff.evaluations,
    notes: diff.notes,
  };
}

/** An answer in words: the result string, or why there is none, with the deciding line. */
function describe(answer: DiffAnswer, side: "OLD" | "NEW"): string {
  const what = answer.failure
    ? `fails (${answer.failure.kind}: ${answer.failure.message})`
    : answer.implicitBypass
      ? "DIRECT without calling the PAC"
      : JSON.stringify(answer.result ?? "");
  return answer.line === null ? what : `${what} at ${side} line ${answer.line}`;
}

function effect(change: RouteDifference): string {
  if (change.doEffect === "violation") return "DO violation: this DO service host no longer goes DIRECT first";
  if (change.doEffect === "fixed") return "this DO service host now goes DIRECT first";
  return "";
}

/** Hosts whose changes are the same (same callers, answers, lines and classes) are shown together. */
function groupByHost(changes: readonly RouteDifference[]): { hosts: string[]; changes: RouteDifference[] }[] {
  const byHost = new Map<string, RouteDifference[]>();
  for (const change of changes) {
    const list = byHost.get(change.url) ?? [];
    list.push(change);
    byHost.set(change.url, list);
  }
  const groups = new Map<string, { hosts: string[]; changes: RouteDifference[] }>();
  for (const list of byHost.values()) {
    const key = JSON.stringify([
      list[0]?.endpoint?.role ?? null,
      list.map((c) => [c.entryPoint, routeKey(c.before), routeKey(c.after), c.before.line, c.after.line, c.environmentIds, c.doEffect ?? null]),
    ]);
    const group = groups.get(key);
    const host = list[0]?.host ?? "";
    if (group) group.hosts.push(host);
    else groups.set(key, { hosts: [host], changes: list });
  }
  return [...groups.values()];
}

function listHosts(hosts: readonly string[]): string {
  return hosts.length <= HOSTS_SHOWN ? hosts.join(", ") : `${hosts.slice(0, HOSTS_SHOWN - 1).join(", ")} and ${hosts.length - HOSTS_SHOWN + 1} more`;
}

function summary(diff: PacDiff): string {
  const hosts = new Set(diff.changes.map((c) => c.url)).size;
  const classes = `${diff.environments.length} environment class${diff.environments.length === 1 ? "" : "es"}`;
  const capped = diff.environmentsTotal > diff.environments.length ? ` (capped from ${diff.environmentsTotal})` : "";
  const context = `${diff.hosts} hosts x ${diff.entryPoints.join(" and ") || "no entry point"} x ${classes}${capped}, profile ${diff.profile}`;
  if (diff.changes.length === 0) return `no route differs (${context}; ${diff.unchanged} cells agree)`;
  const n = diff.changes.length;
  return `${n} route change${n === 1 ? "" : "s"} for ${hosts} host${hosts === 1 ? "" : "s"} (${context}; ${diff.unchanged} cells agree)`;
}

function violations(diff: PacDiff): string[] {
  return [...new Set(diff.changes.filter((c) => c.doEffect === "violation").map((c) => c.host))];
}

export function diffToStylish(diff: PacDiff, names: DiffNames): string {
  const lines = [`OLD ${names.old} -> NEW ${names.new}: ${summary(diff)}`];
  for (const group of groupByHost(diff.changes)) {
    const role = group.changes[0]?.endpoint?.role;
    lines.push("", `${listHosts(group.hosts)}${role ? ` (DO ${role} host${group.hosts.length === 1 ? "" : "s"})` : ""}`);
    for (const change of group.changes) {
      const mark = change.doEffect === "violation" ? "!" : " ";
      lines.push(`  ${mark} ${change.entryPoint}: ${describe(change.before, "OLD")} -> ${describe(change.after, "NEW")}`);
      lines.push(`      when: ${change.covers}`);
      if (change.environmentIds.length > 1) lines.push(`      e.g. ${change.witness.label}`);
      const note = effect(change);
      if (note) lines.push(`      ${note}`);
    }
  }
  const broken = violations(diff);
  if (broken.length > 0) lines.push("", `! ${broken.length} DO service host${broken.length === 1 ? "" : "s"} no longer go${broken.length === 1 ? "es" : ""} DIRECT first.`);
  for (const note of diff.notes) lines.push(`Note: ${note}.`);
  if (diff.hostsOmitted > 0) lines.push(`${diff.hostsOmitted} more host names from the PACs were not compared (pass them with --host).`);
  return `${lines.join("\n")}\n`;
}

function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/\r?\n/g, " ");
}

/** A code span: entities are not decoded there, so only the table's `|` is escaped. */
function code(text: string): string {
  const clean = text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  return clean.includes("`") ? `\`\` ${clean} \`\`` : `\`${clean}\``;
}

function mdAnswer(answer: DiffAnswer): string {
  const what = answer.failure ? `fails: ${cell(answer.failure.kind)}` : answer.implicitBypass ? "DIRECT (not asked)" : code(answer.result ?? "");
  return answer.line === null ? what : `${what} (line ${answer.line})`;
}

function table(rows: readonly string[][], header: readonly string[]): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  const head = [line(header), line(header.map(() => "---"))];
  if (rows.length <= MARKDOWN_ROWS) return [...head, ...rows.map(line)];
  return [
    ...head,
    ...rows.slice(0, MARKDOWN_ROWS).map(line),
    "",
    `<details><summary>${rows.length - MARKDOWN_ROWS} more</summary>`,
    "",
    ...head,
    ...rows.slice(MARKDOWN_ROWS).map(line),
    "",
    "</details>",
  ];
}

export function diffToMarkdown(diff: PacDiff, names: DiffNames): string {
  const out = [`**pac-do diff** ${code(names.old)} → ${code(names.new)}: ${summary(diff)}.`];
  const broken = violations(diff);
  if (broken.length > 0) {
    out.push("", `> [!CAUTION]`, `> **DO violation**: ${broken.length} Delivery Optimization service host${broken.length === 1 ? "" : "s"} no longer go${broken.length === 1 ? "es" : ""} DIRECT first: ${broken.slice(0, HOSTS_SHOWN).map(code).join(", ")}${broken.length > HOSTS_SHOWN ? ` and ${broken.length - HOSTS_SHOWN} more` : ""}.`);
  }
  const groups = groupByHost(diff.changes);
  const row = (hosts: readonly string[], change: RouteDifference, withCaller: boolean): string[] => [
    `${listHosts(hosts.map(code))}${change.doEffect === "violation" ? " ⚠️" : ""}`,
    ...(withCaller ? [change.entryPoint] : []),
    mdAnswer(change.before),
    mdAnswer(change.after),
    cell(change.covers),
    cell(change.witness.label),
  ];
  const doRows = groups.flatMap((g) => (g.changes[0]?.endpoint ? g.changes.map((c) => row(g.hosts, c, true)) : []));
  if (doRows.length > 0) {
    out.push("", "#### Delivery Optimization endpoints", "", ...table(doRows, ["hosts", "entry point", "before (OLD)", "after (NEW)", "when", "for example"]));
  }
  for (const entryPoint of diff.entryPoints) {
    const rows = groups.flatMap((g) => (g.changes[0]?.endpoint ? [] : g.changes.filter((c) => c.entryPoint === entryPoint).map((c) => row(g.hosts, c, false))));
    if (rows.length === 0) continue;
    out.push("", `#### ${entryPoint}`, "", ...table(rows, ["hosts", "before (OLD)", "after (NEW)", "when", "for example"]));
  }
  if (diff.notes.length > 0) out.push("", ...diff.notes.map((note) => `- ${cell(note)}`));
  // A blank line last: reports of several files appended to one summary stay apart.
  return `${out.join("\n")}\n\n`;
}

/** `file:line:column` of a parse failure, for the one-line error. */
export function failureAt(source: SourceFile, name: string, range: readonly [number, number] | undefined): string {
  if (!range) return name;
  const { line, column } = positionAt(source, range[0]);
  return `${name}:${line}:${column}`;
}
