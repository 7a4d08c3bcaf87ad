/**
 * Where the route analysis cannot vouch for DO service hosts in every environment: what the PAC
 * reads that the environment classes only sample (the clock through `Date`, the URL's path and
 * query, answers left behind by earlier calls), and what WinHTTP's JScript runs differently from the
 * sandbox (names QuickJS has and JScript lacks, conditional compilation). A verdict of "DIRECT
 * everywhere" is then a statement about the sample only: lint warns (`do-verdict-complete`) and
 * `fix` inserts its block instead of answering "already compliant".
 */
import { isServiceHost } from "../do/catalogue.js";
import type { Node, Program } from "../syntax/ast.js";
import { forEachChild, preorder } from "../syntax/walk.js";
import { findEntryPoints } from "../pac/entry-points.js";
import type { Range } from "../types.js";
import type { HostRoutes, RouteAnalysis } from "./types.js";

/** The part of a comment the engine check reads; the parser's `Comment` fits. */
export interface CommentLike {
  readonly value: string;
  readonly range: Range;
}

export type GapKind = "clock" | "zone" | "sample" | "random" | "state" | "url" | "engine";

export interface VerdictGap {
  readonly kind: GapKind;
  /** One sentence, without the consequence (the caller says what it means for its verdict). */
  readonly what: string;
  readonly range: Range;
  /**
   * pac-do's block decides every DO service outcome, but the PAC replaces part of the library the
   * block relies on (`String.prototype.toLowerCase = ...`): fixing cannot help, the patch must go.
   */
  readonly blockDefeated?: true;
}

/**
 * Library names QuickJS (ES2023) defines and JScript's ES3 does not: a PAC that tests for one
 * (`typeof "".trim`, `"keys" in Object`, `this.Intl`) takes another path on Windows. `indexOf` and
 * `lastIndexOf` are ES3 on strings, ES5 on arrays: only a read that is not a call counts for them.
 */
const NOT_IN_JSCRIPT: ReadonlySet<string> = new Set(
  (
    "trim trimStart trimEnd trimLeft trimRight startsWith endsWith includes repeat padStart padEnd codePointAt normalize " +
    "matchAll replaceAll at forEach map filter some every reduce reduceRight find findIndex findLast findLastIndex fill " +
    "copyWithin entries values flat flatMap isArray from of keys create defineProperty defineProperties " +
    "getOwnPropertyDescriptor getOwnPropertyDescriptors getOwnPropertyNames getOwnPropertySymbols getPrototypeOf " +
    "setPrototypeOf freeze isFrozen seal isSealed preventExtensions isExtensible assign is fromEntries hasOwn bind now " +
    "toISOString toJSON JSON fromCodePoint raw isInteger isSafeInteger EPSILON MAX_SAFE_INTEGER MIN_SAFE_INTEGER trunc " +
    "sign cbrt log2 log10 hypot clz32 fround imul expm1 log1p sinh cosh tanh asinh acosh atanh Symbol Map Set WeakMap " +
    "WeakSet WeakRef FinalizationRegistry Promise Proxy Reflect ArrayBuffer SharedArrayBuffer DataView Int8Array " +
    "Uint8Array Uint8ClampedArray Int16Array Uint16Array Int32Array Uint32Array Float32Array Float64Array BigInt " +
    "BigInt64Array BigUint64Array globalThis Intl Atomics AggregateError stack flags sticky unicode dotAll hasIndices " +
    "groups description"
  ).split(" "),
);
const ARRAY_ES5: ReadonlySet<string> = new Set(["indexOf", "lastIndexOf"]);

/**
 * Every gap that concerns the DO service hosts of `analysis` (the program is the one analysed).
 * Gaps read by static means (state, URL, engine) are left out when every DO service outcome was
 * decided inside pac-do's managed block, which runs first and reads only the host.
 */
export function verdictGaps(analysis: RouteAnalysis, program: Program, text: string, comments: readonly CommentLike[] = commentsInText(text)): VerdictGap[] {
  const checked = (row: HostRoutes): boolean =>
    (row.endpoint?.role === "service" || isServiceHost(row.host)) && (analysis.profile === "winhttp" || row.entryPoint === "FindProxyForURL");
  const rows = analysis.routes.filter(checked);
  if (rows.length === 0 || analysis.loadFailure) return [];
  const gaps: VerdictGap[] = [];

  const dated = rows.find((row) => row.readsDate);
  if (dated) {
    const site = firstDateRead(program);
    gaps.push({
      kind: "clock",
      what: `${dated.host} reads the clock through Date, and the analysis tries only the hours and days the PAC's timeRange, weekdayRange and dateRange calls name (plus 10:30 and 23:30 on a Wednesday and a Saturday)`,
      range: site ?? [0, 0],
    });
  }

  const blocks = managedBlocks(text);
  const inBlock = (range: Range | undefined): boolean => range !== undefined && blocks.some(([start, end]) => start <= range[0] && range[1] <= end);
  // The block reads String, toLowerCase and RegExp's test: a PAC that replaces those can change what
  // the block answers from one call to the next, so the block vouches for nothing then.
  const decidedByBlock = rows.every((row) => row.outcomes.every((outcome) => outcome.failure === undefined && inBlock(outcome.returnRange)));
  if (decidedByBlock && !patchesBuiltins(program)) return gaps;
  const mark = (gap: VerdictGap): VerdictGap => (decidedByBlock ? { ...gap, blockDefeated: true } : gap);

  // Classes never evaluated: the budget ran out, or the product of the PAC's tests was capped. A chain of
  // 1,500 client-subnet rules that proxies DO for one subnet linted clean: lint covered 250 of 1,502 classes.
  const total = analysis.environmentsTotal;
  if (total !== undefined && total > analysis.environments.length) {
    const why = analysis.sampled ? "the analysis budget ran out" : "the classes were capped";
    gaps.push(mark({
      kind: "sample",
      what: `the PAC tells ${total.toLocaleString("en-US")} environment classes apart and the analysis evaluated ${analysis.environments.length.toLocaleString("en-US")} of them (${why})`,
      range: findEntryPoints(program)[0]?.nameRange ?? [0, 0],
    }));
  }

  const zone = zoneRead(program);
  if (zone) {
    gaps.push(mark({
      kind: "zone",
      what: `the PAC compares local time with UTC or reads the zone offset here, which depends on the client's time zone and its daylight saving; the analysis ran in one zone (${analysis.environments[0]?.witness.timeZone ?? "UTC"}, --tz)`,
      range: zone,
    }));
  }

  const random = randomRead(program);
  if (random) {
    gaps.push(mark({ kind: "random", what: "Math.random() answers differently on every call and every load, and the analysis sees one sequence of its answers", range: random }));
  }

  const state = analysis.statefulSites?.[0];
  if (state) {
    gaps.push(mark({ kind: "state", what: `${state.what}, so a later call may route DO service hosts differently from the calls the analysis made`, range: state.range }));
  }
  // Chromium hands the PAC an https URL without its path or query (research §3.1), and DO's service is https.
  const { url, engine } = sourceReads(program, comments, analysis.profile !== "chromium", analysis.profile === "winhttp");
  if (url) {
    gaps.push(mark({
      kind: "url",
      what: `the PAC reads the URL beyond its scheme here, and the analysis asks only https://HOST/ while DO's service requests have paths and queries`,
      range: url,
    }));
  }
  if (engine) gaps.push(mark({ kind: "engine", what: engine.what, range: engine.range }));
  return gaps;
}

/**
 * The first read of the URL beyond its scheme (urlRead) and the first construct JScript runs
 * differently (engineDifference), in one walk that records each node's parent as it goes, without
 * building child arrays: two walks with arrays were 85 ms of a 1 MB PAC's lint (10 % of it).
 */
function sourceReads(
  program: Program,
  comments: readonly CommentLike[],
  wantUrl: boolean,
  wantEngine: boolean,
): { url?: Range; engine?: { what: string; range: Range } } {
  const names = wantUrl ? urlNames(program) : new Set<string>();
  let url: Range | undefined;
  let engine = wantEngine ? conditionalCompilation(comments) : undefined;
  const searching = (): boolean => (wantUrl && url === undefined) || (wantEngine && engine === undefined);
  if (!searching()) return { ...(engine ? { engine } : {}) };
  const parents = new Map<Node, Node>();
  preorder(program, (node) => {
    forEachChild(node, (child) => void parents.set(child, node));
    if (wantUrl && url === undefined && urlRead(node, names, parents)) url = node.range;
    if (wantEngine && engine === undefined) engine = engineDifference(node, parents);
    return searching();
  });
  return { ...(url ? { url } : {}), ...(engine ? { engine } : {}) };
}

const BUILTINS: ReadonlySet<string> = new Set(["String", "RegExp", "Object", "Function", "Array", "Symbol", "Reflect", "globalThis"]);
const REDEFINERS: ReadonlySet<string> = new Set(["defineProperty", "defineProperties", "setPrototypeOf", "assign", "__defineGetter__", "__defineSetter__"]);

/**
 * Whether the PAC may replace part of the library: an assignment to a builtin (`String = ...`) or to
 * a property of a library object (`String.prototype.toLowerCase = ...`, `"".constructor.prototype.x`,
 * `o.__proto__.y`), a variable bound to a library object (`var p = String.prototype`), or a call of a
 * redefining function (`Object.defineProperty`). A constructor of the PAC's own (`Filter.prototype.x`)
 * is not the library.
 */
function patchesBuiltins(program: Program): boolean {
  // Names bound to a library object (`var p = String.prototype`) count as the library, at any depth.
  const aliases = new Set<string>();
  preorder(program, (node) => {
    if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.init && libraryObject(node.init, aliases)) aliases.add(node.id.name);
    if (node.type === "AssignmentExpression" && node.left.type === "Identifier" && libraryObject(node.right, aliases)) aliases.add(node.left.name);
    return true;
  });
  let found = false;
  const target = (node: Node): boolean =>
    (node.type === "Identifier" && BUILTINS.has(node.name)) || (node.type === "MemberExpression" && libraryObject(node.object, aliases));
  preorder(program, (node) => {
    if (found) return false;
    if (node.type === "AssignmentExpression" && target(node.left)) found = true;
    else if (node.type === "UpdateExpression" && target(node.argument)) found = true;
    else if (
      node.type === "CallExpression" &&
      node.callee.type === "MemberExpression" &&
      !node.callee.computed &&
      node.callee.property.type === "Identifier" &&
      REDEFINERS.has(node.callee.property.name) &&
      libraryObject(node.callee.object, aliases)
    ) {
      found = true;
    }
    return !found;
  });
  return found;
}

/** Whether an expression may denote a builtin or one of its prototypes (or a name bound to one). */
function libraryObject(node: Node, aliases: ReadonlySet<string>): boolean {
  if (node.type === "Identifier") return BUILTINS.has(node.name) || aliases.has(node.name);
  if (node.type === "CallExpression") {
    return node.callee.type === "MemberExpression" && !node.callee.computed && node.callee.property.type === "Identifier" && node.callee.property.name === "getPrototypeOf";
  }
  if (node.type !== "MemberExpression") return false;
  const key = !node.computed && node.property.type === "Identifier" ? node.property.name : node.property.type === "Literal" ? String(node.property.value) : undefined;
  if (key === "__proto__" || key === "constructor") return true;
  if (key === "prototype") return node.object.type !== "Identifier" || BUILTINS.has(node.object.name) || aliases.has(node.object.name);
  return libraryObject(node.object, aliases);
}

/** The first read of `Math.random` (also `Math["random"]`). */
function randomRead(program: Program): Range | undefined {
  let found: Range | undefined;
  preorder(program, (node) => {
    if (found) return false;
    if (node.type === "MemberExpression" && node.object.type === "Identifier" && node.object.name === "Math") {
      const key = !node.computed && node.property.type === "Identifier" ? node.property.name : node.property.type === "Literal" ? String(node.property.value) : undefined;
      if (key === "random" || key === undefined) found = node.property.range;
    }
    return found === undefined;
  });
  return found;
}

const TIME_HELPERS: ReadonlySet<string> = new Set(["timeRange", "weekdayRange", "dateRange"]);
/** Date methods that read the local zone: their answers move with the client's offset. */
const LOCAL_DATE = new Set(["getHours", "getMinutes", "getDay", "getDate", "getMonth", "getFullYear", "getYear", "toLocaleString", "toLocaleTimeString", "toLocaleDateString", "toTimeString", "toDateString", "setHours", "setDate", "setMonth", "setFullYear", "setMinutes"]);
/** Date methods and statics that read the instant or UTC. */
const UTC_DATE = new Set(["getUTCHours", "getUTCMinutes", "getUTCDay", "getUTCDate", "getUTCMonth", "getUTCFullYear", "toUTCString", "toGMTString", "toISOString", "getTime", "UTC", "now"]);

/**
 * Where the PAC can tell the client's zone apart: `getTimezoneOffset`, or local and UTC clocks side
 * by side (time helpers with and without "GMT", local Date getters beside UTC ones or the instant).
 * Local readings alone are fine: the classes are wall-clock readings, whatever the zone.
 */
function zoneRead(program: Program): Range | undefined {
  let local: Range | undefined;
  let utc: Range | undefined;
  let offset: Range | undefined;
  preorder(program, (node) => {
    if (offset) return false;
    if (node.type === "CallExpression" && node.callee.type === "Identifier" && TIME_HELPERS.has(node.callee.name)) {
      const last = node.arguments[node.arguments.length - 1];
      if (last?.type === "Literal" && last.value === "GMT") utc ??= node.range;
      else local ??= node.range;
    } else if (node.type === "MemberExpression") {
      const key = !node.computed && node.property.type === "Identifier" ? node.property.name : node.property.type === "Literal" && typeof node.property.value === "string" ? node.property.value : undefined;
      if (key === "getTimezoneOffset") offset = node.property.range;
      else if (key !== undefined && LOCAL_DATE.has(key)) local ??= node.property.range;
      else if (key !== undefined && UTC_DATE.has(key)) utc ??= node.property.range;
    } else if (node.type === "NewExpression" && node.callee.type === "Identifier" && node.callee.name === "Date" && node.arguments.length >= 2) {
      // new Date(y, m, d, ...) reads its fields in the local zone.
      local ??= node.range;
    } else if (node.type === "UnaryExpression" && node.operator === "+" && node.argument.type === "NewExpression") {
      utc ??= node.range;
    }
    return true;
  });
  if (offset) return offset;
  if (local && utc) return local[0] > utc[0] ? local : utc;
  return undefined;
}

/**
 * Conditional-compilation comments found in the text alone, for callers without the parser's
 * comments: every `/*@` and `//@`, also inside strings (which errs towards reporting).
 */
function commentsInText(text: string): CommentLike[] {
  return [...text.matchAll(/\/[*/](@\w*)/g)].map((match) => ({ value: match[1] ?? "", range: [match.index, match.index + match[0].length] as Range }));
}

/** The text ranges of pac-do's managed blocks, from a begin marker to the next end marker. */
function managedBlocks(text: string): Range[] {
  const out: Range[] = [];
  for (let at = text.indexOf("pac-do:begin"); at >= 0; at = text.indexOf("pac-do:begin", at + 1)) {
    const end = text.indexOf("pac-do:end", at);
    if (end < 0) break;
    if (canonicalBody(text, at, end)) out.push([at, end]);
  }
  return out;
}

/**
 * One statement of the block as `pac-do fix` writes it (block.ts blockLines and inlineBlock): a flagless
 * domain or cache-host regex tested on the lowercased host, returning DIRECT. Only such statements read
 * nothing but the host; markers around anything else are the PAC's own words (a counter between
 * hand-written markers silenced every gap).
 */
const BLOCK_STATEMENT = /^if ?\(\/(?:\(\^\|\\\.\)|\^)[\w\\.|():-]+\\\.\?\$\/\.test\(String\((?:[A-Za-z_$][\w$]*|arguments\[1\])\)\.toLowerCase\(\)\)\) ?return "DIRECT";$/;

/** Whether the text between a begin marker (at `begin`) and its end marker (at `end`) is only the block's statements. */
function canonicalBody(text: string, begin: number, end: number): boolean {
  const line = text.indexOf("\n", begin);
  const close = text.indexOf("*/", begin);
  // The begin marker's comment ends at its line's end (a // comment) or at its */ (the one-line form).
  const from = close >= 0 && (line < 0 || close < line) ? close + 2 : line + 1;
  const opener = Math.max(text.lastIndexOf("//", end), text.lastIndexOf("/*", end));
  if (line < 0 && close < 0) return false;
  if (opener < from) return false;
  const statements = text.slice(from, opener).trim().split(/(?<=return "DIRECT";)\s*/).filter((s) => s !== "");
  return statements.length > 0 && statements.every((statement) => BLOCK_STATEMENT.test(statement));
}

function firstDateRead(program: Program): Range | undefined {
  let found: Range | undefined;
  preorder(program, (node) => {
    if (found) return false;
    if (node.type === "Identifier" && node.name === "Date") found = node.range;
    return found === undefined;
  });
  return found;
}

/** The names an entry point's URL comes in by: the first parameter of each entry-point function. */
function urlNames(program: Program): Set<string> {
  const names = new Set<string>();
  for (const { fn } of findEntryPoints(program)) {
    const first = fn.params[0];
    if (first?.type === "Identifier") names.add(first.name);
  }
  return names;
}

/**
 * The first read of the URL parameter that is not a scheme test (`url.substring(0, 5) == "http:"`,
 * `shExpMatch(url, "https:*")`, `url.indexOf("https:") == 0`, `/^https?:/.test(url)`): the route of
 * such a PAC may depend on the path or query. `arguments[0]` counts as a read.
 */
function urlRead(node: Node, names: ReadonlySet<string>, parents: ReadonlyMap<Node, Node>): boolean {
  const isUrl = node.type === "Identifier" && names.has(node.name) && !isDeclaration(node, parents.get(node));
  const isArguments0 =
    node.type === "MemberExpression" && node.object.type === "Identifier" && node.object.name === "arguments" && node.computed && node.property.type === "Literal" && node.property.value === 0;
  return (isUrl || isArguments0) && !schemeTest(node, parents);
}

function isDeclaration(node: Node, parent: Node | undefined): boolean {
  if (!parent) return false;
  if ((parent.type === "FunctionDeclaration" || parent.type === "FunctionExpression") && parent.params.includes(node as never)) return true;
  if (parent.type === "MemberExpression" && parent.property === node && !parent.computed) return true;
  if (parent.type === "Property" && parent.key === node && !parent.computed) return true;
  return false;
}

const SCHEME = /^(https?|ftp|wss?|file|gopher):?\*?$/i;

/** Whether this read of the URL only looks at its scheme. */
function schemeTest(node: Node, parents: ReadonlyMap<Node, Node>): boolean {
  const parent = parents.get(node);
  if (!parent) return false;
  // shExpMatch(url, "http:*"), /^https?:/.test(url)
  if (parent.type === "CallExpression" && parent.arguments[0] === node) {
    const callee = parent.callee;
    const pattern = parent.arguments[1];
    if (callee.type === "Identifier" && callee.name === "shExpMatch" && pattern?.type === "Literal" && typeof pattern.value === "string") {
      return SCHEME.test(pattern.value.replace(/\/\/.*$/, ""));
    }
    if (callee.type === "MemberExpression" && callee.object.type === "Literal" && callee.object.regex) {
      return /^\^\(?[a-z|?]+\)?\??:?/i.test(callee.object.regex.pattern) && !/[/.]/.test(callee.object.regex.pattern.replace(/^\^[^:]*:?/, "").replace(/\\\/\\\/$/, "").replace(/^\/\//, ""));
    }
    return false;
  }
  if (parent.type !== "MemberExpression" || parent.object !== node || parent.computed || parent.property.type !== "Identifier") return false;
  const call = parents.get(parent);
  if (call?.type !== "CallExpression" || call.callee !== parent) return false;
  const method = parent.property.name;
  const args = call.arguments;
  const zero = args[0]?.type === "Literal" && args[0].value === 0;
  // url.substring(0, 5), url.substr(0, 4), url.slice(0, 6): at most "https:" and a bit.
  if ((method === "substring" || method === "substr" || method === "slice") && zero && args[1]?.type === "Literal" && typeof args[1].value === "number") {
    return args[1].value <= 6;
  }
  // url.indexOf("https:") compared with 0, url.split(":")[0]
  if (method === "indexOf" && args[0]?.type === "Literal" && typeof args[0].value === "string") return SCHEME.test(args[0].value);
  if (method === "split" && args[0]?.type === "Literal" && args[0].value === ":") {
    const index = parents.get(call);
    return index?.type === "MemberExpression" && index.computed && index.property.type === "Literal" && index.property.value === 0;
  }
  return false;
}

// JScript runs the code in conditional-compilation comments (`/*@cc_on ... @*/`); every other engine skips it.
function conditionalCompilation(comments: readonly CommentLike[]): { what: string; range: Range } | undefined {
  const cc = comments.find((comment) => /^@(cc_on|if|elif|else|end|set|_jscript)\b/.test(comment.value));
  return cc && { what: "JScript runs conditional-compilation comments (/*@cc_on ... @*/) as code, which the sandbox and every other engine skip", range: cc.range };
}

/** Whether this node is a construct WinHTTP's JScript runs differently from the sandbox (see sourceReads). */
function engineDifference(node: Node, parents: ReadonlyMap<Node, Node>): { what: string; range: Range } | undefined {
  const name = libraryName(node, parents.get(node));
  if (name !== undefined) {
    const range = node.type === "MemberExpression" ? node.property.range : node.type === "BinaryExpression" ? node.left.range : node.range;
    return { what: `"${name}" exists in the sandbox (QuickJS, ES2023) but not in WinHTTP's JScript (ES3), so a PAC that tests for it takes another path on Windows`, range };
  }
  // JScript reads "\v" as "v" (the `!+"\v1"` test): strings that hold one differ.
  if (node.type === "Literal" && typeof node.value === "string" && /(^|[^\\])(\\\\)*\\v/.test(node.raw)) {
    return { what: 'JScript reads the escape "\\v" as the letter v, not a vertical tab (the `!+"\\v1"` engine test)', range: node.range };
  }
  return undefined;
}

/** The non-ES3 library name this node reads, if any. */
function libraryName(node: Node, parent: Node | undefined): string | undefined {
  if (node.type === "Identifier") {
    if (!NOT_IN_JSCRIPT.has(node.name) || !/^[A-Z]|^globalThis$/.test(node.name)) return undefined;
    // A global such as Intl or Map, read by name (not a property or a declaration of the PAC's own).
    if (parent?.type === "MemberExpression" && parent.property === node && !parent.computed) return undefined;
    if (parent?.type === "Property" && parent.key === node) return undefined;
    if (parent?.type === "VariableDeclarator" && parent.id === node) return undefined;
    if ((parent?.type === "FunctionDeclaration" || parent?.type === "FunctionExpression") && (parent.id === node || parent.params.includes(node as never))) return undefined;
    return node.name === "JSON" ? undefined : node.name; // JSON is jscript-compatible's finding already
  }
  if (node.type === "MemberExpression") {
    const key = !node.computed && node.property.type === "Identifier" ? node.property.name : node.property.type === "Literal" && typeof node.property.value === "string" ? node.property.value : undefined;
    if (key === undefined) return undefined;
    const called = parent?.type === "CallExpression" && parent.callee === node;
    if (ARRAY_ES5.has(key)) return called ? undefined : key;
    // A call of an ES5 method is jscript-compatible's finding; only a read that tests for it is a gap here.
    if (NOT_IN_JSCRIPT.has(key) && !called) return key;
    return undefined;
  }
  // "trim" in String.prototype
  if (node.type === "BinaryExpression" && node.operator === "in" && node.left.type === "Literal" && typeof node.left.value === "string") {
    return NOT_IN_JSCRIPT.has(node.left.value) || ARRAY_ES5.has(node.left.value) ? node.left.value : undefined;
  }
  return undefined;
}
