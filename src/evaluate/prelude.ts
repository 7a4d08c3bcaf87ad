/**
 * The PAC helper library, run inside the guest before the PAC. Helpers read the environment from a
 * private guest object that the host replaces only when the environment changes, so an evaluation
 * costs one host->guest call. Sources of the semantics: research §4 (Mozilla/Chromium reference JS,
 * `services/proxy_resolver/pac_js_library.h`), §3.4 (Chromium's C++ bindings), §2.2 (Microsoft's
 * IPv6 extensions).
 *
 * The harness is no global: the host takes its functions from the prelude's completion value, and
 * binds the probes the instrumenter inserts (`__pacdo$r` ...) as global lexical constants under a
 * random per-runtime prefix of the same length (sandbox.ts), which no reflection lists and
 * `Function.prototype.toString` shows as `__pacdo$`. The harness captures the primordials it uses, so
 * a PAC that redefines `String` or `Array.prototype.join` cannot corrupt a trace, and what the host
 * reads is built from primitives with captured functions, never through a PAC's toString, toJSON,
 * getters or Symbol.split.
 */
import type { ProfileName } from "./types.js";

/** The probe names the instrumenter inserts; the sandbox renames `PROBE_PREFIX` per runtime. */
export const PROBE_PREFIX = "__pacdo$";
export const HARNESS = {
  ret: `${PROBE_PREFIX}r`,
  test: `${PROBE_PREFIX}i`,
  and: `${PROBE_PREFIX}a`,
  or: `${PROBE_PREFIX}o`,
  nullish: `${PROBE_PREFIX}n`,
  hit: `${PROBE_PREFIX}b`,
  site: `${PROBE_PREFIX}c`,
  known: `${PROBE_PREFIX}k`,
} as const;

/** The longest string the host copies out of the guest (a result, a message, a trace argument): 64 K characters. */
export const TEXT_LIMIT = 65536;
/** A traced call records at most this many helper calls. */
export const TRACE_LIMIT = 10000;
/** A batch crossing ends once its answers reach this many characters; the host sends the rest again. */
export const BATCH_OUT_LIMIT = 1 << 21;

/**
 * A batch crossing starts no call after running this long, so that the backstop, which bounds a
 * crossing as a whole, gives each call its deadline plus at most this budget and the grace.
 */
export const BATCH_BUDGET_MS = 40;

/** The prelude's completion value, in order (sandbox.ts reads it by index). */
export const HIDDEN = ["progress", "batch", "finished", "run", "env", "trace", "entries", "describe", "probes", "hide"] as const;

/**
 * How a harness reads guest values for the host: primitives only, strings capped at LIMIT, a thrown
 * value's name, message and stack from data properties (describe). Shared by the prelude and the node
 * profile's harness (node-profile.ts); needs `S` (String), `substring`, `hasOwn` and `LIMIT` in scope,
 * captured before the PAC runs.
 */
export const READS = `var getOwnPropertyDescriptor = G.Object.getOwnPropertyDescriptor, getPrototypeOf = G.Object.getPrototypeOf;
function capped(text) { return text.length > LIMIT ? substring(text, 0, LIMIT) : text; }
/* A primitive as text; null for objects and functions, whose conversion would run guest code. */
function primitiveText(value) {
  var type = typeof value;
  if (type === "string") return capped(value);
  if (type === "object" || type === "function") return value === null ? "null" : null;
  return S(value);
}
/* A data property found on the object or its prototypes: getters are not called (a Proxy's traps still run, inside the call's deadline). */
function dataProperty(object, name) {
  for (var depth = 0; depth < 32 && object !== null && (typeof object === "object" || typeof object === "function"); depth++) {
    var d = getOwnPropertyDescriptor(object, name);
    if (d !== undefined) return hasOwn(d, "value") ? d.value : undefined;
    object = getPrototypeOf(object);
  }
  return undefined;
}
/*
 * A thrown value for the host: "<kind><name length>,<message length>,<name><message><stack>", kind p
 * (a primitive: message is its text), e (an object with a string message: an Error or alike), o (any
 * other object). Never calls toString, toJSON or a getter.
 */
function describe(thrown) {
  var text = primitiveText(thrown);
  if (text !== null) return "p0," + text.length + "," + text;
  var name = dataProperty(thrown, "name"), message = dataProperty(thrown, "message"), stack = dataProperty(thrown, "stack");
  name = typeof name === "string" ? capped(name) : "";
  stack = typeof stack === "string" ? capped(stack) : "";
  if (typeof message !== "string") return "o" + name.length + ",0," + name + stack;
  message = capped(message);
  return "e" + name.length + "," + message.length + "," + name + message + stack;
}`;

/** Per-profile switches of the helper library. */
interface PreludeOptions {
  /** What dnsResolve() answers for a name that does not resolve: `null` (Chromium, Mozilla) or `false` (IE, research §2.2). */
  readonly dnsFailure: "null" | "false";
  /** isPlainHostName: Chromium's C++ binding (no dot and not an IP literal, TypeError on non-strings) or Mozilla's JS (no dot). */
  readonly plainHost: "chromium" | "mozilla";
  /** isInNetEx across address families: Chromium compares IPv4 with IPv6 prefixes through IPv4-mapped addresses; MS docs say false. */
  readonly inNetExMixedFamilies: "mapped" | "false";
  /** getClientVersion() is defined (Windows: "1.0") or not at all (Chromium, research §3.3). */
  readonly clientVersion: string | null;
  /** isInNet/isResolvable call the PAC-visible global dnsResolve (Mozilla JS, so a PAC's own dnsResolve wins) or the native one (IE). */
  readonly dnsViaGlobal: boolean;
}

/** The switches of each sandboxed profile (node runs pac-resolver's own helpers). */
export const PRELUDE_OPTIONS: Readonly<Record<Exclude<ProfileName, "node">, PreludeOptions>> = {
  winhttp: { dnsFailure: "false", plainHost: "mozilla", inNetExMixedFamilies: "false", clientVersion: "1.0", dnsViaGlobal: false },
  chromium: { dnsFailure: "null", plainHost: "chromium", inNetExMixedFamilies: "mapped", clientVersion: null, dnsViaGlobal: true },
};

/*
 * The probes' state, in the guest (kept out of the guest's text, which QuickJS parses for every sandbox):
 * - A branch outcome is listed once per call: stamp[id] holds the last call (round) that took it, so the
 *   list needs no clearing between calls. With "new outcomes only" (the route analysis, which wants the
 *   union) reported[id] is -1 once a call that returned listed the outcome (a call that throws lists
 *   nothing, so its outcomes stay unreported), else the last round that took it. Nothing is recorded
 *   unless coverage is asked for.
 * - known[id] is 1 only where hit(id) would do nothing in this call: an outcome listed by an earlier
 *   new-only call. The instrumenter tests it inline before calling hit (`K[id]||B(id)`, instrument.ts
 *   outcomeProbe), so an `if` that a PAC passes again and again costs no guest call. It has no
 *   prototype: an index past its end reads undefined, never a PAC's Array.prototype. It is emptied
 *   while calls list every outcome, and refilled from reported when new-only calls come back.
 */

/** The guest script that defines the PAC helpers and the harness for one profile. */
export function prelude(profile: Exclude<ProfileName, "node">): string {
  const o = PRELUDE_OPTIONS[profile];
  return `(function (G) {
"use strict";
var OrigDate = G.Date, dateNow = OrigDate.now, dateUTC = OrigDate.UTC, RE = G.RegExp, S = G.String, N = G.Number;
var isArray = G.Array.isArray, keys = G.Object.keys, defineProperty = G.Object.defineProperty, parseJSON = G.JSON.parse, stringify = G.JSON.stringify;
var call = G.Function.prototype.call;
function bind(f) { return call.bind(f); }
var join = bind(G.Array.prototype.join), push = bind(G.Array.prototype.push), slice = bind(G.Array.prototype.slice);
var split = bind(S.prototype.split), indexOf = bind(S.prototype.indexOf), toLowerCase = bind(S.prototype.toLowerCase);
var replace = bind(S.prototype.replace), substring = bind(S.prototype.substring), charAt = bind(S.prototype.charAt);
var lastIndexOf = bind(S.prototype.lastIndexOf), endsWith = bind(S.prototype.endsWith), startsWith = bind(S.prototype.startsWith);
var exec = bind(RE.prototype.exec), test = bind(RE.prototype.test), getTime = bind(OrigDate.prototype.getTime), sort = bind(G.Array.prototype.sort);
var hasOwn = bind(G.Object.prototype.hasOwnProperty);
var getUTCHours = bind(OrigDate.prototype.getUTCHours), getUTCMinutes = bind(OrigDate.prototype.getUTCMinutes);
var getUTCSeconds = bind(OrigDate.prototype.getUTCSeconds), getUTCDay = bind(OrigDate.prototype.getUTCDay);
var getUTCDate = bind(OrigDate.prototype.getUTCDate), getUTCMonth = bind(OrigDate.prototype.getUTCMonth);
var getUTCFullYear = bind(OrigDate.prototype.getUTCFullYear);

var LIMIT = ${TEXT_LIMIT};
/* The environment: replaced wholesale by the hidden env function. dns keys are lower case. */
var E = { ips: ["127.0.0.1"], dns: {}, now: 0, offset: 0 };
/* Per-call state. What every helper or probe touches is a closure variable, which QuickJS reaches faster than a property. */
var T = { calls: [], miss: [] };
var tracing = false, readBits = 0, retId = -1, siteId = -1, siteName = null;
/*
 * The DNS reads of a call, when asked for (flag 8): each name looked up ("l" + the lower-case name)
 * and, where isInNet resolves a name itself (no PAC-visible dnsResolve in between), the address under
 * the mask it is compared with ("m" + mask + " " + name); length-prefixed. The host compares other
 * environments on these reads (analyze/answers.ts). A loop asks the same few over and over: the first
 * LOG_SEEN pairs are kept and not logged again, found by identity (a string built per call would cost
 * QuickJS an atom each time); past LOG_LIMIT entries the log is given up (reported as length -1).
 */
var logging = false, quiet = false, dnsLog = "", logSeen = [], logCount = 0, LOG_SEEN = 64, LOG_LIMIT = 4096;
/*
 * The name isInNet resolved last in this call, and its answer: a loop over a table of networks asks
 * about one name a thousand times, and the environment cannot change within a call. Only where
 * isInNet resolves through the native lookup (a PAC's own dnsResolve could answer differently each time).
 */
var lastName = null, lastNamed = null;
function logDns(tag, name) {
  for (var i = 0; i < logSeen.length; i += 2) if (logSeen[i] === tag && logSeen[i + 1] === name) return;
  if (logSeen.length < LOG_SEEN) { push(logSeen, tag); push(logSeen, name); }
  if (++logCount > LOG_LIMIT) return;
  var entry = (tag === "l" ? "l" : "m" + tag + " ") + toLowerCase(name);
  dnsLog += entry.length + ":" + entry;
}

function pub(name, f) { defineProperty(G, name, { value: f, writable: true, enumerable: false, configurable: true }); }
/* Helpers call record() only when tracing (tracing ? record(...) : value): no argument array otherwise. */
/* A call site probe names the helper it stands before, so helpers that call helpers keep their own sites. */
/* A trace keeps primitives only (objects as "[object]", strings cut at LIMIT) and at most TRACE_LIMIT calls: reading it never runs guest code. */
var traceFull = false, TRACE_LIMIT = ${TRACE_LIMIT};
function traced(value) {
  var type = typeof value;
  if (type === "string") return value.length > LIMIT ? substring(value, 0, LIMIT) : value;
  if (type === "number" || type === "boolean") return value;
  return value === undefined || value === null ? null : "[" + type + "]";
}
function record(name, args, result) {
  var site = -1;
  if (siteName === name) { site = siteId; siteName = null; }
  if (tracing) {
    if (T.calls.length >= TRACE_LIMIT) traceFull = true;
    else {
      var kept = [];
      for (var i = 0; i < args.length && i < 16; i++) push(kept, traced(args[i]));
      push(T.calls, [name, kept, traced(result), site]);
    }
  }
  return result;
}

/* ---- addresses ---- */
var V4 = /^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$/;
function isV4(s) {
  return typeof s === "string" ? v4(s) !== null : isV4Text(s);
}
function isV4Text(s) {
  var m = exec(V4, s);
  return m !== null && +m[1] <= 255 && +m[2] <= 255 && +m[3] <= 255 && +m[4] <= 255;
}
/*
 * A string's IPv4 address as convert_addr computes it, or null when it is not a dotted quad. Kept per
 * string (a few thousand): PACs test the same client address, patterns and masks for every URL, and
 * the RegExp with its match array cost most of an isInNet.
 */
var v4s = G.Object.create(null), v4Count = 0;
function v4(s) {
  var known = v4s[s];
  if (known !== undefined) return known;
  if (v4Count >= 4096) { v4s = G.Object.create(null); v4Count = 0; }
  known = isV4Text(s) ? convert_addr(s) : null;
  v4s[s] = known;
  v4Count++;
  return known;
}
/* IPv6 text -> 8 groups, or null. Accepts an embedded IPv4 tail and no zone id. */
function v6groups(s) {
  if (typeof s !== "string" || indexOf(s, ":") < 0) return null;
  var tail = [];
  var lastColon = s.lastIndexOf(":");
  var last = substring(s, lastColon + 1);
  if (indexOf(last, ".") >= 0) {
    if (!isV4(last)) return null;
    var b = split(last, ".");
    tail = [(+b[0] << 8) | +b[1], (+b[2] << 8) | +b[3]];
    s = substring(s, 0, lastColon + 1) + "0:0";
  }
  var halves = split(s, "::");
  if (halves.length > 2) return null;
  function groups(part) {
    if (part === "") return [];
    var g = split(part, ":"), out = [];
    for (var i = 0; i < g.length; i++) {
      if (!test(/^[0-9a-fA-F]{1,4}$/, g[i])) return null;
      push(out, parseInt(g[i], 16));
    }
    return out;
  }
  var head = groups(halves[0]);
  var rest = halves.length === 2 ? groups(halves[1]) : [];
  if (head === null || rest === null) return null;
  var missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  var all = head;
  for (var k = 0; k < missing; k++) push(all, 0);
  for (var j = 0; j < rest.length; j++) push(all, rest[j]);
  if (tail.length) { all[6] = tail[0]; all[7] = tail[1]; }
  return all;
}
/* An address as 16 bytes (IPv4 as IPv4-mapped IPv6), with its family, or null. */
function bytesOf(s) {
  if (typeof s !== "string") return null;
  if (isV4(s)) {
    var p = split(s, ".");
    return { v4: true, b: [0,0,0,0,0,0,0,0,0,0,255,255, +p[0], +p[1], +p[2], +p[3]] };
  }
  var g = v6groups(s);
  if (g === null) return null;
  var b = [];
  for (var i = 0; i < 8; i++) { push(b, g[i] >> 8); push(b, g[i] & 255); }
  return { v4: false, b: b };
}
function lookup(host, family) {
  if (typeof host !== "string") return [];
  var key = toLowerCase(host);
  if (isV4(host)) return family === 6 ? [] : [host];
  if (v6groups(host) !== null) return family === 4 ? [] : [host];
  if (key === "localhost") return family === 6 ? [] : ["127.0.0.1"];
  if (logging && !quiet) logDns("l", host);
  var known = hasOwn(E.dns, key), all = known ? E.dns[key] : [];
  if (!known && E.live && key.length <= 253 && T.miss.length < 256) push(T.miss, key);
  var out = [];
  for (var i = 0; i < all.length; i++) {
    var v4 = isV4(all[i]);
    if (family === 0 || (family === 4) === v4) push(out, all[i]);
  }
  return out;
}

/* ---- DNS and client address ---- */
function dnsResolve(host) {
  readBits |= 4;
  var r = lookup(host, 4);
  return tracing ? record("dnsResolve", [host], r.length ? r[0] : ${o.dnsFailure}) : r.length ? r[0] : ${o.dnsFailure};
}
function resolved(host) {
  ${o.dnsViaGlobal ? "var ip = G.dnsResolve(host); return ip === null || ip === undefined || ip === false ? null : ip;" : 'var r = lookup(host, 4); return r.length ? r[0] : null;'}
}
function isResolvable(host) {
  readBits |= 16;
  return tracing ? record("isResolvable", [host], resolved(host) !== null) : resolved(host) !== null;
}
function myIpAddress() {
  readBits |= 1;
  var ip = "127.0.0.1";
  for (var i = 0; i < E.ips.length; i++) if (isV4(E.ips[i])) { ip = E.ips[i]; break; }
  if (ip === "127.0.0.1" && E.ips.length && !isV4(E.ips[0])) ip = E.ips[0];
  return tracing ? record("myIpAddress", [], ip) : ip;
}
function dnsResolveEx(host) {
  readBits |= 8;
  var r = lookup(host, 0);
  return tracing ? record("dnsResolveEx", [host], join(sortAddresses(r) || r, ";")) : join(sortAddresses(r) || r, ";");
}
function isResolvableEx(host) {
  readBits |= 32;
  return tracing ? record("isResolvableEx", [host], lookup(host, 0).length > 0) : lookup(host, 0).length > 0;
}
function myIpAddressEx() {
  readBits |= 2;
  return tracing ? record("myIpAddressEx", [], join(E.ips, ";")) : join(E.ips, ";");
}

/* ---- network tests ---- */
function convert_addr(ipchars) {
  var bytes = split(ipchars, ".");
  return ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
}
function isInNet(ipaddr, pattern, maskstr) {
  var result;
  if (typeof ipaddr === "string" && typeof pattern === "string" && typeof maskstr === "string") {
    var net = v4(pattern), bits = v4(maskstr), address = net === null || bits === null ? null : v4(ipaddr);
    if (net === null || bits === null) result = false;
    else {
      if (address === null) {
        readBits |= 64;
        ${o.dnsViaGlobal ? "" : "if (logging) { logDns(bits, ipaddr); quiet = true; }"}
        ${o.dnsViaGlobal ? "var named = resolved(ipaddr);" : "var named = ipaddr === lastName ? lastNamed : (lastNamed = resolved(lastName = ipaddr));"}
        quiet = false;
        address = named === null ? null : typeof named === "string" ? v4(named) : isV4Text(named) ? convert_addr(named) : null;
      }
      result = address !== null && (address & bits) === (net & bits);
    }
    return tracing ? record("isInNet", [ipaddr, pattern, maskstr], result) : result;
  }
  /* Not all strings: each argument is converted as the reference reads it. */
  if (!isV4(pattern) || !isV4(maskstr)) result = false;
  else {
    var ip = isV4(ipaddr) ? ipaddr : (readBits |= 64, resolved(ipaddr));
    if (ip === null || !isV4(ip)) result = false;
    else {
      var mask = convert_addr(maskstr);
      result = (convert_addr(ip) & mask) === (convert_addr(pattern) & mask);
    }
  }
  return tracing ? record("isInNet", [ipaddr, pattern, maskstr], result) : result;
}
function isInNetEx(ipAddress, ipPrefix) {
  if (typeof ipAddress !== "string" || typeof ipPrefix !== "string") return tracing ? record("isInNetEx", [ipAddress, ipPrefix], ${o.inNetExMixedFamilies === "mapped" ? "null" : "false"}) : ${o.inNetExMixedFamilies === "mapped" ? "null" : "false"};
  var slash = indexOf(ipPrefix, "/");
  var result = false;
  if (slash > 0 && test(/^\\d{1,3}$/, substring(ipPrefix, slash + 1))) {
    var a = bytesOf(ipAddress), p = bytesOf(substring(ipPrefix, 0, slash));
    var bits = +substring(ipPrefix, slash + 1);
    if (a !== null && p !== null && bits <= (p.v4 ? 32 : 128)) {
      if (p.v4) bits += 96;
      if (a.v4 === p.v4 || ${o.inNetExMixedFamilies === "mapped" ? "true" : "false"}) {
        result = true;
        for (var i = 0; i < 16 && bits > 0; i++, bits -= 8) {
          var m = bits >= 8 ? 255 : (0xff00 >> bits) & 255;
          if ((a.b[i] & m) !== (p.b[i] & m)) { result = false; break; }
        }
      }
    }
  }
  return tracing ? record("isInNetEx", [ipAddress, ipPrefix], result) : result;
}
/* IPv6 before IPv4, each ascending by value; null if any entry is not an address. */
function sortAddresses(list) {
  var items = [];
  for (var i = 0; i < list.length; i++) {
    var b = bytesOf(list[i]);
    if (b === null) return null;
    push(items, { text: list[i], b: b, i: i });
  }
  sort(items, function (x, y) {
    if (x.b.v4 !== y.b.v4) return x.b.v4 ? 1 : -1;
    for (var k = 0; k < 16; k++) if (x.b.b[k] !== y.b.b[k]) return x.b.b[k] - y.b.b[k];
    return x.i - y.i;
  });
  var out = [];
  for (var j = 0; j < items.length; j++) push(out, items[j].text);
  return out;
}
function sortIpAddressList(list) {
  if (typeof list !== "string") return tracing ? record("sortIpAddressList", [list], null) : null;
  var parts = split(replace(list, /[ \\t]/g, ""), ";"), kept = [];
  for (var i = 0; i < parts.length; i++) if (parts[i] !== "") push(kept, parts[i]);
  var sorted = kept.length ? sortAddresses(kept) : null;
  return tracing ? record("sortIpAddressList", [list], sorted === null ? false : join(sorted, ";")) : sorted === null ? false : join(sorted, ";");
}

/* ---- host names ---- */
function isPlainHostName(host) {
  ${
    o.plainHost === "chromium"
      ? 'if (typeof host !== "string") throw new G.TypeError("Requires 1 string parameter");\n  return tracing ? record("isPlainHostName", [host], indexOf(host, ".") < 0 && bytesOf(host) === null) : indexOf(host, ".") < 0 && bytesOf(host) === null;'
      : 'return tracing ? record("isPlainHostName", [host], hasNoDot(host)) : hasNoDot(host);'
  }
}
/*
 * Mozilla's isPlainHostName is host.search("\\\\.") == -1, which compiles a RegExp on every call (most of
 * the call's cost). When the four lookups search makes (the method, the pattern's @@search, the new
 * RegExp's @@search and exec) find the builtins, the answer is whether host holds a "."; otherwise the
 * call runs as written. Same answers either way; only a PAC that puts getters on those builtins could
 * tell, by the getters running twice.
 */
var SEARCH = G.Symbol.search, DOT_PATTERN = "\\\\.", stringSearch = S.prototype.search, regexpSearch = RE.prototype[SEARCH], regexpExec = RE.prototype.exec;
function hasNoDot(host) {
  if (typeof host === "string" && host.search === stringSearch) {
    var matcher = DOT_PATTERN[SEARCH];
    if ((matcher === undefined || matcher === null) && RE.prototype[SEARCH] === regexpSearch && RE.prototype.exec === regexpExec) return indexOf(host, ".") < 0;
  }
  return host.search(DOT_PATTERN) == -1;
}
function dnsDomainIs(host, domain) {
  return tracing ? record("dnsDomainIs", [host, domain], host.length >= domain.length && host.substring(host.length - domain.length) == domain) : host.length >= domain.length && host.substring(host.length - domain.length) == domain;
}
function localHostOrDomainIs(host, hostdom) {
  return tracing ? record("localHostOrDomainIs", [host, hostdom], host == hostdom || hostdom.lastIndexOf(host + ".", 0) == 0) : host == hostdom || hostdom.lastIndexOf(host + ".", 0) == 0;
}
function dnsDomainLevels(host) {
  return tracing ? record("dnsDomainLevels", [host], host.split(".").length - 1) : host.split(".").length - 1;
}
/* The reference translation (Mozilla/Chromium pac_js_library): "." literal, "*" any run, "?" one character, every other RegExp metacharacter live. */
function globRegExp(pattern) {
  var source = pattern.replace(/\\./g, "\\\\.");
  source = source.replace(/\\*/g, ".*");
  source = source.replace(/\\?/g, ".");
  return new RE("^" + source + "$");
}
/*
 * Most globs are "*.suffix", "prefix*", "*part*" or a plain name. Without "?", a second "*" or any other
 * RegExp metacharacter they are string tests, with one catch: "." (from "*") matches no line terminator,
 * so a star shape also requires the subject to have none (the literal part has none either).
 * Kinds: 0 RegExp, 1 exact, 2 "*S", 3 "S*", 4 "*S*". Compiled globs are kept: PACs test the same
 * patterns for every URL.
 */
var GLOB_META = /[\\\\^$+?()[\\]{}|\\n\\r\\u2028\\u2029]/, LINE_END = /[\\n\\r\\u2028\\u2029]/;
var globs = G.Object.create(null), globCount = 0, lineEndSubject = "", lineEndFound = false;
function compileGlob(pattern) {
  if (typeof pattern === "string" && !test(GLOB_META, pattern)) {
    var n = pattern.length, first = indexOf(pattern, "*"), last = lastIndexOf(pattern, "*");
    if (first < 0) return { k: 1, s: pattern, re: null };
    if (first === last && first === 0) return { k: 2, s: substring(pattern, 1), re: null };
    if (first === last && first === n - 1) return { k: 3, s: substring(pattern, 0, n - 1), re: null };
    if (first === 0 && last === n - 1 && indexOf(pattern, "*", 1) === last) return { k: 4, s: substring(pattern, 1, n - 1), re: null };
  }
  return { k: 0, s: "", re: globRegExp(pattern) };
}
function hasLineEnd(subject) {
  if (subject !== lineEndSubject) { lineEndSubject = subject; lineEndFound = test(LINE_END, subject); }
  return lineEndFound;
}
function globMatch(glob, url, pattern) {
  var k = glob.k, s = glob.s;
  if (k === 0) return test(glob.re, url);
  if (typeof url !== "string") return test(globRegExp(pattern), url);
  if (k === 1) return url === s;
  if (k === 2) return url.length >= s.length && substring(url, url.length - s.length) === s && !hasLineEnd(url);
  if (k === 3) return substring(url, 0, s.length) === s && !hasLineEnd(url);
  return indexOf(url, s) >= 0 && !hasLineEnd(url);
}
/* The common shapes are tested here rather than in globMatch: a guest call less per shExpMatch. */
function shExpMatch(url, pattern) {
  var glob = typeof pattern === "string" ? globs[pattern] : undefined;
  if (glob === undefined) {
    glob = compileGlob(pattern);
    if (typeof pattern === "string" && globCount < 10000) { globs[pattern] = glob; globCount++; }
  }
  if (tracing) return record("shExpMatch", [url, pattern], globMatch(glob, url, pattern));
  if (typeof url === "string") {
    var k = glob.k;
    if (k === 2) return endsWith(url, glob.s) && !hasLineEnd(url);
    if (k === 3) return startsWith(url, glob.s) && !hasLineEnd(url);
    if (k === 1) return url === glob.s;
  }
  return globMatch(glob, url, pattern);
}

/* ---- time: wall clocks as UTC-based Dates, so local arithmetic never depends on the process zone ---- */
var WDAYS = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };
var MONTHS = { JAN: 0, FEB: 1, MAR: 2, APR: 3, MAY: 4, JUN: 5, JUL: 6, AUG: 7, SEP: 8, OCT: 9, NOV: 10, DEC: 11 };
function localWall() { return new OrigDate(E.now + E.offset); }
function utcWall() { return new OrigDate(E.now); }
function weekdayRange() {
  readBits |= 512;
  var argc = arguments.length, wday;
  function day(name) { return hasOwn(WDAYS, name) ? WDAYS[name] : -1; }
  if (argc < 1) return record("weekdayRange", arguments, false);
  if (arguments[argc - 1] == "GMT") { argc--; wday = getUTCDay(utcWall()); } else wday = getUTCDay(localWall());
  var wd1 = day(arguments[0]);
  var wd2 = argc == 2 ? day(arguments[1]) : wd1;
  var result;
  if (argc < 1 || wd1 == -1 || wd2 == -1) result = false;
  else if (wd1 <= wd2) result = wd1 <= wday && wday <= wd2;
  else result = wd2 >= wday || wday >= wd1;
  return record("weekdayRange", arguments, result);
}
function dateRange() {
  readBits |= 1024;
  var args = arguments;
  function month(name) { return hasOwn(MONTHS, name) ? MONTHS[name] : -1; }
  var date = localWall(), argc = args.length;
  if (argc < 1) return record("dateRange", args, false);
  var isGMT = args[argc - 1] == "GMT";
  if (isGMT) argc--;
  var tmp, i;
  if (argc == 1) {
    tmp = parseInt(args[0]);
    var d = isGMT ? utcWall() : date;
    if (isNaN(tmp)) return record("dateRange", args, getUTCMonth(d) == month(args[0]));
    if (tmp < 32) return record("dateRange", args, getUTCDate(d) == tmp);
    return record("dateRange", args, getUTCFullYear(d) == tmp);
  }
  var year = getUTCFullYear(date);
  var date1 = new OrigDate(dateUTC(year, 0, 1, 0, 0, 0));
  var date2 = new OrigDate(dateUTC(year, 11, 31, 23, 59, 59));
  var adjustMonth = false;
  for (i = 0; i < argc >> 1; i++) {
    tmp = parseInt(args[i]);
    if (isNaN(tmp)) date1.setUTCMonth(month(args[i]));
    else if (tmp < 32) { adjustMonth = argc <= 2; date1.setUTCDate(tmp); }
    else date1.setUTCFullYear(tmp);
  }
  for (i = argc >> 1; i < argc; i++) {
    tmp = parseInt(args[i]);
    if (isNaN(tmp)) date2.setUTCMonth(month(args[i]));
    else if (tmp < 32) date2.setUTCDate(tmp);
    else date2.setUTCFullYear(tmp);
  }
  if (adjustMonth) { date1.setUTCMonth(getUTCMonth(date)); date2.setUTCMonth(getUTCMonth(date)); }
  if (isGMT) date = utcWall();
  var t = getTime(date), t1 = getTime(date1), t2 = getTime(date2);
  return record("dateRange", args, t1 <= t2 ? t1 <= t && t <= t2 : t2 >= t || t >= t1);
}
function timeRange() {
  readBits |= 256;
  var args = arguments, argc = args.length, isGMT = false;
  if (argc < 1) return record("timeRange", args, false);
  if (args[argc - 1] == "GMT") { isGMT = true; argc--; }
  var date = isGMT ? utcWall() : localWall();
  var hour = getUTCHours(date);
  var date1 = localWall(), date2 = localWall();
  if (argc == 1) return record("timeRange", args, hour == args[0]);
  if (argc == 2) return record("timeRange", args, args[0] <= hour && hour <= args[1]);
  switch (argc) {
    case 6:
      date1.setUTCSeconds(args[2]);
      date2.setUTCSeconds(args[5]);
    case 4:
      var middle = argc >> 1;
      date1.setUTCHours(args[0]);
      date1.setUTCMinutes(args[1]);
      date2.setUTCHours(args[middle]);
      date2.setUTCMinutes(args[middle + 1]);
      if (middle == 2) date2.setUTCSeconds(59);
      break;
    default:
      throw "timeRange: bad number of arguments";
  }
  var t = getTime(date), t1 = getTime(date1), t2 = getTime(date2);
  return record("timeRange", args, t1 <= t2 ? t1 <= t && t <= t2 : t2 >= t || t >= t1);
}
function alert(message) {
  var text;
  try { text = S(message); } catch (e) { text = "[unprintable]"; }
  record("alert", [text], undefined);
}

/* ---- the guest clock: Date() and Date.now() see the environment's instant, local getters its zone ---- */
function PacDate(a, b, c, d, e, f, g) {
  var n = arguments.length;
  if (!(this instanceof PacDate) || n === 0) readBits |= 2048;
  if (!(this instanceof PacDate)) return S(new OrigDate(E.now));
  var inner = n === 0 ? new OrigDate(E.now) : n === 1 ? new OrigDate(a) : new OrigDate(dateUTC(a, b, n > 2 ? c : 1, n > 3 ? d : 0, n > 4 ? e : 0, n > 5 ? f : 0, n > 6 ? g : 0) - E.offset);
  G.Object.setPrototypeOf(inner, PacDate.prototype);
  return inner;
}
PacDate.prototype = OrigDate.prototype;
PacDate.now = function now() { readBits |= 2048; return E.now; };
PacDate.UTC = dateUTC;
PacDate.parse = OrigDate.parse;
defineProperty(OrigDate.prototype, "constructor", { value: PacDate, writable: true, enumerable: false, configurable: true });
function localGetter(getUTC) {
  return function () { return getUTC(new OrigDate(getTime(this) + E.offset)); };
}
var P = OrigDate.prototype;
P.getHours = localGetter(getUTCHours);
P.getMinutes = localGetter(getUTCMinutes);
P.getSeconds = localGetter(getUTCSeconds);
P.getDay = localGetter(getUTCDay);
P.getDate = localGetter(getUTCDate);
P.getMonth = localGetter(getUTCMonth);
P.getFullYear = localGetter(getUTCFullYear);
P.getYear = function () { return getUTCFullYear(new OrigDate(getTime(this) + E.offset)) - 1900; };
P.getTimezoneOffset = function () { return -E.offset / 60000; };
pub("Date", PacDate);

var helpers = {
  dnsResolve: dnsResolve, isResolvable: isResolvable, myIpAddress: myIpAddress, isInNet: isInNet,
  convert_addr: convert_addr, isPlainHostName: isPlainHostName, dnsDomainIs: dnsDomainIs,
  localHostOrDomainIs: localHostOrDomainIs, dnsDomainLevels: dnsDomainLevels, shExpMatch: shExpMatch,
  weekdayRange: weekdayRange, dateRange: dateRange, timeRange: timeRange, alert: alert,
  dnsResolveEx: dnsResolveEx, isResolvableEx: isResolvableEx, myIpAddressEx: myIpAddressEx,
  isInNetEx: isInNetEx, sortIpAddressList: sortIpAddressList
};
var names = keys(helpers);
for (var h = 0; h < names.length; h++) G[names[h]] = helpers[names[h]];
${o.clientVersion === null ? "" : `G.getClientVersion = function getClientVersion() { return tracing ? record("getClientVersion", [], ${JSON.stringify(o.clientVersion)}) : ${JSON.stringify(o.clientVersion)}; };`}

/* ---- probes inserted by the instrumenter (see "The probes' state" in prelude.ts, outside the guest's text) ---- */
var stamp = [], reported = [], round = 0, hits = [], covering = false, onlyNew = false, known = [], knownStale = false;
G.Object.setPrototypeOf(known, null);
function grow(list, id) { while (list.length <= id) push(list, 0); }
function hit(id) {
  if (!covering) return;
  if (onlyNew) {
    var r = reported[id];
    if (r !== -1 && r !== round) { if (id >= reported.length) grow(reported, id); reported[id] = round; push(hits, id); }
  } else if (stamp[id] !== round) {
    if (id >= stamp.length) grow(stamp, id);
    stamp[id] = round;
    push(hits, id);
  }
}
function markKnown(id) { if (id >= known.length) grow(known, id); known[id] = 1; }
var probes = {
  r: function (id, value) { retId = id; return value; },
  i: function (id, value) { var o = value ? id : id + 1; if (known[o] !== 1) hit(o); return value; },
  a: function (id, value) { if (covering) hit(value ? id + 1 : id); return value; },
  o: function (id, value) { if (covering) hit(value ? id : id + 1); return value; },
  n: function (id, value) { if (covering) hit(value === null || value === undefined ? id + 1 : id); return value; },
  b: hit,
  c: function (id, name, value) { if (tracing) { siteId = id; siteName = name; } return value; },
  k: known
};

/*
 * ---- what the host reads: primitives only, sizes capped ----
 * Strings that leave the guest are cut at LIMIT characters; the host says so rather than copy them.
 * Parsing the host's requests uses indexOf and substring only: split and replace would look up
 * Symbol.split and Symbol.replace on String.prototype, which a PAC can define.
 */
${READS}
function safeDescribe(thrown) {
  try { return describe(thrown); } catch (e) { return "o0,0,"; }
}

function setEnvironmentText(json) { setEnvironment(parseJSON(json)); }
function setEnvironment(e) { E = { ips: e.ips, dns: e.dns, now: e.now, offset: e.offset, live: e.live }; lastName = null; }
function entries() {
  return (typeof G.FindProxyForURL === "function" ? "F" : "") + (typeof G.FindProxyForURLEx === "function" ? "X" : "");
}
/*
 * One call: "<kind><retId>|<hits>|<reads>|<value>"; kind s = string result, n = no entry point,
 * (with flag 8, <reads> is "<bits>;<length of the DNS log>" and the log comes before <value>),
 * v = other value (value: "type:text"), L = a string over LIMIT (value: its length), e = the call threw
 * (value: describe's text; retId, hits and reads are empty: a call that throws lists nothing).
 */
var ENTRIES = ["FindProxyForURL", "FindProxyForURLEx"], indexOfFrom = bind(S.prototype.indexOf), threw = false;
function runOne(flags, entry, host, url) {
  /* An empty list is kept rather than replaced: no reference to it outlives a call, and most calls fill none. */
  retId = -1; tracing = (flags & 1) !== 0; siteId = -1; siteName = null; traceFull = false; threw = false;
  if (T.calls.length) T.calls = [];
  if (T.miss.length) T.miss = [];
  covering = (flags & 2) !== 0; onlyNew = (flags & 4) !== 0; round++; readBits = 0;
  if (covering && !onlyNew && known.length) { known.length = 0; knownStale = true; }
  if (onlyNew && knownStale) { knownStale = false; for (var k = 0; k < reported.length; k++) if (reported[k] === -1) markKnown(k); }
  logging = (flags & 8) !== 0; quiet = false; lastName = null;
  if (logCount !== 0) { logSeen = []; logCount = 0; dnsLog = ""; }
  if (hits.length) hits = [];
  var value, shown = "";
  try {
    var f = G[entry];
    if (typeof f !== "function") return "n-1|||";
    value = f(url, host);
    if (typeof value !== "string") {
      var text = primitiveText(value);
      if (text === null) { try { text = S(value); } catch (e) { text = ""; } }
      shown = typeof value + ":" + (typeof text === "string" ? capped(text) : "");
    }
  } catch (thrown) {
    threw = true;
    return "e|||" + safeDescribe(thrown);
  }
  var listed = hits.length, head = retId + "|" + (covering ? join(hits, ",") : "") + "|" + readBits + (!logging ? "|" : logCount > LOG_LIMIT ? ";-1|" : ";" + dnsLog.length + "|" + dnsLog);
  /* Only now is the call sure to return. */
  if (onlyNew) for (var i = 0; i < listed; i++) { reported[hits[i]] = -1; markKnown(hits[i]); }
  if (typeof value !== "string") return "v" + head + shown;
  return value.length > LIMIT ? "L" + head + value.length : "s" + head + value;
}
/* The trace as JSON, written by hand from primitives (record keeps nothing else): JSON.stringify of the arrays would look up toJSON. */
function quote(value) { return value === undefined ? "null" : stringify(value); }
function traceText() {
  var out = '{"calls":[', calls = T.calls;
  for (var i = 0; i < calls.length; i++) {
    var c = calls[i], args = c[1], parts = [];
    for (var k = 0; k < args.length; k++) push(parts, quote(args[k]));
    out += (i ? "," : "") + "[" + quote(c[0]) + ",[" + join(parts, ",") + "]," + quote(c[2]) + "," + c[3] + "]";
  }
  out += '],"miss":[';
  for (var m = 0; m < T.miss.length; m++) out += (m ? "," : "") + quote(T.miss[m]);
  return out + "]" + (traceFull ? ',"full":true' : "") + "}";
}
/* One string in, one string out: "<flags>,<entry>,<host length>,<host><url>" keeps it to a single argument. */
function run(request) {
  var c1 = indexOfFrom(request, ","), c2 = indexOfFrom(request, ",", c1 + 1), c3 = indexOfFrom(request, ",", c2 + 1);
  var hostEnd = c3 + 1 + +substring(request, c2 + 1, c3);
  return runOne(+substring(request, 0, c1), ENTRIES[+substring(request, c1 + 1, c2)], substring(request, c3 + 1, hostEnd), substring(request, hostEnd));
}
/*
 * ---- batches: many calls in one crossing ----
 * In: fields joined by U+0001 (the host never sends a host or URL holding one): the environments as a
 * JSON array, then code, host, url for each call, code = flags | entry << 4 | environment index << 5.
 * Out: JSON of one string per call as runOne answers it, followed by the trace's JSON when tracing.
 * A call that throws ends the crossing after its answer (the host may have to rebuild the sandbox
 * before the next call, as after a single call); so does an output over OUT_LIMIT characters, and
 * no call starts once the crossing has run its budget: BATCH_BUDGET_MS, or what is left of it when the
 * host runs several crossings under one backstop (which bounds them by one deadline plus that budget
 * and its grace). The
 * list the answers go into has no prototype, so nothing a PAC defines on Array.prototype or
 * Object.prototype touches it. progress[0] says which call is running: the host's interrupt handler
 * starts each call's deadline when it sees it change. These are no globals: the host takes them
 * from the prelude's completion value, so a PAC can neither call a batch of its own nor move its
 * own deadline.
 */
var progress = [0], batchOut = [], setPrototypeOf = G.Object.setPrototypeOf, OUT_LIMIT = ${BATCH_OUT_LIMIT};
/*
 * split(text, "\\u0001") is native and far faster than the loop, but looks up Symbol.split on
 * String.prototype and its prototypes: it is used when neither holds one and the chain is the original.
 */
var SPLIT = G.Symbol.split, ObjectPrototype = G.Object.prototype, StringPrototype = S.prototype;
function fields(text) {
  if (getPrototypeOf(StringPrototype) === ObjectPrototype && getOwnPropertyDescriptor(StringPrototype, SPLIT) === undefined && getOwnPropertyDescriptor(ObjectPrototype, SPLIT) === undefined) {
    return split(text, "\\u0001");
  }
  var out = [], at = 0;
  for (;;) {
    var next = indexOfFrom(text, "\u0001", at);
    if (next < 0) { push(out, substring(text, at)); return out; }
    push(out, substring(text, at, next));
    at = next + 1;
  }
}
function batch(text, budget) {
  var items = fields(text), envs = parseJSON(items[0]), n = items.length, envAt = -1, out = [], size = 0;
  var until = dateNow() + (typeof budget === "number" && budget < ${BATCH_BUDGET_MS} ? budget : ${BATCH_BUDGET_MS});
  setPrototypeOf(out, null);
  batchOut = out;
  /* The clock is read every 16 calls: reading it is a wasm-to-host call. */
  for (var i = 1; i < n && size < OUT_LIMIT && ((i & 63) !== 1 || i === 1 || dateNow() < until); i += 3) {
    progress[0] = i;
    var code = +items[i], e = code >> 5, answer;
    if (e !== envAt) { setEnvironment(envs[e]); envAt = e; }
    answer = runOne(code & 15, ENTRIES[(code >> 4) & 1], items[i + 1], items[i + 2]);
    push(out, answer);
    size += answer.length;
    if ((code & 1) !== 0) {
      var traced = traceText();
      push(out, traced);
      size += traced.length;
    }
    if (threw) break;
  }
  return stringify(out);
}
/* The answers of the calls a batch finished before an uncatchable failure (timeout, memory) ended it. */
function finished() { return stringify(batchOut); }
/*
 * A PAC reads its own source through Function.prototype.toString: the probes' names there are the
 * per-runtime prefix the host gives (hide), shown as "__pacdo$" (same length), which names nothing.
 */
var toStringOf = bind(G.Function.prototype.toString), probePrefix = null, SHOWN_PREFIX = "__pacdo$";
function sourceText() {
  var text = toStringOf(this);
  if (probePrefix === null) return text;
  var out = "", at = 0;
  for (;;) {
    var next = indexOfFrom(text, probePrefix, at);
    if (next < 0) return out + substring(text, at);
    out += substring(text, at, next) + SHOWN_PREFIX;
    at = next + probePrefix.length;
  }
}
defineProperty(G.Function.prototype, "toString", { value: sourceText, writable: true, enumerable: false, configurable: true });
function hide(prefix) { probePrefix = prefix; }
return [progress, batch, finished, run, setEnvironmentText, traceText, entries, describe, probes, hide];
})(globalThis);
`;
}

/** A thrown value as the guest's describe() reads it (prelude.ts). */
export interface Described {
  /** p: a primitive, e: an object with a string message, o: any other object. */
  readonly kind: string;
  readonly name: string;
  readonly message: string;
  readonly stack: string;
}

/** Reads prelude.ts describe()'s text: "<kind><name length>,<message length>,<name><message><stack>". */
export function parseDescribed(text: string): Described {
  const kind = text[0] ?? "o";
  const c1 = text.indexOf(",");
  const c2 = text.indexOf(",", c1 + 1);
  const nameLength = Number(text.slice(1, c1)) || 0;
  const messageLength = Number(text.slice(c1 + 1, c2)) || 0;
  const name = text.slice(c2 + 1, c2 + 1 + nameLength);
  const message = text.slice(c2 + 1 + nameLength, c2 + 1 + nameLength + messageLength);
  const stack = text.slice(c2 + 1 + nameLength + messageLength);
  return { kind, name, message, stack };
}
