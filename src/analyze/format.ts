/** Renders a route analysis as a readable matrix or as plain JSON. */
import { hostedLegend } from "../pac/hosted-variables.js";
import { positionAt, type SourceFile } from "../source/source-file.js";
import type { Range } from "../types.js";
import { environmentFor } from "./environments.js";
import { describeAnswer, effectiveFirstEntry } from "./findings.js";
import type { EnvironmentClass, HostRoutes, RouteAnalysis, RouteOutcome } from "./types.js";

const LIST_CLASSES_UP_TO = 3;
const LIST_UNREACHED_UP_TO = 12;
const WIDTH = 110;

function at(source: SourceFile, range: Range | undefined): string {
  if (!range) return "-";
  const { line, column } = positionAt(source, range[0]);
  return `${line}:${column}`;
}

function isService(row: HostRoutes): boolean {
  return row.endpoint?.role === "service";
}

function breaksDo(row: HostRoutes, outcome: RouteOutcome, analysis: RouteAnalysis): boolean {
  if (!isService(row)) return false;
  if (outcome.failure) return true;
  const first = effectiveFirstEntry(outcome, analysis.profile);
  return first === undefined || (first !== "DIRECT" && first.type !== "DIRECT");
}

/**
 * The matrix as text: per entry point, hosts with the same answers grouped together, each distinct
 * answer with its returning line and the environment classes that give it; then coverage.
 */
export function formatRoutes(analysis: RouteAnalysis, source: SourceFile): string {
  const name = source.path ?? "<stdin>";
  if (analysis.loadFailure) {
    const where = analysis.loadFailure.range ? `:${at(source, analysis.loadFailure.range)}` : "";
    return `${name}${where}: the PAC cannot be loaded (${analysis.loadFailure.kind}): ${analysis.loadFailure.message}\n`;
  }
  const classCount = analysis.environments.length;
  const lines: string[] = [];
  const capped =
    analysis.environmentsTotal !== undefined && analysis.environmentsTotal > classCount
      ? ` (${analysis.sampled ? "sampled within the budget" : "capped"} from ${analysis.environmentsTotal})`
      : "";
  lines.push(
    `${name}: profile ${analysis.profile}, entry points ${analysis.entryPoints.join(", ") || "none"}; ` +
      `${classCount} environment class${classCount === 1 ? "" : "es"}${capped}, ${analysis.evaluations ?? "?"} evaluations`,
  );
  const byId = new Map(analysis.environments.map((e) => [e.id, e]));

  for (const entryPoint of analysis.entryPoints) {
    lines.push("", entryPoint);
    const groups = new Map<string, HostRoutes[]>();
    for (const row of analysis.routes) {
      if (row.entryPoint !== entryPoint) continue;
      const key = JSON.stringify([
        row.endpoint?.role ?? "other",
        row.outcomes.map((o) => [describeAnswer(o), o.returnRange ?? null, o.environmentIds]),
      ]);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    for (const rows of groups.values()) {
      const first = rows[0];
      if (!first) continue;
      const role = first.endpoint?.role ?? "other";
      lines.push(...wrap(rows.map((r) => r.host), `  ${role.padEnd(7)} `, " ".repeat(10)));
      const answers = first.outcomes.map((o) =>
        o.failure ? `fails: ${describeAnswer(o)}` : o.implicitBypass ? describeAnswer(o) : (o.result ?? "no result"),
      );
      const width = Math.max(...answers.map((a) => a.length));
      first.outcomes.forEach((outcome, i) => {
        const mark = breaksDo(first, outcome, analysis) ? "!" : " ";
        const where = at(source, outcome.returnRange ?? outcome.failure?.range).padEnd(7);
        lines.push(`   ${mark} ${(answers[i] ?? "").padEnd(width)}  ${where} ${describeClasses(outcome, classCount, byId)}`);
      });
    }
  }

  const { total, taken, unreached } = analysis.coverage;
  lines.push("");
  const shown = unreached.slice(0, LIST_UNREACHED_UP_TO).map((r) => at(source, r));
  const more = unreached.length > shown.length ? ` and ${unreached.length - shown.length} more` : "";
  lines.push(
    `Coverage: ${taken} of ${total} branch outcomes taken` + (unreached.length > 0 ? `; never reached: ${shown.join(", ")}${more}` : ""),
  );
  for (const note of analysis.notes ?? []) lines.push(`Note: ${note}.`);
  if (analysis.hostsOmitted) lines.push(`${analysis.hostsOmitted} more host names from the PAC were not analysed.`);
  const violations = analysis.routes.some((row) => row.outcomes.some((o) => breaksDo(row, o, analysis)));
  if (violations) lines.push("! marks DO service hosts that do not go DIRECT first in those environments.");
  for (const note of hostedLegend(analysis.routes.flatMap((row) => row.outcomes.flatMap((o) => o.entries)))) lines.push(`${note}.`);
  return `${lines.join("\n")}\n`;
}

/** Joins items with ", " into lines of at most WIDTH columns (an item longer than that gets its own line). */
function wrap(items: readonly string[], first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const [i, item] of items.entries()) {
    const text = i < items.length - 1 ? `${item},` : item;
    if (!empty && line.length + 1 + text.length > WIDTH) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line += empty ? text : ` ${text}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

function describeClasses(outcome: RouteOutcome, total: number, byId: ReadonlyMap<string, EnvironmentClass>): string {
  const count = outcome.environmentIds.length;
  if (count === total) return total === 1 ? outcome.witness.label : `all ${total} classes`;
  if (count <= LIST_CLASSES_UP_TO) {
    return outcome.environmentIds.map((id) => byId.get(id)?.label ?? id).join(" | ");
  }
  return `${count} of ${total} classes, e.g. ${outcome.witness.label}`;
}

/** A shell word: quoted only when it needs to be. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `pac-do resolve` command line that replays one outcome: the witness class's client address,
 * DNS answers (the asked host's included), clock and zone, the entry point and the profile.
 */
export function replayCommand(file: string, row: HostRoutes, outcome: RouteOutcome, profile: RouteAnalysis["profile"]): string {
  const env = environmentFor(outcome.witness, row.host);
  const words = ["pac-do", "resolve", file, row.url, "--profile", profile, "--entry", row.entryPoint];
  for (const ip of env.clientIps) words.push("--client-ip", ip);
  for (const [host, answers] of env.dns) words.push("--dns", `${host}=${answers.join(",")}`);
  words.push("--at", new Date(env.now).toISOString(), "--tz", env.timeZone);
  if (outcome.witness.publicAddress !== undefined) words.push("--define", `SRCIP=${outcome.witness.publicAddress}`);
  return words.map(shellWord).join(" ");
}

/** The analysis as plain JSON data: DNS maps as objects, clocks as ISO strings, ranges with line:column. */
export function routesToJson(analysis: RouteAnalysis, source: SourceFile): unknown {
  const position = (range: Range | undefined) => {
    if (!range) return undefined;
    const start = positionAt(source, range[0]);
    return { range, line: start.line, column: start.column };
  };
  return {
    file: source.path ?? null,
    profile: analysis.profile,
    entryPoints: analysis.entryPoints,
    ...(analysis.loadFailure ? { loadFailure: { ...analysis.loadFailure, ...position(analysis.loadFailure.range) } } : {}),
    environments: analysis.environments.map((e) => ({
      id: e.id,
      label: e.label,
      clientIps: e.witness.clientIps,
      ...(e.publicAddress === undefined ? {} : { publicAddress: e.publicAddress }),
      hostAnswer: e.hostAnswer ?? [],
      dns: Object.fromEntries(e.witness.dns),
      now: new Date(e.witness.now).toISOString(),
      timeZone: e.witness.timeZone,
    })),
    environmentsTotal: analysis.environmentsTotal ?? analysis.environments.length,
    routes: analysis.routes.map((row) => ({
      host: row.host,
      url: row.url,
      endpoint: row.endpoint?.id ?? null,
      role: row.endpoint?.role ?? null,
      entryPoint: row.entryPoint,
      outcomes: row.outcomes.map((o) => ({
        result: o.result,
        entries: o.entries,
        ...(o.failure ? { failure: o.failure } : {}),
        ...(o.returnRange ? { return: position(o.returnRange) } : {}),
        ...(o.implicitBypass ? { implicitBypass: o.implicitBypass } : {}),
        witness: o.witness.id,
        environments: o.environmentIds,
        replay: replayCommand(source.path ?? "proxy.pac", row, o, analysis.profile),
      })),
    })),
    coverage: {
      total: analysis.coverage.total,
      taken: analysis.coverage.taken,
      unreached: analysis.coverage.unreached.map((r) => position(r)),
    },
    notes: analysis.notes ?? [],
    ...(analysis.sampled ? { sampled: analysis.sampled } : {}),
    hostsOmitted: analysis.hostsOmitted ?? 0,
    evaluations: analysis.evaluations ?? 0,
  };
}
