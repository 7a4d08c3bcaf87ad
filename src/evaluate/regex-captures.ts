/**
 * Regexes with more capture groups than QuickJS allows. QuickJS (pac-do's sandbox, and pac-resolver's)
 * refuses a pattern with more than 254 groups ("SyntaxError: too many captures": CAPTURE_COUNT_MAX is
 * 255 in libregexp.c, group 0 included; 254 load, 255 fail in quickjs-emscripten 0.32) and so fails
 * to load the whole PAC, while Chromium's V8 compiles it (checked with /tmp/pac-oracles: 300 groups
 * load in Chromium 156). Filter-list PACs generated from block lists hit this: one alternative per
 * domain, each with its own groups.
 *
 * When the program provably never reads a regex's groups, the groups are made non-capturing before
 * evaluation (`(` becomes `(?:`, an insertion, so every offset still maps back): the regex then matches
 * exactly the same strings, and nothing the PAC can observe changes. pac-resolver (the node profile)
 * runs the PAC as written, so there it still fails, as it does for its users. "Never reads" is decided from the
 * syntax tree, conservatively:
 * - the pattern has no backreference (`\1`, `\k<name>`) and no named group (renumbering would change
 *   what a backreference means; a named group cannot be made non-capturing by inserting alone);
 * - the literal is used only as `/re/.test(x)`, or it initialises a variable whose every use in the
 *   program is `name.test(x)` (and that is assigned nowhere else);
 * - the program never names `RegExp` (whose legacy `RegExp.$1` statics show the last match's groups),
 *   nor `eval` or `Function` (code pac-do cannot see could read them).
 * Anything else is left as written, and the PAC fails to load as it does in QuickJS; lint's
 * regex-engine-limits rule says which regex, where, and what each client does.
 */
import type { Literal, Node, Program } from "../syntax/ast.js";
import type { Range } from "../types.js";
import { forEachChild } from "../syntax/walk.js";

/** The most capturing groups QuickJS compiles: CAPTURE_COUNT_MAX (255) less group 0, the whole match. */
export const QUICKJS_MAX_CAPTURES = 254;

export interface OversizedRegex {
  readonly node: Literal;
  /** Capturing groups in the pattern, named ones included. */
  readonly captures: number;
  /** Offsets in the source right after each capturing `(`, where `?:` makes it non-capturing; absent when not provably safe. */
  readonly rewrite?: readonly number[];
  /** Why the groups may be read, when `rewrite` is absent: one phrase, with the offset of the use when there is one. */
  readonly kept?: { readonly why: string; readonly at?: number };
}

interface PatternShape {
  readonly captures: number;
  /** Offsets within the pattern right after each plain capturing `(`. */
  readonly openings: readonly number[];
  readonly named: boolean;
  readonly backreference: boolean;
}

/** What a load failure needs to know of an oversized regex, as plain data (a compilation cache keeps it). */
export interface OversizedRegexNote {
  readonly range: Range;
  readonly captures: number;
  /** The groups were made non-capturing for the winhttp and chromium profiles. */
  readonly rewritten: boolean;
  readonly why?: string;
  /** Offset of the use that may read the groups. */
  readonly at?: number;
}

export function oversizedNotes(regexes: readonly OversizedRegex[]): OversizedRegexNote[] {
  return regexes.map(({ node, captures, rewrite, kept }) => ({
    range: node.range,
    captures,
    rewritten: rewrite !== undefined,
    ...(kept ? { why: kept.why } : {}),
    ...(kept?.at !== undefined && kept.at !== node.range[0] ? { at: kept.at } : {}),
  }));
}

/** Reads a pattern's groups: escapes and character classes skipped, `(?` forms are not captures except `(?<name>`. */
export function patternShape(pattern: string): PatternShape {
  const openings: number[] = [];
  let captures = 0;
  let named = false;
  let backreference = false;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "\\") {
      const next = pattern[i + 1] ?? "";
      if (!inClass && (/[1-9]/.test(next) || next === "k")) backreference = true;
      i++;
    } else if (inClass) {
      if (char === "]") inClass = false;
    } else if (char === "[") {
      inClass = true;
    } else if (char === "(") {
      if (pattern[i + 1] !== "?") {
        captures++;
        openings.push(i + 1);
      } else if (pattern[i + 2] === "<" && pattern[i + 3] !== "=" && pattern[i + 3] !== "!") {
        captures++;
        named = true;
      }
    }
  }
  return { captures, openings, named, backreference };
}

const UNSEEN_CODE = new Set(["RegExp", "eval", "Function"]);

/** Every regex literal with more capturing groups than QuickJS compiles, each with its rewrite when provably safe. */
export function findOversizedRegexes(program: Program): OversizedRegex[] {
  const oversized: { node: Literal; shape: PatternShape }[] = [];
  visit(program, (node) => {
    if (node.type === "Literal" && node.regex) {
      const shape = patternShape(node.regex.pattern);
      if (shape.captures > QUICKJS_MAX_CAPTURES) oversized.push({ node, shape });
    }
  });
  if (oversized.length === 0) return [];
  oversized.sort((a, b) => a.node.range[0] - b.node.range[0]);

  // One pass for what the safety test needs: parents, uses of each name, names of unseen code.
  const parents = new Map<Node, Node>();
  const uses = new Map<string, { node: Node; parent: Node | undefined }[]>();
  let unseen: { name: string; at: number } | undefined;
  visit(program, (node, parent) => {
    if (parent) parents.set(node, parent);
    if (node.type !== "Identifier") return;
    if (UNSEEN_CODE.has(node.name) && !unseen && !(parent?.type === "MemberExpression" && parent.property === node && !parent.computed)) {
      unseen = { name: node.name, at: node.range[0] };
    }
    let list = uses.get(node.name);
    if (!list) uses.set(node.name, (list = []));
    list.push({ node, parent });
  });

  return oversized.map(({ node, shape }): OversizedRegex => {
    const base = { node, captures: shape.captures };
    const kept = (why: string, at?: number): OversizedRegex => ({ ...base, kept: at === undefined ? { why } : { why, at } });
    if (shape.backreference) return kept("the pattern refers back to its own groups");
    if (shape.named) return kept("the pattern has named groups");
    if (unseen) return kept(`the PAC uses ${unseen.name}, through which code pac-do cannot see may read the groups`, unseen.at);
    const use = readsGroups(node, parents, uses);
    if (use) return kept(use.why, use.at);
    const start = node.range[0] + 1;
    return { ...base, rewrite: shape.openings.map((offset) => start + offset) };
  });
}

/** Where the program may read the regex's groups, or undefined when it only ever calls `.test()`. */
function readsGroups(
  node: Literal,
  parents: ReadonlyMap<Node, Node>,
  uses: ReadonlyMap<string, readonly { node: Node; parent: Node | undefined }[]>,
): { why: string; at: number } | undefined {
  const parent = parents.get(node);
  if (isTestCall(node, parent, parents)) return undefined;
  if (parent?.type !== "VariableDeclarator" || parent.init !== node || parent.id.type !== "Identifier") {
    return { why: "the regex is used other than as `/…/.test(…)` or a variable only tested", at: node.range[0] };
  }
  const name = parent.id.name;
  for (const use of uses.get(name) ?? []) {
    if (use.node === parent.id) continue;
    if (use.parent?.type === "MemberExpression" && use.parent.property === use.node && !use.parent.computed) continue;
    if (!isTestCall(use.node, use.parent, parents)) return { why: `${name} is used other than as ${name}.test(…)`, at: use.node.range[0] };
  }
  return undefined;
}

/** `x.test(…)`: x is the object of a non-computed `.test` member that is called. */
function isTestCall(node: Node, parent: Node | undefined, parents: ReadonlyMap<Node, Node>): boolean {
  if (parent?.type !== "MemberExpression" || parent.object !== node || parent.computed) return false;
  if (parent.property.type !== "Identifier" || parent.property.name !== "test") return false;
  const call = parents.get(parent);
  return call?.type === "CallExpression" && call.callee === parent;
}

/** Every node with its parent, parents first. Iterative: minified PACs nest deeply. */
function visit(root: Node, enter: (node: Node, parent: Node | undefined) => void): void {
  const stack: [Node, Node | undefined][] = [[root, undefined]];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const [node, parent] = item;
    enter(node, parent);
    forEachChild(node, (child) => void stack.push([child, node]));
  }
}
