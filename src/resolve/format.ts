/** Output of `pac-do resolve`: one line per URL, a side-by-side table for several profiles, or JSON lines. */
import type { Environment, Evaluation, HelperCall, ProfileName } from "../evaluate/types.js";
import { lineText, positionAt, type SourceFile } from "../source/source-file.js";
import type { Position, Range } from "../types.js";
import { hostedLegend } from "../pac/hosted-variables.js";
import type { ResolvedUrl } from "./resolve.js";

/** The PAC's name in messages. */
export function sourceName(source: SourceFile): string {
  return source.path ?? "<stdin>";
}

/** `proxy.pac:12:5`, or "" without a range. */
export function where(source: SourceFile, range: Range | undefined): string {
  if (!range) return "";
  const { line, column } = positionAt(source, range[0]);
  return `${sourceName(source)}:${line}:${column}`;
}

/** What the URL resolved to, or why it did not, in a few words. */
export function outcome(evaluation: Evaluation): string {
  if (evaluation.failure) return `error: ${evaluation.failure.message}`;
  if (evaluation.implicitBypass) return "DIRECT";
  return evaluation.result === "" ? '"" (empty)' : (evaluation.result ?? "");
}

/** `URL -> RESULT  (proxy.pac:12:5)`, plus what the client makes of the result when that differs. */
export function humanLine(source: SourceFile, item: ResolvedUrl): string {
  const e = item.evaluation;
  const at = whereCached(source, e.failure?.range ?? e.returnRange);
  const bypass = e.implicitBypass ? `implicit bypass: ${e.implicitBypass}` : "";
  const notes = at && bypass ? `${at}; ${bypass}` : at || bypass;
  let line = `${item.url} -> ${outcome(e)}${notes ? `  (${notes})` : ""}`;
  if (e.effective !== undefined && e.result !== null && e.effective !== normalizeSpacing(e.result)) {
    line += `  [${item.profile} uses: ${e.effective === "" ? "nothing valid" : e.effective}]`;
  }
  for (const entry of e.entries) if (entry.invalid !== undefined) line += `\n  dropped "${entry.text}": ${entry.invalid}`;
  for (const note of hostedLegend(e.entries)) line += `\n  ${note}`;
  return line;
}

/**
 * `where()` for the lines of a URL list, which name the same few `return`s over and over: one
 * string per source position instead of a position lookup and a new string per URL.
 */
const whereBySource = new WeakMap<SourceFile, Map<number, string>>();

function whereCached(source: SourceFile, range: Range | undefined): string {
  if (!range) return "";
  let cache = whereBySource.get(source);
  if (cache === undefined) whereBySource.set(source, (cache = new Map()));
  let text = cache.get(range[0]);
  if (text === undefined) cache.set(range[0], (text = where(source, range)));
  return text;
}

/** The few distinct results of a URL list, normalized once each (bounded: results can be anything). */
const normalized = new Map<string, string>();

function normalizeSpacing(result: string): string {
  let text = normalized.get(result);
  if (text === undefined) {
    text = result
      .split(";")
      .map((s) => s.trim().replace(/\s+/g, " "))
      .filter(Boolean)
      .join("; ");
    if (normalized.size >= 1024) normalized.clear();
    normalized.set(result, text);
  }
  return text;
}

/** The `--trace` lines under a URL: each helper call with its answer, then the deciding `return`. */
export function traceLines(source: SourceFile, item: ResolvedUrl): string[] {
  const e = item.evaluation;
  const rows: [string, string][] = [];
  const at = (range: Range | undefined): string => {
    if (!range) return "";
    const p = positionAt(source, range[0]);
    return `${p.line}:${p.column}`;
  };
  for (const call of e.calls ?? []) rows.push([at(call.range), formatCall(call)]);
  const decided = e.failure?.range ?? e.returnRange;
  if (decided) {
    const text = lineText(source, positionAt(source, decided[0]).line).trim();
    rows.push([at(decided), `${e.failure ? "failed here" : "returned"}: ${text.length > 100 ? `${text.slice(0, 97)}...` : text}`]);
  } else if (!e.failure && !e.implicitBypass && item.profile === "node") {
    rows.push(["", "(the node profile cannot name the line: pac-resolver runs regenerated code)"]);
  }
  const width = Math.max(0, ...rows.map(([where]) => where.length));
  return rows.map(([where, what]) => `    ${where.padEnd(width)}  ${what}`);
}

function formatCall(call: HelperCall): string {
  return `${call.name}(${call.args.map(show).join(", ")}) -> ${show(call.result)}`;
}

function show(value: unknown): string {
  return value === undefined ? "undefined" : (JSON.stringify(value) ?? String(value));
}

/** A side-by-side table: one row per URL, one column per profile. */
export function table(results: readonly ResolvedUrl[], profiles: readonly ProfileName[]): string {
  const urls = [...new Set(results.map((r) => r.url))];
  const cell = (url: string, profile: ProfileName): string => {
    const r = results.find((x) => x.url === url && x.profile === profile);
    if (!r) return "";
    const e = r.evaluation;
    if (e.failure) return `error: ${e.failure.message}`;
    if (e.implicitBypass) return "DIRECT (implicit bypass)";
    return e.effective !== undefined && e.result !== null && e.effective !== normalizeSpacing(e.result) ? `${outcome(e)} => ${e.effective}` : outcome(e);
  };
  const rows = [["URL", ...profiles], ...urls.map((url) => [url, ...profiles.map((p) => cell(url, p))])];
  const widths = rows[0]?.map((_, i) => Math.min(60, rows.reduce((width, row) => Math.max(width, (row[i] ?? "").length), 0))) ?? [];
  const fit = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 3)}...` : text.padEnd(width));
  const lines = rows.map((row) => row.map((c, i) => fit(c, widths[i] ?? 0)).join("  ").trimEnd());
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  const differs = urls.filter((url) => new Set(profiles.map((p) => cell(url, p))).size > 1).length;
  lines.push("", differs ? `${differs} of ${urls.length} URL${urls.length === 1 ? "" : "s"} resolve differently across profiles` : "all profiles agree");
  return lines.join("\n");
}

/** One JSON object per URL and profile. */
export function jsonLine(source: SourceFile, item: ResolvedUrl, environment: Environment): string {
  const e = item.evaluation;
  const decided = e.failure?.range ?? e.returnRange;
  const position: Position | undefined = decided ? positionAt(source, decided[0]) : undefined;
  return JSON.stringify({
    url: item.url,
    host: e.host,
    profile: item.profile,
    entryPoint: e.entryPoint,
    pacUrl: e.url,
    result: e.result,
    error: e.failure?.message ?? null,
    errorKind: e.failure?.kind ?? null,
    entries: e.entries,
    effective: e.effective ?? null,
    ...(e.implicitBypass ? { implicitBypass: e.implicitBypass } : {}),
    line: position?.line ?? null,
    column: position?.column ?? null,
    ...(e.calls
      ? {
          calls: e.calls.map((c) => {
            const at = c.range ? positionAt(source, c.range[0]) : undefined;
            return { name: c.name, args: c.args, result: c.result, line: at?.line ?? null, column: at?.column ?? null };
          }),
        }
      : {}),
    environment: {
      clientIps: environment.clientIps,
      dns: Object.fromEntries(environment.dns),
      liveDns: environment.liveDns,
      at: new Date(environment.now).toISOString(),
      timeZone: environment.timeZone,
    },
  });
}
