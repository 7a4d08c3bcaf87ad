/**
 * `${SRCIP}`: Zscaler's PAC server writes the public address the PAC was requested from into the
 * text before serving it (docs/hosted-pac.md), so a Zscaler PAC can route by the client's egress
 * (`isInNet("${SRCIP}", "198.51.100.0", "255.255.255.0")`). That address is an input of the
 * environment like the client address, and fixed for a client's whole session: the analysis renders
 * the PAC once per public-address class, analyses each rendering over the other dimensions, and joins
 * the results with the class named in every witness ("public address 198.51.100.1 (in
 * 198.51.100.0/24 from line 6), ..."). Positions in each rendering are mapped back to the template.
 */
import { positionAt, createSourceFile, type SourceFile } from "../source/source-file.js";
import type { Expression, Node, Program } from "../syntax/ast.js";
import { forEachChild } from "../syntax/walk.js";
import type { Range } from "../types.js";
import { formatAddress, inNetwork, memberOf, neighbourOf, networkFromCidr, networkFromMask, parseAddress, type Network } from "./address.js";
import type { AnalyzeOptions } from "./index.js";
import type { EnvironmentClass, HostRoutes, RouteAnalysis, RouteOutcome } from "./types.js";

export const SRCIP = "${SRCIP}";

/** An address outside the tested networks when none is named: TEST-NET-3, a public documentation range. */
const DEFAULT_PUBLIC = "203.0.113.7";

export interface PublicAddressValue {
  readonly ip: string;
  readonly label: string;
}

/**
 * The public addresses worth trying: one in each network the PAC tests `${SRCIP}` against (literal
 * `isInNet`/`isInNetEx` arguments, through a variable assigned the literal), and one outside them all.
 */
export function publicAddressValues(program: Program, source: SourceFile): PublicAddressValue[] {
  const tests = srcipNetworks(program);
  const values: PublicAddressValue[] = [];
  const seen = new Set<string>();
  for (const { network, range } of tests) {
    const ip = formatAddress(memberOf(network));
    if (seen.has(ip)) continue;
    seen.add(ip);
    values.push({ ip, label: `public address ${ip} (in ${network.text} from line ${positionAt(source, range[0]).line})` });
  }
  const inside = (ip: string): boolean => {
    const address = parseAddress(ip);
    return address !== undefined && tests.some(({ network }) => inNetwork(network, address));
  };
  let outside: string | undefined = DEFAULT_PUBLIC;
  for (const { network } of tests) {
    if (outside === undefined || !inside(outside)) break;
    const neighbour = neighbourOf(network);
    outside = neighbour ? formatAddress(neighbour) : undefined;
  }
  if (outside !== undefined && !inside(outside)) values.push({ ip: outside, label: `public address ${outside}${tests.length > 0 ? " (in no tested network)" : ""}` });
  return values;
}

/** Networks that `${SRCIP}` (as a literal, or a variable assigned only that literal) is tested against. */
function srcipNetworks(program: Program): { network: Network; range: Range }[] {
  const names = new Set<string>();
  const reassigned = new Set<string>();
  const calls: Node[] = [];
  const stack: Node[] = [program];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && isSrcip(node.init ?? undefined)) names.add(node.id.name);
    if (node.type === "AssignmentExpression" && node.left.type === "Identifier") reassigned.add(node.left.name);
    if (node.type === "CallExpression") calls.push(node);
    forEachChild(node, (child) => void stack.push(child));
  }
  const readsSrcip = (arg: Expression | undefined): boolean =>
    isSrcip(arg) || (arg?.type === "Identifier" && names.has(arg.name) && !reassigned.has(arg.name));
  const found: { network: Network; range: Range }[] = [];
  for (const call of calls) {
    if (call.type !== "CallExpression" || call.callee.type !== "Identifier") continue;
    const [first, second, third] = call.arguments.map((a) => (a.type === "Literal" && typeof a.value === "string" ? a.value : a.type === "SpreadElement" ? undefined : a));
    const target = call.arguments[0];
    if (target === undefined || target.type === "SpreadElement" || !readsSrcip(target) || first === undefined) continue;
    let network: Network | undefined;
    if (call.callee.name === "isInNet" && typeof second === "string" && typeof third === "string") network = networkFromMask(second, third);
    else if (call.callee.name === "isInNetEx" && typeof second === "string") network = networkFromCidr(second);
    if (network) found.push({ network, range: call.range });
  }
  return found.sort((a, b) => a.range[0] - b.range[0]);
}

function isSrcip(node: Node | undefined): boolean {
  return node?.type === "Literal" && node.value === SRCIP;
}

/** A rendering of the template, with the way back from its offsets to the template's. */
export interface Rendering {
  readonly source: SourceFile;
  /** The template offset of a rendered offset (inside a replaced `${SRCIP}`: where it starts). */
  readonly original: (offset: number) => number;
}

export function renderPublicAddress(template: SourceFile, ip: string): Rendering {
  const spans: { at: number; from: number }[] = [];
  let text = "";
  let last = 0;
  for (let at = template.text.indexOf(SRCIP); at !== -1; at = template.text.indexOf(SRCIP, at + SRCIP.length)) {
    text += template.text.slice(last, at);
    spans.push({ at: text.length, from: at });
    text += ip;
    last = at + SRCIP.length;
  }
  text += template.text.slice(last);
  const shift = ip.length - SRCIP.length;
  const original = (offset: number): number => {
    let moved = 0;
    for (const { at, from } of spans) {
      if (offset < at) break;
      if (offset < at + ip.length) return from;
      moved += shift;
    }
    return offset - moved;
  };
  return { source: createSourceFile(text, template.path, template.bom), original };
}

/** One rendering's analysis, its classes already named by their public address. */
export interface PublicAddressPart {
  readonly value: PublicAddressValue;
  readonly rendering: Rendering;
  readonly analysis: RouteAnalysis;
}

/** The classes of one rendering, ids and labels prefixed with its public address (as `analyze` merges them). */
export function prefixClasses(classes: readonly EnvironmentClass[], value: PublicAddressValue, index: number): EnvironmentClass[] {
  return classes.map((c) => ({
    ...c,
    id: `s${index}.${c.id}`,
    label: c.id === "any" ? value.label : `${value.label}, ${c.label}`,
    publicAddress: value.ip,
  }));
}

/** One rendering's analysis with its classes named by their public address (see `prefixClasses`). */
export function prefixAnalysis(analysis: RouteAnalysis, value: PublicAddressValue, index: number): RouteAnalysis {
  const environments = prefixClasses(analysis.environments, value, index);
  const byId = new Map(analysis.environments.map((c, i) => [c.id, environments[i] as EnvironmentClass]));
  return {
    ...analysis,
    environments,
    routes: analysis.routes.map((row) => ({
      ...row,
      outcomes: row.outcomes.map((o) => ({ ...o, environmentIds: o.environmentIds.map((id) => `s${index}.${id}`), witness: byId.get(o.witness.id) ?? o.witness })),
    })),
  };
}

type AnalyzeOne = (source: SourceFile, options: AnalyzeOptions) => Promise<RouteAnalysis>;

/**
 * Analyses a PAC that uses `${SRCIP}`: once per public-address class (or, with given classes, once
 * per public address among them), joined into one analysis of the template.
 */
export async function analyzeByPublicAddress(template: SourceFile, options: AnalyzeOptions, analyzeOne: AnalyzeOne): Promise<RouteAnalysis> {
  const parts: PublicAddressPart[] = [];
  if (options.environments) {
    const groups = new Map<string, EnvironmentClass[]>();
    for (const c of options.environments) {
      const ip = c.publicAddress ?? DEFAULT_PUBLIC;
      const group = groups.get(ip);
      if (group) group.push(c);
      else groups.set(ip, [c]);
    }
    for (const [ip, environments] of groups) {
      const rendering = renderPublicAddress(template, ip);
      const { program: _, ...rest } = options;
      parts.push({ value: { ip, label: `public address ${ip}` }, rendering, analysis: await analyzeOne(rendering.source, { ...rest, environments }) });
    }
    return joinAnalyses(parts, undefined);
  }
  const { parse } = await import("../syntax/parse.js");
  const parsed = options.program ? { ok: true as const, program: options.program } : parse(template);
  if (!parsed.ok) return analyzeOne(template, { ...options, publicAddressRendered: true });
  const values = publicAddressValues(parsed.program, template);
  const { program: _, ...rest } = options;
  const maxClasses = options.maxClasses === undefined ? {} : { maxClasses: Math.max(1, Math.floor(options.maxClasses / values.length)) };
  for (const [index, value] of values.entries()) {
    const rendering = renderPublicAddress(template, value.ip);
    const analysis = await analyzeOne(rendering.source, { ...rest, ...maxClasses });
    parts.push({ value, rendering, analysis: prefixAnalysis(analysis, value, index) });
  }
  const first = template.text.indexOf(SRCIP);
  const note = `\${SRCIP} (line ${positionAt(template, first).line}) is the client's public address, filled in by Zscaler's PAC server; tried as ${values.map((v) => v.ip).join(", ")}`;
  return joinAnalyses(parts, note);
}

/** The renderings' analyses as one: classes side by side, equal answers joined, positions in the template. */
export function joinAnalyses(parts: readonly PublicAddressPart[], note: string | undefined): RouteAnalysis {
  const [first] = parts;
  if (!first) throw new Error("joinAnalyses needs at least one part");
  const mapRange = (part: PublicAddressPart, range: Range | undefined): Range | undefined =>
    range === undefined ? undefined : [part.rendering.original(range[0]), part.rendering.original(range[1])];
  const failed = parts.find((part) => part.analysis.loadFailure);
  if (failed?.analysis.loadFailure) {
    const range = mapRange(failed, failed.analysis.loadFailure.range);
    return { ...failed.analysis, loadFailure: { ...failed.analysis.loadFailure, ...(range ? { range } : {}) }, environments: parts.flatMap((p) => p.analysis.environments) };
  }

  const rows = new Map<string, { row: HostRoutes; outcomes: Map<string, RouteOutcome & { environmentIds: string[] }> }>();
  for (const part of parts) {
    for (const row of part.analysis.routes) {
      const key = `${row.url}\n${row.entryPoint}`;
      let joined = rows.get(key);
      if (!joined) rows.set(key, (joined = { row, outcomes: new Map() }));
      for (const outcome of row.outcomes) {
        const returnRange = mapRange(part, outcome.returnRange);
        const failureRange = mapRange(part, outcome.failure?.range);
        const answer = `${JSON.stringify(outcome.result)}|${outcome.failure?.message ?? ""}|${returnRange?.join(":") ?? ""}|${outcome.implicitBypass ?? ""}`;
        const existing = joined.outcomes.get(answer);
        if (existing) existing.environmentIds.push(...outcome.environmentIds);
        else {
          joined.outcomes.set(answer, {
            ...outcome,
            ...(returnRange ? { returnRange } : {}),
            ...(outcome.failure ? { failure: { ...outcome.failure, ...(failureRange ? { range: failureRange } : {}) } } : {}),
            environmentIds: [...outcome.environmentIds],
          });
        }
      }
    }
  }

  // A branch outcome is unreached only when no rendering reached it.
  const unreachedIn = parts.map((part) => new Set(part.analysis.coverage.unreached.map((range) => mapRange(part, range)?.join(":"))));
  const unreached = first.analysis.coverage.unreached
    .map((range) => mapRange(first, range) as Range)
    .filter((range) => unreachedIn.every((set) => set.has(range.join(":"))));
  const total = first.analysis.coverage.total;
  const notes = [...new Set(parts.flatMap((p) => p.analysis.notes ?? []))];
  if (note) notes.push(note);
  return {
    profile: first.analysis.profile,
    entryPoints: [...new Set(parts.flatMap((p) => p.analysis.entryPoints))],
    environments: parts.flatMap((p) => p.analysis.environments),
    routes: [...rows.values()].map(({ row, outcomes }) => ({ ...row, outcomes: [...outcomes.values()] })),
    coverage: { total, taken: total - unreached.length, unreached },
    environmentsTotal: parts.reduce((n, p) => n + (p.analysis.environmentsTotal ?? p.analysis.environments.length), 0),
    hostsOmitted: Math.max(...parts.map((p) => p.analysis.hostsOmitted ?? 0)),
    evaluations: parts.reduce((n, p) => n + (p.analysis.evaluations ?? 0), 0),
    notes,
    ...(parts.find((p) => p.analysis.sampled)?.analysis.sampled ? { sampled: parts.find((p) => p.analysis.sampled)?.analysis.sampled } : {}),
  };
}
