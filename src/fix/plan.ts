/**
 * Turns a parsed PAC into the edits that put the managed block at the top of every entry point, or
 * bring an existing block up to date. Pure and synchronous; `fix.ts` adds the route analysis around it.
 */
import { positionAt, type SourceFile } from "../source/source-file.js";
import type { Program } from "../syntax/ast.js";
import type { Range } from "../types.js";
import { BEGIN_MARKER, blockLines, END_MARKER, inlineBlock, type BypassTargets } from "./block.js";
import type { Edit } from "./edits.js";
import { findEntryPointSites, type EntryPointSite, type Unfixable } from "../pac/entry-points.js";

/** The part of a comment the planner needs; the parser's `Comment` fits. */
export interface CommentLike {
  readonly type: "Line" | "Block";
  readonly value: string;
  readonly range: Range;
}

export interface ParsedPac {
  readonly source: SourceFile;
  readonly program: Program;
  readonly comments: readonly CommentLike[];
}

/** A block already in the file, from the start of its begin marker's line to the end of its end marker's line. */
export interface ManagedBlock {
  readonly range: Range;
  readonly style: "lines" | "inline";
}

export interface SitePlan {
  readonly site: EntryPointSite;
  /** 1-based line of the definition, for messages. */
  readonly line: number;
  readonly existing: ManagedBlock | undefined;
  /** Empty when the site already holds the wanted block, first. */
  readonly edits: readonly Edit[];
  /**
   * insert: no block yet; update: the block is rewritten in place; move: something now runs before
   * the block, so it is taken out and put back at the top; keep: nothing to do.
   */
  readonly action: "insert" | "update" | "move" | "keep";
}

export type FixPlan =
  | { readonly ok: true; readonly sites: readonly SitePlan[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Lines longer than this are treated as minified: the block goes in inline instead of on its own lines. */
const MINIFIED_LINE_LENGTH = 200;

/**
 * Plans the block for every top-level entry-point definition: insert it, update an outdated one in
 * place, or keep a current one. Fails with one message per definition it cannot reach or per damaged
 * block, because fixing only some definitions could leave DO proxied.
 */
export function planFix(pac: ParsedPac, targets: BypassTargets): FixPlan {
  const { source } = pac;
  const scan = findEntryPointSites(pac.program, (offset) => positionAt(source, offset).line);
  const problems = scan.unfixable.map((u: Unfixable) => `cannot find a place to inject at line ${positionAt(source, u.range[0]).line}: ${u.reason}`);
  if (scan.sites.length === 0 && problems.length === 0) problems.push("no FindProxyForURL or FindProxyForURLEx function to inject into");
  const sites: SitePlan[] = [];
  for (const site of scan.sites) {
    const line = positionAt(source, site.range[0]).line;
    const existing = findManagedBlock(pac, site);
    if (typeof existing === "string") {
      problems.push(`${site.name} at line ${line}: ${existing}`);
      continue;
    }
    if (!existing) {
      sites.push({ site, line, existing, edits: [insertEdit(pac, site, targets)], action: "insert" });
    } else if (site.firstStatement && site.firstStatement.range[0] < existing.range[0]) {
      const edits = [{ range: existing.range, text: "" }, insertEdit(pac, site, targets)];
      sites.push({ site, line, existing, edits, action: "move" });
    } else {
      const edit = updateEdit(source, site, existing, targets);
      sites.push({ site, line, existing, edits: edit ? [edit] : [], action: edit ? "update" : "keep" });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, sites };
}

/**
 * The edits that remove every managed block, giving the PAC as its author wrote it (up to the line
 * breaks a block in a one-line function brought with it). Verification compares routes against this.
 */
export function stripEdits(plan: readonly SitePlan[]): Edit[] {
  return plan.flatMap(({ existing }) => (existing ? [{ range: existing.range, text: "" }] : []));
}

function findManagedBlock(pac: ParsedPac, site: EntryPointSite): ManagedBlock | undefined | string {
  const [bodyStart, bodyEnd] = site.body.range;
  const inside = pac.comments.filter((c) => c.range[0] > bodyStart && c.range[1] < bodyEnd);
  const beginIndex = inside.findIndex((c) => c.value.trimStart().startsWith(BEGIN_MARKER));
  const begin = inside[beginIndex];
  if (!begin) return undefined;
  const end = inside.slice(beginIndex + 1).find((c) => c.value.trim() === END_MARKER);
  if (!end) {
    return `the managed block starting at line ${positionAt(pac.source, begin.range[0]).line} has no "${END_MARKER}" marker; restore it or delete the block`;
  }
  const text = pac.source.text;
  if (begin.type === "Block") return { range: [begin.range[0], end.range[1]], style: "inline" };
  const lineStart = startOfLine(pac.source, begin.range[0]);
  const start = /^[ \t]*$/.test(text.slice(lineStart, begin.range[0])) ? lineStart : begin.range[0];
  const brk = /^(\r\n|\n|\r)/.exec(text.slice(end.range[1], end.range[1] + 2));
  return { range: [start, end.range[1] + (brk?.[0].length ?? 0)], style: "lines" };
}

function updateEdit(source: SourceFile, site: EntryPointSite, block: ManagedBlock, targets: BypassTargets): Edit | undefined {
  const [start, end] = block.range;
  let wanted: string;
  if (block.style === "inline") {
    wanted = inlineBlock(targets, site.hostExpression);
  } else {
    const lineStart = startOfLine(source, start);
    const atLineStart = lineStart === start;
    const indent = atLineStart ? (/^[ \t]*/.exec(source.text.slice(start))?.[0] ?? "") : bodyIndent(source, site);
    wanted = (atLineStart ? indent : "") + blockLines(targets, site.hostExpression).join(source.eol + indent) + source.eol;
  }
  return source.text.slice(start, end) === wanted ? undefined : { range: [start, end], text: wanted };
}

function insertEdit(pac: ParsedPac, site: EntryPointSite, targets: BypassTargets): Edit {
  const { source } = pac;
  const anchor = site.insertAfter;
  const next = site.firstStatement?.range[0] ?? site.body.range[1] - 1;
  const lineStart = firstLineStartBetween(pac, anchor, next);
  const lines = blockLines(targets, site.hostExpression);
  if (lineStart !== undefined) {
    const indent = bodyIndent(source, site);
    return { range: [lineStart, lineStart], text: lines.map((line) => indent + line + source.eol).join("") };
  }
  const lineLength = lineEnd(source, anchor) - startOfLine(source, anchor);
  if (lineLength > MINIFIED_LINE_LENGTH) return { range: [anchor, anchor], text: inlineBlock(targets, site.hostExpression) };
  const outer = leadingWhitespace(source, site.range[0]);
  const indent = outer + indentUnit(source);
  const rest = site.firstStatement ? indent : outer;
  return { range: [anchor, anchor], text: source.eol + indent + lines.join(source.eol + indent) + source.eol + rest };
}

/** The indentation of the body's first statement when it starts its line, else one level deeper than the function. */
function bodyIndent(source: SourceFile, site: EntryPointSite): string {
  const first = site.firstStatement;
  if (first) {
    const start = startOfLine(source, first.range[0]);
    const before = source.text.slice(start, first.range[0]);
    if (start > site.insertAfter && /^[ \t]*$/.test(before)) return before;
  }
  return leadingWhitespace(source, site.range[0]) + indentUnit(source);
}

/** The first line start in `(after, upTo]` that is not inside a comment. */
function firstLineStartBetween(pac: ParsedPac, after: number, upTo: number): number | undefined {
  const starts = pac.source.lineStarts;
  // Index `line` (1-based line of `after`) is the next line: the first line start past `after`.
  for (let index = positionAt(pac.source, after).line; index < starts.length; index++) {
    const start = starts[index];
    if (start === undefined || start > upTo) return undefined;
    if (!pac.comments.some((c) => c.range[0] < start && start < c.range[1])) return start;
  }
  return undefined;
}

function startOfLine(source: SourceFile, offset: number): number {
  return source.lineStarts[positionAt(source, offset).line - 1] ?? 0;
}

function lineEnd(source: SourceFile, offset: number): number {
  const next = source.lineStarts[positionAt(source, offset).line];
  return next ?? source.text.length;
}

function leadingWhitespace(source: SourceFile, offset: number): string {
  const start = startOfLine(source, offset);
  return /^[ \t]*/.exec(source.text.slice(start, offset))?.[0] ?? "";
}

/** The file's own indentation step: a tab if lines are tab-indented, else the smallest space indent (2 by default). */
function indentUnit(source: SourceFile): string {
  let smallest = Infinity;
  let tabs = 0;
  let spaces = 0;
  for (const match of source.text.matchAll(/^([ \t]+)\S/gm)) {
    const indent = match[1] ?? "";
    if (indent.startsWith("\t")) tabs++;
    else {
      spaces++;
      smallest = Math.min(smallest, indent.length);
    }
  }
  if (tabs > spaces) return "\t";
  return " ".repeat(Number.isFinite(smallest) && smallest <= 8 ? smallest : 2);
}
