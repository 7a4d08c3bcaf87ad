/**
 * Reads from a PAC's syntax tree what it can tell apart about its environment: the networks and
 * address patterns it tests the client address and DNS answers against, the hosts it resolves, the
 * hours, weekdays and dates it checks, and the host names it mentions. Only literal arguments (or
 * variables assigned literals) are understood; everything else falls back to the defaults.
 */
import type { CallExpression, Expression, ForStatement, Node, Program, SpreadElement, Statement } from "../syntax/ast.js";
import { forEachChild } from "../syntax/walk.js";
import type { Range } from "../types.js";
import { networkFromCidr, networkFromMask, parseAddress, type Network } from "./address.js";

/** Which value an address test looks at. `either` when the analysis cannot tell. */
export type AddressTarget = "client" | "dns" | "either";

export type AddressTest =
  | {
      readonly kind: "network";
      readonly network: Network;
      readonly target: AddressTarget;
      readonly range: Range;
      /** The literal host resolved for the test, as in `isInNet("proxy.corp", ...)`. */
      readonly probe?: string;
    }
  | {
      /**
       * A loop over a table of networks that ends the function with the same literal at any of them
       * (`for (i = 0; i < T.length; i++) if (isInNet(host, T[i][0], T[i][1])) return true;`): the loop
       * as a whole asks one question, whether the address is in any of them (see `networkTables`).
       */
      readonly kind: "table";
      readonly networks: readonly Network[];
      /** The table's variable name. */
      readonly name: string;
      readonly target: AddressTarget;
      readonly range: Range;
    }
  | { readonly kind: "glob"; readonly pattern: string; readonly target: AddressTarget; readonly range: Range }
  | { readonly kind: "regex"; readonly regex: RegExp; readonly target: AddressTarget; readonly range: Range }
  | { readonly kind: "equals" | "prefix"; readonly value: string; readonly target: AddressTarget; readonly range: Range };

/** One timeRange/weekdayRange/dateRange call with literal arguments. */
export interface TimeTest {
  readonly helper: "timeRange" | "weekdayRange" | "dateRange";
  readonly args: readonly (string | number)[];
  readonly gmt: boolean;
  readonly range: Range;
}

export interface ProbeHost {
  /** Lower-case host name the PAC resolves literally, e.g. `isResolvable("intranet.corp")`. */
  readonly host: string;
  readonly range: Range;
}

export interface Collected {
  /** The PAC reads the client address (myIpAddress, myIpAddressEx). */
  readonly usesClient: boolean;
  /** The PAC resolves the requested host (dnsResolve, isResolvable, isInNet on a non-literal ...). */
  readonly usesHostDns: boolean;
  /** The PAC uses IPv6-aware helpers (the Ex family). */
  readonly usesIpv6: boolean;
  /** The PAC reads the clock (timeRange, weekdayRange, dateRange, Date). */
  readonly usesTime: boolean;
  /** The PAC reads the clock through `Date` itself, which helper traces do not show. */
  readonly usesDate: boolean;
  readonly addressTests: readonly AddressTest[];
  /**
   * Every address test has literal arguments the analysis understood. When false, some test (a
   * network or pattern built at run time) is invisible, so no default address may be merged away.
   */
  readonly addressTestsComplete: boolean;
  readonly timeTests: readonly TimeTest[];
  /**
   * The clock is read only through `timeTests`: every mention of timeRange, weekdayRange or dateRange
   * is a direct call with literal arguments, the PAC never names `Date`, and no string names a clock
   * helper or could run as code (`eval`, `Function`). Then two clock readings that answer every
   * time test alike are indistinguishable to the PAC.
   */
  readonly timeTestsComplete: boolean;
  readonly probeHosts: readonly ProbeHost[];
  /** String literals that look like host names or domain patterns, in source order. */
  readonly hostLiterals: readonly string[];
  /**
   * Patterns that may test DO service host names: regex literals and strings that mention "dsp" (as
   * in do.dsp.mp.microsoft.com), for telling apart members of a catalogue family (`planHosts`).
   */
  readonly serviceNamePatterns?: readonly { readonly source: string; readonly flags: string }[];
  /** Environment reads in the PAC's top level, which runs once when the PAC loads. */
  readonly loadTimeReads: readonly { readonly name: string; readonly range: Range }[];
  /**
   * State a call leaves behind for the next: global variables assigned inside functions, regexes
   * with the g or y flag (their lastIndex moves). Answers then depend on earlier calls.
   */
  readonly statefulSites: readonly { readonly what: string; readonly range: Range }[];
}

const CLIENT_HELPERS = new Set(["myIpAddress", "myIpAddressEx"]);
const DNS_HELPERS = new Set(["dnsResolve", "dnsResolveEx", "isResolvable", "isResolvableEx"]);
const NET_HELPERS = new Set(["isInNet", "isInNetEx"]);
const TIME_HELPERS = new Set(["timeRange", "weekdayRange", "dateRange"]);
const IPV6_HELPERS = new Set(["myIpAddressEx", "dnsResolveEx", "isResolvableEx", "isInNetEx", "sortIpAddressList"]);
const ENTRY_POINTS = new Set(["FindProxyForURL", "FindProxyForURLEx"]);
const TIME_HELPER_TEXT = /timeRange|weekdayRange|dateRange/;

/** Bounds on how far constant and taint propagation follow variables. */
const MAX_DEPTH = 6;
const MAX_VALUES = 32;

/** Calls `enter` for every node of the tree, parents first. Iterative: minified PACs nest deeply. */
export function visit(root: Node, enter: (node: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    enter(node);
    pushChildren(node, stack);
  }
}

/** Pushes a node's children onto a stack, last child first, so they pop in source order. */
function pushChildren(node: Node, stack: Node[]): void {
  const start = stack.length;
  forEachChild(node, (child) => void stack.push(child));
  for (let i = start, j = stack.length - 1; i < j; i++, j--) {
    const first = stack[i] as Node;
    stack[i] = stack[j] as Node;
    stack[j] = first;
  }
}

function calleeName(call: CallExpression): string | undefined {
  return call.callee.type === "Identifier" ? call.callee.name : undefined;
}

function argument(call: CallExpression, index: number): Expression | undefined {
  const arg: Expression | SpreadElement | undefined = call.arguments[index];
  return arg === undefined || arg.type === "SpreadElement" ? undefined : arg;
}

const HOST_LIKE = /^(?:\*\.|\.|\*)?(?:[a-z0-9_*?-]+\.)+[a-z][a-z0-9*?-]*\.?$/i;

/** Whether a string literal reads as a host name or domain pattern (`*.corp.example`, `.example.com`). */
export function looksLikeHostPattern(text: string): boolean {
  return text.length <= 253 && HOST_LIKE.test(text) && parseAddress(text) === undefined && /[a-z]/i.test(text);
}

/** Address-shaped literals: `10.1.*`, `10.20.`, `192.168.1.1`, `fe80::*`. */
function looksLikeAddressPattern(text: string): boolean {
  return /^[0-9.*?[\]-]+$/.test(text) ? /\d/.test(text) && text.includes(".") : /^[0-9a-f:*?]+$/i.test(text) && text.includes(":");
}

export function collect(program: Program): Collected {
  const bindings = new Map<string, Expression[]>();
  const hostNames = new Set(["host"]);
  const usedNames = new Set<string>();
  const calls: CallExpression[] = [];
  const comparisons: { left: Expression; right: Expression; range: Range }[] = [];
  const literals: { value: string; node: Node }[] = [];
  const arrays: (readonly (Expression | SpreadElement | null)[])[] = [];
  const functions: Extract<Node, { type: "FunctionDeclaration" | "FunctionExpression" }>[] = [];
  const identifiers = new Map<string, number>();
  const regexes: Node[] = [];
  const freshRegexes = new Set<Node>();
  /** Identifiers naming a clock helper, and whether anything can reach one without naming it. */
  let timeHelperMentions = 0;
  let dynamicCode = false;

  visit(program, (node) => {
    switch (node.type) {
      case "VariableDeclarator":
        if (node.id.type === "Identifier" && node.init) pushBinding(bindings, node.id.name, node.init);
        break;
      case "AssignmentExpression":
        if (node.left.type === "Identifier" && node.operator === "=") pushBinding(bindings, node.left.name, node.right);
        break;
      case "FunctionDeclaration":
      case "FunctionExpression": {
        const name = node.id?.name;
        const hostParam = node.params[1];
        if (name !== undefined && ENTRY_POINTS.has(name) && hostParam?.type === "Identifier") hostNames.add(hostParam.name);
        functions.push(node);
        break;
      }
      case "Identifier":
        usedNames.add(node.name);
        identifiers.set(node.name, (identifiers.get(node.name) ?? 0) + 1);
        if (TIME_HELPERS.has(node.name)) timeHelperMentions++;
        break;
      case "CallExpression": {
        calls.push(node);
        // replace, match, split and search start from lastIndex 0 whatever the call before left (ES3 §15.5.4.10-14).
        const [first] = node.arguments;
        const callee = node.callee;
        if (first?.type === "Literal" && first.regex && !first.regex.flags.includes("y") && callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" && RESETS_LAST_INDEX.has(callee.property.name)) {
          freshRegexes.add(first);
        }
        break;
      }
      case "BinaryExpression":
        if (["==", "===", "!=", "!=="].includes(node.operator)) comparisons.push({ left: node.left, right: node.right, range: node.range });
        break;
      case "Literal":
        if (typeof node.value === "string") {
          literals.push({ value: node.value, node });
          if (TIME_HELPER_TEXT.test(node.value)) dynamicCode = true;
        } else if (node.regex) {
          regexes.push(node);
          if (TIME_HELPER_TEXT.test(node.regex.pattern)) dynamicCode = true;
        }
        break;
      case "TemplateElement":
        if (TIME_HELPER_TEXT.test(node.value.raw)) dynamicCode = true;
        break;
      case "ArrayExpression":
        arrays.push(node.elements);
        break;
      default:
        break;
    }
  });
  // `var FindProxyForURL = function (url, h) {...}` names its host parameter through the binding.
  for (const name of ENTRY_POINTS) {
    for (const init of bindings.get(name) ?? []) {
      const param = init.type === "FunctionExpression" || init.type === "ArrowFunctionExpression" ? init.params[1] : undefined;
      if (param?.type === "Identifier") hostNames.add(param.name);
    }
  }

  const constants = (expr: Expression | undefined, depth = 0, seen = new Set<string>()): string[] => {
    if (expr === undefined || depth > MAX_DEPTH) return [];
    switch (expr.type) {
      case "Literal":
        return typeof expr.value === "string" ? [expr.value] : typeof expr.value === "number" ? [String(expr.value)] : [];
      case "Identifier": {
        if (seen.has(expr.name)) return [];
        const next = new Set(seen).add(expr.name);
        return (bindings.get(expr.name) ?? []).flatMap((init) => constants(init, depth + 1, next)).slice(0, MAX_VALUES);
      }
      case "ConditionalExpression":
        return [...constants(expr.consequent, depth + 1, seen), ...constants(expr.alternate, depth + 1, seen)];
      case "BinaryExpression": {
        if (expr.operator !== "+") return [];
        const left = constants(expr.left, depth + 1, seen);
        const right = constants(expr.right, depth + 1, seen);
        return left.flatMap((l) => right.map((r) => l + r)).slice(0, MAX_VALUES);
      }
      default:
        return [];
    }
  };

  /** What an expression's value derives from: the client address, a DNS answer of the host, the host itself. */
  const taint = (expr: Expression | undefined): Set<"client" | "dns" | "host"> => {
    const found = new Set<"client" | "dns" | "host">();
    const walk = (e: Node, depth: number, seen: ReadonlySet<string>): void => {
      visit(e, (n) => {
        if (n.type === "CallExpression") {
          const name = calleeName(n);
          if (name !== undefined && CLIENT_HELPERS.has(name)) found.add("client");
          if (name === "dnsResolve" || name === "dnsResolveEx") {
            const target = argument(n, 0);
            if (target?.type !== "Literal") found.add("dns");
          }
        } else if (n.type === "Identifier") {
          if (hostNames.has(n.name)) found.add("host");
          else if (depth < MAX_DEPTH && !seen.has(n.name)) {
            const next = new Set(seen).add(n.name);
            for (const init of bindings.get(n.name) ?? []) walk(init, depth + 1, next);
          }
        }
      });
    };
    if (expr) walk(expr, 0, new Set());
    return found;
  };

  const targetOf = (expr: Expression | undefined): AddressTarget | undefined => {
    const found = taint(expr);
    if (found.has("client") && !found.has("dns") && !found.has("host")) return "client";
    if (!found.has("client") && (found.has("dns") || found.has("host"))) return "dns";
    return found.size === 0 ? undefined : "either";
  };

  const addressTests: AddressTest[] = [];
  const timeTests: TimeTest[] = [];
  const probeHosts: ProbeHost[] = [];
  let usesHostDns = false;
  let addressTestsComplete = true;
  /** Whether an expression may carry an address: it derives from the client or DNS, or from nothing known. */
  const addressCarrier = (expr: Expression | undefined): AddressTarget | undefined => {
    const found = taint(expr);
    if (found.has("host")) return undefined;
    return targetOf(expr) ?? "either";
  };

  const addNetwork = (network: Network | undefined, target: AddressTarget, range: Range, probe?: string): void => {
    if (network) addressTests.push(probe === undefined ? { kind: "network", network, target, range } : { kind: "network", network, target, range, probe });
  };

  const tables = networkTables(functions, bindings, identifiers);
  for (const call of calls) {
    const name = calleeName(call);
    const first = argument(call, 0);
    const literalHost = first?.type === "Literal" && typeof first.value === "string" ? first.value : undefined;
    if (name !== undefined && (DNS_HELPERS.has(name) || NET_HELPERS.has(name))) {
      if (literalHost !== undefined) {
        if (parseAddress(literalHost) === undefined) probeHosts.push({ host: literalHost.toLowerCase(), range: call.range });
      } else if (targetOf(first) !== "client") {
        usesHostDns = true;
      }
    }
    if (name === "isInNet" || name === "isInNetEx") {
      const target: AddressTarget = literalHost !== undefined ? "dns" : (targetOf(first) ?? "either");
      const probe = literalHost !== undefined && parseAddress(literalHost) === undefined ? literalHost.toLowerCase() : undefined;
      const table = tables.get(call);
      if (table) {
        addressTests.push({ kind: "table", networks: table.networks, name: table.name, target, range: call.range });
      } else if (name === "isInNet") {
        const patterns = constants(argument(call, 1));
        const masks = constants(argument(call, 2));
        if (patterns.length === 0 || masks.length === 0) addressTestsComplete = false;
        for (const pattern of patterns) {
          for (const mask of masks) addNetwork(networkFromMask(pattern, mask), target, call.range, probe);
        }
      } else {
        const cidrs = constants(argument(call, 1));
        if (cidrs.length === 0) addressTestsComplete = false;
        for (const cidr of cidrs) addNetwork(networkFromCidr(cidr), target, call.range, probe);
      }
    } else if (name === "shExpMatch") {
      // Host-name patterns are by far the most common: decided without following the subject.
      const patterns = constants(argument(call, 1));
      const addressPatterns = patterns.filter(looksLikeAddressPattern);
      if (patterns.length > 0 && addressPatterns.length === 0) continue;
      const target = addressCarrier(first);
      if (target !== undefined) {
        if (patterns.length === 0 && target !== "either") addressTestsComplete = false;
        for (const pattern of addressPatterns) addressTests.push({ kind: "glob", pattern, target, range: call.range });
      }
    } else if (name !== undefined && TIME_HELPERS.has(name)) {
      const args = call.arguments.map((arg) =>
        arg.type === "Literal" && (typeof arg.value === "string" || typeof arg.value === "number") ? arg.value : undefined,
      );
      if (args.every((arg) => arg !== undefined)) {
        const values = args.filter((arg) => arg !== undefined);
        const gmt = values.length > 0 && values[values.length - 1] === "GMT";
        timeTests.push({
          helper: name === "timeRange" ? "timeRange" : name === "weekdayRange" ? "weekdayRange" : "dateRange",
          args: gmt ? values.slice(0, -1) : values,
          gmt,
          range: call.range,
        });
      }
    } else if (call.callee.type === "MemberExpression" && !call.callee.computed && call.callee.property.type === "Identifier") {
      addMemberCallTest(call, call.callee.object, call.callee.property.name);
    }
  }

  function addMemberCallTest(call: CallExpression, object: Expression, method: string): void {
    const regexOf = (expr: Expression | undefined): RegExp | undefined => {
      if (expr?.type === "Literal" && expr.regex) {
        try {
          return new RegExp(expr.regex.pattern, expr.regex.flags.replace(/[gy]/g, ""));
        } catch {
          return undefined;
        }
      }
      if (expr?.type === "Identifier") {
        for (const init of bindings.get(expr.name) ?? []) {
          const regex = regexOf(init);
          if (regex) return regex;
        }
      }
      return undefined;
    };
    const regexTest = (regex: RegExp | undefined, subject: Expression | undefined): void => {
      const target = addressCarrier(subject);
      if (target === undefined) return;
      if (regex) addressTests.push({ kind: "regex", regex, target, range: call.range });
      else if (target !== "either") addressTestsComplete = false;
    };
    if (method === "test") regexTest(regexOf(object), argument(call, 0));
    else if (method === "match" || method === "search") regexTest(regexOf(argument(call, 0)), object);
    else if (method === "indexOf" || method === "startsWith" || method === "lastIndexOf") {
      const target = addressCarrier(object);
      if (target !== undefined) {
        for (const value of constants(argument(call, 0))) {
          if (looksLikeAddressPattern(value)) addressTests.push({ kind: "prefix", value, target, range: call.range });
        }
      }
    }
  }

  for (const { left, right, range } of comparisons) {
    for (const [side, other] of [
      [left, right],
      [right, left],
    ] as const) {
      const target = addressCarrier(side);
      if (target === undefined) continue;
      const values = constants(other);
      // A client address or DNS answer compared with something other than an address literal
      // (`ip.split(".")[0] == "10"`) is a test the analysis cannot see.
      if (target !== "either" && !values.some(looksLikeAddressPattern) && addressCarrier(other) !== undefined) addressTestsComplete = false;
      for (const value of values) {
        if (!looksLikeAddressPattern(value)) continue;
        addressTests.push({ kind: parseAddress(value) ? "equals" : "prefix", value, target, range });
      }
    }
  }

  // Networks kept in tables (`["10.0.0.0", "255.0.0.0"]`, "10.0.0.0/8") are tested somewhere the
  // analysis cannot follow; they still mark boundaries worth a class.
  const knownNetworks = new Set(addressTests.flatMap((t) => (t.kind === "network" ? [t.network.text] : t.kind === "table" ? t.networks.map((n) => n.text) : [])));
  for (const elements of arrays) {
    for (let i = 0; i + 1 < elements.length; i++) {
      const a = elements[i];
      const b = elements[i + 1];
      if (a?.type === "Literal" && b?.type === "Literal" && typeof a.value === "string" && typeof b.value === "string") {
        const network = networkFromMask(a.value, b.value);
        if (network && /^255\./.test(b.value) && !knownNetworks.has(network.text)) {
          knownNetworks.add(network.text);
          addNetwork(network, "either", [a.range[0], b.range[1]]);
        }
      }
    }
  }
  for (const { value, node } of literals) {
    const network = value.includes("/") ? networkFromCidr(value) : undefined;
    if (network && !knownNetworks.has(network.text)) {
      knownNetworks.add(network.text);
      addNetwork(network, "either", node.range);
    }
  }

  const serviceNamePatterns: { source: string; flags: string }[] = [];
  for (const node of regexes) {
    if (node.type === "Literal" && node.regex && node.regex.pattern.includes("dsp")) serviceNamePatterns.push({ source: node.regex.pattern, flags: node.regex.flags });
  }
  for (const { value } of literals) if (value.includes("dsp") && /[\\^$()[\]|+{]/.test(value)) serviceNamePatterns.push({ source: value, flags: "i" });
  const hostLiterals: string[] = [];
  const seenHosts = new Set<string>();
  for (const { value } of literals) {
    const lower = value.toLowerCase();
    if (looksLikeHostPattern(lower) && !seenHosts.has(lower)) {
      seenHosts.add(lower);
      hostLiterals.push(lower);
    }
  }

  const loadTimeReads: { name: string; range: Range }[] = [];
  const pending: Node[] = [...program.body];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === undefined) break;
    if (node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression") continue;
    if (node.type === "CallExpression") {
      const name = calleeName(node);
      if (name !== undefined && (CLIENT_HELPERS.has(name) || DNS_HELPERS.has(name) || NET_HELPERS.has(name) || TIME_HELPERS.has(name))) {
        loadTimeReads.push({ name, range: node.range });
      }
    }
    pushChildren(node, pending);
  }
  loadTimeReads.sort((a, b) => a.range[0] - b.range[0]);

  const statefulSites = findState(program, regexes.filter((node) => !freshRegexes.has(node)));

  const uses = (names: ReadonlySet<string>): boolean => [...names].some((name) => usedNames.has(name));
  const timeTestsComplete =
    !dynamicCode && !usedNames.has("Date") && !usedNames.has("eval") && !usedNames.has("Function") && timeHelperMentions === timeTests.length;
  return {
    usesClient: uses(CLIENT_HELPERS),
    usesHostDns,
    usesIpv6: uses(IPV6_HELPERS),
    usesTime: uses(TIME_HELPERS) || usedNames.has("Date"),
    usesDate: usedNames.has("Date"),
    addressTests,
    addressTestsComplete,
    timeTests,
    timeTestsComplete,
    probeHosts: dedupeProbes(probeHosts),
    hostLiterals,
    serviceNamePatterns,
    loadTimeReads,
    statefulSites,
  };
}

type FunctionNode = Extract<Node, { type: "FunctionDeclaration" | "FunctionExpression" | "ArrowFunctionExpression" }>;

/**
 * Loops that test one address against every network of a table and end the function with the same
 * literal at the first that holds it, found by shape:
 *
 *     for (var i = 0; i < T.length; i++) { if (isInNet(x, T[i][0], T[i][1])) return <literal>; }
 *
 * directly in a function body without try or with, where `T` is assigned once, to an array literal of rows
 * whose first two elements are string literals, and is named nowhere else but in such loops (so
 * nothing changes it), `x` is a variable other than `i` or `T`, and the PAC defines no isInNet of its
 * own. Such a loop returns the literal when the address is in any network of the table and otherwise
 * runs to its end, so it tells apart only in and out of their union: one test, not one per row. That
 * keeps a PAC looping over 1,000 exported ranges at a handful of classes instead of a thousand.
 */
function networkTables(
  functions: readonly Extract<Node, { type: "FunctionDeclaration" | "FunctionExpression" }>[],
  bindings: ReadonlyMap<string, readonly Expression[]>,
  identifiers: ReadonlyMap<string, number>,
): Map<CallExpression, { name: string; networks: Network[] }> {
  if (bindings.has("isInNet") || functions.some((fn) => fn.id?.name === "isInNet")) return new Map();
  const found: { call: CallExpression; table: string }[] = [];
  for (const fn of functions) {
    let tried = false;
    visit(fn.body, (node) => void ((node.type === "TryStatement" || node.type === "WithStatement") && (tried = true)));
    if (tried) continue;
    for (const statement of fn.body.body) {
      const match = statement.type === "ForStatement" ? tableLoop(statement) : undefined;
      if (match) found.push(match);
    }
  }
  const out = new Map<CallExpression, { name: string; networks: Network[] }>();
  const loops = new Map<string, number>();
  for (const { table } of found) loops.set(table, (loops.get(table) ?? 0) + 1);
  const rows = new Map<string, Network[] | undefined>();
  for (const [table, count] of loops) {
    const inits = bindings.get(table) ?? [];
    const init = inits[0];
    // The declaration, and T.length, T[i][0] and T[i][1] in each loop: any other mention could change it.
    if (inits.length !== 1 || init?.type !== "ArrayExpression" || identifiers.get(table) !== 1 + 3 * count) continue;
    const networks: Network[] = [];
    let understood = true;
    for (const row of init.elements) {
      const [a, b] = row?.type === "ArrayExpression" ? row.elements : [];
      if (a?.type !== "Literal" || b?.type !== "Literal" || typeof a.value !== "string" || typeof b.value !== "string") {
        understood = false;
        break;
      }
      // A row isInNet cannot read answers false for every address: it adds nothing to the union.
      const network = networkFromMask(a.value, b.value);
      if (network) networks.push(network);
    }
    rows.set(table, understood && networks.length > 0 ? networks : undefined);
  }
  for (const { call, table } of found) {
    const networks = rows.get(table);
    if (networks) out.set(call, { name: table, networks });
  }
  return out;
}

/** The isInNet call and table name of a loop shaped as `networkTables` describes, or undefined. */
function tableLoop(loop: ForStatement): { call: CallExpression; table: string } | undefined {
  const index = loopIndex(loop);
  if (index === undefined) return undefined;
  const { name: i, table } = index;
  const body: Statement | undefined = loop.body.type === "BlockStatement" ? (loop.body.body.length === 1 ? loop.body.body[0] : undefined) : loop.body;
  if (body?.type !== "IfStatement" || body.alternate !== null) return undefined;
  const then: Statement | undefined = body.consequent.type === "BlockStatement" ? (body.consequent.body.length === 1 ? body.consequent.body[0] : undefined) : body.consequent;
  if (then?.type !== "ReturnStatement" || then.argument?.type !== "Literal") return undefined;
  const call = body.test;
  if (call.type !== "CallExpression" || calleeName(call) !== "isInNet" || call.arguments.length !== 3) return undefined;
  const [subject, pattern, mask] = [argument(call, 0), argument(call, 1), argument(call, 2)];
  if (subject?.type !== "Identifier" || subject.name === i || subject.name === table) return undefined;
  const cell = (expr: Expression | undefined, column: number): boolean =>
    expr?.type === "MemberExpression" &&
    expr.computed &&
    expr.property.type === "Literal" &&
    expr.property.value === column &&
    expr.object.type === "MemberExpression" &&
    expr.object.computed &&
    expr.object.object.type === "Identifier" &&
    expr.object.object.name === table &&
    expr.object.property.type === "Identifier" &&
    expr.object.property.name === i;
  return cell(pattern, 0) && cell(mask, 1) ? { call, table } : undefined;
}

/** `i` and `T` of `for (var i = 0; i < T.length; i++)` (or `i = 0`, `++i`, `i += 1`). */
function loopIndex(loop: ForStatement): { name: string; table: string } | undefined {
  const { init, test, update } = loop;
  let name: string | undefined;
  if (init?.type === "VariableDeclaration" && init.kind === "var" && init.declarations.length === 1) {
    const [declarator] = init.declarations;
    if (declarator?.id.type === "Identifier" && declarator.init?.type === "Literal" && declarator.init.value === 0) name = declarator.id.name;
  } else if (init?.type === "AssignmentExpression" && init.operator === "=" && init.left.type === "Identifier" && init.right.type === "Literal" && init.right.value === 0) {
    name = init.left.name;
  }
  if (name === undefined || test?.type !== "BinaryExpression" || test.operator !== "<") return undefined;
  if (test.left.type !== "Identifier" || test.left.name !== name) return undefined;
  const length = test.right;
  if (length.type !== "MemberExpression" || length.computed || length.object.type !== "Identifier" || length.property.type !== "Identifier" || length.property.name !== "length") return undefined;
  const steps =
    (update?.type === "UpdateExpression" && update.operator === "++" && update.argument.type === "Identifier" && update.argument.name === name) ||
    (update?.type === "AssignmentExpression" && update.operator === "+=" && update.left.type === "Identifier" && update.left.name === name && update.right.type === "Literal" && update.right.value === 1);
  return steps ? { name, table: length.object.name } : undefined;
}

function isFunction(node: Node): node is FunctionNode {
  return node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression";
}

/**
 * Where one call can change what the next one sees: a function assigning a variable that neither it
 * nor an enclosing function declares (a global), and regex literals with the g or y flag, whose
 * lastIndex persists.
 */
/** String methods that read a regex argument from lastIndex 0, so a g or y flag carries nothing between calls. */
const RESETS_LAST_INDEX: ReadonlySet<string> = new Set(["replace", "match", "split", "search"]);

function findState(program: Program, regexes: readonly Node[]): { what: string; range: Range }[] {
  const sites: { what: string; range: Range }[] = [];
  for (const node of regexes) {
    if (node.type === "Literal" && node.regex && /[gy]/.test(node.regex.flags)) {
      sites.push({ what: `${node.raw} keeps its lastIndex between calls`, range: node.range });
    }
  }
  const scan = (fn: FunctionNode, inherited: ReadonlySet<string>): void => {
    const locals = new Set(inherited);
    for (const param of fn.params) if (param.type === "Identifier") locals.add(param.name);
    const assigned: { name: string; range: Range }[] = [];
    const inner: FunctionNode[] = [];
    const pending: Node[] = [fn.body];
    while (pending.length > 0) {
      const node = pending.pop();
      if (node === undefined) break;
      if (isFunction(node)) {
        if (node.type === "FunctionDeclaration") locals.add(node.id.name);
        inner.push(node);
        continue;
      }
      if (node.type === "VariableDeclarator" && node.id.type === "Identifier") locals.add(node.id.name);
      if (node.type === "AssignmentExpression" && node.left.type === "Identifier") assigned.push({ name: node.left.name, range: node.range });
      if (node.type === "UpdateExpression" && node.argument.type === "Identifier") assigned.push({ name: node.argument.name, range: node.range });
      pushChildren(node, pending);
    }
    for (const { name, range } of assigned) {
      if (!locals.has(name)) sites.push({ what: `the global ${name} is assigned inside a function`, range });
    }
    for (const fn2 of inner) scan(fn2, locals);
  };
  const top: Node[] = [...program.body];
  while (top.length > 0) {
    const node = top.pop();
    if (node === undefined) break;
    if (isFunction(node)) scan(node, new Set());
    else pushChildren(node, top);
  }
  return sites.sort((a, b) => a.range[0] - b.range[0]);
}

function pushBinding(bindings: Map<string, Expression[]>, name: string, init: Expression): void {
  const list = bindings.get(name);
  if (list) list.push(init);
  else bindings.set(name, [init]);
}

function dedupeProbes(probes: readonly ProbeHost[]): ProbeHost[] {
  const seen = new Set<string>();
  return probes.filter((probe) => !seen.has(probe.host) && seen.add(probe.host));
}
