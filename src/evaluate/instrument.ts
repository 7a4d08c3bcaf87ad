/**
 * Inserts guest-side probes into a PAC without moving anything to another line, so that the guest's
 * error positions map back to the original file through a list of insertions:
 *
 * - `return X` becomes `return __pacdo$r(id, X)`: the last probe to run before the entry point
 *   returns names the `return` that decided (an inner helper's return runs first, the outer last);
 * - the test of an `if` or `?:` becomes `((test)?(__pacdo$k[id]||__pacdo$b(id),1):(...id+1...,0))`
 *   (same truthiness; see `outcomeProbe`), or `__pacdo$i(id, test)` in a script too large for that
 *   form (INLINE_OUTCOMES_UP_TO), the left side of `&&`/`||`/`??` becomes
 *   `__pacdo$a(id, left)` (or `$o`/`$n`), each case body starts with `__pacdo$b(id);`: each of these
 *   returns its argument unchanged, so truthiness, evaluation order and `this` are kept;
 * - a call of a PAC helper gets `__pacdo$c(site, "name", lastArgument)` around its last argument
 *   (after every argument is evaluated, just before the call), or `f(__pacdo$c(site, "name"))` when it
 *   has none, so a traced helper call knows its call site;
 * - a regex literal with more capturing groups than QuickJS compiles, whose groups the PAC provably
 *   never reads, gets `?:` after each capturing `(` (see regex-captures.ts), so the PAC loads and
 *   matches as in Chromium instead of failing with "too many captures".
 */
import type { Expression, IfStatement, LogicalExpression, Node, Program, Statement } from "../syntax/ast.js";
import type { Range } from "../types.js";
import { preorder } from "../syntax/walk.js";
import { HARNESS } from "./prelude.js";
import { findOversizedRegexes, oversizedNotes, QUICKJS_MAX_CAPTURES, type OversizedRegexNote } from "./regex-captures.js";
import type { BranchPoint } from "./types.js";

/** The helper names whose call sites are traced. */
export const HELPER_NAMES: ReadonlySet<string> = new Set([
  "dnsResolve", "isResolvable", "myIpAddress", "isInNet", "convert_addr", "isPlainHostName", "dnsDomainIs",
  "localHostOrDomainIs", "dnsDomainLevels", "shExpMatch", "weekdayRange", "dateRange", "timeRange", "alert",
  "dnsResolveEx", "isResolvableEx", "myIpAddressEx", "isInNetEx", "sortIpAddressList", "getClientVersion",
]);

export interface Instrumented {
  /** The script the guest runs. */
  readonly text: string;
  /** Original offset of every inserted text, ascending, with its length. */
  readonly insertions: readonly (readonly [offset: number, length: number])[];
  /** Range of the `return` statement (or expression body) for each return probe id. */
  readonly returns: readonly Range[];
  readonly branchPoints: readonly BranchPoint[];
  /** Range of the helper call for each call-site id. */
  readonly sites: readonly Range[];
  /** Regex literals with more groups than QuickJS compiles, rewritten or not; absent when there are none. */
  readonly oversizedRegexes?: readonly OversizedRegexNote[];
}

interface Insert {
  readonly offset: number;
  readonly text: string;
  /** Opening text goes outermost-first, closing text innermost-first; closes before opens. */
  readonly close: boolean;
  readonly seq: number;
}

/** Which probes to insert besides the return probes (all by default). */
export interface ProbeOptions {
  /** Branch probes, for `EvaluateRequest.coverage`. */
  readonly branches?: boolean;
  /** Call-site probes, so traced helper calls carry their `range`. */
  readonly callSites?: boolean;
  /** The inline form of the `if`/`?:` probes (default: when the script stays under INLINE_OUTCOMES_UP_TO). */
  readonly inlineOutcomes?: boolean;
}

/** Inserts the probes into `text`, whose syntax tree is `program`; see the module comment. */
export function instrument(text: string, program: Program, probes: ProbeOptions = {}): Instrumented {
  const branches = probes.branches ?? true;
  const callSites = probes.callSites ?? true;
  const inserts: Insert[] = [];
  const returns: Range[] = [];
  const branchPoints: BranchPoint[] = [];
  const sites: Range[] = [];
  let seq = 0;
  let nextBranch = 0;

  // A probe inserted right after an identifier character would merge with it: `return"x"` must not
  // become `return__pacdo$r(0, "x")` (minified PACs omit such spaces).
  const open = (offset: number, insert: string): void => {
    const before = text[offset - 1] ?? "";
    const glue = /[\p{ID_Continue}$\u200c\u200d]/u.test(before) && /^[\p{ID_Start}$_]/u.test(insert) ? " " : "";
    inserts.push({ offset, text: glue + insert, close: false, seq: seq++ });
  };
  const close = (offset: number, insert: string): void => void inserts.push({ offset, text: insert, close: true, seq: seq++ });
  /** Wraps an expression in `probe(args..., expr)`; a sequence expression needs its own parentheses. */
  const wrap = (node: Expression, head: string): void => {
    const paren = node.type === "SequenceExpression";
    open(node.range[0], head + (paren ? "(" : ""));
    close(node.range[1], paren ? "))" : ")");
  };
  const branchPair = (thenRange: Range, elseRange: Range | null, kinds: readonly [BranchPoint["kind"], BranchPoint["kind"]]): number => {
    const id = nextBranch;
    nextBranch += 2;
    branchPoints.push({ id, range: thenRange, kind: kinds[0] });
    if (elseRange) branchPoints.push({ id: id + 1, range: elseRange, kind: kinds[1] });
    return id;
  };

  /**
   * The test of an `if` or `?:`, whose value is only ever tested for truthiness, becomes
   * `((test)?(K[id]||B(id),1):(K[id+1]||B(id+1),0))`: same truthiness, the outcome recorded by the
   * hit probe B, which is not even called once the harness knows it would record nothing (K, see
   * prelude.ts). A guest call per `if` was most of what coverage cost a PAC of 10,000 rules.
   */
  const outcomeProbe = (test: Expression, id: number): void => {
    if (!inlineOutcomes) return wrap(test, `${HARNESS.test}(${id}, `);
    const { known: k, hit: b } = HARNESS;
    open(test.range[0], "((");
    close(test.range[1], `)?(${k}[${id}]||${b}(${id}),1):(${k}[${id + 1}]||${b}(${id + 1}),0))`);
  };
  // The inline form is about 60 characters longer than `__pacdo$i(id, T)`, and QuickJS needs memory to
  // parse it: only scripts that stay small get it (a 5 MB PAC of 55,000 rules would no longer load
  // within the default 64 MB).
  const inlineOutcomes = probes.inlineOutcomes ?? text.length + countTests(program) * INLINE_OUTCOME_CHARS <= INLINE_OUTCOMES_UP_TO;

  // Regexes that might have too many groups for QuickJS: a group takes at least two characters.
  let manyGroups = false;
  const chained = new Set<Node>();
  let chains = 0;
  /**
   * QuickJS compiles an else-if chain by recursion, one level per branch, and runs out of stack at
   * about 2,000 branches (generated PACs have 50,000). A long chain therefore runs as the flat
   * sequence it means, with insertions only (positions stay): `L:{ if (a) {X;break L} else; if (b)
   * {Y;break L} else; if (c) Z else W }`. A label catches no unlabelled `break` or `continue`, so
   * loops and switches around the chain keep theirs; `var` and function declarations hoist as before.
   */
  const flattenChain = (head: IfStatement): void => {
    const links: IfStatement[] = [];
    for (let link: Statement | null = head; link?.type === "IfStatement"; link = link.alternate) {
      links.push(link);
      chained.add(link);
    }
    if (links.length < FLAT_CHAIN) return;
    const inner = links.slice(0, -1);
    const elseEnds = inner.map((link) => elseEnd(text, link.alternate!.range[0]));
    // A function declaration as a branch (Annex B) would change meaning inside braces; an `else` behind a comment is not found.
    if (inner.some((link, i) => link.consequent.type === "FunctionDeclaration" || elseEnds[i] === undefined)) return;
    const label = `__pacdo$chain${chains++}`;
    open(head.range[0], `${label}:{`);
    inner.forEach((link, i) => {
      open(link.consequent.range[0], "{");
      close(link.consequent.range[1], `;break ${label}}`);
      open(elseEnds[i]!, ";");
    });
    close(head.range[1], "}");
  };

  /**
   * A probe around the left side of `a || b || c ...` nests one call per operator: QuickJS would
   * compile a 100,000-term condition by recursion and overflow. Chains of FLAT_CHAIN or more
   * operators get no branch probes (their branches are not counted in coverage).
   */
  const unprobed = new Set<Node>();
  const longLogicalChain = (head: LogicalExpression): boolean => {
    const links: LogicalExpression[] = [];
    for (let link: Expression = head; link.type === "LogicalExpression"; link = link.left) links.push(link);
    if (links.length < FLAT_CHAIN) return false;
    for (const link of links) unprobed.add(link);
    return true;
  };

  preorder(program, (node: Node): void => {
    switch (node.type) {
      case "Literal":
        if (node.regex && node.regex.pattern.length > 2 * QUICKJS_MAX_CAPTURES) manyGroups = true;
        break;
      case "ReturnStatement": {
        const id = returns.length;
        returns.push(node.range);
        if (node.argument) wrap(node.argument, `${HARNESS.ret}(${id}, `);
        else open(node.range[0] + "return".length, ` ${HARNESS.ret}(${id})`);
        break;
      }
      case "ArrowFunctionExpression":
        if (node.body.type !== "BlockStatement") {
          const id = returns.length;
          returns.push(node.body.range);
          wrap(node.body, `${HARNESS.ret}(${id}, `);
        }
        break;
      case "IfStatement": {
        if (!chained.has(node)) flattenChain(node);
        if (!branches) break;
        const id = branchPair(node.consequent.range, node.alternate?.range ?? null, ["if-then", "if-else"]);
        outcomeProbe(node.test, id);
        break;
      }
      case "ConditionalExpression": {
        if (!branches) break;
        const id = branchPair(node.consequent.range, node.alternate.range, ["cond-then", "cond-else"]);
        outcomeProbe(node.test, id);
        break;
      }
      case "LogicalExpression": {
        if (!branches || unprobed.has(node)) break;
        if (longLogicalChain(node)) break;
        const id = branchPair(node.left.range, node.right.range, ["logical-left", "logical-right"]);
        const probe = node.operator === "&&" ? HARNESS.and : node.operator === "||" ? HARNESS.or : HARNESS.nullish;
        wrap(node.left, `${probe}(${id}, `);
        break;
      }
      case "SwitchCase": {
        if (!branches) break;
        const id = nextBranch++;
        branchPoints.push({ id, range: node.range, kind: "case" });
        const first = node.consequent[0];
        open(first ? first.range[0] : node.range[1], `${HARNESS.hit}(${id});`);
        break;
      }
      case "CallExpression":
        if (callSites && node.callee.type === "Identifier" && HELPER_NAMES.has(node.callee.name) && !node.optional) {
          const last = node.arguments[node.arguments.length - 1];
          const head = `${HARNESS.site}(${sites.length}, ${JSON.stringify(node.callee.name)}`;
          if (last === undefined) {
            // `f()` becomes `f(probe)`: one undefined argument, which the helpers ignore. Wrapping the
            // callee in `(probe, f)()` instead could glue a statement to the previous line (no ASI before "(").
            const paren = node.range[1] - 1;
            open(paren, `${head})`);
            sites.push(node.range);
          } else if (last.type !== "SpreadElement") {
            wrap(last, `${head}, `);
            sites.push(node.range);
          }
        }
        break;
      default:
        break;
    }
  });
  const oversized = manyGroups ? findOversizedRegexes(program) : [];
  for (const regex of oversized) for (const offset of regex.rewrite ?? []) open(offset, "?:");

  inserts.sort((a, b) => a.offset - b.offset || (a.close === b.close ? (a.close ? b.seq - a.seq : a.seq - b.seq) : a.close ? -1 : 1));
  const parts: string[] = [];
  const insertions: (readonly [number, number])[] = [];
  let at = 0;
  for (const insert of inserts) {
    parts.push(text.slice(at, insert.offset), insert.text);
    insertions.push([insert.offset, insert.text.length]);
    at = insert.offset;
  }
  parts.push(text.slice(at));
  branchPoints.sort((a, b) => a.id - b.id);
  const oversizedRegexes = oversized.length > 0 ? { oversizedRegexes: oversizedNotes(oversized) } : {};
  return { text: parts.join(""), insertions, returns, branchPoints, sites, ...oversizedRegexes };
}

/** Characters an inline `if`/`?:` probe adds, about (ids of 5 digits, the prefix renamed at the same length). */
const INLINE_OUTCOME_CHARS = 80;
/**
 * Scripts up to this size (text plus inline probes, estimated) get the inline `if`/`?:` probes; larger
 * ones the one-call `__pacdo$i(id, T)`, which keeps their parse within the memory a script of their
 * size needed before.
 */
const INLINE_OUTCOMES_UP_TO = 2_000_000;

function countTests(program: Program): number {
  let count = 0;
  preorder(program, (node: Node): void => {
    if (node.type === "IfStatement" || node.type === "ConditionalExpression") count++;
  });
  return count;
}

/** Else-if chains at least this long run flat (see `flattenChain`); `&&`/`||`/`??` chains this long get no branch probes. */
const FLAT_CHAIN = 16;

/** The offset just after the `else` keyword that directly precedes `offset` (whitespace between), if there is one. */
function elseEnd(text: string, offset: number): number | undefined {
  let at = offset;
  while (at > 0 && /\s/.test(text[at - 1]!)) at--;
  const keyword = at >= 4 && text.slice(at - 4, at) === "else";
  return keyword && !/[\p{ID_Continue}$]/u.test(text[at - 5] ?? "") ? at : undefined;
}

/** The probed script, or undefined when the tree does not fit the text: the original then runs without ranges. */
export function instrumentIfFits(text: string, program: Program, probes: ProbeOptions = {}): Instrumented | undefined {
  try {
    const result = instrument(text, program, probes);
    return result.insertions.every(([offset]) => offset >= 0 && offset <= text.length) ? result : undefined;
  } catch {
    return undefined;
  }
}

/** Maps an offset in the instrumented text back to the original text. */
export function originalOffset(insertions: Instrumented["insertions"], offset: number): number {
  let shift = 0;
  for (const [at, length] of insertions) {
    if (at + shift >= offset) break;
    // An offset inside inserted text maps to where the text was inserted.
    if (offset < at + shift + length) return at;
    shift += length;
  }
  return offset - shift;
}
