/**
 * The hosts `pac-do diff` asks both PACs about: the catalogue, the hosts given, the generic sample,
 * the host names in the rules that changed with hosts on both sides of each (`hostVariants`), and
 * the other names either PAC mentions as `routes` samples them (one concrete host each, spread over
 * the files, at most MAX_UNCHANGED_HOSTS). A large PAC's edited rule is so always exercised, however many other
 * names the sample has to leave out.
 */
import { visit, looksLikeHostPattern, type Collected } from "../analyze/collect.js";
import { catalogueQueries, concreteHost, GENERIC_HOSTS, hostVariants, queryFor, type HostQuery } from "../analyze/hosts.js";
import { isServiceHost } from "../do/catalogue.js";
import type { Node, Program } from "../syntax/ast.js";
import type { SourceFile } from "../source/source-file.js";

/** Host names from changed rules taken at most (each with its variants). */
export const MAX_CHANGED_HOSTS = 96;

/**
 * Names from unchanged rules taken at most (`routes` takes 48). An unchanged rule can route
 * differently only through code it shares with changed ones, which the catalogue and generic hosts
 * run through too; at 48 a 10 KB diff took twice as long (docs/performance.md, "Diffing").
 */
export const MAX_UNCHANGED_HOSTS = 16;

export interface DiffSide {
  readonly source: SourceFile;
  readonly program: Program;
  readonly collected: Collected;
}

/** What host planning needs of one PAC: the names near its changed lines, and every name it mentions. */
export interface HostPlanSide {
  /** Host names on or next to the PAC's changed lines (`changedNames`). */
  readonly changedNames: readonly string[];
  readonly hostLiterals: readonly string[];
}

/** Every host to ask about, without duplicates, DO service hosts first; `omitted` counts names left out. */
export function planDiffHosts(old: DiffSide, now: DiffSide, extra: readonly string[]): { queries: HostQuery[]; omitted: number } {
  const [oldLines, newLines] = changedLines(old.source, now.source);
  return planQueries(
    { changedNames: changedNames(old, oldLines), hostLiterals: old.collected.hostLiterals },
    { changedNames: changedNames(now, newLines), hostLiterals: now.collected.hostLiterals },
    extra,
  );
}

/** `planDiffHosts` from what each PAC's side found on its own (a side may be analysed on a worker thread). */
export function planQueries(old: HostPlanSide, now: HostPlanSide, extra: readonly string[]): { queries: HostQuery[]; omitted: number } {
  const queries: HostQuery[] = [];
  const seen = new Set<string>();
  const add = (query: HostQuery): void => {
    const key = query.url.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    queries.push(query);
  };
  for (const query of catalogueQueries()) add(query);
  for (const host of extra) add(queryFor(host));
  for (const host of GENERIC_HOSTS) add(queryFor(host));

  const changed = unique([...old.changedNames, ...now.changedNames]);
  const changedSet = new Set(changed);
  const others = unique([...old.hostLiterals, ...now.hostLiterals]).filter((name) => !changedSet.has(name));
  // Both sides of the changed rules' names; of the others, the concrete host `routes` would ask about.
  for (const name of spread(changed, MAX_CHANGED_HOSTS)) for (const host of hostVariants(name)) add(queryFor(host));
  for (const name of spread(others, MAX_UNCHANGED_HOSTS)) {
    const host = concreteHost(name);
    if (host !== undefined) add(queryFor(host));
  }
  const omitted = Math.max(0, changed.length - MAX_CHANGED_HOSTS) + Math.max(0, others.length - MAX_UNCHANGED_HOSTS);
  const service = queries.filter((q) => isServiceHost(q.host));
  return { queries: [...service, ...queries.filter((q) => !isServiceHost(q.host))], omitted };
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names.map((name) => name.toLowerCase()))];
}

/** At most `max` items spread evenly over the list, so a long PAC's later rules are sampled too. */
function spread<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]).filter((item): item is T => item !== undefined);
}

/** Lines (1-based) of each file whose text, spaces aside, the other file does not have. */
export function changedLines(a: SourceFile, b: SourceFile): [Set<number>, Set<number>] {
  const normalized = (source: SourceFile): string[] => source.text.split(/\r\n|[\n\r\u2028\u2029]/).map((line) => line.replace(/\s+/g, " ").trim());
  const aLines = normalized(a);
  const bLines = normalized(b);
  const only = (lines: readonly string[], other: ReadonlySet<string>): Set<number> => {
    const out = new Set<number>();
    lines.forEach((line, i) => {
      if (line !== "" && !other.has(line)) out.add(i + 1);
    });
    return out;
  };
  return [only(aLines, new Set(bLines)), only(bLines, new Set(aLines))];
}

/**
 * Host names on changed lines, and in the test of an `if` or `?:` whose head (test and a short
 * consequent) has a changed line: `if (dnsDomainIs(host, ".a.example"))` followed by a changed
 * `return` on the next line counts. Offsets are compared with sorted intervals, so a PAC whose every
 * line changed (reformatted) costs no more than a walk and a sort.
 */
export function changedNames(side: DiffSide, lines: ReadonlySet<number>): string[] {
  if (lines.size === 0) return [];
  const starts = side.source.lineStarts;
  const changed = disjoint([...lines].map((line): [number, number] => [starts[line - 1] ?? 0, starts[line] ?? side.source.text.length]));
  const heads: [number, number][] = [];
  const literals: { offset: number; value: string }[] = [];
  visit(side.program, (node: Node) => {
    if (node.type === "IfStatement" || node.type === "ConditionalExpression") {
      const consequent = node.consequent;
      const short = consequent.type !== "BlockStatement" || consequent.body.length <= 3;
      if (overlaps(changed, node.range[0], short ? consequent.range[1] : node.test.range[1])) heads.push([node.test.range[0], node.test.range[1]]);
    } else if (node.type === "Literal" && typeof node.value === "string" && looksLikeHostPattern(node.value)) {
      literals.push({ offset: node.range[0], value: node.value });
    }
  });
  const tested = disjoint(heads);
  return literals.filter(({ offset }) => overlaps(changed, offset, offset + 1) || overlaps(tested, offset, offset + 1)).map((l) => l.value);
}

/** The union of intervals as sorted, disjoint intervals. */
function disjoint(intervals: readonly [number, number][]): [number, number][] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** Whether [start, end) meets one of the sorted, disjoint intervals. */
function overlaps(intervals: readonly (readonly [number, number])[], start: number, end: number): boolean {
  let lo = 0;
  let hi = intervals.length;
  // The first interval that ends after `start`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((intervals[mid]?.[1] ?? 0) <= start) lo = mid + 1;
    else hi = mid;
  }
  const candidate = intervals[lo];
  return candidate !== undefined && candidate[0] < end;
}
