/**
 * The hosts `pac-do diff` asks both PACs about: the catalogue, the hosts given, the generic sample,
 * and the host names either PAC mentions with hosts on both sides of each (`hostVariants`). Names in
 * the rules that changed come first, so a large PAC's edited rule is always exercised however many
 * other names the sample has to leave out.
 */
import { visit, looksLikeHostPattern, type Collected } from "../analyze/collect.js";
import { catalogueQueries, GENERIC_HOSTS, hostVariants, MAX_LITERAL_HOSTS, queryFor, type HostQuery } from "../analyze/hosts.js";
import { isServiceHost } from "../do/catalogue.js";
import type { Node, Program } from "../syntax/ast.js";
import { positionAt, type SourceFile } from "../source/source-file.js";

/** Host names from changed rules taken at most (each with its variants). */
export const MAX_CHANGED_HOSTS = 96;

export interface DiffSide {
  readonly source: SourceFile;
  readonly program: Program;
  readonly collected: Collected;
}

/** Every host to ask about, without duplicates, DO service hosts first; `omitted` counts names left out. */
export function planDiffHosts(old: DiffSide, now: DiffSide, extra: readonly string[]): { queries: HostQuery[]; omitted: number } {
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

  const [oldLines, newLines] = changedLines(old.source, now.source);
  const changed = unique([...namesNear(old, oldLines), ...namesNear(now, newLines)]);
  const changedSet = new Set(changed);
  const others = unique([...old.collected.hostLiterals, ...now.collected.hostLiterals]).filter((name) => !changedSet.has(name));
  const picked = [...changed.slice(0, MAX_CHANGED_HOSTS), ...spread(others, MAX_LITERAL_HOSTS)];
  for (const name of picked) for (const host of hostVariants(name)) add(queryFor(host));
  const omitted = Math.max(0, changed.length - MAX_CHANGED_HOSTS) + Math.max(0, others.length - MAX_LITERAL_HOSTS);
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
  const normalized = (source: SourceFile): string[] => source.text.split(/\r\n|\r|\n/).map((line) => line.replace(/\s+/g, " ").trim());
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
 * `return` on the next line counts.
 */
function namesNear(side: DiffSide, lines: ReadonlySet<number>): string[] {
  if (lines.size === 0) return [];
  const lineOf = (offset: number): number => positionAt(side.source, offset).line;
  const touches = (start: number, end: number): boolean => {
    for (let line = lineOf(start), last = lineOf(end); line <= last; line++) if (lines.has(line)) return true;
    return false;
  };
  const heads: [number, number][] = [];
  visit(side.program, (node: Node) => {
    if (node.type !== "IfStatement" && node.type !== "ConditionalExpression") return;
    const consequent = node.consequent;
    const short = consequent.type !== "BlockStatement" || consequent.body.length <= 3;
    const end = short ? consequent.range[1] : node.test.range[1];
    if (touches(node.range[0], end)) heads.push([node.test.range[0], node.test.range[1]]);
  });
  const names: string[] = [];
  visit(side.program, (node: Node) => {
    if (node.type !== "Literal" || typeof node.value !== "string" || !looksLikeHostPattern(node.value)) return;
    const [start] = node.range;
    if (lines.has(lineOf(start)) || heads.some(([from, to]) => start >= from && start < to)) names.push(node.value);
  });
  return names;
}
