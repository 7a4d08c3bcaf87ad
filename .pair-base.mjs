var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// ../../../tmp/sbx/base/src/source/source-file.ts
function createSourceFile(text, path, bom = false) {
  const lineStarts = [0];
  const counts = { "\n": 0, "\r\n": 0, "\r": 0 };
  for (const match of text.matchAll(LINE_BREAK)) {
    const brk = match[0];
    if (brk === "\n" || brk === "\r\n" || brk === "\r") counts[brk]++;
    lineStarts.push(match.index + brk.length);
  }
  const eol = counts["\r\n"] >= counts["\n"] && counts["\r\n"] >= counts["\r"] && counts["\r\n"] > 0 ? "\r\n" : counts["\r"] > counts["\n"] ? "\r" : "\n";
  return { path, text, bom, eol, lineStarts };
}
function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 128) bytes += 1;
    else if (unit < 2048) bytes += 2;
    else if (unit >= 55296 && unit <= 56319 && i + 1 < text.length && (text.charCodeAt(i + 1) & 64512) === 56320) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
function positionAt(source, offset) {
  const starts = source.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}
function lineText(source, line) {
  const start2 = source.lineStarts[line - 1];
  if (start2 === void 0) return "";
  const next = source.lineStarts[line] ?? source.text.length;
  return source.text.slice(start2, next).replace(/(\r\n|[\n\r\u2028\u2029])$/, "");
}
var MAX_SOURCE_BYTES, LINE_BREAK;
var init_source_file = __esm({
  "../../../tmp/sbx/base/src/source/source-file.ts"() {
    MAX_SOURCE_BYTES = 16 * 1024 * 1024;
    LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/g;
  }
});

// ../../../tmp/sbx/base/src/syntax/walk.ts
function isNode(value) {
  return typeof value === "object" && value !== null && "type" in value && "range" in value;
}
function forEachChild(node, fn) {
  const keys = CHILD_KEYS[node.type];
  if (keys === void 0) {
    for (const key in node) visitValue(Reflect.get(node, key), fn);
    return;
  }
  for (const key of keys) visitValue(Reflect.get(node, key), fn);
}
function visitValue(value, fn) {
  if (Array.isArray(value)) {
    for (const item of value) if (isNode(item)) fn(item);
  } else if (isNode(value)) {
    fn(value);
  }
}
function preorder(root, enter) {
  const stack = [root];
  const push = (child) => void stack.push(child);
  for (let node = stack.pop(); node !== void 0; node = stack.pop()) {
    if (enter(node) === false) continue;
    const start2 = stack.length;
    forEachChild(node, push);
    for (let i = start2, j = stack.length - 1; i < j; i++, j--) {
      const first2 = stack[i];
      stack[i] = stack[j];
      stack[j] = first2;
    }
  }
}
var VISITOR_KEYS, CHILD_KEYS;
var init_walk = __esm({
  "../../../tmp/sbx/base/src/syntax/walk.ts"() {
    VISITOR_KEYS = {
      Program: ["body"],
      VariableDeclaration: ["declarations"],
      VariableDeclarator: ["id", "init"],
      FunctionDeclaration: ["id", "params", "body"],
      FunctionExpression: ["id", "params", "body"],
      ArrowFunctionExpression: ["params", "body"],
      ExpressionStatement: ["expression"],
      BlockStatement: ["body"],
      EmptyStatement: [],
      IfStatement: ["test", "consequent", "alternate"],
      ReturnStatement: ["argument"],
      SwitchStatement: ["discriminant", "cases"],
      SwitchCase: ["test", "consequent"],
      ForStatement: ["init", "test", "update", "body"],
      ForInStatement: ["left", "right", "body"],
      ForOfStatement: ["left", "right", "body"],
      WhileStatement: ["test", "body"],
      DoWhileStatement: ["body", "test"],
      BreakStatement: ["label"],
      ContinueStatement: ["label"],
      ThrowStatement: ["argument"],
      TryStatement: ["block", "handler", "finalizer"],
      CatchClause: ["param", "body"],
      LabeledStatement: ["label", "body"],
      WithStatement: ["object", "body"],
      DebuggerStatement: [],
      Identifier: [],
      Literal: [],
      ThisExpression: [],
      TemplateElement: [],
      TemplateLiteral: ["quasis", "expressions"],
      TaggedTemplateExpression: ["tag", "quasi"],
      ArrayExpression: ["elements"],
      ObjectExpression: ["properties"],
      Property: ["key", "value"],
      SpreadElement: ["argument"],
      UnaryExpression: ["argument"],
      UpdateExpression: ["argument"],
      BinaryExpression: ["left", "right"],
      LogicalExpression: ["left", "right"],
      AssignmentExpression: ["left", "right"],
      ConditionalExpression: ["test", "consequent", "alternate"],
      CallExpression: ["callee", "arguments"],
      NewExpression: ["callee", "arguments"],
      MemberExpression: ["object", "property"],
      ChainExpression: ["expression"],
      SequenceExpression: ["expressions"],
      ObjectPattern: ["properties"],
      ArrayPattern: ["elements"],
      AssignmentPattern: ["left", "right"],
      RestElement: ["argument"]
    };
    CHILD_KEYS = VISITOR_KEYS;
  }
});

// ../../../tmp/sbx/base/src/evaluate/es5.ts
function findModernSyntax(program, text) {
  let found;
  preorder(program, (node) => {
    if (found) return false;
    const construct = (text !== void 0 ? describeInText(node, text) : void 0) ?? describe(node);
    if (construct !== void 0) found = { construct, range: node.range };
    return found === void 0;
  });
  return found;
}
function describe(node) {
  switch (node.type) {
    case "VariableDeclaration":
      return node.kind === "var" ? void 0 : `\`${node.kind}\` declaration`;
    case "ArrowFunctionExpression":
      return "arrow function";
    case "TemplateLiteral":
      return "template literal";
    case "TaggedTemplateExpression":
      return "tagged template";
    case "ObjectPattern":
    case "ArrayPattern":
      return "destructuring";
    case "AssignmentPattern":
      return "default parameter value";
    case "RestElement":
      return "rest parameter";
    case "SpreadElement":
      return "spread `...`";
    case "ForOfStatement":
      return "`for...of` loop";
    case "ChainExpression":
      return "optional chaining `?.`";
    case "LogicalExpression":
      return node.operator === "??" ? "nullish coalescing `??`" : void 0;
    case "BinaryExpression":
      return node.operator === "**" ? "exponent operator `**`" : void 0;
    case "AssignmentExpression":
      return node.operator === "**=" || node.operator === "??=" || node.operator === "||=" || node.operator === "&&=" ? `\`${node.operator}\` assignment` : void 0;
    case "Property":
      if (node.shorthand) return "shorthand property";
      if (node.method) return "method shorthand";
      if (node.computed) return "computed property name";
      return void 0;
    case "Literal":
      if (node.regex && /[uysdv]/.test(node.regex.flags)) return `regular expression flag \`${node.regex.flags}\``;
      if (typeof node.value === "number" && /^0[bBoO]/.test(node.raw)) return "binary or octal literal";
      return void 0;
    default:
      return void 0;
  }
}
function describeInText(node, text) {
  switch (node.type) {
    case "DoWhileStatement":
      return sameLineAfterDoWhile(text, node.range[1]) ? "statement after `do ... while (...)` on the same line without `;`" : void 0;
    case "FunctionDeclaration":
    case "FunctionExpression":
    case "ArrowFunctionExpression": {
      const last = node.params[node.params.length - 1];
      return last !== void 0 && text[afterTrivia(text, last.range[1])] === "," ? "trailing comma after the last parameter" : void 0;
    }
    case "CallExpression":
    case "NewExpression": {
      const last = node.arguments[node.arguments.length - 1];
      return last !== void 0 && text[afterTrivia(text, last.range[1])] === "," ? "trailing comma after the last argument" : void 0;
    }
    default:
      return void 0;
  }
}
function afterTrivia(text, offset) {
  let at = offset;
  for (; ; ) {
    if (/\s/.test(text[at] ?? "")) at++;
    else if (text.startsWith("//", at)) {
      while (at < text.length && !/[\n\r\u2028\u2029]/.test(text[at])) at++;
    } else if (text.startsWith("/*", at)) {
      const close = text.indexOf("*/", at + 2);
      at = close < 0 ? text.length : close + 2;
    } else return at;
  }
}
function sameLineAfterDoWhile(text, end) {
  if (text[end - 1] !== ")") return false;
  let at = end;
  for (; ; ) {
    const c = text[at];
    if (c === void 0 || c === "}" || c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029") return false;
    if (c === "/" && text[at + 1] === "/") return false;
    if (c === "/" && text[at + 1] === "*") {
      const close = text.indexOf("*/", at + 2);
      if (close < 0 || /[\n\r\u2028\u2029]/.test(text.slice(at + 2, close))) return false;
      at = close + 2;
      continue;
    }
    if (!/\s/.test(c)) return true;
    at++;
  }
}
var init_es5 = __esm({
  "../../../tmp/sbx/base/src/evaluate/es5.ts"() {
    init_walk();
  }
});

// ../../../tmp/sbx/base/src/evaluate/regex-captures.ts
function oversizedNotes(regexes) {
  return regexes.map(({ node, captures, rewrite, kept }) => ({
    range: node.range,
    captures,
    rewritten: rewrite !== void 0,
    ...kept ? { why: kept.why } : {},
    ...kept?.at !== void 0 && kept.at !== node.range[0] ? { at: kept.at } : {}
  }));
}
function patternShape(pattern) {
  const openings = [];
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
function findOversizedRegexes(program) {
  const oversized = [];
  visit(program, (node) => {
    if (node.type === "Literal" && node.regex) {
      const shape = patternShape(node.regex.pattern);
      if (shape.captures > QUICKJS_MAX_CAPTURES) oversized.push({ node, shape });
    }
  });
  if (oversized.length === 0) return [];
  oversized.sort((a, b) => a.node.range[0] - b.node.range[0]);
  const parents = /* @__PURE__ */ new Map();
  const uses = /* @__PURE__ */ new Map();
  let unseen;
  visit(program, (node, parent) => {
    if (parent) parents.set(node, parent);
    if (node.type !== "Identifier") return;
    if (UNSEEN_CODE.has(node.name) && !unseen && !(parent?.type === "MemberExpression" && parent.property === node && !parent.computed)) {
      unseen = { name: node.name, at: node.range[0] };
    }
    let list = uses.get(node.name);
    if (!list) uses.set(node.name, list = []);
    list.push({ node, parent });
  });
  return oversized.map(({ node, shape }) => {
    const base = { node, captures: shape.captures };
    const kept = (why, at) => ({ ...base, kept: at === void 0 ? { why } : { why, at } });
    if (shape.backreference) return kept("the pattern refers back to its own groups");
    if (shape.named) return kept("the pattern has named groups");
    if (unseen) return kept(`the PAC uses ${unseen.name}, through which code pac-do cannot see may read the groups`, unseen.at);
    const use = readsGroups(node, parents, uses);
    if (use) return kept(use.why, use.at);
    const start2 = node.range[0] + 1;
    return { ...base, rewrite: shape.openings.map((offset) => start2 + offset) };
  });
}
function readsGroups(node, parents, uses) {
  const parent = parents.get(node);
  if (isTestCall(node, parent, parents)) return void 0;
  if (parent?.type !== "VariableDeclarator" || parent.init !== node || parent.id.type !== "Identifier") {
    return { why: "the regex is used other than as `/\u2026/.test(\u2026)` or a variable only tested", at: node.range[0] };
  }
  const name = parent.id.name;
  for (const use of uses.get(name) ?? []) {
    if (use.node === parent.id) continue;
    if (use.parent?.type === "MemberExpression" && use.parent.property === use.node && !use.parent.computed) continue;
    if (!isTestCall(use.node, use.parent, parents)) return { why: `${name} is used other than as ${name}.test(\u2026)`, at: use.node.range[0] };
  }
  return void 0;
}
function isTestCall(node, parent, parents) {
  if (parent?.type !== "MemberExpression" || parent.object !== node || parent.computed) return false;
  if (parent.property.type !== "Identifier" || parent.property.name !== "test") return false;
  const call = parents.get(parent);
  return call?.type === "CallExpression" && call.callee === parent;
}
function visit(root, enter) {
  const stack = [[root, void 0]];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === void 0) break;
    const [node, parent] = item;
    enter(node, parent);
    forEachChild(node, (child) => void stack.push([child, node]));
  }
}
var QUICKJS_MAX_CAPTURES, UNSEEN_CODE;
var init_regex_captures = __esm({
  "../../../tmp/sbx/base/src/evaluate/regex-captures.ts"() {
    init_walk();
    QUICKJS_MAX_CAPTURES = 254;
    UNSEEN_CODE = /* @__PURE__ */ new Set(["RegExp", "eval", "Function"]);
  }
});

// ../../../tmp/sbx/base/src/evaluate/prelude.ts
function prelude(profile) {
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

/* The environment: replaced wholesale by __pacdo$env. dns keys are lower case. */
var E = { ips: ["127.0.0.1"], dns: {}, now: 0, offset: 0 };
/* Per-call state. What every helper or probe touches is a closure variable, which QuickJS reaches faster than a property. */
var T = { calls: [], miss: [] };
var tracing = false, readBits = 0, retId = -1, siteId = -1, siteName = null;

function fix(name, value) { defineProperty(G, name, { value: value, writable: false, enumerable: false, configurable: false }); }
function pub(name, f) { defineProperty(G, name, { value: f, writable: true, enumerable: false, configurable: true }); }
/* Helpers call record() only when tracing (tracing ? record(...) : value): no argument array otherwise. */
/* A call site probe names the helper it stands before, so helpers that call helpers keep their own sites. */
function record(name, args, result) {
  var site = -1;
  if (siteName === name) { site = siteId; siteName = null; }
  if (tracing) push(T.calls, [name, slice(args), result === undefined ? null : result, site]);
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
  var known = hasOwn(E.dns, key), all = known ? E.dns[key] : [];
  if (!known && E.live) push(T.miss, key);
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
  ${o.dnsViaGlobal ? "var ip = G.dnsResolve(host); return ip === null || ip === undefined || ip === false ? null : ip;" : "var r = lookup(host, 4); return r.length ? r[0] : null;"}
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
        var named = resolved(ipaddr);
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
  ${o.plainHost === "chromium" ? 'if (typeof host !== "string") throw new G.TypeError("Requires 1 string parameter");\n  return tracing ? record("isPlainHostName", [host], indexOf(host, ".") < 0 && bytesOf(host) === null) : indexOf(host, ".") < 0 && bytesOf(host) === null;' : 'return tracing ? record("isPlainHostName", [host], hasNoDot(host)) : hasNoDot(host);'}
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

/*
 * ---- probes inserted by the instrumenter: stores into closure variables and dense arrays ----
 * A branch outcome is listed once per call: stamp[id] holds the last call (round) that took it, so the
 * list needs no clearing between calls. With "new outcomes only" (the route analysis, which wants the
 * union) reported[id] is -1 once a call that returned listed the outcome (a call that throws lists
 * nothing, so its outcomes stay unreported), else the last round that took it. Nothing is recorded
 * unless coverage is asked for.
 */
var stamp = [], reported = [], round = 0, hits = [], covering = false, onlyNew = false;
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
fix("${HARNESS.ret}", function (id, value) { retId = id; return value; });
fix("${HARNESS.test}", function (id, value) { if (covering) hit(value ? id : id + 1); return value; });
fix("${HARNESS.and}", function (id, value) { if (covering) hit(value ? id + 1 : id); return value; });
fix("${HARNESS.or}", function (id, value) { if (covering) hit(value ? id : id + 1); return value; });
fix("${HARNESS.nullish}", function (id, value) { if (covering) hit(value === null || value === undefined ? id + 1 : id); return value; });
fix("${HARNESS.hit}", hit);
fix("${HARNESS.site}", function (id, name, value) { if (tracing) { siteId = id; siteName = name; } return value; });

/* ---- host entry points ---- */
fix("${HARNESS.env}", function (json) { setEnvironment(parseJSON(json)); });
fix("${HARNESS.entries}", function () {
  return (typeof G.FindProxyForURL === "function" ? "F" : "") + (typeof G.FindProxyForURLEx === "function" ? "X" : "");
});
/* One call: "<kind><retId>|<hits>|<reads>|<value>"; kind s = string result, n = no entry point, v = other value. */
var ENTRIES = ["FindProxyForURL", "FindProxyForURLEx"], indexOfFrom = bind(S.prototype.indexOf);
function runOne(flags, entry, host, url) {
  /* An empty list is kept rather than replaced: no reference to it outlives a call, and most calls fill none. */
  retId = -1; tracing = (flags & 1) !== 0; siteId = -1; siteName = null;
  if (T.calls.length) T.calls = [];
  if (T.miss.length) T.miss = [];
  covering = (flags & 2) !== 0; onlyNew = (flags & 4) !== 0; round++; readBits = 0;
  if (hits.length) hits = [];
  var f = G[entry];
  if (typeof f !== "function") return "n-1|||";
  var value = f(url, host);
  var listed = hits.length, head = retId + "|" + (covering ? join(hits, ",") : "") + "|" + readBits + "|";
  var shown = "";
  if (typeof value !== "string") {
    try { shown = typeof value + ":" + S(value); } catch (e) { shown = typeof value; }
  }
  /* Only now is the call sure to return (a value's toString may still time out). */
  if (onlyNew) for (var i = 0; i < listed; i++) reported[hits[i]] = -1;
  return typeof value === "string" ? "s" + head + value : "v" + head + shown;
}
function setEnvironment(e) { E = { ips: e.ips, dns: e.dns, now: e.now, offset: e.offset, live: e.live }; }
function traceText() { return stringify({ calls: T.calls, miss: T.miss }); }
/* One string in, one string out: "<flags>,<entry>,<host length>,<host><url>" keeps it to a single argument. */
fix("${HARNESS.run}", function (request) {
  var c1 = indexOfFrom(request, ","), c2 = indexOfFrom(request, ",", c1 + 1), c3 = indexOfFrom(request, ",", c2 + 1);
  var hostEnd = c3 + 1 + +substring(request, c2 + 1, c3);
  return runOne(+substring(request, 0, c1), ENTRIES[+substring(request, c1 + 1, c2)], substring(request, c3 + 1, hostEnd), substring(request, hostEnd));
});
/*
 * ---- batches: many calls in one crossing ----
 * In: fields joined by U+0001 (the host never sends a host or URL holding one): the environments as a
 * JSON array, then code, host, url for each call, code = flags | entry << 3 | environment index << 4.
 * Out: JSON of one string per call as runOne answers it, followed by the trace's JSON when tracing (or ""
 * when the trace cannot be written). A call that throws ends the batch with "x" and leaves the
 * exception for rethrow: the host reads it as it reads a single call's. The list the answers go into
 * has no prototype, so nothing a PAC defines on Array.prototype or Object.prototype touches it.
 * progress[0] says which call is running: the host's interrupt handler starts each call's deadline
 * when it sees it change. These are no globals: the host takes them from the prelude's completion
 * value, so a PAC can neither call a batch of its own nor move its own deadline.
 */
var progress = [0], batchOut = [], pendingError, setPrototypeOf = G.Object.setPrototypeOf;
function batch(text) {
  var items = split(text, "\\u0001"), envs = parseJSON(items[0]), n = items.length, envAt = -1, out = [];
  setPrototypeOf(out, null);
  batchOut = out;
  for (var i = 1; i < n; i += 3) {
    progress[0] = i;
    var code = +items[i], e = code >> 4, answer;
    if (e !== envAt) { setEnvironment(envs[e]); envAt = e; }
    try {
      answer = runOne(code & 7, ENTRIES[(code >> 3) & 1], items[i + 1], items[i + 2]);
    } catch (thrown) {
      pendingError = thrown;
      push(out, "x");
      return stringify(out);
    }
    push(out, answer);
    if ((code & 1) !== 0) {
      var traced = "";
      try { traced = traceText(); } catch (e2) { traced = ""; }
      push(out, traced);
    }
  }
  return stringify(out);
}
/* The answers of the calls a batch finished before an uncatchable failure (timeout, memory) ended it. */
function finished() { return stringify(batchOut); }
function rethrow() { var thrown = pendingError; pendingError = undefined; throw thrown; }
fix("${HARNESS.trace}", traceText);
return [progress, batch, finished, rethrow];
})(globalThis);
`;
}
var HARNESS, PRELUDE_OPTIONS;
var init_prelude = __esm({
  "../../../tmp/sbx/base/src/evaluate/prelude.ts"() {
    HARNESS = {
      run: "__pacdo$run",
      env: "__pacdo$env",
      trace: "__pacdo$trace",
      entries: "__pacdo$entries",
      ret: "__pacdo$r",
      test: "__pacdo$i",
      and: "__pacdo$a",
      or: "__pacdo$o",
      nullish: "__pacdo$n",
      hit: "__pacdo$b",
      site: "__pacdo$c"
    };
    PRELUDE_OPTIONS = {
      winhttp: { dnsFailure: "false", plainHost: "mozilla", inNetExMixedFamilies: "false", clientVersion: "1.0", dnsViaGlobal: false },
      chromium: { dnsFailure: "null", plainHost: "chromium", inNetExMixedFamilies: "mapped", clientVersion: null, dnsViaGlobal: true }
    };
  }
});

// ../../../tmp/sbx/base/src/evaluate/instrument.ts
function instrument(text, program, probes = {}) {
  const branches = probes.branches ?? true;
  const callSites = probes.callSites ?? true;
  const inserts = [];
  const returns = [];
  const branchPoints = [];
  const sites = [];
  let seq = 0;
  let nextBranch = 0;
  const open = (offset, insert) => {
    const before = text[offset - 1] ?? "";
    const glue = /[\p{ID_Continue}$\u200c\u200d]/u.test(before) && /^[\p{ID_Start}$_]/u.test(insert) ? " " : "";
    inserts.push({ offset, text: glue + insert, close: false, seq: seq++ });
  };
  const close = (offset, insert) => void inserts.push({ offset, text: insert, close: true, seq: seq++ });
  const wrap = (node, head) => {
    const paren = node.type === "SequenceExpression";
    open(node.range[0], head + (paren ? "(" : ""));
    close(node.range[1], paren ? "))" : ")");
  };
  const branchPair = (thenRange, elseRange, kinds) => {
    const id = nextBranch;
    nextBranch += 2;
    branchPoints.push({ id, range: thenRange, kind: kinds[0] });
    if (elseRange) branchPoints.push({ id: id + 1, range: elseRange, kind: kinds[1] });
    return id;
  };
  let manyGroups = false;
  const chained = /* @__PURE__ */ new Set();
  let chains = 0;
  const flattenChain = (head) => {
    const links = [];
    for (let link = head; link?.type === "IfStatement"; link = link.alternate) {
      links.push(link);
      chained.add(link);
    }
    if (links.length < FLAT_CHAIN) return;
    const inner = links.slice(0, -1);
    const elseEnds = inner.map((link) => elseEnd(text, link.alternate.range[0]));
    if (inner.some((link, i) => link.consequent.type === "FunctionDeclaration" || elseEnds[i] === void 0)) return;
    const label2 = `__pacdo$chain${chains++}`;
    open(head.range[0], `${label2}:{`);
    inner.forEach((link, i) => {
      open(link.consequent.range[0], "{");
      close(link.consequent.range[1], `;break ${label2}}`);
      open(elseEnds[i], ";");
    });
    close(head.range[1], "}");
  };
  const unprobed = /* @__PURE__ */ new Set();
  const longLogicalChain = (head) => {
    const links = [];
    for (let link = head; link.type === "LogicalExpression"; link = link.left) links.push(link);
    if (links.length < FLAT_CHAIN) return false;
    for (const link of links) unprobed.add(link);
    return true;
  };
  preorder(program, (node) => {
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
        wrap(node.test, `${HARNESS.test}(${id}, `);
        break;
      }
      case "ConditionalExpression": {
        if (!branches) break;
        const id = branchPair(node.consequent.range, node.alternate.range, ["cond-then", "cond-else"]);
        wrap(node.test, `${HARNESS.test}(${id}, `);
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
        const first2 = node.consequent[0];
        open(first2 ? first2.range[0] : node.range[1], `${HARNESS.hit}(${id});`);
        break;
      }
      case "CallExpression":
        if (callSites && node.callee.type === "Identifier" && HELPER_NAMES.has(node.callee.name) && !node.optional) {
          const last = node.arguments[node.arguments.length - 1];
          const head = `${HARNESS.site}(${sites.length}, ${JSON.stringify(node.callee.name)}`;
          if (last === void 0) {
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
  inserts.sort((a, b) => a.offset - b.offset || (a.close === b.close ? a.close ? b.seq - a.seq : a.seq - b.seq : a.close ? -1 : 1));
  const parts = [];
  const insertions = [];
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
function elseEnd(text, offset) {
  let at = offset;
  while (at > 0 && /\s/.test(text[at - 1])) at--;
  const keyword2 = at >= 4 && text.slice(at - 4, at) === "else";
  return keyword2 && !/[\p{ID_Continue}$]/u.test(text[at - 5] ?? "") ? at : void 0;
}
function instrumentIfFits(text, program, probes = {}) {
  try {
    const result = instrument(text, program, probes);
    return result.insertions.every(([offset]) => offset >= 0 && offset <= text.length) ? result : void 0;
  } catch {
    return void 0;
  }
}
function originalOffset(insertions, offset) {
  let shift = 0;
  for (const [at, length] of insertions) {
    if (at + shift >= offset) break;
    if (offset < at + shift + length) return at;
    shift += length;
  }
  return offset - shift;
}
var HELPER_NAMES, FLAT_CHAIN;
var init_instrument = __esm({
  "../../../tmp/sbx/base/src/evaluate/instrument.ts"() {
    init_walk();
    init_prelude();
    init_regex_captures();
    HELPER_NAMES = /* @__PURE__ */ new Set([
      "dnsResolve",
      "isResolvable",
      "myIpAddress",
      "isInNet",
      "convert_addr",
      "isPlainHostName",
      "dnsDomainIs",
      "localHostOrDomainIs",
      "dnsDomainLevels",
      "shExpMatch",
      "weekdayRange",
      "dateRange",
      "timeRange",
      "alert",
      "dnsResolveEx",
      "isResolvableEx",
      "myIpAddressEx",
      "isInNetEx",
      "sortIpAddressList",
      "getClientVersion"
    ]);
    FLAT_CHAIN = 16;
  }
});

// ../../../tmp/sbx/base/src/evaluate/quickjs.ts
var quickjs_exports = {};
__export(quickjs_exports, {
  quickJSModule: () => quickJSModule
});
import * as releaseSync from "@jitl/quickjs-wasmfile-release-sync";
import { newQuickJSWASMModuleFromVariant } from "quickjs-emscripten-core";
function quickJSModule() {
  shared ??= whileAlive(newQuickJSWASMModuleFromVariant(syncVariant(releaseSync)));
  return shared;
}
function whileAlive(promise) {
  const timer = setInterval(() => void 0, 2 ** 30);
  return promise.finally(() => clearInterval(timer));
}
function syncVariant(namespace) {
  let value = namespace;
  for (let depth = 0; depth < 3 && !isSyncVariant(value); depth++) {
    value = typeof value === "object" && value !== null && "default" in value ? value.default : void 0;
  }
  if (!isSyncVariant(value)) throw new Error("@jitl/quickjs-wasmfile-release-sync did not export a QuickJS variant");
  return value;
}
function isSyncVariant(value) {
  return typeof value === "object" && value !== null && "type" in value && value.type === "sync" && "importFFI" in value;
}
var shared;
var init_quickjs = __esm({
  "../../../tmp/sbx/base/src/evaluate/quickjs.ts"() {
  }
});

// ../../../tmp/sbx/base/src/pac/hosted-variables.ts
function hostedVariable(name) {
  if (ZSCALER_GATEWAYS.has(name) || ZSCALER_SUBCLOUD.test(name)) return { vendor: "Zscaler", name, role: "proxy" };
  if (name === "SRCIP") return { vendor: "Zscaler", name, role: "public-address" };
  return void 0;
}
function hostedProxyHost(host) {
  const match = /^\$\{([^{}]*)\}$/.exec(host);
  const variable = match ? hostedVariable(match[1] ?? "") : void 0;
  return variable?.role === "proxy" ? variable : void 0;
}
function macrosIn(text) {
  const found = [];
  for (const match of text.matchAll(MACRO)) {
    found.push({ text: match[0], offset: match.index, variable: hostedVariable(match[1] ?? "") });
  }
  return found;
}
function hostingVendor(text) {
  if (!text.includes("${")) return void 0;
  return macrosIn(text).find((macro) => macro.variable !== void 0)?.variable?.vendor;
}
function hostedProxyNote(entries) {
  const first2 = entries.find((entry) => entry.invalid === void 0);
  return first2?.hosted ? ` (through ${describeHostedProxy(first2.hosted)})` : "";
}
function describeHostedProxy(variable) {
  return `${variable.vendor}'s service edge \${${variable.name}}, which inspects TLS and hides the client's public address`;
}
var HOSTED_UPLOAD_LIMIT, ZSCALER_GATEWAYS, ZSCALER_SUBCLOUD, MACRO;
var init_hosted_variables = __esm({
  "../../../tmp/sbx/base/src/pac/hosted-variables.ts"() {
    HOSTED_UPLOAD_LIMIT = { Zscaler: 256 * 1024 };
    ZSCALER_GATEWAYS = /* @__PURE__ */ new Set([
      "GATEWAY",
      "SECONDARY_GATEWAY",
      "GATEWAY_HOST",
      "SECONDARY_GATEWAY_HOST",
      "COUNTRY_GATEWAY",
      "COUNTRY_SECONDARY_GATEWAY"
    ]);
    ZSCALER_SUBCLOUD = /^(?:SECONDARY\.)?GATEWAY\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.zs[a-z]+\.net(?:_FX)?$/;
    MACRO = /\$\{([^{}\r\n]*)\}/g;
  }
});

// ../../../tmp/sbx/base/src/pac/proxy-string.ts
function isEntryType(word) {
  return TYPES.has(word);
}
function parseProxyList(result, profile) {
  const entries = [];
  for (const raw of result.split(";")) {
    const text = raw.trim();
    if (text !== "") entries.push(parseProxyEntry(text, profile));
  }
  return entries;
}
function parseProxyEntry(text, profile) {
  const words = text.split(/[ \t\r\n]+/);
  const keyword2 = (words[0] ?? "").toUpperCase();
  if (!isEntryType(keyword2)) return { text, type: null, invalid: `unknown keyword "${words[0] ?? ""}"` };
  const unsupported = ACCEPTED[profile].has(keyword2) ? void 0 : `${keyword2} is ${WHY_NOT[profile]}`;
  if (keyword2 === "DIRECT") {
    if (words.length > 1) return { text, type: keyword2, invalid: "DIRECT takes no host" };
    return unsupported ? { text, type: keyword2, invalid: unsupported } : { text, type: keyword2 };
  }
  if (words.length === 1) return { text, type: keyword2, invalid: `${keyword2} needs a host` };
  if (words.length > 2) return { text, type: keyword2, invalid: `unexpected "${words.slice(2).join(" ")}" after the host` };
  const address = words[1] ?? "";
  if (address.includes("@")) return { text, type: keyword2, invalid: "user name or password in a proxy address" };
  const hostPort = /^(\[[^\]]*\]|[^:[\]]*)(?::(.*))?$/.exec(address);
  const host = hostPort?.[1] ?? "";
  const portText = hostPort?.[2];
  const base = { text, type: keyword2, host };
  if (!hostPort || host === "" || host === "[]") return { ...base, invalid: `"${address}" is not host[:port]` };
  const hosted = hostedProxyHost(host);
  if (hosted) return parsePort({ ...base, hosted: { vendor: hosted.vendor, name: hosted.name } }, keyword2, portText, unsupported);
  if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._~%!$&'()*+,=-]+)$/.test(host)) return { ...base, invalid: `"${host}" is not a host name` };
  return parsePort(base, keyword2, portText, unsupported);
}
function parsePort(base, keyword2, portText, unsupported) {
  if (portText === void 0) {
    const port2 = DEFAULT_PORT[keyword2];
    return unsupported ? { ...base, port: port2, defaultPort: true, invalid: unsupported } : { ...base, port: port2, defaultPort: true };
  }
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) return { ...base, invalid: `"${portText}" is not a port` };
  const port = Number(portText);
  return unsupported ? { ...base, port, invalid: unsupported } : { ...base, port };
}
function effectiveProxyList(entries, profile) {
  const valid = entries.filter((e) => e.invalid === void 0).map(canonicalEntry);
  if (valid.length === 0 && profile === "chromium") return "DIRECT";
  return valid.join("; ");
}
function canonicalEntry(entry) {
  if (entry.type === "DIRECT" || entry.type === null) return entry.type ?? entry.text;
  return `${entry.type} ${entry.host ?? ""}:${entry.port ?? ""}`;
}
var TYPES, DEFAULT_PORT, ACCEPTED, WHY_NOT;
var init_proxy_string = __esm({
  "../../../tmp/sbx/base/src/pac/proxy-string.ts"() {
    init_hosted_variables();
    TYPES = /* @__PURE__ */ new Set(["DIRECT", "PROXY", "HTTP", "HTTPS", "SOCKS", "SOCKS4", "SOCKS5", "QUIC"]);
    DEFAULT_PORT = {
      PROXY: 80,
      HTTP: 80,
      HTTPS: 443,
      SOCKS: 1080,
      SOCKS4: 1080,
      SOCKS5: 1080,
      QUIC: 443
    };
    ACCEPTED = {
      chromium: /* @__PURE__ */ new Set(["DIRECT", "PROXY", "HTTPS", "SOCKS", "SOCKS4", "SOCKS5", "QUIC"]),
      winhttp: /* @__PURE__ */ new Set(["DIRECT", "PROXY", "SOCKS"]),
      node: /* @__PURE__ */ new Set(["DIRECT", "PROXY", "HTTP", "HTTPS", "SOCKS", "SOCKS4", "SOCKS5"])
    };
    WHY_NOT = {
      chromium: "not a PAC keyword in Chromium",
      winhttp: "not documented as understood by Windows (only PROXY, DIRECT and SOCKS are)",
      node: "not understood by pac-proxy-agent"
    };
  }
});

// ../../../tmp/sbx/base/src/evaluate/environment.ts
function machineTimeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
function inMachineZone(base) {
  let name;
  const env = {
    ...base,
    get timeZone() {
      return name ??= machineTimeZone();
    }
  };
  machineZoned.add(env);
  return env;
}
function defaultEnvironment(overrides = {}) {
  const base = { clientIps: [DEFAULT_CLIENT_IP], dns: /* @__PURE__ */ new Map(), liveDns: false, now: Date.now(), ...overrides };
  return overrides.timeZone === void 0 ? inMachineZone(base) : { ...base, timeZone: overrides.timeZone };
}
function formatter(timeZone) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric"
    });
    formatters.set(timeZone, f);
  }
  return f;
}
function zoneOffset(now, timeZone) {
  if (timeZone === void 0) {
    const local = new Date(now);
    const wall2 = Date.UTC(local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), local.getMinutes(), local.getSeconds());
    return wall2 - Math.floor(now / 1e3) * 1e3;
  }
  if (FIXED_UTC.has(timeZone)) return 0;
  const fields = {};
  for (const part of formatter(timeZone).formatToParts(now)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(fields["year"] ?? 1970, (fields["month"] ?? 1) - 1, fields["day"] ?? 1, fields["hour"] ?? 0, fields["minute"] ?? 0, fields["second"] ?? 0);
  return wall - Math.floor(now / 1e3) * 1e3;
}
function guestEnvironment(env) {
  const dns = /* @__PURE__ */ Object.create(null);
  for (const [host, ips] of env.dns) dns[host.toLowerCase()] = ips;
  const offset = zoneOffset(env.now, machineZoned.has(env) ? void 0 : env.timeZone);
  return JSON.stringify({ ips: env.clientIps, dns, now: env.now, offset, live: env.liveDns });
}
var DEFAULT_CLIENT_IP, machineZoned, formatters, FIXED_UTC;
var init_environment = __esm({
  "../../../tmp/sbx/base/src/evaluate/environment.ts"() {
    DEFAULT_CLIENT_IP = "127.0.0.1";
    machineZoned = /* @__PURE__ */ new WeakSet();
    formatters = /* @__PURE__ */ new Map();
    FIXED_UTC = /* @__PURE__ */ new Set(["UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Etc/GMT", "GMT", "UCT", "Universal", "Zulu"]);
  }
});

// ../../../tmp/sbx/base/src/evaluate/limiter.ts
function wasmHeap(runtime) {
  const module = Reflect.get(runtime, "module");
  return () => {
    const bytes = typeof module === "object" && module !== null ? Reflect.get(module, "HEAPU8") : void 0;
    return bytes instanceof Uint8Array ? bytes.byteLength : 0;
  };
}
var RuntimeLimiter;
var init_limiter = __esm({
  "../../../tmp/sbx/base/src/evaluate/limiter.ts"() {
    RuntimeLimiter = class {
      constructor(runtime, limits) {
        this.limits = limits;
        runtime.setMemoryLimit(limits.memoryBytes);
        runtime.setMaxStackSize(limits.stackBytes);
        const heap = wasmHeap(runtime);
        this.heap = heap;
        runtime.setInterruptHandler(() => {
          if (this.progress !== void 0) this.notice(this.progress());
          if (performance.now() > this.deadline) return true;
          this.outOfMemory = heap() - this.heapAtStart > limits.memoryBytes + this.heapAtStart / 4;
          return this.outOfMemory;
        });
      }
      limits;
      /** Set when the interrupt handler stopped the current call for memory rather than time. */
      outOfMemory = false;
      deadline = Infinity;
      heapAtStart = 0;
      heap;
      progress;
      seen = 0;
      /** Takes the heap's current size as the base the memory check measures growth from. */
      markHeap() {
        this.heapAtStart = this.heap();
      }
      /** Starts a call: its deadline runs from now, its memory from the heap's size now. */
      start() {
        this.deadline = performance.now() + this.limits.timeoutMs;
        this.markHeap();
        this.outOfMemory = false;
      }
      /**
       * Starts a batch of calls: like `start`, and while it runs the interrupt handler reads `progress`
       * (which call of the batch is running) and starts a new call, deadline and memory, whenever it
       * changes. A call thus gets its full time limit plus at most one interval between two interrupt
       * checks, and a batch of fast calls pays nothing per call for its deadline.
       */
      startBatch(progress, first2) {
        this.start();
        this.progress = progress;
        this.seen = first2;
      }
      /** Ends a call or a batch: no deadline until the next start. */
      stop() {
        this.deadline = Infinity;
        this.progress = void 0;
      }
      notice(progress) {
        if (progress === this.seen) return;
        this.seen = progress;
        this.start();
      }
    };
  }
});

// ../../../tmp/sbx/base/src/evaluate/url.ts
function requestUrl(profile, url) {
  const simple = simpleRequestUrl(profile, url);
  if (simple !== void 0) return simple;
  const cache = derived[profile];
  let result = cache.get(url);
  if (result === void 0) {
    if (cache.size >= KEPT) cache.clear();
    result = whatwgRequestUrl(profile, url);
    cache.set(url, result);
  }
  return result;
}
function simpleRequestUrl(profile, url) {
  const match = SIMPLE.exec(url);
  if (match === null) return void 0;
  const scheme = match[1] ?? "";
  const host = match[2] ?? "";
  const portText = match[3];
  const rest = match[4] ?? "";
  if (!keptHost(host) || hasDotSegment(rest)) return void 0;
  const port = portText === void 0 ? void 0 : Number(portText);
  if (port !== void 0 && port > 65535) return void 0;
  if (profile === "winhttp") return { ok: true, url, host };
  const hostname = host.toLowerCase();
  const origin = `${scheme}://${port === void 0 || port === (scheme === "http" ? 80 : 443) ? hostname : `${hostname}:${port}`}`;
  if (profile === "chromium" && scheme === "https") return { ok: true, url: `${origin}/`, host: hostname };
  return { ok: true, url: rest.startsWith("/") ? origin + rest : `${origin}/${rest}`, host: hostname };
}
function keptHost(host) {
  const end = host.endsWith(".") ? host.length - 1 : host.length;
  const first2 = host.charCodeAt(host.lastIndexOf(".", end - 1) + 1);
  if (first2 >= 48 && first2 <= 57 && NUMERIC_LABEL.test(host)) return DOTTED_QUAD.test(host);
  return !host.includes("--") || !PUNYCODE_LABEL.test(host);
}
function hasDotSegment(rest) {
  const query = rest.indexOf("?");
  const pathEnd = query < 0 ? rest.length : query;
  const dot = rest.indexOf("/.");
  if (dot >= 0 && dot < pathEnd) return true;
  const percent = rest.indexOf("%");
  return percent >= 0 && percent < pathEnd && DOT_SEGMENT.test(rest.slice(0, pathEnd));
}
function whatwgRequestUrl(profile, url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, message: `not a valid URL: ${url}` };
  }
  if (!parsed.host) return { ok: false, message: `URL has no host: ${url}` };
  switch (profile) {
    case "chromium": {
      parsed.username = "";
      parsed.password = "";
      parsed.hash = "";
      const secure = parsed.protocol === "https:" || parsed.protocol === "wss:";
      return { ok: true, url: secure ? `${parsed.protocol}//${parsed.host}/` : parsed.href, host: unbracket(parsed.hostname) };
    }
    case "node":
      return { ok: true, url: parsed.href, host: parsed.hostname };
    case "winhttp": {
      const match = AUTHORITY.exec(url);
      const host = match?.[2] ?? parsed.hostname;
      return { ok: true, url, host: unbracket(host) };
    }
  }
}
function unbracket(host) {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}
function chromiumImplicitBypass(host) {
  const h = host.toLowerCase().replace(/\.$/, "");
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(h);
  if (v4) return v4[1] === "127" || v4[1] === "169" && v4[2] === "254";
  if (h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
  return /^fe[89ab][0-9a-f]:/.test(h);
}
var AUTHORITY, derived, KEPT, SIMPLE, NUMERIC_LABEL, DOTTED_QUAD, PUNYCODE_LABEL, DOT_SEGMENT;
var init_url = __esm({
  "../../../tmp/sbx/base/src/evaluate/url.ts"() {
    AUTHORITY = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:[^/?#@]*@)?(\[[^\]/?#]*\]|[^:/?#]*)/;
    derived = { winhttp: /* @__PURE__ */ new Map(), chromium: /* @__PURE__ */ new Map(), node: /* @__PURE__ */ new Map() };
    KEPT = 4096;
    SIMPLE = /^(https?):\/\/([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?)(?::([1-9][0-9]{0,4}))?([/?][A-Za-z0-9\-._~!$&()*+,;=:@/?%]*)?$/;
    NUMERIC_LABEL = /(?:^|\.)(?:[0-9]+|0[xX][0-9a-fA-F]*)\.?$/;
    DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
    PUNYCODE_LABEL = /(?:^|\.)xn--/i;
    DOT_SEGMENT = /(?:^|\/)(?:\.|%2e)/i;
  }
});

// ../../../tmp/sbx/base/src/evaluate/sandbox.ts
import { lookup } from "node:dns/promises";
function readNames(bits2) {
  return READ_BITS.filter((name, bit) => name !== "" && (bits2 & 1 << bit) !== 0);
}
function createSandbox(options) {
  const evaluator = new SandboxEvaluator(options);
  const failure = evaluator.load();
  if (failure) {
    evaluator[Symbol.dispose]();
    return { ok: false, failure };
  }
  return { ok: true, evaluator };
}
function parseTrace(text, instrumented) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { calls: [], misses: [] };
  }
  const calls = [];
  const misses = [];
  if (typeof parsed === "object" && parsed !== null && "calls" in parsed && Array.isArray(parsed.calls)) {
    for (const call of parsed.calls) {
      if (!Array.isArray(call)) continue;
      const [name, args, answer, site] = call;
      const range = typeof site === "number" ? instrumented?.sites[site] : void 0;
      calls.push({ name: String(name), args: Array.isArray(args) ? args : [], result: answer, ...range ? { range } : {} });
    }
  }
  if (typeof parsed === "object" && parsed !== null && "miss" in parsed && Array.isArray(parsed.miss)) {
    for (const name of parsed.miss) if (typeof name === "string" && !misses.includes(name)) misses.push(name);
  }
  return { calls, misses };
}
function parseAnswers(text) {
  const parsed = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((answer) => typeof answer === "string") : [];
}
function inspectThrown(context, error) {
  let dumped;
  try {
    dumped = context.dump(error);
  } catch {
    return { name: void 0, message: "out of memory", stack: void 0, text: "out of memory", oom: true };
  }
  if (typeof dumped === "object" && dumped !== null && "message" in dumped) {
    const name = "name" in dumped && typeof dumped.name === "string" ? dumped.name : void 0;
    const message = String(dumped.message);
    const stack = "stack" in dumped && typeof dumped.stack === "string" ? dumped.stack : void 0;
    return { name, message, stack, text: oneLine(name ? `${name}: ${message}` : message), oom: false };
  }
  if (dumped === null && context.typeof(error) === "object") {
    return { name: void 0, message: "out of memory", stack: void 0, text: "out of memory", oom: true };
  }
  const text = typeof dumped === "string" ? dumped : JSON.stringify(dumped) ?? String(dumped);
  return { name: void 0, message: text, stack: void 0, text: oneLine(`uncaught exception: ${text}`), oom: false };
}
function describeThrown(context, error) {
  return inspectThrown(context, error).text;
}
function oneLine(text) {
  const line = text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ").trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
function offsetInScript(script, line, column) {
  let start2 = 0;
  for (let l = 1; l < line; l++) {
    const next = script.indexOf("\n", start2);
    if (next === -1) return script.length;
    start2 = next + 1;
  }
  let bytes = 1;
  let offset = start2;
  while (bytes < column && offset < script.length) {
    const code = script.codePointAt(offset) ?? 0;
    bytes += code < 128 ? 1 : code < 2048 ? 2 : code < 65536 ? 3 : 4;
    offset += code >= 65536 ? 2 : 1;
  }
  return offset;
}
function formatMegabytes(bytes) {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
function withLiveAnswers(env, live) {
  const dns = new Map(live);
  for (const [host, ips] of env.dns) dns.set(host.toLowerCase(), ips);
  return { ...env, dns };
}
async function resolveLive(host) {
  try {
    const answers = await lookup(host, { all: true });
    return answers.map((a) => a.address);
  } catch {
    return [];
  }
}
var READ_BITS, SCRIPT_NAME, MAX_DNS_REPLAYS, FIELD, BATCH_CALLS, BATCH_CHARS, SandboxEvaluator;
var init_sandbox = __esm({
  "../../../tmp/sbx/base/src/evaluate/sandbox.ts"() {
    init_proxy_string();
    init_environment();
    init_limiter();
    init_instrument();
    init_prelude();
    init_url();
    READ_BITS = [
      "myIpAddress",
      "myIpAddressEx",
      "dnsResolve",
      "dnsResolveEx",
      "isResolvable",
      "isResolvableEx",
      "isInNet",
      "",
      "timeRange",
      "weekdayRange",
      "dateRange",
      "Date"
    ];
    SCRIPT_NAME = "pac-do:script";
    MAX_DNS_REPLAYS = 16;
    FIELD = "";
    BATCH_CALLS = 2048;
    BATCH_CHARS = 1 << 21;
    SandboxEvaluator = class {
      constructor(options) {
        this.options = options;
        this.profile = options.profile;
        this.instrumented = options.instrumented;
        this.script = this.instrumented?.text ?? options.source.text;
        this.branchPoints = this.instrumented?.branchPoints ?? [];
      }
      options;
      profile;
      entryPoints = [];
      branchPoints;
      instrumented;
      script;
      guest;
      envJson = "";
      lastEnv;
      /** Set after a timeout, OOM or stack overflow: the next evaluation rebuilds the runtime. */
      broken = false;
      loadFailure;
      liveAnswers = /* @__PURE__ */ new Map();
      readResults = /* @__PURE__ */ new Map();
      /** Builds the runtime and runs the PAC's top level; returns why it failed, if it did. */
      load() {
        const { module, limits, profile } = this.options;
        const runtime = module.newRuntime();
        const limiter = new RuntimeLimiter(runtime, limits);
        const context = runtime.newContext();
        limiter.markHeap();
        const setup = context.evalCode(prelude(profile), "pac-do:prelude", { type: "global" });
        if (setup.error) {
          const message = describeThrown(context, setup.error);
          setup.error.dispose();
          context.dispose();
          runtime.dispose();
          throw new Error(`the PAC helper library failed to load: ${message}`);
        }
        const global = (name) => context.getProp(context.global, name);
        const hidden = (index) => context.getProp(setup.value, index);
        this.guest = {
          runtime,
          context,
          run: global(HARNESS.run),
          env: global(HARNESS.env),
          trace: global(HARNESS.trace),
          progress: hidden(0),
          batch: hidden(1),
          finished: hidden(2),
          rethrow: hidden(3),
          limiter
        };
        setup.value.dispose();
        this.envJson = "";
        this.lastEnv = void 0;
        this.broken = false;
        limiter.start();
        const result = context.evalCode(this.script, SCRIPT_NAME, { type: "global" });
        limiter.stop();
        if (result.error) {
          const failure = this.failure(context, result.error, true);
          result.error.dispose();
          this.loadFailure = failure;
          return failure;
        }
        result.value.dispose();
        const entries = context.evalCode(`${HARNESS.entries}()`, "pac-do:entries", { type: "global" });
        const found = entries.error ? "" : context.getString(entries.value);
        (entries.error ?? entries.value).dispose();
        const names = [];
        if (found.includes("F")) names.push("FindProxyForURL");
        if (found.includes("X")) names.push("FindProxyForURLEx");
        this.entryPoints = names;
        this.loadFailure = void 0;
        return void 0;
      }
      async evaluate(request, env) {
        const prepared = this.prepare(request);
        if ("evaluation" in prepared) return prepared.evaluation;
        const { base } = prepared;
        if (this.broken) {
          this.disposeGuest();
          this.load();
        }
        if (this.loadFailure) return { ...base, result: null, entries: [], failure: this.loadFailure };
        let trace = request.trace === true || env.liveDns;
        const coverage = request.coverage !== true ? 0 : request.newBranchesOnly === true ? 2 : 1;
        let listedBefore = [];
        for (let replay = 0; ; replay++) {
          const outcome = this.call(base, env, trace, coverage, request.reads === true);
          if (!env.liveDns) return outcome.evaluation;
          if (outcome.misses.length === 0 || replay >= MAX_DNS_REPLAYS || "failure" in outcome.evaluation) {
            const { calls, ...evaluation } = outcome.evaluation;
            const branches = listedBefore.length ? { branches: [...listedBefore, ...evaluation.branches ?? []] } : {};
            return { ...evaluation, ...branches, ...request.trace && calls ? { calls } : {} };
          }
          if (coverage === 2) listedBefore = [...listedBefore, ...outcome.evaluation.branches ?? []];
          for (const name of outcome.misses) this.liveAnswers.set(name, await (this.options.liveResolver ?? resolveLive)(name));
          this.lastEnv = void 0;
          trace = true;
        }
      }
      /**
       * Runs as many calls as it can per guest crossing (see runBatch). A call that needs the host between
       * guest steps (live DNS replays), holds the batch's field separator, or comes after a failure that
       * broke the sandbox goes through `evaluate` (which rebuilds it); the batches then resume.
       */
      async evaluateMany(calls) {
        const evaluations = new Array(calls.length);
        let next = 0;
        while (next < calls.length) {
          const call = calls[next];
          if (call === void 0) break;
          const after = call.env.liveDns || this.broken || this.loadFailure !== void 0 ? next : this.runBatch(calls, next, evaluations);
          if (after === next) {
            evaluations[next] = await this.evaluate(call.request, call.env);
            next++;
          } else {
            next = after;
          }
        }
        return evaluations;
      }
      [Symbol.dispose]() {
        this.disposeGuest();
      }
      /** The url, host and entry point the PAC is called with, or the answer when the PAC is not called at all. */
      prepare(request) {
        const derived2 = requestUrl(this.profile, request.url);
        const url = derived2.ok ? derived2.url : request.url;
        const host = request.host ?? (derived2.ok ? derived2.host : "");
        const entryPoint = request.entryPoint ?? this.defaultEntryPoint();
        const base = { url, host, entryPoint };
        if (!derived2.ok && request.host === void 0) {
          return { evaluation: { ...base, result: null, entries: [], failure: { kind: "exception", message: derived2.message } } };
        }
        if (this.profile === "chromium" && request.host === void 0 && chromiumImplicitBypass(host)) {
          const reason = "Chromium sends loopback and link-local hosts DIRECT without calling the PAC";
          return { evaluation: { ...base, result: null, entries: [{ text: "DIRECT", type: "DIRECT" }], effective: "DIRECT", implicitBypass: reason } };
        }
        return { base };
      }
      /**
       * Answers calls from `start` on, up to a bounded number, with one guest crossing: the environments
       * (each distinct one once) and the requests go in as one string, the guest runs them in order and
       * the answers come back as one string. Stops before a call with live DNS or a U+0001 in its URL or
       * host. A call that throws ends the crossing there and is read as a single call's failure is; a
       * timeout or out-of-memory also breaks the sandbox, and the caller rebuilds it for the rest. Returns
       * the index of the first call not answered (calls after it that the host answered alone, such as
       * invalid URLs, are simply answered again).
       */
      runBatch(calls, start2, into) {
        const guest = this.guest;
        if (!guest) throw new Error("evaluator used after dispose");
        const pending = [];
        const items = [];
        const envIndex = /* @__PURE__ */ new Map();
        const envJson = [];
        let chars = 0;
        let next = start2;
        for (; next < calls.length && pending.length < BATCH_CALLS && chars < BATCH_CHARS; next++) {
          const call = calls[next];
          if (call === void 0 || call.env.liveDns) break;
          const { request, env } = call;
          const prepared = this.prepare(request);
          if ("evaluation" in prepared) {
            into[next] = prepared.evaluation;
            continue;
          }
          const { base } = prepared;
          if (base.host.includes(FIELD) || base.url.includes(FIELD)) break;
          let e = envIndex.get(env);
          if (e === void 0) {
            e = envJson.length;
            envIndex.set(env, e);
            envJson.push(env === this.lastEnv ? this.envJson : this.environmentJson(env));
            chars += envJson[e]?.length ?? 0;
          }
          const json = envJson[e] ?? "";
          const trace = request.trace === true;
          const coverage = request.coverage !== true ? 0 : request.newBranchesOnly === true ? 2 : 1;
          const flags = (trace ? 1 : 0) | (coverage > 0 ? 2 : 0) | (coverage === 2 ? 4 : 0);
          items.push(flags | (base.entryPoint === "FindProxyForURL" ? 0 : 8) | e << 4, base.host, base.url);
          chars += base.host.length + base.url.length;
          pending.push({ index: next, base, env, envJson: json, trace, coverage, reads: request.reads === true });
        }
        if (pending.length === 0) return next;
        const { context, limiter } = guest;
        const arg = context.newString(`[${envJson.join(",")}]${FIELD}${items.join(FIELD)}`);
        limiter.startBatch(() => this.progress(guest), 1);
        const result = context.callFunction(guest.batch, context.undefined, arg);
        limiter.stop();
        arg.dispose();
        let answers;
        let failure;
        if (result.error) {
          failure = this.failure(context, result.error, false);
          result.error.dispose();
          answers = this.finishedAnswers(guest);
        } else {
          answers = parseAnswers(context.getString(result.value));
          result.value.dispose();
        }
        let at = 0;
        for (const call of pending) {
          const answer = answers[at++];
          if (answer === void 0 || answer === "x") {
            if (answer === "x") {
              const thrown = context.callFunction(guest.rethrow, context.undefined);
              if (thrown.error) {
                failure = this.failure(context, thrown.error, false);
                thrown.error.dispose();
              } else {
                thrown.value.dispose();
              }
            }
            this.settleEnvironment(call);
            const traced2 = call.trace && !this.broken ? this.readTrace(guest) : { calls: [] };
            const failed2 = failure ?? { kind: "exception", message: "the sandbox lost this call's answer" };
            into[call.index] = { ...call.base, result: null, entries: [], failure: failed2, ...call.trace ? { calls: traced2.calls } : {} };
            return call.index + 1;
          }
          const traced = call.trace ? parseTrace(answers[at++] ?? "", this.instrumented) : void 0;
          into[call.index] = this.decode(call.base, answer, traced, call.coverage > 0, call.reads);
        }
        const last = pending[pending.length - 1];
        if (last) this.settleEnvironment(last);
        return next;
      }
      /** The guest's environment after a batch is that of the last call it ran: later calls compare against it. */
      settleEnvironment(call) {
        this.lastEnv = call.env;
        this.envJson = call.envJson;
      }
      /** Which call of the running batch the guest is at. */
      progress(guest) {
        const { context } = guest;
        const value = context.getProp(guest.progress, 0);
        const at = context.typeof(value) === "number" ? context.getNumber(value) : -1;
        value.dispose();
        return at;
      }
      /** The answers a batch finished before it failed; the memory limit is lifted first, as the guest is given up anyway. */
      finishedAnswers(guest) {
        const { context, runtime, limiter } = guest;
        if (this.broken) runtime.setMemoryLimit(-1);
        limiter.markHeap();
        const result = context.callFunction(guest.finished, context.undefined);
        if (result.error) {
          result.error.dispose();
          return [];
        }
        const answers = parseAnswers(context.getString(result.value));
        result.value.dispose();
        return answers;
      }
      environmentJson(env) {
        return guestEnvironment(this.liveAnswers.size ? withLiveAnswers(env, this.liveAnswers) : env);
      }
      defaultEntryPoint() {
        return this.profile === "winhttp" && this.entryPoints.includes("FindProxyForURLEx") ? "FindProxyForURLEx" : "FindProxyForURL";
      }
      call(base, env, trace, coverage, reads) {
        const guest = this.guest;
        if (!guest) throw new Error("evaluator used after dispose");
        const { context } = guest;
        this.setEnvironment(guest, env);
        const flags = (trace ? 1 : 0) | (coverage > 0 ? 2 : 0) | (coverage === 2 ? 4 : 0);
        const { url, host, entryPoint: entry } = base;
        const requestHandle = context.newString(`${flags},${entry === "FindProxyForURL" ? 0 : 1},${host.length},${host}${url}`);
        guest.limiter.start();
        const result = context.callFunction(guest.run, context.undefined, requestHandle);
        guest.limiter.stop();
        requestHandle.dispose();
        if (result.error) {
          const failure = this.failure(context, result.error, false);
          result.error.dispose();
          const traced2 = trace && !this.broken ? this.readTrace(guest) : { calls: [], misses: [] };
          return { evaluation: { ...base, result: null, entries: [], failure, ...trace ? { calls: traced2.calls } : {} }, misses: traced2.misses };
        }
        const raw = context.getString(result.value);
        result.value.dispose();
        const traced = trace ? this.readTrace(guest) : void 0;
        return { evaluation: this.decode(base, raw, traced, coverage > 0, reads), misses: traced?.misses ?? [] };
      }
      /**
       * Builds the evaluation from the guest's answer in one object, its optional fields assigned in the
       * order the callers have always listed them (returnRange, branches, reads, calls): most evaluations
       * are plain strings, and per-call spreads were a measurable share of the host's cost.
       */
      decode(base, raw, traced, coverage, reads) {
        const entry = base.entryPoint;
        const kind = raw[0];
        const bar1 = raw.indexOf("|");
        const bar2 = raw.indexOf("|", bar1 + 1);
        const bar3 = raw.indexOf("|", bar2 + 1);
        const returnId = Number(raw.slice(1, bar1));
        const value = raw.slice(bar3 + 1);
        const returnRange = this.instrumented?.returns[returnId];
        let evaluation;
        if (kind === "n") {
          const failure = { kind: "no-entry-point", message: `${entry} is not defined` };
          evaluation = { url: base.url, host: base.host, entryPoint: entry, result: null, entries: [], failure };
        } else if (kind === "v") {
          const colon = value.indexOf(":");
          const type = value.slice(0, colon);
          const shown = type === "undefined" || type === "object" && value.endsWith(":null") ? value.slice(colon + 1) : `${type} ${value.slice(colon + 1)}`;
          const failure = { kind: "not-a-string", message: `${entry} returned ${shown}, not a string`, ...returnRange ? { range: returnRange } : {} };
          evaluation = { url: base.url, host: base.host, entryPoint: entry, result: null, entries: [], failure };
        } else {
          const read = this.readResult(value);
          evaluation = { url: base.url, host: base.host, entryPoint: entry, result: value, entries: read.entries, effective: read.effective };
        }
        if (returnRange) evaluation.returnRange = returnRange;
        if (coverage) evaluation.branches = raw.slice(bar1 + 1, bar2).split(",").filter(Boolean).map(Number);
        if (reads) evaluation.reads = readNames(Number(raw.slice(bar2 + 1, bar3)));
        if (traced) evaluation.calls = traced.calls;
        return evaluation;
      }
      /** The entries of a result string and the list the client uses, read once per distinct string. */
      readResult(value) {
        let read = this.readResults.get(value);
        if (read === void 0) {
          if (this.readResults.size >= 1024) this.readResults.clear();
          const entries = parseProxyList(value, this.profile);
          read = { entries, effective: effectiveProxyList(entries, this.profile) };
          this.readResults.set(value, read);
        }
        return read;
      }
      readTrace(guest) {
        const { context } = guest;
        const result = context.callFunction(guest.trace, context.undefined);
        if (result.error) {
          result.error.dispose();
          return { calls: [], misses: [] };
        }
        const text = context.getString(result.value);
        result.value.dispose();
        return parseTrace(text, this.instrumented);
      }
      setEnvironment(guest, env) {
        if (env === this.lastEnv) return;
        this.lastEnv = env;
        const json = this.environmentJson(env);
        if (json === this.envJson) return;
        this.envJson = json;
        const { context } = guest;
        const arg = context.newString(json);
        const result = context.callFunction(guest.env, context.undefined, arg);
        arg.dispose();
        if (result.error) {
          const message = describeThrown(context, result.error);
          result.error.dispose();
          throw new Error(`could not set the PAC environment: ${message}`);
        }
        result.value.dispose();
      }
      /** Classifies a guest exception; a resource failure marks the runtime for rebuilding. */
      failure(context, error, loading) {
        const { limits } = this.options;
        const thrown = inspectThrown(context, error);
        const range = this.errorRange(thrown.stack);
        const at = range ? { range } : {};
        if (thrown.name === "InternalError" && thrown.message === "interrupted" && this.guest?.limiter.outOfMemory === true) {
          this.broken = true;
          return { kind: "memory", message: `out of memory (limit ${formatMegabytes(limits.memoryBytes)})`, ...at };
        }
        if (thrown.name === "InternalError" && thrown.message === "interrupted") {
          this.broken = true;
          return { kind: "timeout", message: `timed out after ${limits.timeoutMs} ms`, ...at };
        }
        if (thrown.message === "out of memory" || thrown.oom) {
          this.broken = true;
          return { kind: "memory", message: `out of memory (limit ${formatMegabytes(limits.memoryBytes)})`, ...at };
        }
        if (thrown.name === "InternalError" && thrown.message === "stack overflow") {
          this.broken = true;
          return { kind: "stack", message: "stack overflow", ...at };
        }
        const kind = thrown.name === "SyntaxError" && loading ? "syntax" : "exception";
        return { kind, message: thrown.text, ...at };
      }
      /** The original-file position of the first stack frame inside the PAC. */
      errorRange(stack) {
        if (!stack) return void 0;
        const match = new RegExp(`${SCRIPT_NAME.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+):(\\d+)`).exec(stack);
        if (!match) return void 0;
        const offset = offsetInScript(this.script, Number(match[1]), Number(match[2]));
        const original = this.instrumented ? originalOffset(this.instrumented.insertions, offset) : offset;
        const clamped = Math.min(original, this.options.source.text.length);
        return [clamped, clamped];
      }
      disposeGuest() {
        const guest = this.guest;
        if (!guest) return;
        this.guest = void 0;
        for (const handle of [guest.run, guest.env, guest.trace, guest.batch, guest.finished, guest.rethrow, guest.progress]) {
          handle.dispose();
        }
        guest.context.dispose();
        guest.runtime.dispose();
      }
    };
  }
});

// ../../../tmp/sbx/base/src/evaluate/types.ts
var DEFAULT_LIMITS;
var init_types = __esm({
  "../../../tmp/sbx/base/src/evaluate/types.ts"() {
    DEFAULT_LIMITS = { timeoutMs: 1e3, memoryBytes: 64 * 1024 * 1024, stackBytes: 256 * 1024 };
  }
});

// ../../../tmp/sbx/base/src/evaluate/address.ts
function parseIpv4(text) {
  const match = IPV4.exec(text);
  if (!match) return void 0;
  let value = 0n;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(match[i]);
    if (octet > 255) return void 0;
    value = value << 8n | BigInt(octet);
  }
  return value;
}
var IPV4;
var init_address = __esm({
  "../../../tmp/sbx/base/src/evaluate/address.ts"() {
    IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
  }
});

// ../../../tmp/sbx/base/src/evaluate/node-profile.ts
var node_profile_exports = {};
__export(node_profile_exports, {
  createNodeEvaluator: () => createNodeEvaluator
});
import { lookup as lookup2 } from "node:dns/promises";
import { createPacResolver, sandbox as stockHelpers } from "pac-resolver";
function createNodeEvaluator(options) {
  const evaluator = new NodeEvaluator(options);
  const failure = evaluator.load();
  if (failure) {
    evaluator[Symbol.dispose]();
    return { ok: false, failure };
  }
  return { ok: true, evaluator };
}
function ipv4ToInt(ip) {
  const value = parseIpv4(ip);
  return value === void 0 ? void 0 : Number(value);
}
function pinHostClock(env) {
  const RealDate = globalThis.Date;
  const previousTz = process.env["TZ"];
  const now = env.now;
  class PinnedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(now);
      else super(...args);
    }
    static now() {
      return now;
    }
  }
  globalThis.Date = PinnedDate;
  if (previousTz !== env.timeZone) process.env["TZ"] = env.timeZone;
  return () => {
    globalThis.Date = RealDate;
    if (previousTz !== env.timeZone) {
      if (previousTz === void 0) delete process.env["TZ"];
      else process.env["TZ"] = previousTz;
    }
  };
}
var ENVIRONMENT_READERS, NodeEvaluator;
var init_node_profile = __esm({
  "../../../tmp/sbx/base/src/evaluate/node-profile.ts"() {
    init_proxy_string();
    init_address();
    init_environment();
    init_limiter();
    init_url();
    ENVIRONMENT_READERS = /* @__PURE__ */ new Set(["myIpAddress", "dnsResolve", "isResolvable", "isInNet", "timeRange", "weekdayRange", "dateRange"]);
    NodeEvaluator = class {
      constructor(options) {
        this.options = options;
      }
      options;
      profile = "node";
      entryPoints = ["FindProxyForURL"];
      branchPoints = [];
      runtime;
      contexts = [];
      transient = [];
      kept = [];
      resolver;
      env;
      calls;
      reads;
      broken = false;
      loadFailure;
      limiter;
      load() {
        const { module, limits, source } = this.options;
        const runtime = module.newRuntime();
        const limiter = new RuntimeLimiter(runtime, limits);
        this.limiter = limiter;
        this.runtime = runtime;
        this.broken = false;
        const qjs = {
          newContext: () => {
            const context = runtime.newContext();
            this.contexts.push(context);
            this.trackHandles(context);
            return context;
          }
        };
        limiter.start();
        try {
          this.resolver = createPacResolver(qjs, source.text, { sandbox: this.helpers(), filename: "proxy.pac" });
          this.loadFailure = void 0;
          return void 0;
        } catch (error) {
          this.loadFailure = this.classify(error, true);
          return this.loadFailure;
        } finally {
          limiter.stop();
        }
      }
      async evaluate(request, env) {
        const derived2 = requestUrl("node", request.url);
        const entryPoint = request.entryPoint ?? "FindProxyForURL";
        const base = { url: derived2.ok ? derived2.url : request.url, host: request.host ?? (derived2.ok ? derived2.host : ""), entryPoint };
        if (!derived2.ok) return { ...base, result: null, entries: [], failure: { kind: "exception", message: derived2.message } };
        if (entryPoint !== "FindProxyForURL") {
          return { ...base, result: null, entries: [], failure: { kind: "no-entry-point", message: "pac-resolver only calls FindProxyForURL" } };
        }
        if (this.broken) {
          this.disposeRuntime();
          this.load();
        }
        const resolver = this.resolver;
        if (this.loadFailure || !resolver) return { ...base, result: null, entries: [], failure: this.loadFailure ?? { kind: "exception", message: "not loaded" } };
        this.env = env;
        this.calls = request.trace ? [] : void 0;
        this.reads = request.reads ? /* @__PURE__ */ new Set() : void 0;
        const restoreClock = pinHostClock(env);
        this.limiter?.start();
        let value;
        try {
          value = await resolver(request.url, request.host);
        } catch (error) {
          return { ...base, result: null, entries: [], failure: this.classify(error, false), ...this.calls ? { calls: this.calls } : {} };
        } finally {
          this.limiter?.stop();
          restoreClock();
          this.freeTransient();
        }
        const calls = { ...this.calls ? { calls: this.calls } : {}, ...this.reads ? { reads: [...this.reads] } : {} };
        if (typeof value !== "string") {
          const shown = value === void 0 || value === null ? String(value) : `${typeof value} ${typeof value === "object" ? JSON.stringify(value) : String(value)}`;
          return { ...base, result: null, entries: [], failure: { kind: "not-a-string", message: `FindProxyForURL returned ${shown}, not a string` }, ...calls };
        }
        const entries = parseProxyList(value, "node");
        return { ...base, result: value, entries, effective: effectiveProxyList(entries, "node"), ...calls };
      }
      async evaluateMany(calls) {
        const evaluations = [];
        for (const { request, env } of calls) evaluations.push(await this.evaluate(request, env));
        return evaluations;
      }
      [Symbol.dispose]() {
        this.disposeRuntime();
      }
      /** pac-resolver's helpers, with the ones that touch the network answered from the environment. */
      helpers() {
        const record = (name, args, result) => {
          this.calls?.push({ name, args: [...args], result: result === void 0 ? null : result });
          if (this.reads && ENVIRONMENT_READERS.has(name) && !(name === "isInNet" && ipv4ToInt(String(args[0])) !== void 0)) this.reads.add(name);
          return result;
        };
        const resolve4 = async (host) => {
          if (ipv4ToInt(host) !== void 0) return host;
          const env = this.env;
          const key = String(host).toLowerCase();
          if (key === "localhost") return "127.0.0.1";
          const listed = env?.dns.get(key) ?? [...env?.dns ?? []].find(([name]) => name.toLowerCase() === key)?.[1];
          if (listed) return listed.find((ip) => ipv4ToInt(ip) !== void 0) ?? null;
          if (env?.liveDns) {
            try {
              return (await lookup2(host, { family: 4 })).address;
            } catch {
              return null;
            }
          }
          return null;
        };
        const wrapped = {};
        for (const [name, fn] of Object.entries(stockHelpers)) {
          wrapped[name] = (...args) => record(name, args, Reflect.apply(fn, void 0, args));
        }
        wrapped["alert"] = (...args) => void record("alert", args.slice(0, 1), void 0);
        wrapped["dnsResolve"] = async (host) => record("dnsResolve", [host], await resolve4(host));
        wrapped["isResolvable"] = async (host) => record("isResolvable", [host], await resolve4(host) !== null);
        wrapped["myIpAddress"] = async () => {
          const ips = this.env?.clientIps ?? [];
          return record("myIpAddress", [], ips.find((ip) => ipv4ToInt(ip) !== void 0) ?? ips[0] ?? DEFAULT_CLIENT_IP);
        };
        wrapped["isInNet"] = async (host, pattern, mask) => {
          const ip = await resolve4(host);
          const address = ip === null ? void 0 : ipv4ToInt(ip);
          const net = ipv4ToInt(pattern);
          const bits2 = ipv4ToInt(mask);
          let result = false;
          if (address !== void 0 && net !== void 0 && bits2 !== void 0) {
            const ones = bits2.toString(2).padStart(32, "0");
            if (/^1*0*$/.test(ones)) {
              const prefix = ones.indexOf("0") === -1 ? 32 : ones.indexOf("0");
              const divisor = 2 ** (32 - prefix);
              result = Math.floor(address / divisor) === Math.floor(net / divisor);
            }
          }
          return record("isInNet", [host, pattern, mask], result);
        };
        return wrapped;
      }
      /**
       * pac-resolver 7.0.1 never frees the FindProxyForURL handle it evaluates nor the two argument
       * strings it creates per call: left alone, a long run fills the memory limit and freeing the
       * runtime aborts. Handles created through the context are tracked and freed after each call
       * (arguments) or with the evaluator (the function).
       */
      trackHandles(context) {
        const newString = context.newString.bind(context);
        const evalCode = context.evalCode.bind(context);
        context.newString = (value) => {
          const handle = newString(value);
          this.transient.push(handle);
          return handle;
        };
        context.evalCode = (...args) => {
          const result = evalCode(...args);
          if (!result.error) this.kept.push(result.value);
          return result;
        };
      }
      freeTransient() {
        for (const handle of this.transient) if (handle.alive) handle.dispose();
        this.transient = [];
      }
      classify(error, loading) {
        const cause = typeof error === "object" && error !== null && "cause" in error && typeof error.cause === "object" && error.cause !== null ? error.cause : error;
        const name = typeof cause === "object" && cause !== null && "name" in cause ? String(cause.name) : "";
        const message = typeof cause === "object" && cause !== null && "message" in cause ? String(cause.message) : String(cause);
        const { limits } = this.options;
        if (message === "interrupted" && this.limiter?.outOfMemory === true) {
          this.broken = true;
          return { kind: "memory", message: `out of memory (limit ${limits.memoryBytes / (1024 * 1024)} MB)` };
        }
        if (message === "interrupted") {
          this.broken = true;
          return { kind: "timeout", message: `timed out after ${limits.timeoutMs} ms` };
        }
        if (message === "out of memory") {
          this.broken = true;
          return { kind: "memory", message: `out of memory (limit ${limits.memoryBytes / (1024 * 1024)} MB)` };
        }
        if (message === "stack overflow") {
          this.broken = true;
          return { kind: "stack", message: "stack overflow" };
        }
        const text = `${name && name !== "Error" ? `${name}: ` : ""}${message}`.replace(/\s*\n\s*/g, " ");
        return { kind: loading && /SyntaxError|Line \d+:/.test(text) ? "syntax" : "exception", message: text };
      }
      disposeRuntime() {
        this.freeTransient();
        for (const handle of this.kept) if (handle.alive) handle.dispose();
        this.kept = [];
        for (const context of this.contexts) {
          if (context.alive) context.dispose();
        }
        this.contexts = [];
        this.resolver = void 0;
        if (this.runtime?.alive) this.runtime.dispose();
        this.runtime = void 0;
      }
    };
  }
});

// ../../../tmp/sbx/base/src/evaluate/index.ts
function compilePac(text, program, probes = {}) {
  const instrumented = instrumentIfFits(text, program, probes);
  const modern = findModernSyntax(program, text);
  return { ...instrumented ? { instrumented } : {}, ...modern ? { modern } : {} };
}
async function createEvaluator(source, options = {}) {
  const profile = options.profile ?? "winhttp";
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const module = options.module ?? await quickJSModule();
  if (profile === "node") {
    const { createNodeEvaluator: createNodeEvaluator2 } = await Promise.resolve().then(() => (init_node_profile(), node_profile_exports));
    const created2 = await createNodeEvaluator2({ source, limits, module });
    return created2.ok ? created2 : { ok: false, failure: explainFailure(created2.failure, source, options, profile) };
  }
  const compiled = options.compiled ?? (options.program ? compilePac(source.text, options.program, options.probes) : void 0);
  if (profile === "winhttp" && compiled?.modern) {
    const { modern } = compiled;
    return {
      ok: false,
      failure: {
        kind: "syntax",
        message: `${modern.construct} is ES2015+ syntax; Windows runs PACs with JScript, which rejects it and ignores the whole file`,
        range: modern.range
      }
    };
  }
  const created = await createSandbox({
    profile,
    source,
    limits,
    module,
    ...compiled?.instrumented ? { instrumented: compiled.instrumented } : {},
    ...options.liveResolver ? { liveResolver: options.liveResolver } : {}
  });
  return created.ok ? created : { ok: false, failure: explainFailure(created.failure, source, options, profile) };
}
function explainFailure(failure, source, options, profile) {
  if (!failure.message.includes("too many captures")) return failure;
  const notes = options.compiled?.instrumented?.oversizedRegexes ?? (options.program ? oversizedNotes(findOversizedRegexes(options.program)) : []);
  const regex = notes.find((note) => profile === "node" || !note.rewritten);
  if (!regex) return failure;
  const line = positionAt(source, regex.range[0]).line;
  const use = regex.at === void 0 ? "" : ` (line ${positionAt(source, regex.at).line})`;
  const why = profile === "node" ? "; pac-resolver runs the PAC as written" : regex.why ? `; pac-do keeps its groups because ${regex.why}${use}` : "";
  return {
    ...failure,
    message: `${failure.message}: the regex on line ${line} has ${regex.captures} capture groups, more than QuickJS's ${QUICKJS_MAX_CAPTURES} (Chromium's V8 compiles it)${why}`,
    range: regex.range
  };
}
var init_evaluate = __esm({
  "../../../tmp/sbx/base/src/evaluate/index.ts"() {
    init_source_file();
    init_es5();
    init_regex_captures();
    init_instrument();
    init_quickjs();
    init_sandbox();
    init_types();
    init_environment();
    init_types();
    init_url();
    init_es5();
  }
});

// ../../../tmp/sbx/base/grammar/chevrotain.ts
async function load() {
  try {
    const bundle = new URL("../chevrotain.min.mjs", import.meta.resolve("chevrotain"));
    const api2 = await import(bundle.href);
    if (typeof api2.CstParser === "function") return api2;
  } catch {
  }
  return import("chevrotain");
}
var api, createToken, Lexer, CstParser, EOF, LLkLookaheadStrategy, getLookaheadPaths, generateCstDts, createSyntaxDiagramsCode;
var init_chevrotain = __esm({
  async "../../../tmp/sbx/base/grammar/chevrotain.ts"() {
    api = await load();
    createToken = api.createToken;
    Lexer = api.Lexer;
    CstParser = api.CstParser;
    EOF = api.EOF;
    LLkLookaheadStrategy = api.LLkLookaheadStrategy;
    getLookaheadPaths = api.getLookaheadPaths;
    generateCstDts = api.generateCstDts;
    createSyntaxDiagramsCode = api.createSyntaxDiagramsCode;
  }
});

// ../../../tmp/sbx/base/grammar/offsets.ts
function tokenEnd(token) {
  return (token.endOffset ?? token.startOffset + token.image.length - 1) + 1;
}
var init_offsets = __esm({
  "../../../tmp/sbx/base/grammar/offsets.ts"() {
  }
});

// ../../../tmp/sbx/base/grammar/context.ts
var OPERAND_KEYWORDS, STATEMENT_END_KEYWORDS, CONDITION_KEYWORDS, Open, LexContext, lexContext;
var init_context = __esm({
  "../../../tmp/sbx/base/grammar/context.ts"() {
    init_offsets();
    OPERAND_KEYWORDS = /* @__PURE__ */ new Set(["return", "typeof", "instanceof", "in", "new", "delete", "void", "throw", "case", "do", "else"]);
    STATEMENT_END_KEYWORDS = /* @__PURE__ */ new Set(["break", "continue", "debugger"]);
    CONDITION_KEYWORDS = /* @__PURE__ */ new Set(["if", "while", "for", "with"]);
    Open = { Paren: 0, ConditionParen: 1, Bracket: 2, Block: 3, Object: 4, Template: 5, FunctionExpressionBody: 6 };
    LexContext = class {
      tokens;
      processed = 0;
      stack = [];
      /** What the most recent closing token closed. */
      lastClosed;
      /** After `function`: whether it is a function expression, until its parameter list opens. */
      functionKeyword;
      /** The bracket-stack depth and kind of each function whose parameter list is open. */
      functionParams = [];
      /** Set between a function's `)` and its body's `{`. */
      functionBodyNext;
      /** Whether a `/` at this point starts a regular expression literal. */
      regexAllowed(text, offset, tokens) {
        this.catchUp(text, tokens);
        const last = tokens[tokens.length - 1];
        if (last === void 0) return true;
        switch (last.tokenType.name) {
          case "Identifier":
            if (last.image === "of") return this.stack[this.stack.length - 1] === Open.ConditionParen;
            return OPERAND_KEYWORDS.has(last.image) || STATEMENT_END_KEYWORDS.has(last.image) && text.charCodeAt(offset + 1) !== 61;
          case "NumericLiteral":
          case "StringLiteral":
          case "UnterminatedString":
          case "RegularExpressionLiteral":
          case "UnterminatedRegularExpression":
          case "NoSubstitutionTemplate":
          case "TemplateTail":
          case "RBracket":
          case "Increment":
          case "Decrement":
            return false;
          case "RParen":
            return this.lastClosed === Open.ConditionParen;
          case "RBrace":
            return this.lastClosed !== Open.Object && this.lastClosed !== Open.FunctionExpressionBody;
          default:
            return true;
        }
      }
      /** Whether a `}` at this point closes a `${` of a template literal. */
      inTemplateSubstitution(text, tokens) {
        this.catchUp(text, tokens);
        return this.stack[this.stack.length - 1] === Open.Template;
      }
      /** Forgets the text lexed last (`lexer.ts` calls it after each text), so that its tokens are not kept alive. */
      release() {
        this.tokens = void 0;
        this.processed = 0;
        this.stack = [];
        this.functionParams = [];
      }
      catchUp(text, tokens) {
        if (tokens !== this.tokens || tokens.length < this.processed) {
          this.tokens = tokens;
          this.processed = 0;
          this.stack = [];
          this.lastClosed = void 0;
          this.functionKeyword = void 0;
          this.functionParams = [];
          this.functionBodyNext = void 0;
        }
        for (let i = this.processed; i < tokens.length; i++) {
          const token = tokens[i];
          const name = token.tokenType.name;
          const bodyNext = this.functionBodyNext;
          this.functionBodyNext = void 0;
          switch (name) {
            case "Identifier":
              if (token.image === "function") this.functionKeyword = this.braceOpensObject(text, tokens[i - 1], token) ? "expression" : "declaration";
              break;
            case "LParen": {
              const prev = tokens[i - 1];
              const condition = prev !== void 0 && prev.tokenType.name === "Identifier" && CONDITION_KEYWORDS.has(prev.image);
              if (this.functionKeyword !== void 0) {
                this.functionParams.push({ depth: this.stack.length, kind: this.functionKeyword });
                this.functionKeyword = void 0;
              }
              this.stack.push(condition ? Open.ConditionParen : Open.Paren);
              break;
            }
            case "LBracket":
              this.stack.push(Open.Bracket);
              break;
            case "LBrace":
              if (bodyNext !== void 0) this.stack.push(bodyNext === "expression" ? Open.FunctionExpressionBody : Open.Block);
              else this.stack.push(this.braceOpensObject(text, tokens[i - 1], token) ? Open.Object : Open.Block);
              break;
            case "TemplateHead":
              this.stack.push(Open.Template);
              break;
            case "RParen":
              this.lastClosed = this.stack.pop();
              if (this.functionParams[this.functionParams.length - 1]?.depth === this.stack.length) {
                this.functionBodyNext = this.functionParams.pop()?.kind;
              }
              break;
            case "RBracket":
            case "RBrace":
            case "TemplateTail":
            case "UnterminatedTemplateTail":
              this.lastClosed = this.stack.pop();
              break;
            case "TemplateMiddle":
              break;
          }
        }
        this.processed = tokens.length;
      }
      braceOpensObject(text, prev, brace) {
        if (prev === void 0) return false;
        switch (prev.tokenType.name) {
          case "Identifier":
            if (prev.image === "return") return !/[\n\r\u2028\u2029]/.test(text.slice(tokenEnd(prev), brace.startOffset));
            return OPERAND_KEYWORDS.has(prev.image) && prev.image !== "do" && prev.image !== "else";
          case "RParen":
          case "RBracket":
          case "RBrace":
          case "LBrace":
          case "Semicolon":
          case "Arrow":
          case "NumericLiteral":
          case "StringLiteral":
          case "RegularExpressionLiteral":
          case "NoSubstitutionTemplate":
          case "TemplateTail":
            return false;
          case "Colon": {
            const top = this.stack[this.stack.length - 1];
            return top !== void 0 && top !== Open.Block && top !== Open.FunctionExpressionBody;
          }
          default:
            return true;
        }
      }
    };
    lexContext = new LexContext();
  }
});

// ../../../tmp/sbx/base/grammar/tokens.ts
function matchResult() {
  const result = [""];
  return result;
}
function division(image) {
  const result = matchResult();
  result[0] = image;
  return (text, offset, tokens) => text.startsWith(image, offset) && !lexContext.regexAllowed(text, offset, tokens) ? result : null;
}
function templateContinuation(pattern) {
  return (text, offset, tokens) => {
    if (!lexContext.inTemplateSubstitution(text, tokens)) return null;
    pattern.lastIndex = offset;
    return pattern.exec(text);
  };
}
function isDigit(c) {
  return c >= 48 && c <= 57;
}
function forgetIdentifierImages() {
  identifierImages.fill(void 0);
}
function identifierStartHints() {
  const hints = ["$", "_", "\\"];
  for (let c = 65; c <= 90; c++) hints.push(String.fromCharCode(c), String.fromCharCode(c + 32));
  for (let c = 128; c < 256; c++) hints.push(String.fromCharCode(c));
  for (let c = 256; c < 65536; c += 255) hints.push(String.fromCharCode(c));
  hints.push(String.fromCharCode(65535));
  return hints;
}
function keyword(name, image, categories = []) {
  const type = createToken({ name, pattern: Lexer.NA, categories: [IdentifierName, ...categories], label: `'${image}'` });
  KEYWORDS.set(image, type);
  return type;
}
function punctuator(name, image, categories = []) {
  return createToken({ name, pattern: image, categories, label: `'${image}'` });
}
var LINE_TERMINATOR_CHARS, WHITESPACE, LINE_TERMINATORS, Whitespace, LineTerminator, SkippedAsciiSpace, SkippedWhitespace, SkippedLineTerminator, MultiLineComment, UnterminatedComment, SingleLineComment, HtmlOpenComment, HTML_CLOSE_COMMENT, HtmlCloseComment, REGEX_BODY, UNTERMINATED_REGEX, matchRegex, matchUnterminatedRegex, RegularExpressionLiteral, UnterminatedRegularExpression, TEMPLATE_CHARS, NoSubstitutionTemplate, TemplateHead, UnterminatedTemplate, TEMPLATE_MIDDLE, TEMPLATE_TAIL, TEMPLATE_UNTERMINATED_TAIL, TemplateMiddle, TemplateTail, UnterminatedTemplateTail, STRING_CHARS, stringMatch, matchString, StringLiteral, UnterminatedString, DIGITS, NUMERIC_LITERAL, numberMatch, matchNumber, NumericLiteral, IDENTIFIER, ASCII_IDENTIFIER_PART, identifierImages, identifierMatch, matchIdentifier, IdentifierName, Identifier, KEYWORDS, BinaryOperator, AssignmentOperator, UnaryOperator, UpdateOperator, Break, Case, Catch, Class, Const, Continue, Debugger, Default, Delete, Do, Else, Enum, Export, Extends, False, Finally, For, Function, If, Import, In, Instanceof, Let, New, Null, Return, Super, Switch, This, Throw, True, Try, Typeof, Var, Void, While, With, LBrace, RBrace, LParen, RParen, LBracket, RBracket, Ellipsis, Semicolon, Comma, Arrow, QuestionDot, Question, Colon, Dot, assignment, UnsignedRightShiftAssign, ExponentAssign, LeftShiftAssign, RightShiftAssign, AndAssign, OrAssign, NullishAssign, binary, StrictEquals, StrictNotEquals, UnsignedRightShift, Equals, NotEquals, LessEquals, GreaterEquals, LogicalAnd, LogicalOr, Nullish, Increment, Decrement, LeftShift, RightShift, Exponent, PlusAssign, MinusAssign, MultiplyAssign, DivideAssign, ModuloAssign, BitAndAssign, BitOrAssign, BitXorAssign, Less, Greater, Plus, Minus, Multiply, Divide, Modulo, BitAnd, BitOr, BitXor, Not, BitNot, Assign, restTokens, allTokens, parseTokens, UNTERMINATED;
var init_tokens = __esm({
  async "../../../tmp/sbx/base/grammar/tokens.ts"() {
    await init_chevrotain();
    init_context();
    init_offsets();
    LINE_TERMINATOR_CHARS = "\\n\\r\\u2028\\u2029";
    WHITESPACE = /[\t\v\f \u00a0\ufeff\u1680\u2000-\u200a\u202f\u205f\u3000]+/;
    LINE_TERMINATORS = /[\n\r\u2028\u2029]+/;
    Whitespace = createToken({ name: "Whitespace", pattern: WHITESPACE, group: "whitespace" });
    LineTerminator = createToken({ name: "LineTerminator", pattern: LINE_TERMINATORS, group: "whitespace", line_breaks: true });
    SkippedAsciiSpace = createToken({ name: "Whitespace", pattern: /[\t\n\v\f\r ]+/, group: Lexer.SKIPPED, line_breaks: true });
    SkippedWhitespace = createToken({ name: "Whitespace", pattern: WHITESPACE, group: Lexer.SKIPPED });
    SkippedLineTerminator = createToken({ name: "LineTerminator", pattern: LINE_TERMINATORS, group: Lexer.SKIPPED, line_breaks: true });
    MultiLineComment = createToken({
      name: "MultiLineComment",
      pattern: /\/\*[\s\S]*?\*\//,
      group: "comments",
      line_breaks: true
    });
    UnterminatedComment = createToken({
      name: "UnterminatedComment",
      pattern: /\/\*[\s\S]*/,
      group: "comments",
      line_breaks: true
    });
    SingleLineComment = createToken({
      name: "SingleLineComment",
      pattern: new RegExp(`//[^${LINE_TERMINATOR_CHARS}]*`),
      group: "comments"
    });
    HtmlOpenComment = createToken({
      name: "HtmlOpenComment",
      pattern: new RegExp(`<!--[^${LINE_TERMINATOR_CHARS}]*`),
      group: "comments"
    });
    HTML_CLOSE_COMMENT = new RegExp(`-->[^${LINE_TERMINATOR_CHARS}]*`, "y");
    HtmlCloseComment = createToken({
      name: "HtmlCloseComment",
      pattern: (text, offset, tokens) => {
        const last = tokens[tokens.length - 1];
        if (last !== void 0 && !/[\n\r\u2028\u2029]/.test(text.slice(tokenEnd(last), offset))) return null;
        HTML_CLOSE_COMMENT.lastIndex = offset;
        return HTML_CLOSE_COMMENT.exec(text);
      },
      start_chars_hint: ["-"],
      group: "comments",
      line_breaks: false
    });
    REGEX_BODY = new RegExp(
      `/((?:[^${LINE_TERMINATOR_CHARS}\\\\/[]|\\\\[^${LINE_TERMINATOR_CHARS}]|\\[(?:[^${LINE_TERMINATOR_CHARS}\\]\\\\]|\\\\[^${LINE_TERMINATOR_CHARS}])*\\])+)/([$\\w\\u200c\\u200d\\p{ID_Continue}]*)`,
      "uy"
    );
    UNTERMINATED_REGEX = new RegExp(`/[^${LINE_TERMINATOR_CHARS}]*`, "y");
    matchRegex = (text, offset, tokens) => {
      if (!lexContext.regexAllowed(text, offset, tokens)) return null;
      REGEX_BODY.lastIndex = offset;
      return REGEX_BODY.exec(text);
    };
    matchUnterminatedRegex = (text, offset, tokens) => {
      if (!lexContext.regexAllowed(text, offset, tokens)) return null;
      UNTERMINATED_REGEX.lastIndex = offset;
      return UNTERMINATED_REGEX.exec(text);
    };
    RegularExpressionLiteral = createToken({
      name: "RegularExpressionLiteral",
      pattern: matchRegex,
      start_chars_hint: ["/"],
      line_breaks: false
    });
    UnterminatedRegularExpression = createToken({
      name: "UnterminatedRegularExpression",
      pattern: matchUnterminatedRegex,
      start_chars_hint: ["/"],
      line_breaks: false
    });
    TEMPLATE_CHARS = "(?:[^`\\\\$]|\\\\[\\s\\S]|\\$(?!\\{))*";
    NoSubstitutionTemplate = createToken({
      name: "NoSubstitutionTemplate",
      pattern: new RegExp("`" + TEMPLATE_CHARS + "`"),
      line_breaks: true
    });
    TemplateHead = createToken({
      name: "TemplateHead",
      pattern: new RegExp("`" + TEMPLATE_CHARS + "\\$\\{"),
      line_breaks: true
    });
    UnterminatedTemplate = createToken({
      name: "UnterminatedTemplate",
      pattern: new RegExp("`" + TEMPLATE_CHARS),
      line_breaks: true
    });
    TEMPLATE_MIDDLE = new RegExp("\\}" + TEMPLATE_CHARS + "\\$\\{", "y");
    TEMPLATE_TAIL = new RegExp("\\}" + TEMPLATE_CHARS + "`", "y");
    TEMPLATE_UNTERMINATED_TAIL = new RegExp("\\}" + TEMPLATE_CHARS, "y");
    TemplateMiddle = createToken({
      name: "TemplateMiddle",
      pattern: templateContinuation(TEMPLATE_MIDDLE),
      start_chars_hint: ["}"],
      line_breaks: true
    });
    TemplateTail = createToken({
      name: "TemplateTail",
      pattern: templateContinuation(TEMPLATE_TAIL),
      start_chars_hint: ["}"],
      line_breaks: true
    });
    UnterminatedTemplateTail = createToken({
      name: "UnterminatedTemplateTail",
      pattern: templateContinuation(TEMPLATE_UNTERMINATED_TAIL),
      start_chars_hint: ["}"],
      line_breaks: true
    });
    STRING_CHARS = (quote) => `(?:[^${quote}\\\\\\n\\r]|\\\\(?:\\r\\n|[\\s\\S]))*`;
    stringMatch = matchResult();
    matchString = (text, offset) => {
      const quote = text.charCodeAt(offset);
      if (quote !== 34 && quote !== 39) return null;
      for (let i = offset + 1; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === quote) {
          stringMatch[0] = text.slice(offset, i + 1);
          return stringMatch;
        }
        if (c === 10 || c === 13) return null;
        if (c === 92) i += text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10 ? 2 : 1;
      }
      return null;
    };
    StringLiteral = createToken({
      name: "StringLiteral",
      pattern: matchString,
      start_chars_hint: ['"', "'"],
      line_breaks: true
    });
    UnterminatedString = createToken({
      name: "UnterminatedString",
      pattern: new RegExp(`"${STRING_CHARS('"')}|'${STRING_CHARS("'")}`),
      line_breaks: true
    });
    DIGITS = "\\d(?:_?\\d)*";
    NUMERIC_LITERAL = new RegExp(
      [
        "0[xX][\\da-fA-F](?:_?[\\da-fA-F])*n?",
        "0[oO][0-7](?:_?[0-7])*n?",
        "0[bB][01](?:_?[01])*n?",
        // LegacyOctalIntegerLiteral and NonOctalDecimalIntegerLiteral (Annex B.1.1): `010` is 8 and
        // takes no fraction (`010.a` is a member access); `09.5` is a decimal.
        "0[0-7]+(?!\\d)",
        "0\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?",
        `(?:0|[1-9](?:_?\\d)*)n`,
        `(?:(?:0|[1-9](?:_?\\d)*)(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?`
      ].join("|"),
      "y"
    );
    numberMatch = matchResult();
    matchNumber = (text, offset) => {
      const first2 = text.charCodeAt(offset);
      if (isDigit(first2)) {
        let end = offset + 1;
        if (first2 !== 48) while (isDigit(text.charCodeAt(end))) end++;
        const next = text.charCodeAt(end);
        const lower = next | 32;
        const continues = next === 46 || next === 95 || lower === 101 || next === 110 || isDigit(next) || first2 === 48 && (lower === 120 || lower === 111 || lower === 98);
        if (!continues) {
          numberMatch[0] = text.slice(offset, end);
          return numberMatch;
        }
      }
      NUMERIC_LITERAL.lastIndex = offset;
      return NUMERIC_LITERAL.exec(text);
    };
    NumericLiteral = createToken({
      name: "NumericLiteral",
      pattern: matchNumber,
      start_chars_hint: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "."],
      line_breaks: false
    });
    IDENTIFIER = /(?:[$_\p{ID_Start}]|\\u[\da-fA-F]{4}|\\u\{[\da-fA-F]+\})(?:[$\u200c\u200d\p{ID_Continue}]|\\u[\da-fA-F]{4}|\\u\{[\da-fA-F]+\})*/uy;
    ASCII_IDENTIFIER_PART = new Uint8Array(128);
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      if (/[\w$]/.test(ch)) ASCII_IDENTIFIER_PART[c] = 1;
    }
    identifierImages = new Array(1024).fill(void 0);
    identifierMatch = matchResult();
    matchIdentifier = (text, offset) => {
      let end = offset;
      let c = text.charCodeAt(end);
      if (c < 128 && ASCII_IDENTIFIER_PART[c] === 1 && !(c >= 48 && c <= 57)) {
        let hash = 0;
        do {
          hash = hash * 31 + c | 0;
          c = text.charCodeAt(++end);
        } while (c < 128 && ASCII_IDENTIFIER_PART[c] === 1);
        if (!(c >= 128 || c === 92)) {
          const slot = hash & identifierImages.length - 1;
          let image = identifierImages[slot];
          if (image === void 0 || image.length !== end - offset || !text.startsWith(image, offset)) {
            identifierImages[slot] = image = text.slice(offset, end);
          }
          identifierMatch[0] = image;
          return identifierMatch;
        }
      }
      IDENTIFIER.lastIndex = offset;
      return IDENTIFIER.exec(text);
    };
    IdentifierName = createToken({ name: "IdentifierName", pattern: Lexer.NA });
    Identifier = createToken({
      name: "Identifier",
      pattern: matchIdentifier,
      start_chars_hint: identifierStartHints(),
      categories: [IdentifierName],
      line_breaks: false
    });
    KEYWORDS = /* @__PURE__ */ new Map();
    BinaryOperator = createToken({ name: "BinaryOperator", pattern: Lexer.NA });
    AssignmentOperator = createToken({ name: "AssignmentOperator", pattern: Lexer.NA });
    UnaryOperator = createToken({ name: "UnaryOperator", pattern: Lexer.NA });
    UpdateOperator = createToken({ name: "UpdateOperator", pattern: Lexer.NA });
    Break = keyword("Break", "break");
    Case = keyword("Case", "case");
    Catch = keyword("Catch", "catch");
    Class = keyword("Class", "class");
    Const = keyword("Const", "const");
    Continue = keyword("Continue", "continue");
    Debugger = keyword("Debugger", "debugger");
    Default = keyword("Default", "default");
    Delete = keyword("Delete", "delete", [UnaryOperator]);
    Do = keyword("Do", "do");
    Else = keyword("Else", "else");
    Enum = keyword("Enum", "enum");
    Export = keyword("Export", "export");
    Extends = keyword("Extends", "extends");
    False = keyword("False", "false");
    Finally = keyword("Finally", "finally");
    For = keyword("For", "for");
    Function = keyword("Function", "function");
    If = keyword("If", "if");
    Import = keyword("Import", "import");
    In = keyword("In", "in", [BinaryOperator]);
    Instanceof = keyword("Instanceof", "instanceof", [BinaryOperator]);
    Let = keyword("Let", "let");
    New = keyword("New", "new");
    Null = keyword("Null", "null");
    Return = keyword("Return", "return");
    Super = keyword("Super", "super");
    Switch = keyword("Switch", "switch");
    This = keyword("This", "this");
    Throw = keyword("Throw", "throw");
    True = keyword("True", "true");
    Try = keyword("Try", "try");
    Typeof = keyword("Typeof", "typeof", [UnaryOperator]);
    Var = keyword("Var", "var");
    Void = keyword("Void", "void", [UnaryOperator]);
    While = keyword("While", "while");
    With = keyword("With", "with");
    LBrace = punctuator("LBrace", "{");
    RBrace = punctuator("RBrace", "}");
    LParen = punctuator("LParen", "(");
    RParen = punctuator("RParen", ")");
    LBracket = punctuator("LBracket", "[");
    RBracket = punctuator("RBracket", "]");
    Ellipsis = punctuator("Ellipsis", "...");
    Semicolon = punctuator("Semicolon", ";");
    Comma = punctuator("Comma", ",");
    Arrow = punctuator("Arrow", "=>");
    QuestionDot = createToken({ name: "QuestionDot", pattern: /\?\.(?!\d)/, label: "'?.'" });
    Question = punctuator("Question", "?");
    Colon = punctuator("Colon", ":");
    Dot = punctuator("Dot", ".");
    assignment = (name, image) => punctuator(name, image, [AssignmentOperator]);
    UnsignedRightShiftAssign = assignment("UnsignedRightShiftAssign", ">>>=");
    ExponentAssign = assignment("ExponentAssign", "**=");
    LeftShiftAssign = assignment("LeftShiftAssign", "<<=");
    RightShiftAssign = assignment("RightShiftAssign", ">>=");
    AndAssign = assignment("AndAssign", "&&=");
    OrAssign = assignment("OrAssign", "||=");
    NullishAssign = assignment("NullishAssign", "??=");
    binary = (name, image, extra = []) => punctuator(name, image, [BinaryOperator, ...extra]);
    StrictEquals = binary("StrictEquals", "===");
    StrictNotEquals = binary("StrictNotEquals", "!==");
    UnsignedRightShift = binary("UnsignedRightShift", ">>>");
    Equals = binary("Equals", "==");
    NotEquals = binary("NotEquals", "!=");
    LessEquals = binary("LessEquals", "<=");
    GreaterEquals = binary("GreaterEquals", ">=");
    LogicalAnd = binary("LogicalAnd", "&&");
    LogicalOr = binary("LogicalOr", "||");
    Nullish = binary("Nullish", "??");
    Increment = punctuator("Increment", "++", [UpdateOperator]);
    Decrement = punctuator("Decrement", "--", [UpdateOperator]);
    LeftShift = binary("LeftShift", "<<");
    RightShift = binary("RightShift", ">>");
    Exponent = binary("Exponent", "**");
    PlusAssign = assignment("PlusAssign", "+=");
    MinusAssign = assignment("MinusAssign", "-=");
    MultiplyAssign = assignment("MultiplyAssign", "*=");
    DivideAssign = createToken({
      name: "DivideAssign",
      pattern: division("/="),
      start_chars_hint: ["/"],
      categories: [AssignmentOperator],
      label: "'/='",
      line_breaks: false
    });
    ModuloAssign = assignment("ModuloAssign", "%=");
    BitAndAssign = assignment("BitAndAssign", "&=");
    BitOrAssign = assignment("BitOrAssign", "|=");
    BitXorAssign = assignment("BitXorAssign", "^=");
    Less = binary("Less", "<");
    Greater = binary("Greater", ">");
    Plus = binary("Plus", "+", [UnaryOperator]);
    Minus = binary("Minus", "-", [UnaryOperator]);
    Multiply = binary("Multiply", "*");
    Divide = createToken({
      name: "Divide",
      pattern: division("/"),
      start_chars_hint: ["/"],
      categories: [BinaryOperator],
      label: "'/'",
      line_breaks: false
    });
    Modulo = binary("Modulo", "%");
    BitAnd = binary("BitAnd", "&");
    BitOr = binary("BitOr", "|");
    BitXor = binary("BitXor", "^");
    Not = punctuator("Not", "!", [UnaryOperator]);
    BitNot = punctuator("BitNot", "~", [UnaryOperator]);
    Assign = punctuator("Assign", "=");
    restTokens = [
      MultiLineComment,
      UnterminatedComment,
      SingleLineComment,
      HtmlOpenComment,
      HtmlCloseComment,
      DivideAssign,
      Divide,
      RegularExpressionLiteral,
      UnterminatedRegularExpression,
      NoSubstitutionTemplate,
      TemplateHead,
      UnterminatedTemplate,
      TemplateMiddle,
      TemplateTail,
      UnterminatedTemplateTail,
      StringLiteral,
      UnterminatedString,
      NumericLiteral,
      IdentifierName,
      Identifier,
      ...KEYWORDS.values(),
      BinaryOperator,
      AssignmentOperator,
      UnaryOperator,
      UpdateOperator,
      LBrace,
      RBrace,
      LParen,
      RParen,
      LBracket,
      RBracket,
      Ellipsis,
      Semicolon,
      Comma,
      Arrow,
      QuestionDot,
      UnsignedRightShiftAssign,
      ExponentAssign,
      LeftShiftAssign,
      RightShiftAssign,
      AndAssign,
      OrAssign,
      NullishAssign,
      StrictEquals,
      StrictNotEquals,
      UnsignedRightShift,
      Equals,
      NotEquals,
      LessEquals,
      GreaterEquals,
      LogicalAnd,
      LogicalOr,
      Nullish,
      Question,
      Colon,
      Dot,
      Increment,
      Decrement,
      LeftShift,
      RightShift,
      Exponent,
      PlusAssign,
      MinusAssign,
      MultiplyAssign,
      ModuloAssign,
      BitAndAssign,
      BitOrAssign,
      BitXorAssign,
      Less,
      Greater,
      Plus,
      Minus,
      Multiply,
      Modulo,
      BitAnd,
      BitOr,
      BitXor,
      Not,
      BitNot,
      Assign
    ];
    allTokens = [Whitespace, LineTerminator, ...restTokens];
    parseTokens = [SkippedAsciiSpace, SkippedWhitespace, SkippedLineTerminator, ...restTokens];
    UNTERMINATED = /* @__PURE__ */ new Map([
      [UnterminatedComment, { as: MultiLineComment, message: "unterminated comment" }],
      [UnterminatedRegularExpression, { as: RegularExpressionLiteral, message: "unterminated regular expression" }],
      [UnterminatedTemplate, { as: NoSubstitutionTemplate, message: "unterminated template literal" }],
      [UnterminatedTemplateTail, { as: TemplateTail, message: "unterminated template literal" }],
      [UnterminatedString, { as: StringLiteral, message: "unterminated string literal" }]
    ]);
  }
});

// ../../../tmp/sbx/base/grammar/lexer.ts
function lineBreaksBefore(tokens) {
  return lineBreaks.get(tokens) ?? NO_LINE_BREAKS;
}
function sharedLexer(keepWhitespace) {
  return keepWhitespace ? shared2.keeping ??= createLexer({ keepWhitespace }) : shared2.skipping ??= createLexer();
}
function createLexer(options = {}) {
  return new Lexer(options.keepWhitespace === true ? allTokens : parseTokens, {
    positionTracking: "onlyOffset",
    skipValidations: options.validate !== true,
    ensureOptimizations: options.validate === true,
    errorMessageProvider: {
      buildUnexpectedCharactersMessage: (text, offset) => `unexpected character ${describeChar(text, offset)}`,
      buildUnableToPopLexerModeMessage: () => "internal lexer error"
    }
  });
}
function describeChar(text, offset) {
  const code = text.codePointAt(offset) ?? 0;
  const char = String.fromCodePoint(code);
  return code < 32 || code === 127 || code >= 128 && /\p{C}|\p{Z}/u.test(char) ? `U+${code.toString(16).toUpperCase().padStart(4, "0")}` : `'${char}'`;
}
function isLineTerminator(code) {
  return code === 10 || code === 13 || code === 8232 || code === 8233;
}
function tokenize(text, lexer = sharedLexer(false)) {
  const result = lexer.tokenize(text);
  forgetIdentifierImages();
  lexContext.release();
  const skipped = result.errors.map((e) => ({ offset: e.offset, length: Math.max(1, e.length) }));
  const errors = result.errors.map((e) => ({ offset: e.offset, length: Math.max(1, e.length), message: e.message }));
  const tokens = result.tokens;
  const lineBreakBefore = /* @__PURE__ */ new Set();
  let prevEnd = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const type = token.tokenType;
    if (type === Identifier) {
      const keyword2 = KEYWORDS.get(token.image);
      if (keyword2 !== void 0 && (keyword2 !== Let || letDeclarationAhead(tokens[i + 1]))) retype(token, keyword2);
    } else if (type === NumericLiteral) {
      IDENTIFIER_START_AFTER_NUMBER.lastIndex = tokenEnd(token);
      if (IDENTIFIER_START_AFTER_NUMBER.test(text)) {
        errors.push({ offset: tokenEnd(token), length: 1, message: "identifier directly after number" });
      }
    } else {
      const unterminated = unterminatedByIndex[token.tokenTypeIdx];
      if (unterminated !== void 0) {
        errors.push({ offset: token.startOffset, length: token.image.length, message: unterminated.message });
        retype(token, unterminated.as);
      }
    }
    let newline = false;
    for (let k = prevEnd; k < token.startOffset; k++) {
      if (isLineTerminator(text.charCodeAt(k))) {
        newline = true;
        break;
      }
    }
    if (newline && i > 0) lineBreakBefore.add(token.startOffset);
    prevEnd = tokenEnd(token);
  }
  const comments = result.groups["comments"] ?? [];
  for (const comment of comments) {
    const unterminated = UNTERMINATED.get(comment.tokenType);
    if (unterminated !== void 0) {
      errors.push({ offset: comment.startOffset, length: comment.image.length, message: unterminated.message });
      retype(comment, unterminated.as);
    }
  }
  errors.sort((a, b) => a.offset - b.offset);
  lineBreaks.set(tokens, lineBreakBefore);
  return { tokens, lineBreakBefore, comments, whitespace: result.groups["whitespace"] ?? [], errors, skipped };
}
function letDeclarationAhead(next) {
  if (next === void 0) return false;
  const type = next.tokenType;
  if (type === LBracket || type === LBrace) return true;
  return type === Identifier && (!KEYWORDS.has(next.image) || next.image === "let");
}
function retype(token, type) {
  token.tokenType = type;
  token.tokenTypeIdx = type.tokenTypeIdx;
}
var lineBreaks, NO_LINE_BREAKS, shared2, IDENTIFIER_START_AFTER_NUMBER, unterminatedByIndex;
var init_lexer = __esm({
  async "../../../tmp/sbx/base/grammar/lexer.ts"() {
    await init_chevrotain();
    init_context();
    init_offsets();
    await init_tokens();
    lineBreaks = /* @__PURE__ */ new WeakMap();
    NO_LINE_BREAKS = /* @__PURE__ */ new Set();
    shared2 = {};
    IDENTIFIER_START_AFTER_NUMBER = /[\w$\\\p{ID_Start}]/uy;
    unterminatedByIndex = [];
    for (const [type, entry] of UNTERMINATED) unterminatedByIndex[type.tokenTypeIdx] = entry;
  }
});

// ../../../tmp/sbx/base/grammar/lookahead.ts
function alternativesByTokenType(firsts) {
  const table = [];
  firsts.forEach((types, alternative) => {
    for (const type of types) {
      for (const index of [type.tokenTypeIdx, ...type.categoryMatches ?? []]) {
        const list = table[index] ??= [];
        if (list[list.length - 1] !== alternative) list.push(alternative);
      }
    }
  });
  return table;
}
var GatedTableLookahead;
var init_lookahead = __esm({
  async "../../../tmp/sbx/base/grammar/lookahead.ts"() {
    await init_chevrotain();
    GatedTableLookahead = class extends LLkLookaheadStrategy {
      buildLookaheadForAlternation(options) {
        if (!options.hasPredicates || options.dynamicTokensEnabled) return super.buildLookaheadForAlternation(options);
        const paths = getLookaheadPaths({
          occurrence: options.prodOccurrence,
          rule: options.rule,
          prodType: "Alternation",
          maxLookahead: options.maxLookahead
        });
        if (!paths.every((alternative) => alternative.every((path) => path.length === 1))) return super.buildLookaheadForAlternation(options);
        const candidates2 = alternativesByTokenType(paths.map((alternative) => alternative.flat()));
        return function(orAlts) {
          const list = candidates2[this.LA(1).tokenTypeIdx];
          if (list === void 0) return void 0;
          for (let i = 0; i < list.length; i++) {
            const alternative = list[i];
            const gate = orAlts?.[alternative]?.GATE;
            if (gate === void 0 || gate.call(this) === true) return alternative;
          }
          return void 0;
        };
      }
    };
  }
});

// ../../../tmp/sbx/base/grammar/parser.ts
var LONE_EXPRESSION, SUFFIX, PREFIX, OPERAND, ARGUMENT, POSTFIX, PROPERTY, PROPERTY_VALUE, ARGS_IN, ARGS_NO_IN, MAX_RULE_DEPTH, NestingTooDeep, vocabulary, PacParser;
var init_parser = __esm({
  async "../../../tmp/sbx/base/grammar/parser.ts"() {
    await init_chevrotain();
    await init_lexer();
    await init_lookahead();
    await init_tokens();
    LONE_EXPRESSION = { LABEL: "assignmentExpression" };
    SUFFIX = { LABEL: "suffix" };
    PREFIX = { LABEL: "prefix" };
    OPERAND = { LABEL: "operand" };
    ARGUMENT = { LABEL: "argument" };
    POSTFIX = { LABEL: "postfix" };
    PROPERTY = { LABEL: "propertyDefinition" };
    PROPERTY_VALUE = { LABEL: "propertyValue" };
    ARGS_IN = { ARGS: [false] };
    ARGS_NO_IN = { ARGS: [true] };
    MAX_RULE_DEPTH = 400;
    NestingTooDeep = class extends Error {
      constructor(token) {
        super("the script nests too deeply to parse");
        this.token = token;
        this.name = "NestingTooDeep";
      }
      token;
    };
    vocabulary = allTokens;
    PacParser = class extends CstParser {
      constructor(config = {}) {
        super(vocabulary, { recoveryEnabled: true, maxLookahead: 1, lookaheadStrategy: new GatedTableLookahead({ maxLookahead: 1 }), ...config });
        this.performSelfAnalysis();
      }
      /**
       * A rule with parameters. Chevrotain passes SUBRULE's `ARGS` to the rule at run time, but the
       * `CstParser` typings only declare parameterless rules, hence the casts in this one place.
       */
      ruleWithArgs(name, implementation) {
        const rule = this.RULE(name, implementation);
        return rule;
      }
      /** By label, then occurrence index. */
      statementAlternatives = /* @__PURE__ */ new Map();
      operandAlternatives1;
      suffixAlternatives;
      argumentAlternatives = /* @__PURE__ */ new Map();
      operandAlternatives2;
      operandAlternatives;
      expressionAlternatives1;
      expressionAlternatives2;
      /** Tokens before which a `;` is missing and cannot be inserted (§12.10.1); reset with each input. */
      missingSemicolons = [];
      /** Start offsets of the tokens after a line break, from the lexer (`lineBreaksBefore`). */
      lineBreaks = /* @__PURE__ */ new Set();
      set input(tokens) {
        this.missingSemicolons = [];
        this.lineBreaks = lineBreaksBefore(tokens);
        super.input = tokens;
      }
      get input() {
        return super.input;
      }
      /** Chevrotain's own count of the rules being parsed (not in its typings). */
      get ruleDepth() {
        return this.RULE_STACK_IDX;
      }
      /** Called where rules recurse (statements, assignment expressions, `new`): see `MAX_RULE_DEPTH`. */
      checkDepth() {
        if (this.ruleDepth > MAX_RULE_DEPTH && !this.RECORDING_PHASE) throw new NestingTooDeep(this.LA(1));
      }
      /** Whether a line terminator precedes the k-th token ahead. */
      newlineBefore(k) {
        return this.lineBreaks.has(this.LA(k).startOffset);
      }
      /**
       * No line terminator before the next token: the "[no LineTerminator here]" of a restricted
       * production (§12.10.1), for the hot ones (`return`, postfix `++`/`--`) as a condition around
       * the DSL call rather than a GATE, which Chevrotain wraps in a new closure on every call. It is
       * true while Chevrotain records the grammar, so that the guarded part is recorded.
       */
      sameLine() {
        return this.RECORDING_PHASE || !this.newlineBefore(1);
      }
      /** §12.10.1: a semicolon may be omitted before `}`, at the end of input, or after a line break. */
      semicolonInsertable() {
        const next = this.LA(1).tokenType;
        return next === RBrace || next === EOF || this.newlineBefore(1);
      }
      /** `ident =>` or `( ... ) =>`, with no line break before `=>` (§15.3, ArrowFunction). */
      arrowAhead() {
        const first2 = this.LA(1).tokenType;
        if (first2 === Identifier) return this.LA(2).tokenType === Arrow && !this.newlineBefore(2);
        if (first2 !== LParen) return false;
        let depth = 0;
        for (let k = 1; ; k++) {
          const type = this.LA(k).tokenType;
          if (type === EOF) return false;
          if (type === LParen) depth++;
          else if (type === RParen && --depth === 0) return this.LA(k + 1).tokenType === Arrow && !this.newlineBefore(k + 1);
        }
      }
      /** `get name() {}` / `set name(v) {}` rather than a property or method named get or set (§13.2.5). */
      accessorAhead() {
        const first2 = this.LA(1);
        if (first2.tokenType !== Identifier || first2.image !== "get" && first2.image !== "set") return false;
        const second = this.LA(2).tokenType;
        return second === Identifier || KEYWORDS.has(this.LA(2).image) || second === StringLiteral || second === NumericLiteral || second === LBracket;
      }
      /** In an array, an element may follow `[` or `,` only: `[a b]` is an error, `[a, , b]` has a hole. */
      elementAllowed() {
        const previous = this.LA(0).tokenType;
        return previous === LBracket || previous === Comma;
      }
      expressionStatementAllowed() {
        const first2 = this.LA(1).tokenType;
        return first2 !== LBrace && first2 !== Function;
      }
      ofAhead() {
        const next = this.LA(1);
        return next.tokenType === Identifier && next.image === "of";
      }
      /*
       * The arguments of the DSL calls in the rules that run for every statement and expression are
       * built once, here, instead of on every call: the closures and option objects a rule body
       * creates were the largest share of what the parse allocated besides tokens and the CST.
       */
      statementInList = () => this.statementAt(20, "statement");
      /** `else if`, told from `else` by two tokens of lookahead (a GATE would cost a closure per `if`). */
      elseIf = {
        MAX_LOOKAHEAD: 2,
        DEF: () => {
          this.CONSUME(Else);
          this.CONSUME2(If);
          this.CONSUME2(LParen);
          this.commaExpression(2);
          this.CONSUME2(RParen);
          this.statementAt(21, "consequent");
        }
      };
      elseBranch = () => {
        this.CONSUME2(Else);
        this.statementAt(22, "alternate");
      };
      returnArgument = () => this.commaExpression();
      optionalSemicolon = () => this.CONSUME9(Semicolon);
      /** The `, expression` loop of `commaExpression`, for its occurrences 1 and 2 (indices 52 and 54). */
      moreExpressions = [52, 54].map((idx) => () => {
        this.consume(idx, Comma);
        this.subrule(idx + 1, this.assignmentExpression, ARGS_IN);
      });
      prefixOperator = () => this.OR(this.prefixAlternatives ??= [
        { ALT: () => this.CONSUME(UnaryOperator, PREFIX) },
        { ALT: () => this.CONSUME(UpdateOperator, PREFIX) }
      ]);
      prefixAlternatives;
      suffixStep = () => this.suffix();
      postfixOperator = () => this.CONSUME2(UpdateOperator, POSTFIX);
      /** See §16.1 Script. */
      program = this.RULE("program", () => {
        this.MANY(this.statementInList);
      });
      /**
       * A statement (§14, and §15.2 function declarations, which PAC files use as statements) in the
       * calling rule's CST under `label`: the statement kinds' nodes share the label, so the list keeps
       * source order without a wrapping `statement` node per statement. `idx` tells apart the statement
       * positions within one rule (Chevrotain's occurrence index).
       */
      statementAt(idx, label2) {
        this.checkDepth();
        let byIndex = this.statementAlternatives.get(label2);
        if (byIndex === void 0) this.statementAlternatives.set(label2, byIndex = []);
        let options = byIndex[idx];
        if (options === void 0) {
          const labelled = { LABEL: label2 };
          options = {
            IGNORE_AMBIGUITIES: true,
            DEF: [
              { ALT: () => this.subrule(idx, this.block, labelled) },
              { ALT: () => this.subrule(idx, this.variableStatement, labelled) },
              { ALT: () => this.subrule(idx, this.emptyStatement, labelled) },
              { ALT: () => this.subrule(idx, this.ifStatement, labelled) },
              { ALT: () => this.subrule(idx, this.forStatement, labelled) },
              { ALT: () => this.subrule(idx, this.whileStatement, labelled) },
              { ALT: () => this.subrule(idx, this.doWhileStatement, labelled) },
              { ALT: () => this.subrule(idx, this.continueStatement, labelled) },
              { ALT: () => this.subrule(idx, this.breakStatement, labelled) },
              { ALT: () => this.subrule(idx, this.returnStatement, labelled) },
              { ALT: () => this.subrule(idx, this.withStatement, labelled) },
              { ALT: () => this.subrule(idx, this.switchStatement, labelled) },
              { ALT: () => this.subrule(idx, this.throwStatement, labelled) },
              { ALT: () => this.subrule(idx, this.tryStatement, labelled) },
              { ALT: () => this.subrule(idx, this.debuggerStatement, labelled) },
              { ALT: () => this.subrule(idx, this.functionDeclaration, labelled) },
              { GATE: () => this.LA(2).tokenType === Colon, ALT: () => this.subrule(idx, this.labelledStatement, labelled) },
              // §14.5: an expression statement may not start with `{` or `function`.
              { GATE: () => this.expressionStatementAllowed(), ALT: () => this.subrule(idx, this.expressionStatement, labelled) }
            ]
          };
          byIndex[idx] = options;
        }
        this.or(idx, options);
      }
      /** See §14.2. */
      block = this.RULE("block", () => {
        this.CONSUME(LBrace);
        this.MANY(this.statementInList);
        this.CONSUME(RBrace);
      });
      /** See §14.3 (VariableStatement, LexicalDeclaration). */
      variableStatement = this.RULE("variableStatement", () => {
        this.SUBRULE(this.variableDeclarationList, { ARGS: [false] });
        this.endOfStatement();
      });
      variableDeclarationList = this.ruleWithArgs("variableDeclarationList", (noIn) => {
        this.OR([
          { ALT: () => this.CONSUME(Var) },
          { ALT: () => this.CONSUME(Let) },
          { ALT: () => this.CONSUME(Const) }
        ]);
        this.SUBRULE(this.variableDeclaration, { ARGS: [noIn] });
        this.MANY(() => {
          this.CONSUME(Comma);
          this.SUBRULE2(this.variableDeclaration, { ARGS: [noIn] });
        });
      });
      variableDeclaration = this.ruleWithArgs("variableDeclaration", (noIn) => {
        this.SUBRULE(this.bindingTarget);
        this.OPTION(() => {
          this.CONSUME(Assign);
          this.SUBRULE(this.assignmentExpression, { ARGS: [noIn] });
        });
      });
      /** See §14.4. */
      emptyStatement = this.RULE("emptyStatement", () => {
        this.CONSUME(Semicolon);
      });
      /** See §14.5. */
      expressionStatement = this.RULE("expressionStatement", () => {
        this.commaExpression();
        this.endOfStatement();
      });
      /**
       * See §14.6. An `else if` chain is parsed as a loop, not by recursion, so that the thousand-branch
       * chains of generated PACs do not exhaust the stack; the AST step nests it again. `else` binds
       * to the nearest `if` because OPTION and MANY are greedy.
       */
      ifStatement = this.RULE("ifStatement", () => {
        this.CONSUME(If);
        this.CONSUME(LParen);
        this.commaExpression();
        this.CONSUME(RParen);
        this.statementAt(20, "consequent");
        this.MANY(this.elseIf);
        this.OPTION(this.elseBranch);
      });
      /** See §14.7.4 and §14.7.5: `for (;;)`, `for (x in o)`, `for (x of o)`; the head is parsed with no `in`. */
      forStatement = this.RULE("forStatement", () => {
        this.CONSUME(For);
        this.CONSUME(LParen);
        this.OPTION(
          () => this.OR([
            { ALT: () => this.SUBRULE(this.variableDeclarationList, { ARGS: [true] }) },
            { ALT: () => this.SUBRULE(this.expression, { ARGS: [true], LABEL: "init" }) }
          ])
        );
        this.OR2([
          {
            ALT: () => {
              this.CONSUME(In);
              this.SUBRULE2(this.expression, { ARGS: [false], LABEL: "right" });
            }
          },
          {
            GATE: () => this.ofAhead(),
            ALT: () => {
              this.CONSUME(Identifier, { LABEL: "of" });
              this.SUBRULE(this.assignmentExpression, { ARGS: [false], LABEL: "right" });
            }
          },
          {
            ALT: () => {
              this.CONSUME(Semicolon);
              this.OPTION2(() => this.SUBRULE3(this.expression, { ARGS: [false], LABEL: "test" }));
              this.CONSUME2(Semicolon);
              this.OPTION3(() => this.SUBRULE4(this.expression, { ARGS: [false], LABEL: "update" }));
            }
          }
        ]);
        this.CONSUME(RParen);
        this.statementAt(20, "statement");
      });
      /** See §14.7.3. */
      whileStatement = this.RULE("whileStatement", () => {
        this.CONSUME(While);
        this.CONSUME(LParen);
        this.SUBRULE(this.expression, { ARGS: [false] });
        this.CONSUME(RParen);
        this.statementAt(20, "statement");
      });
      /** See §14.7.2; the `;` after `)` is optional even on the same line (§12.10.1, rule 1). */
      doWhileStatement = this.RULE("doWhileStatement", () => {
        this.CONSUME(Do);
        this.statementAt(20, "statement");
        this.CONSUME(While);
        this.CONSUME(LParen);
        this.SUBRULE(this.expression, { ARGS: [false] });
        this.CONSUME(RParen);
        this.OPTION(() => this.CONSUME(Semicolon));
      });
      /** See §14.8; restricted production: no line break before the label. */
      continueStatement = this.RULE("continueStatement", () => {
        this.CONSUME(Continue);
        this.OPTION({ GATE: () => !this.newlineBefore(1), DEF: () => this.CONSUME(Identifier) });
        this.endOfStatement();
      });
      /** See §14.9; restricted production: no line break before the label. */
      breakStatement = this.RULE("breakStatement", () => {
        this.CONSUME(Break);
        this.OPTION({ GATE: () => !this.newlineBefore(1), DEF: () => this.CONSUME(Identifier) });
        this.endOfStatement();
      });
      /** See §14.10; restricted production: a line break after `return` ends the statement. */
      returnStatement = this.RULE("returnStatement", () => {
        this.CONSUME(Return);
        if (this.sameLine()) this.OPTION(this.returnArgument);
        this.endOfStatement();
      });
      /** See §14.11. */
      withStatement = this.RULE("withStatement", () => {
        this.CONSUME(With);
        this.CONSUME(LParen);
        this.SUBRULE(this.expression, { ARGS: [false] });
        this.CONSUME(RParen);
        this.statementAt(20, "statement");
      });
      /** See §14.12. */
      switchStatement = this.RULE("switchStatement", () => {
        this.CONSUME(Switch);
        this.CONSUME(LParen);
        this.SUBRULE(this.expression, { ARGS: [false] });
        this.CONSUME(RParen);
        this.CONSUME(LBrace);
        this.MANY(() => this.SUBRULE(this.caseClause));
        this.CONSUME(RBrace);
      });
      caseClause = this.RULE("caseClause", () => {
        this.OR([
          {
            ALT: () => {
              this.CONSUME(Case);
              this.SUBRULE(this.expression, { ARGS: [false] });
            }
          },
          { ALT: () => this.CONSUME(Default) }
        ]);
        this.CONSUME(Colon);
        this.MANY(this.statementInList);
      });
      /** See §14.13. */
      labelledStatement = this.RULE("labelledStatement", () => {
        this.CONSUME(Identifier);
        this.CONSUME(Colon);
        this.statementAt(20, "statement");
      });
      /** See §14.14; a line break after `throw` is an error, reported by the AST step. */
      throwStatement = this.RULE("throwStatement", () => {
        this.CONSUME(Throw);
        this.OPTION({ GATE: () => !this.newlineBefore(1), DEF: () => this.SUBRULE(this.expression, { ARGS: [false] }) });
        this.endOfStatement();
      });
      /** See §14.15. */
      tryStatement = this.RULE("tryStatement", () => {
        this.CONSUME(Try);
        this.SUBRULE(this.block);
        this.OR([
          {
            ALT: () => {
              this.SUBRULE(this.catchClause);
              this.OPTION(() => this.SUBRULE(this.finallyClause));
            }
          },
          { ALT: () => this.SUBRULE2(this.finallyClause) }
        ]);
      });
      catchClause = this.RULE("catchClause", () => {
        this.CONSUME(Catch);
        this.OPTION(() => {
          this.CONSUME(LParen);
          this.SUBRULE(this.bindingTarget);
          this.CONSUME(RParen);
        });
        this.SUBRULE(this.block);
      });
      finallyClause = this.RULE("finallyClause", () => {
        this.CONSUME(Finally);
        this.SUBRULE(this.block);
      });
      /** See §14.16. */
      debuggerStatement = this.RULE("debuggerStatement", () => {
        this.CONSUME(Debugger);
        this.endOfStatement();
      });
      /**
       * The end of a statement: `;`, or a semicolon inserted by §12.10.1. Where none may be inserted
       * the token is recorded in `missingSemicolons` rather than failing here: an empty alternative
       * would hide the tokens after a statement from Chevrotain's lookahead computation, which skips
       * empty alternatives. A helper rather than a rule: one CST node less per statement.
       */
      endOfStatement() {
        const semicolon = this.OPTION9(this.optionalSemicolon);
        if (semicolon === void 0 && !this.RECORDING_PHASE && !this.semicolonInsertable()) this.missingSemicolons.push(this.LA(1));
      }
      /**
       * §13.16 Expression written out in the calling rule (its `assignmentExpression` and `Comma`
       * children) instead of an `expression` node: used by `if` conditions and the statements that
       * hold one expression. `occurrence` tells apart two uses in one rule.
       */
      commaExpression(occurrence = 1) {
        const idx = 50 + 2 * occurrence;
        const alternatives = occurrence === 1 ? this.expressionAlternatives1 ??= this.buildExpressionAlternatives(idx) : this.expressionAlternatives2 ??= this.buildExpressionAlternatives(idx);
        this.or(idx, alternatives);
        this.many(idx, this.moreExpressions[occurrence - 1]);
      }
      /**
       * The first expression of `commaExpression`: a lone identifier, string or number that ends the
       * expression (`return "DIRECT";`, `if (isPlain)`) as a bare token labelled like the node it
       * stands for, a call or member chain that is the whole expression (`if (shExpMatch(host, p))`)
       * as a unaryExpression node under the same label, anything else as an assignmentExpression node.
       * The token that follows must be one that cannot continue an expression, even after a line break.
       */
      buildExpressionAlternatives(idx) {
        const gate = () => {
          const next = this.LA(2).tokenType;
          return next === Semicolon || next === RParen || next === RBrace || next === Comma || next === EOF;
        };
        return {
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { GATE: gate, ALT: () => this.consume(idx, Identifier, LONE_EXPRESSION) },
            { GATE: gate, ALT: () => this.consume(idx, StringLiteral, LONE_EXPRESSION) },
            { GATE: gate, ALT: () => this.consume(idx, NumericLiteral, LONE_EXPRESSION) },
            { GATE: () => this.loneCallAhead(), ALT: () => this.subrule(idx, this.unaryExpression, LONE_EXPRESSION) },
            { ALT: () => this.subrule(idx, this.assignmentExpression, { ARGS: [false] }) }
          ]
        };
      }
      /**
       * A name, string or regex followed by `.name`, `[...]` and `(...)` steps only, then a token that
       * ends an expression (`)`, `;`, `}`, `,` or the end): a call or member chain with nothing around
       * it (`shExpMatch(host, p)`, `/^cdn\./.test(host)`).
       */
      loneCallAhead() {
        const head = this.LA(1).tokenType;
        if (head !== Identifier && head !== RegularExpressionLiteral && head !== StringLiteral) return false;
        let k = 2;
        let steps = 0;
        for (; ; ) {
          const type = this.LA(k).tokenType;
          if (type === Dot) {
            const name = this.LA(k + 1);
            if (name.tokenType !== Identifier && KEYWORDS.get(name.image) !== name.tokenType) return false;
            k += 2;
          } else if (type === LParen || type === LBracket) {
            let depth = 0;
            for (; ; k++) {
              const inner = this.LA(k).tokenType;
              if (inner === EOF) return false;
              if (inner === LParen || inner === LBracket || inner === LBrace || inner === TemplateHead) depth++;
              else if ((inner === RParen || inner === RBracket || inner === RBrace || inner === TemplateTail) && --depth === 0) break;
            }
            k++;
          } else {
            return steps > 0 && (type === Semicolon || type === RParen || type === RBrace || type === Comma || type === EOF);
          }
          steps++;
        }
      }
      /**
       * `item (, item)* ,?`: a comma-separated list with an optional trailing comma (ES5 for object
       * literals, ES2017 for parameters and arguments), closed by `closer`.
       */
      commaList(closer, item, next) {
        this.OPTION7(() => {
          item();
          this.MANY7({
            GATE: () => this.LA(2).tokenType !== closer,
            DEF: () => {
              this.CONSUME7(Comma);
              next();
            }
          });
          this.OPTION8(() => this.CONSUME8(Comma));
        });
      }
      /** See §15.2. */
      functionDeclaration = this.RULE("functionDeclaration", () => {
        this.CONSUME(Function);
        this.CONSUME(Identifier);
        this.CONSUME(LParen);
        this.SUBRULE(this.formalParameters);
        this.CONSUME(RParen);
        this.SUBRULE(this.functionBody);
      });
      functionExpression = this.RULE("functionExpression", () => {
        this.CONSUME(Function);
        this.OPTION(() => this.CONSUME(Identifier));
        this.CONSUME(LParen);
        this.SUBRULE(this.formalParameters);
        this.CONSUME(RParen);
        this.SUBRULE(this.functionBody);
      });
      /** See §15.1 (FormalParameters), with ES2015 defaults, rest and patterns. */
      formalParameters = this.RULE("formalParameters", () => {
        this.commaList(
          RParen,
          () => this.SUBRULE(this.bindingElement),
          () => this.SUBRULE2(this.bindingElement)
        );
      });
      functionBody = this.RULE("functionBody", () => {
        this.CONSUME(LBrace);
        this.MANY(this.statementInList);
        this.CONSUME(RBrace);
      });
      /** See §14.3.3: a binding with an optional default, or `...rest`. */
      bindingElement = this.RULE("bindingElement", () => {
        this.OR([
          {
            ALT: () => {
              this.CONSUME(Ellipsis);
              this.SUBRULE(this.bindingTarget);
            }
          },
          {
            ALT: () => {
              this.SUBRULE2(this.bindingTarget);
              this.OPTION(() => {
                this.CONSUME(Assign);
                this.SUBRULE(this.assignmentExpression, { ARGS: [false] });
              });
            }
          }
        ]);
      });
      bindingTarget = this.RULE("bindingTarget", () => {
        this.OR([
          { ALT: () => this.CONSUME(Identifier) },
          { ALT: () => this.SUBRULE(this.objectBindingPattern) },
          { ALT: () => this.SUBRULE(this.arrayBindingPattern) }
        ]);
      });
      objectBindingPattern = this.RULE("objectBindingPattern", () => {
        this.CONSUME(LBrace);
        this.commaList(
          RBrace,
          () => this.SUBRULE(this.bindingProperty),
          () => this.SUBRULE2(this.bindingProperty)
        );
        this.CONSUME(RBrace);
      });
      bindingProperty = this.RULE("bindingProperty", () => {
        this.OR([
          {
            ALT: () => {
              this.CONSUME(Ellipsis);
              this.CONSUME(Identifier);
            }
          },
          {
            ALT: () => {
              this.SUBRULE(this.propertyName);
              this.OPTION(
                () => this.OR2([
                  {
                    ALT: () => {
                      this.CONSUME(Colon);
                      this.SUBRULE(this.bindingElement);
                    }
                  },
                  {
                    ALT: () => {
                      this.CONSUME(Assign);
                      this.SUBRULE(this.assignmentExpression, { ARGS: [false] });
                    }
                  }
                ])
              );
            }
          }
        ]);
      });
      /** Items are commas and elements in source order; a comma that follows `[` or a comma is a hole. */
      arrayBindingPattern = this.RULE("arrayBindingPattern", () => {
        this.CONSUME(LBracket);
        this.MANY(() => this.SUBRULE(this.arrayBindingItem));
        this.CONSUME(RBracket);
      });
      arrayBindingItem = this.RULE("arrayBindingItem", () => {
        this.OR([
          { ALT: () => this.CONSUME(Comma) },
          { GATE: () => this.elementAllowed(), ALT: () => this.SUBRULE(this.bindingElement) }
        ]);
      });
      /** See §13.16 (Comma operator). */
      expression = this.ruleWithArgs("expression", (noIn) => {
        const args = noIn ? ARGS_NO_IN : ARGS_IN;
        this.SUBRULE(this.assignmentExpression, args);
        this.MANY(() => {
          this.CONSUME(Comma);
          this.SUBRULE2(this.assignmentExpression, args);
        });
      });
      /**
       * See §13.15 (assignment), §15.3 (ArrowFunction), §13.14 (conditional) and §13.6 to §13.13
       * (binary operators) in one rule: binary operators are one flat list whose precedence the AST
       * step applies; the conditional and the assignment follow it. One rule instead of one per level
       * keeps the CST small, and allocating CST nodes is most of the parse time.
       */
      assignmentExpression = this.ruleWithArgs("assignmentExpression", (noIn) => {
        this.checkDepth();
        this.OR(
          noIn ? this.assignmentAlternativesNoIn ??= this.buildAssignmentAlternatives(true) : this.assignmentAlternatives ??= this.buildAssignmentAlternatives(false)
        );
      });
      assignmentAlternatives;
      assignmentAlternativesNoIn;
      buildAssignmentAlternatives(noIn) {
        const args = noIn ? ARGS_NO_IN : ARGS_IN;
        const consequent = { ARGS: [false], LABEL: "consequent" };
        const alternate = { ARGS: [noIn], LABEL: "alternate" };
        const right = { ARGS: [noIn], LABEL: "right" };
        const binaryOperations = {
          GATE: () => !noIn || this.LA(1).tokenType !== In,
          DEF: () => {
            this.CONSUME(BinaryOperator);
            this.operand(2);
          }
        };
        const conditional = () => {
          this.CONSUME(Question);
          this.SUBRULE(this.assignmentExpression, consequent);
          this.CONSUME(Colon);
          this.SUBRULE2(this.assignmentExpression, alternate);
        };
        const operators = [{ ALT: () => this.CONSUME(Assign) }, { ALT: () => this.CONSUME(AssignmentOperator) }];
        const assignment2 = () => {
          this.OR2(operators);
          this.SUBRULE3(this.assignmentExpression, right);
        };
        return {
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { GATE: () => this.arrowAhead(), ALT: () => this.SUBRULE(this.arrowFunction, args) },
            {
              ALT: () => {
                this.operand(1);
                this.MANY(binaryOperations);
                this.OPTION(conditional);
                this.OPTION2(assignment2);
              }
            }
          ]
        };
      }
      /**
       * An operand of a binary expression, labelled "operand" in source order: a lone identifier,
       * string or number (most operands in PAC files) as a bare token, anything else as a
       * unaryExpression node. Skipping the node for the common case saves a sixth of the CST.
       */
      operand(occurrence) {
        const alternatives = occurrence === 1 ? this.operandAlternatives1 ??= this.buildOperandAlternatives(1) : this.operandAlternatives2 ??= this.buildOperandAlternatives(2);
        if (occurrence === 1) this.OR3(alternatives);
        else this.OR4(alternatives);
      }
      buildOperandAlternatives(occurrence) {
        const token = (type) => () => occurrence === 1 ? this.CONSUME3(type, OPERAND) : this.CONSUME4(type, OPERAND);
        const gate = () => this.loneOperandAhead();
        return {
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { GATE: gate, ALT: token(Identifier) },
            { GATE: gate, ALT: token(StringLiteral) },
            { GATE: gate, ALT: token(NumericLiteral) },
            {
              ALT: () => occurrence === 1 ? this.SUBRULE(this.unaryExpression, OPERAND) : this.SUBRULE2(this.unaryExpression, OPERAND)
            }
          ]
        };
      }
      /** An identifier, string or number with no member access, call, template or postfix operator after it. */
      loneOperandAhead() {
        const next = this.LA(2).tokenType;
        return !(next === Dot || next === LParen || next === LBracket || next === QuestionDot || next === NoSubstitutionTemplate || next === TemplateHead || next === Arrow || (next === Increment || next === Decrement) && !this.newlineBefore(2));
      }
      arrowFunction = this.ruleWithArgs("arrowFunction", (noIn) => {
        this.OR([
          { ALT: () => this.CONSUME(Identifier) },
          {
            ALT: () => {
              this.CONSUME(LParen);
              this.SUBRULE(this.formalParameters);
              this.CONSUME(RParen);
            }
          }
        ]);
        this.CONSUME(Arrow);
        this.OR2({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { ALT: () => this.SUBRULE(this.functionBody) },
            { ALT: () => this.SUBRULE(this.assignmentExpression, { ARGS: [noIn] }) }
          ]
        });
      });
      /**
       * §13.5 UnaryExpression, §13.4 UpdateExpression and §13.3 LeftHandSideExpression in one rule:
       * prefix operators, an operand, member/call suffixes in source order, a postfix `++`/`--`
       * (restricted production: not after a line break). Plain identifiers, literals and regular
       * expressions are consumed here directly, without a primaryExpression node: they are most
       * operands (`/^cdn\./.test(host)` in PAC files).
       */
      unaryExpression = this.RULE("unaryExpression", () => {
        this.MANY(this.prefixOperator);
        this.OR2(this.operandAlternatives ??= {
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { ALT: () => this.CONSUME(Identifier) },
            { ALT: () => this.CONSUME(StringLiteral) },
            { ALT: () => this.CONSUME(NumericLiteral) },
            { ALT: () => this.CONSUME(RegularExpressionLiteral) },
            { ALT: () => this.SUBRULE(this.newExpression) },
            { ALT: () => this.SUBRULE(this.primaryExpression) }
          ]
        });
        this.MANY2(this.suffixStep);
        if (this.sameLine()) this.OPTION(this.postfixOperator);
      });
      /** `new C(args)`, `new C` and `new new C()()`: the arguments bind to the nearest `new` (§13.3.5). */
      newExpression = this.RULE("newExpression", () => {
        this.checkDepth();
        this.CONSUME(New);
        this.OR([
          { ALT: () => this.SUBRULE(this.newExpression) },
          { ALT: () => this.SUBRULE(this.primaryExpression) }
        ]);
        this.MANY({
          GATE: () => this.LA(1).tokenType !== LParen && this.LA(1).tokenType !== QuestionDot,
          DEF: () => this.suffix()
        });
        this.OPTION(() => this.SUBRULE(this.arguments));
      });
      /**
       * One member access, call, tagged template or optional-chain step after an operand (§13.3).
       * A helper, not a rule: each step's first part is labelled "suffix", so the calling rule's
       * `suffix` list holds the steps in source order (`.` `[` `?.`, a name after `?.`, an arguments
       * or template node), and the names, index expressions and `]` that complete them follow in
       * their own lists, also in order. One CST node less per step.
       */
      suffix() {
        this.OR6(this.suffixAlternatives ??= [
          {
            ALT: () => {
              this.CONSUME6(Dot, SUFFIX);
              this.CONSUME7(IdentifierName);
            }
          },
          {
            ALT: () => {
              this.CONSUME6(LBracket, SUFFIX);
              this.SUBRULE7(this.expression, { ARGS: [false] });
              this.CONSUME7(RBracket);
            }
          },
          { ALT: () => this.callArguments(60) },
          { ALT: () => this.SUBRULE6(this.templateLiteral, SUFFIX) },
          {
            ALT: () => {
              this.CONSUME6(QuestionDot, SUFFIX);
              this.OR7([
                { ALT: () => this.CONSUME8(IdentifierName, SUFFIX) },
                {
                  ALT: () => {
                    this.CONSUME8(LBracket, SUFFIX);
                    this.SUBRULE8(this.expression, { ARGS: [false] });
                    this.CONSUME8(RBracket);
                  }
                },
                { ALT: () => this.callArguments(70) }
              ]);
            }
          }
        ]);
      }
      /**
       * A call's arguments written out in the calling rule (one `arguments` node less per call): the
       * `(` is the call's "suffix" step, the arguments join the rule's "argument" list and the `)` its
       * `RParen` list, both in source order, so the AST step gives each call the arguments that start
       * before its `)`. `idx` to `idx + 3` are the occurrence indices this use takes.
       */
      callArguments(idx) {
        this.consume(idx, LParen, SUFFIX);
        let list = this.argumentLists.get(idx);
        if (list === void 0) this.argumentLists.set(idx, list = this.buildArgumentList(idx));
        this.option(idx, list);
        this.consume(idx, RParen);
      }
      argumentLists = /* @__PURE__ */ new Map();
      buildArgumentList(idx) {
        const more = {
          GATE: () => this.LA(2).tokenType !== RParen,
          DEF: () => {
            this.consume(idx + 1, Comma);
            this.argument(idx + 2);
          }
        };
        const trailingComma = () => this.consume(idx + 2, Comma);
        return () => {
          this.argument(idx + 1);
          this.many(idx, more);
          this.option(idx + 3, trailingComma);
        };
      }
      /**
       * Arguments, labelled "argument" in order: a lone identifier, string or number as a bare token
       * (most arguments in PAC files: `shExpMatch(host, "*.example.com")`), anything else as an
       * assignmentExpression node, after an optional `...` that the AST step pairs by offset.
       */
      arguments = this.RULE("arguments", () => {
        this.CONSUME(LParen);
        this.commaList(
          RParen,
          () => this.argument(31),
          () => this.argument(32)
        );
        this.CONSUME(RParen);
      });
      /** One argument; `idx` tells apart the argument positions within one rule (occurrence index). */
      argument(idx) {
        let alternatives = this.argumentAlternatives.get(idx);
        if (alternatives === void 0) this.argumentAlternatives.set(idx, alternatives = this.buildArgumentAlternatives(idx));
        this.or(idx, alternatives);
      }
      buildArgumentAlternatives(idx) {
        const gate = () => {
          const next = this.LA(2).tokenType;
          return next === Comma || next === RParen;
        };
        return {
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { GATE: gate, ALT: () => this.consume(idx, Identifier, ARGUMENT) },
            { GATE: gate, ALT: () => this.consume(idx, StringLiteral, ARGUMENT) },
            { GATE: gate, ALT: () => this.consume(idx, NumericLiteral, ARGUMENT) },
            {
              ALT: () => {
                this.option(idx, () => this.consume(idx, Ellipsis));
                this.subrule(idx, this.assignmentExpression, { ARGS: [false], LABEL: "argument" });
              }
            }
          ]
        };
      }
      /** See §13.2. */
      primaryExpression = this.RULE("primaryExpression", () => {
        this.OR([
          { ALT: () => this.CONSUME(Identifier) },
          { ALT: () => this.CONSUME(StringLiteral) },
          { ALT: () => this.CONSUME(NumericLiteral) },
          { ALT: () => this.CONSUME(RegularExpressionLiteral) },
          { ALT: () => this.CONSUME(This) },
          { ALT: () => this.CONSUME(True) },
          { ALT: () => this.CONSUME(False) },
          { ALT: () => this.CONSUME(Null) },
          { ALT: () => this.SUBRULE(this.parenthesizedExpression) },
          { ALT: () => this.SUBRULE(this.functionExpression) },
          { ALT: () => this.SUBRULE(this.objectLiteral) },
          { ALT: () => this.SUBRULE(this.arrayLiteral) },
          { ALT: () => this.SUBRULE(this.templateLiteral) }
        ]);
      });
      parenthesizedExpression = this.RULE("parenthesizedExpression", () => {
        this.CONSUME(LParen);
        this.SUBRULE(this.expression, { ARGS: [false] });
        this.CONSUME(RParen);
      });
      /** See §13.2.4, with holes (elisions) and spread. */
      arrayLiteral = this.RULE("arrayLiteral", () => {
        this.CONSUME(LBracket);
        this.MANY(() => this.SUBRULE(this.arrayItem));
        this.CONSUME(RBracket);
      });
      /** A comma or an element, in source order; a comma that follows `[` or a comma is a hole. */
      arrayItem = this.RULE("arrayItem", () => {
        this.OR([
          { ALT: () => this.CONSUME(Comma) },
          {
            GATE: () => this.elementAllowed(),
            ALT: () => {
              this.OPTION(() => this.CONSUME(Ellipsis));
              this.SUBRULE(this.assignmentExpression, { ARGS: [false] });
            }
          }
        ]);
      });
      /** See §13.2.5. */
      objectLiteral = this.RULE("objectLiteral", () => {
        this.CONSUME(LBrace);
        this.commaList(
          RBrace,
          () => this.property(1),
          () => this.property(2)
        );
        this.CONSUME(RBrace);
      });
      propertyAlternatives = [];
      /**
       * A property of an object literal. `name: value` with a string, plain identifier or number on
       * each side, then `,` or `}` (every property of a domain-list PAC, which has tens of thousands)
       * is written out in the object literal: the name as a bare token labelled like the
       * propertyDefinition node it stands for, the value labelled "propertyValue" (the n-th bare name
       * goes with the n-th value). That saves three CST nodes, their children objects and label arrays
       * per property. Anything else is a propertyDefinition node.
       */
      property(occurrence) {
        const idx = 50 + 10 * occurrence;
        this.or(idx, this.propertyAlternatives[occurrence] ??= this.buildPropertyAlternatives(idx));
      }
      buildPropertyAlternatives(idx) {
        const name = [StringLiteral, Identifier, NumericLiteral].map((type) => ({ ALT: () => this.consume(idx, type, PROPERTY) }));
        const value = [StringLiteral, Identifier, NumericLiteral].map((type) => ({ ALT: () => this.consume(idx + 1, type, PROPERTY_VALUE) }));
        return {
          IGNORE_AMBIGUITIES: true,
          DEF: [
            {
              GATE: () => this.simplePropertyAhead(),
              ALT: () => {
                this.or(idx + 1, name);
                this.consume(idx, Colon);
                this.or(idx + 2, value);
              }
            },
            { ALT: () => this.subrule(idx, this.propertyDefinition) }
          ]
        };
      }
      /** A string, plain identifier or number, `:`, another of them, then `,` or `}`. */
      simplePropertyAhead() {
        const name = this.LA(1).tokenType;
        if (name !== StringLiteral && name !== Identifier && name !== NumericLiteral) return false;
        if (this.LA(2).tokenType !== Colon) return false;
        const value = this.LA(3).tokenType;
        if (value !== StringLiteral && value !== Identifier && value !== NumericLiteral) return false;
        const next = this.LA(4).tokenType;
        return next === Comma || next === RBrace;
      }
      /**
       * See §13.2.5 PropertyDefinition. The alternatives are built once (on the first call): object
       * literals of tens of thousands of properties are common in PAC files (domain lists), and
       * alternatives written inline would allocate their arrays, objects and closures per property.
       */
      propertyDefinition = this.RULE("propertyDefinition", () => {
        this.OR(this.propertyDefinitionAlternatives ??= this.buildPropertyDefinitionAlternatives());
      });
      propertyDefinitionAlternatives;
      buildPropertyDefinitionAlternatives() {
        const shorthandDefault = { ARGS: [false], LABEL: "shorthandDefault" };
        const afterName = [
          {
            ALT: () => {
              this.CONSUME(Colon);
              this.SUBRULE2(this.assignmentExpression, ARGS_IN);
            }
          },
          { ALT: () => this.SUBRULE2(this.methodTail) },
          {
            // CoverInitializedName (`{ a = 1 }`), valid only as a destructuring target.
            ALT: () => {
              this.CONSUME(Assign);
              this.SUBRULE3(this.assignmentExpression, shorthandDefault);
            }
          }
        ];
        const valueOrTail = () => this.OR2(afterName);
        return {
          IGNORE_AMBIGUITIES: true,
          DEF: [
            {
              ALT: () => {
                this.CONSUME(Ellipsis);
                this.SUBRULE(this.assignmentExpression, ARGS_IN);
              }
            },
            {
              GATE: () => this.accessorAhead(),
              ALT: () => {
                this.CONSUME(Identifier, { LABEL: "accessor" });
                this.SUBRULE(this.propertyName);
                this.SUBRULE(this.methodTail);
              }
            },
            {
              ALT: () => {
                this.SUBRULE2(this.propertyName);
                this.OPTION(valueOrTail);
              }
            }
          ]
        };
      }
      /** The `(params) { body }` of a method, getter or setter. */
      methodTail = this.RULE("methodTail", () => {
        this.CONSUME(LParen);
        this.SUBRULE(this.formalParameters);
        this.CONSUME(RParen);
        this.SUBRULE(this.functionBody);
      });
      /** See §13.2.6 PropertyName; alternatives built once, as for `propertyDefinition`. */
      propertyName = this.RULE("propertyName", () => {
        this.OR(this.propertyNameAlternatives ??= this.buildPropertyNameAlternatives());
      });
      propertyNameAlternatives;
      buildPropertyNameAlternatives() {
        return [
          { ALT: () => this.CONSUME(IdentifierName) },
          { ALT: () => this.CONSUME(StringLiteral) },
          { ALT: () => this.CONSUME(NumericLiteral) },
          {
            ALT: () => {
              this.CONSUME(LBracket);
              this.SUBRULE(this.assignmentExpression, ARGS_IN);
              this.CONSUME(RBracket);
            }
          }
        ];
      }
      /** See §13.2.8: `` `a${b}c` ``. */
      templateLiteral = this.RULE("templateLiteral", () => {
        this.OR([
          { ALT: () => this.CONSUME(NoSubstitutionTemplate) },
          {
            ALT: () => {
              this.CONSUME(TemplateHead);
              this.SUBRULE(this.expression, { ARGS: [false] });
              this.MANY(() => {
                this.CONSUME(TemplateMiddle);
                this.SUBRULE2(this.expression, { ARGS: [false] });
              });
              this.CONSUME(TemplateTail);
            }
          }
        ]);
      });
    };
  }
});

// ../../../tmp/sbx/base/src/syntax/errors.ts
function isEnd(token) {
  return token.tokenType.name === "EOF";
}
function describeToken(token) {
  if (isEnd(token)) return "end of file";
  const image = token.image.length > 20 ? `${token.image.slice(0, 17)}...` : token.image;
  return `'${image}'`;
}
function label(type) {
  if (type.LABEL !== void 0) return type.LABEL;
  switch (type.name) {
    case "Identifier":
      return "a name";
    case "IdentifierName":
      return "a property name";
    case "TemplateTail":
      return "'}' closing the template substitution";
    default:
      return type.name;
  }
}
function codeFrame(source, range) {
  const start2 = positionAt(source, range[0]);
  let line = lineText(source, start2.line);
  let column = start2.column - 1;
  let width = Math.max(1, Math.min(range[1] - range[0], line.length - column));
  let prefix = "";
  let suffix = "";
  if (line.length > FRAME_WIDTH) {
    const from = Math.max(0, Math.min(column - FRAME_WIDTH / 2, line.length - FRAME_WIDTH));
    const to = from + FRAME_WIDTH;
    prefix = from > 0 ? "..." : "";
    suffix = to < line.length ? "..." : "";
    line = line.slice(from, to);
    column = column - from + prefix.length;
    width = Math.max(1, Math.min(width, line.length + prefix.length - column));
  }
  const gutter = String(start2.line);
  const padding = (prefix + line).slice(0, column).replace(/[^\t]/g, " ");
  return `  ${gutter} | ${prefix}${line}${suffix}
  ${" ".repeat(gutter.length)} | ${padding}${"^".repeat(width)}`;
}
function parseError(source, message, range) {
  return { message, range, start: positionAt(source, range[0]), end: positionAt(source, range[1]), frame: codeFrame(source, range) };
}
var EXPECTED, errorMessages, FRAME_WIDTH;
var init_errors = __esm({
  "../../../tmp/sbx/base/src/syntax/errors.ts"() {
    init_source_file();
    EXPECTED = {
      "ifStatement:LParen": "expected '(' after 'if'",
      "ifStatement:RParen": "expected ')' after the condition of 'if'",
      "whileStatement:LParen": "expected '(' after 'while'",
      "whileStatement:RParen": "expected ')' after the condition of 'while'",
      "doWhileStatement:While": "expected 'while' after the body of 'do'",
      "doWhileStatement:LParen": "expected '(' after 'while'",
      "doWhileStatement:RParen": "expected ')' after the condition of 'do ... while'",
      "forStatement:LParen": "expected '(' after 'for'",
      "forStatement:RParen": "expected ')' after the head of 'for'",
      "forStatement:Semicolon": "expected ';' in the head of 'for'",
      "withStatement:LParen": "expected '(' after 'with'",
      "withStatement:RParen": "expected ')' after the object of 'with'",
      "switchStatement:LParen": "expected '(' after 'switch'",
      "switchStatement:RParen": "expected ')' after the value of 'switch'",
      "switchStatement:LBrace": "expected '{' to open the cases of 'switch'",
      "switchStatement:RBrace": "expected '}' to close 'switch'",
      "caseClause:Colon": "expected ':' after the case",
      "block:RBrace": "expected '}' to close the block",
      "functionBody:LBrace": "expected '{' to open the function body",
      "functionBody:RBrace": "expected '}' to close the function body",
      "functionDeclaration:Identifier": "expected a function name after 'function'",
      "functionDeclaration:LParen": "expected '(' before the parameters",
      "functionDeclaration:RParen": "expected ')' after the parameters",
      "functionExpression:LParen": "expected '(' before the parameters",
      "functionExpression:RParen": "expected ')' after the parameters",
      "methodTail:RParen": "expected ')' after the parameters",
      "arrowFunction:RParen": "expected ')' after the parameters",
      "arguments:RParen": "expected ')' after the arguments",
      "parenthesizedExpression:RParen": "expected ')' to close '('",
      "arrayLiteral:RBracket": "expected ']' to close the array",
      "memberSuffix:RBracket": "expected ']' after the index",
      "memberSuffix:IdentifierName": "expected a property name after '.'",
      "objectLiteral:RBrace": "expected '}' to close the object literal",
      "propertyName:RBracket": "expected ']' after the computed property name",
      "conditionalExpression:Colon": "expected ':' in the conditional expression",
      "catchClause:RParen": "expected ')' after the catch parameter",
      "tryStatement:LBrace": "expected '{' after 'try'",
      "labelledStatement:Colon": "expected ':' after the label",
      "templateLiteral:TemplateTail": "expected '}' to close the template substitution"
    };
    errorMessages = {
      buildMismatchTokenMessage({ expected, actual, ruleName }) {
        const message = EXPECTED[`${ruleName}:${expected.name}`] ?? `expected ${label(expected)}`;
        return isEnd(actual) ? `${message}, found end of file` : message;
      },
      buildNotAllInputParsedMessage({ firstRedundant }) {
        return `unexpected ${describeToken(firstRedundant)}`;
      },
      buildNoViableAltMessage({ actual, ruleName }) {
        const token = actual[0];
        const found = token === void 0 ? "end of file" : describeToken(token);
        if (ruleName === "arrayItem" || ruleName === "arrayBindingItem") return `expected ',' or ']' before ${found}`;
        return `unexpected ${found}`;
      },
      buildEarlyExitMessage({ actual }) {
        const token = actual[0];
        return `unexpected ${token === void 0 ? "end of file" : describeToken(token)}`;
      }
    };
    FRAME_WIDTH = 100;
  }
});

// ../../../tmp/sbx/base/src/syntax/literals.ts
function isLineTerminator2(ch) {
  return ch === "\n" || ch === "\r" || ch === "\u2028" || ch === "\u2029";
}
function decodeEscapes(body, template) {
  if (!body.includes("\\")) return template ? normalizeLineTerminators(body) : body;
  let out = "";
  let i = 0;
  while (i < body.length) {
    const ch = body[i];
    if (ch !== "\\") {
      if (template && ch === "\r") {
        out += "\n";
        i += body[i + 1] === "\n" ? 2 : 1;
      } else {
        out += ch;
        i++;
      }
      continue;
    }
    const start2 = i;
    const next = body[i + 1] ?? "";
    i += 2;
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
    } else if (next === "\r") {
      if (body[i] === "\n") i++;
    } else if (isLineTerminator2(next)) {
    } else if (next === "x") {
      const hex = body.slice(i, i + 2);
      if (!/^[\da-fA-F]{2}$/.test(hex)) throw new LiteralError("invalid hexadecimal escape sequence", start2);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else if (next === "u") {
      const [code, length] = readUnicodeEscape(body, i, start2);
      out += String.fromCodePoint(code);
      i += length;
    } else if (next >= "0" && next <= "7") {
      if (next === "0" && !/[0-9]/.test(body[i] ?? "")) {
        out += "\0";
      } else {
        if (template) throw new LiteralError("octal escape sequences are not allowed in template strings", start2);
        const octal = /^[0-7]{1,3}/.exec(body.slice(i - 1))[0];
        const digits = parseInt(octal, 8) > 255 ? octal.slice(0, 2) : octal;
        out += String.fromCharCode(parseInt(digits, 8));
        i += digits.length - 1;
      }
    } else if (next === "8" || next === "9") {
      if (template) throw new LiteralError("\\8 and \\9 are not allowed in template strings", start2);
      out += next;
    } else {
      out += next;
    }
  }
  return out;
}
function readUnicodeEscape(text, i, start2) {
  if (text[i] === "{") {
    const close = text.indexOf("}", i);
    const hex2 = close === -1 ? "" : text.slice(i + 1, close);
    if (!/^[\da-fA-F]+$/.test(hex2)) throw new LiteralError("invalid Unicode escape sequence", start2);
    const code = parseInt(hex2, 16);
    if (code > 1114111) throw new LiteralError("code point out of bounds", start2);
    return [code, hex2.length + 2];
  }
  const hex = text.slice(i, i + 4);
  if (!/^[\da-fA-F]{4}$/.test(hex)) throw new LiteralError("invalid Unicode escape sequence", start2);
  return [parseInt(hex, 16), 4];
}
function normalizeLineTerminators(raw) {
  return raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
}
function identifierName(image) {
  if (!image.includes("\\")) return image;
  let out = "";
  for (let i = 0; i < image.length; ) {
    if (image[i] === "\\") {
      const [code, length] = readUnicodeEscape(image, i + 2, i);
      const ch = String.fromCodePoint(code);
      const valid = out === "" ? /[$_\p{ID_Start}]/u.test(ch) : /[$\u200c\u200d\p{ID_Continue}]/u.test(ch);
      if (!valid) throw new LiteralError("invalid Unicode escape in identifier", i);
      out += ch;
      i += length + 2;
    } else {
      const ch = String.fromCodePoint(image.codePointAt(i));
      out += ch;
      i += ch.length;
    }
  }
  return out;
}
function numericValue(image) {
  if (image.endsWith("n")) return null;
  const digits = image.includes("_") ? image.replace(/_/g, "") : image;
  if (/^0\d+$/.test(digits) && /^0[0-7]+$/.test(digits)) return parseInt(digits, 8);
  return Number(digits);
}
function regexValue(image) {
  const slash = image.lastIndexOf("/");
  const pattern = image.slice(1, slash);
  const flags = image.slice(slash + 1);
  if (flags !== "" && (!/^[dgimsuvy]*$/.test(flags) || new Set(flags).size !== flags.length)) {
    throw new LiteralError(`invalid regular expression flags '${flags}'`, slash + 1);
  }
  try {
    return { pattern, flags, value: new RegExp(pattern, flags) };
  } catch (e) {
    const reason = e instanceof Error ? e.message.replace(/^Invalid regular expression: /, "") : String(e);
    throw new LiteralError(`invalid regular expression: ${reason}`, 0);
  }
}
var LiteralError, SIMPLE_ESCAPES;
var init_literals = __esm({
  "../../../tmp/sbx/base/src/syntax/literals.ts"() {
    LiteralError = class extends Error {
      constructor(message, offset) {
        super(message);
        this.offset = offset;
      }
      offset;
    };
    SIMPLE_ESCAPES = { n: "\n", t: "	", r: "\r", b: "\b", f: "\f", v: "\v" };
  }
});

// ../../../tmp/sbx/base/src/syntax/to-ast.ts
function first(items) {
  const item = items?.[0];
  if (item === void 0) throw new Error("internal error: malformed CST");
  return item;
}
function nth(items, index) {
  const item = items?.[index];
  if (item === void 0) throw new Error("internal error: malformed CST");
  return item;
}
function start(token) {
  return token.startOffset;
}
function toAst(cst, text) {
  const converter = new Converter(text);
  const program = converter.program(cst, text.length);
  return { program, errors: converter.errors };
}
var PRECEDENCE, Converter, MAX_PREFIX_OPERATORS;
var init_to_ast = __esm({
  "../../../tmp/sbx/base/src/syntax/to-ast.ts"() {
    init_offsets();
    init_literals();
    PRECEDENCE = {
      "??": 1,
      "||": 1,
      "&&": 2,
      "|": 3,
      "^": 4,
      "&": 5,
      "==": 6,
      "!=": 6,
      "===": 6,
      "!==": 6,
      "<": 7,
      ">": 7,
      "<=": 7,
      ">=": 7,
      instanceof: 7,
      in: 7,
      "<<": 8,
      ">>": 8,
      ">>>": 8,
      "+": 9,
      "-": 9,
      "*": 10,
      "/": 10,
      "%": 10,
      "**": 11
    };
    Converter = class {
      constructor(text) {
        this.text = text;
      }
      text;
      errors = [];
      /** The range including parentheses of each parenthesized expression (ESTree ranges exclude them). */
      outer = /* @__PURE__ */ new Map();
      /** `{ a = 1 }` properties that have not (yet) been reinterpreted as destructuring patterns. */
      coverInitialized = /* @__PURE__ */ new Set();
      /** Array literals whose spread element is followed by a comma (invalid as a rest pattern). */
      commaAfterSpread = /* @__PURE__ */ new Set();
      fn;
      top = { labels: [], loopDepth: 0, switchDepth: 0 };
      error(message, range) {
        this.errors.push({ message, range });
      }
      tokenRange(token) {
        return [token.startOffset, tokenEnd(token)];
      }
      outerStart(node) {
        return (this.outer.get(node) ?? node.range)[0];
      }
      outerEnd(node) {
        return (this.outer.get(node) ?? node.range)[1];
      }
      get ctx() {
        return this.fn ?? this.top;
      }
      program(cst, length) {
        const body = this.statements(cst.children.statement);
        for (const property of this.coverInitialized) {
          this.error("shorthand property with '=' is only valid in destructuring patterns", property.range);
        }
        return { type: "Program", body, range: [0, length] };
      }
      statements(list) {
        return list === void 0 ? [] : list.map((s) => this.statement(s));
      }
      /**
       * `context` names the single-statement positions around the statement, as acorn does ("if",
       * "while", "label", "whilelabel", ...): declarations are restricted there (§14.6.1, B.3.3).
       */
      statement(cst, context) {
        switch (cst.name) {
          case "expressionStatement":
            return this.expressionStatement(cst);
          case "ifStatement":
            return this.ifStatement(cst);
          case "returnStatement":
            return this.returnStatement(cst);
          case "variableStatement": {
            const v = cst.children;
            const declaration = this.variableDeclarationList(first(v.variableDeclarationList), false);
            return { ...declaration, range: [declaration.range[0], this.eosEnd(v.Semicolon, declaration.range[1])] };
          }
          case "block":
            return this.block(cst);
          case "functionDeclaration": {
            const declaration = this.functionDeclaration(cst);
            if (context !== void 0 && context !== "if" && context !== "label") {
              this.error("a function declaration is not allowed as the body of a loop, 'with' or nested label", declaration.range);
            }
            return declaration;
          }
          case "emptyStatement":
            return { type: "EmptyStatement", range: this.tokenRange(first(cst.children.Semicolon)) };
          case "forStatement":
            return this.forStatement(cst);
          case "whileStatement": {
            const w = cst.children;
            const test = this.expression(first(w.expression));
            const body = this.loopBody(first(w.statement));
            return { type: "WhileStatement", test, body, range: [start(first(w.While)), body.range[1]] };
          }
          case "doWhileStatement": {
            const d = cst.children;
            const body = this.loopBody(first(d.statement));
            const test = this.expression(first(d.expression));
            const end = tokenEnd(first(d.Semicolon ?? d.RParen));
            return { type: "DoWhileStatement", body, test, range: [start(first(d.Do)), end] };
          }
          case "breakStatement":
          case "continueStatement":
            return this.jump(cst);
          case "switchStatement":
            return this.switchStatement(cst);
          case "throwStatement": {
            const t = cst.children;
            const keyword2 = first(t.Throw);
            if (!t.expression) {
              this.error("expected an expression on the same line after 'throw'", this.tokenRange(keyword2));
              return { type: "ThrowStatement", argument: { type: "Identifier", name: "undefined", range: this.tokenRange(keyword2) }, range: this.tokenRange(keyword2) };
            }
            const argument2 = this.expression(first(t.expression));
            return { type: "ThrowStatement", argument: argument2, range: [start(keyword2), this.eosEnd(t.Semicolon, this.outerEnd(argument2))] };
          }
          case "tryStatement":
            return this.tryStatement(cst);
          case "labelledStatement":
            return this.labelledStatement(cst, context);
          case "withStatement": {
            const w = cst.children;
            const object = this.expression(first(w.expression));
            const body = this.substatement(first(w.statement), "with");
            return { type: "WithStatement", object, body, range: [start(first(w.With)), body.range[1]] };
          }
          case "debuggerStatement": {
            const keyword2 = first(cst.children.Debugger);
            return { type: "DebuggerStatement", range: [start(keyword2), this.eosEnd(cst.children.Semicolon, tokenEnd(keyword2))] };
          }
        }
      }
      /** The end of a statement: after its `;`, or after its last token when the `;` was inserted. */
      eosEnd(semicolons, end) {
        const semicolon = semicolons?.[0];
        return semicolon === void 0 ? end : tokenEnd(semicolon);
      }
      /** A statement in a single-statement position (if/while/for/with/label bodies): no `let`/`const`. */
      substatement(cst, context) {
        const statement = this.statement(cst, context);
        if (statement.type === "VariableDeclaration" && statement.kind !== "var") {
          this.error(`'${statement.kind}' declarations are not allowed in a single-statement context`, statement.range);
        }
        return statement;
      }
      loopBody(cst) {
        this.ctx.loopDepth++;
        try {
          return this.substatement(cst, "loop");
        } finally {
          this.ctx.loopDepth--;
        }
      }
      expressionStatement(cst) {
        const expression = this.expressionList(cst.children.assignmentExpression ?? []);
        const begin = this.outerStart(expression);
        return { type: "ExpressionStatement", expression, range: [begin, this.eosEnd(cst.children.Semicolon, this.outerEnd(expression))] };
      }
      /** An `if` and its `else if` chain, which the grammar reads as a list: nested from the last. */
      ifStatement(cst) {
        const c = cst.children;
        const conditions = c.assignmentExpression ?? [];
        if (c.If.length === 1 && conditions.length === 1) {
          const test = this.expressionItem(conditions[0]);
          const consequent = this.substatement(first(c.consequent), "if");
          const alternate2 = c.alternate ? this.substatement(first(c.alternate), "if") : null;
          return { type: "IfStatement", test, consequent, alternate: alternate2, range: [start(c.If[0]), (alternate2 ?? consequent).range[1]] };
        }
        const parts = [];
        for (const condition of conditions) parts.push(this.expressionItem(condition));
        const tests = [];
        const consequents = [];
        let next = 0;
        for (let i = 0; i < c.If.length; i++) {
          const close = nth(c.RParen, i).startOffset;
          const test = [];
          while (next < parts.length && this.outerStart(parts[next]) < close) test.push(parts[next++]);
          tests.push(this.sequence(test));
          consequents.push(this.substatement(nth(c.consequent, i), "if"));
        }
        let alternate = c.alternate ? this.substatement(first(c.alternate), "if") : null;
        for (let i = c.If.length - 1; i >= 0; i--) {
          const consequent = consequents[i];
          alternate = { type: "IfStatement", test: tests[i], consequent, alternate, range: [start(c.If[i]), (alternate ?? consequent).range[1]] };
        }
        if (alternate?.type !== "IfStatement") throw new Error("internal error: if without branches");
        return alternate;
      }
      returnStatement(cst) {
        const c = cst.children;
        const keyword2 = first(c.Return);
        const argument2 = c.assignmentExpression ? this.expressionList(c.assignmentExpression) : null;
        const range = [start(keyword2), this.eosEnd(c.Semicolon, argument2 ? this.outerEnd(argument2) : tokenEnd(keyword2))];
        if (this.fn === void 0) this.error("'return' outside of a function", range);
        return { type: "ReturnStatement", argument: argument2, range };
      }
      jump(cst) {
        const isBreak = cst.name === "breakStatement";
        const c = cst.children;
        const keyword2 = first("Break" in c ? c.Break : c.Continue);
        const labelToken = c.Identifier?.[0];
        const label2 = labelToken ? this.identifier(labelToken) : null;
        const range = [start(keyword2), this.eosEnd(c.Semicolon, tokenEnd(labelToken ?? keyword2))];
        const ctx = this.ctx;
        if (label2 !== null) {
          const target = ctx.labels.findLast((l) => l.name === label2.name);
          if (target === void 0) this.error(`undefined label '${label2.name}'`, label2.range);
          else if (!isBreak && !target.loop) this.error(`'continue' target '${label2.name}' is not a loop`, range);
        } else if (isBreak ? ctx.loopDepth === 0 && ctx.switchDepth === 0 : ctx.loopDepth === 0) {
          this.error(`'${isBreak ? "break" : "continue"}' outside of a ${isBreak ? "loop or switch" : "loop"}`, range);
        }
        return isBreak ? { type: "BreakStatement", label: label2, range } : { type: "ContinueStatement", label: label2, range };
      }
      switchStatement(cst) {
        const c = cst.children;
        const discriminant = this.expression(first(c.expression));
        this.ctx.switchDepth++;
        let sawDefault = false;
        const cases = (c.caseClause ?? []).map((clause) => {
          const k = clause.children;
          const keyword2 = first(k.Case ?? k.Default);
          if (k.Default) {
            if (sawDefault) this.error("more than one 'default' clause in a switch", this.tokenRange(keyword2));
            sawDefault = true;
          }
          const test = k.expression ? this.expression(first(k.expression)) : null;
          const consequent = this.statements(k.statement);
          const end = consequent.length > 0 ? consequent[consequent.length - 1].range[1] : tokenEnd(first(k.Colon));
          return { type: "SwitchCase", test, consequent, range: [start(keyword2), end] };
        });
        this.ctx.switchDepth--;
        return { type: "SwitchStatement", discriminant, cases, range: [start(first(c.Switch)), tokenEnd(first(c.RBrace))] };
      }
      tryStatement(cst) {
        const c = cst.children;
        const block = this.block(first(c.block));
        let handler = null;
        if (c.catchClause) {
          const k = first(c.catchClause).children;
          const param = k.bindingTarget ? this.bindingTarget(first(k.bindingTarget)) : null;
          const body = this.block(first(k.block));
          handler = { type: "CatchClause", param, body, range: [start(first(k.Catch)), body.range[1]] };
        }
        const finalizer = c.finallyClause ? this.block(first(first(c.finallyClause).children.block)) : null;
        const end = (finalizer ?? handler ?? block).range[1];
        return { type: "TryStatement", block, handler, finalizer, range: [start(first(c.Try)), end] };
      }
      labelledStatement(cst, context) {
        const c = cst.children;
        const label2 = this.identifier(first(c.Identifier));
        const ctx = this.ctx;
        if (ctx.labels.some((l) => l.name === label2.name)) this.error(`label '${label2.name}' is already declared`, label2.range);
        const inner = first(c.statement).name;
        const loop = inner === "forStatement" || inner === "whileStatement" || inner === "doWhileStatement";
        ctx.labels.push({ name: label2.name, loop });
        const body = this.substatement(first(c.statement), context === void 0 ? "label" : context.endsWith("label") ? context : `${context}label`);
        ctx.labels.pop();
        return { type: "LabeledStatement", label: label2, body, range: [label2.range[0], body.range[1]] };
      }
      block(cst) {
        const c = cst.children;
        return { type: "BlockStatement", body: this.statements(c.statement), range: [start(first(c.LBrace)), tokenEnd(first(c.RBrace))] };
      }
      forStatement(cst) {
        const c = cst.children;
        const begin = start(first(c.For));
        let init = null;
        if (c.variableDeclarationList) init = this.variableDeclarationList(first(c.variableDeclarationList), true);
        else if (c.init) init = this.expression(first(c.init));
        if (c.In || c.of) {
          const isOf = c.of !== void 0;
          const rightCst = first(c.right);
          const right = rightCst.name === "expression" ? this.expression(rightCst) : this.assignmentExpression(rightCst);
          const left = this.forInOfLeft(init, isOf);
          const body2 = this.loopBody(first(c.statement));
          const range = [begin, body2.range[1]];
          return isOf ? { type: "ForOfStatement", left, right, body: body2, range } : { type: "ForInStatement", left, right, body: body2, range };
        }
        const test = c.test ? this.expression(first(c.test)) : null;
        const update = c.update ? this.expression(first(c.update)) : null;
        if (init?.type === "VariableDeclaration") this.checkInitializers(init);
        const body = this.loopBody(first(c.statement));
        return { type: "ForStatement", init, test, update, body, range: [begin, body.range[1]] };
      }
      forInOfLeft(init, isOf) {
        const keyword2 = isOf ? "for-of" : "for-in";
        if (init === null) throw new Error("internal error: for-in without a head");
        if (init.type === "VariableDeclaration") {
          const declarator = init.declarations[0];
          if (init.declarations.length !== 1) this.error(`only one variable may be declared in a ${keyword2} loop`, init.range);
          else if (declarator?.init && (isOf || init.kind !== "var" || declarator.id.type !== "Identifier")) {
            this.error(`${keyword2} loop variable declaration may not have an initializer`, declarator.range);
          }
          return init;
        }
        if (isOf && init.type === "Identifier" && init.name === "async" && !this.outer.has(init)) {
          this.error("the left-hand side of a for-of loop may not be 'async'", init.range);
        }
        return this.toPattern(init, "assignment");
      }
      variableDeclarationList(cst, inForHead) {
        const c = cst.children;
        const keyword2 = first(c.Var ?? c.Let ?? c.Const);
        const kind = keyword2.image === "var" ? "var" : keyword2.image === "let" ? "let" : "const";
        const declarations = c.variableDeclaration.map((d) => {
          const id = this.bindingTarget(first(d.children.bindingTarget));
          const init = d.children.assignmentExpression ? this.assignmentExpression(first(d.children.assignmentExpression)) : null;
          return { type: "VariableDeclarator", id, init, range: [id.range[0], init ? this.outerEnd(init) : id.range[1]] };
        });
        const last = declarations[declarations.length - 1];
        const declaration = { type: "VariableDeclaration", kind, declarations, range: [start(keyword2), last.range[1]] };
        if (!inForHead) this.checkInitializers(declaration);
        return declaration;
      }
      checkInitializers(declaration) {
        for (const d of declaration.declarations) {
          if (d.init !== null) continue;
          if (declaration.kind === "const") this.error("missing initializer in const declaration", d.range);
          else if (d.id.type !== "Identifier") this.error("a destructuring declaration needs an initializer", d.range);
        }
      }
      functionDeclaration(cst) {
        const c = cst.children;
        const id = this.identifier(first(c.Identifier));
        const { params, body } = this.functionParts(first(c.formalParameters), first(c.functionBody));
        return { type: "FunctionDeclaration", id, params, body, range: [start(first(c.Function)), body.range[1]] };
      }
      functionParts(params, body) {
        const saved = this.fn;
        this.fn = { labels: [], loopDepth: 0, switchDepth: 0 };
        try {
          return { params: this.formalParameters(params), body: this.block(body) };
        } finally {
          this.fn = saved;
        }
      }
      formalParameters(cst) {
        const elements = cst.children.bindingElement ?? [];
        const trailingComma = (cst.children.Comma?.length ?? 0) >= elements.length;
        return elements.map((element, i) => {
          const pattern = this.bindingElement(element);
          if (pattern.type === "RestElement") {
            if (i !== elements.length - 1) this.error("a rest parameter must be the last parameter", pattern.range);
            else if (trailingComma) this.error("a rest parameter may not have a trailing comma", pattern.range);
          }
          return pattern;
        });
      }
      bindingElement(cst) {
        const c = cst.children;
        const target = this.bindingTarget(first(c.bindingTarget));
        if (c.Ellipsis) return { type: "RestElement", argument: target, range: [start(first(c.Ellipsis)), target.range[1]] };
        if (c.assignmentExpression) {
          const right = this.assignmentExpression(first(c.assignmentExpression));
          return { type: "AssignmentPattern", left: target, right, range: [target.range[0], this.outerEnd(right)] };
        }
        return target;
      }
      bindingTarget(cst) {
        const c = cst.children;
        if (c.Identifier) return this.bindingIdentifier(first(c.Identifier));
        if (c.arrayBindingPattern) {
          const a = first(c.arrayBindingPattern).children;
          const elements = [];
          let expectElement = true;
          let restEnd;
          for (const item of a.arrayBindingItem ?? []) {
            const e = item.children;
            if (e.Comma) {
              if (expectElement) elements.push(null);
              expectElement = true;
              if (restEnd !== void 0) this.error("a rest element must be last in a destructuring pattern", [restEnd, tokenEnd(first(e.Comma))]);
              restEnd = void 0;
              continue;
            }
            const element = this.bindingElement(first(e.bindingElement));
            if (element.type === "RestElement") restEnd = element.range[0];
            elements.push(element);
            expectElement = false;
          }
          return { type: "ArrayPattern", elements, range: [start(first(a.LBracket)), tokenEnd(first(a.RBracket))] };
        }
        const o = first(c.objectBindingPattern).children;
        const list = o.bindingProperty ?? [];
        const properties = list.map((p, i) => {
          const k = p.children;
          if (k.Ellipsis) {
            const argument2 = this.bindingIdentifier(first(k.Identifier));
            if (i !== list.length - 1 || (o.Comma?.length ?? 0) >= list.length) {
              this.error("a rest element must be last in a destructuring pattern", [start(first(k.Ellipsis)), argument2.range[1]]);
            }
            return { type: "RestElement", argument: argument2, range: [start(first(k.Ellipsis)), argument2.range[1]] };
          }
          const { key, computed, begin } = this.propertyName(first(k.propertyName));
          if (k.bindingElement) {
            const value = this.bindingElement(first(k.bindingElement));
            return { type: "Property", key, value, kind: "init", computed, shorthand: false, method: false, range: [begin, value.range[1]] };
          }
          const id = this.shorthandIdentifier(key, computed);
          if (k.assignmentExpression) {
            const right = this.assignmentExpression(first(k.assignmentExpression));
            const value = { type: "AssignmentPattern", left: id, right, range: [begin, this.outerEnd(right)] };
            return { type: "Property", key, value, kind: "init", computed: false, shorthand: true, method: false, range: value.range };
          }
          return { type: "Property", key, value: id, kind: "init", computed: false, shorthand: true, method: false, range: key.range };
        });
        return { type: "ObjectPattern", properties, range: [start(first(o.LBrace)), tokenEnd(first(o.RBrace))] };
      }
      /** The identifier of a shorthand property (`{ a }`): the key must be a plain identifier. */
      shorthandIdentifier(key, computed) {
        if (computed || key.type !== "Identifier" || this.keywordKeys.has(key)) {
          this.error("expected ':' after the property name", key.range);
          return { type: "Identifier", name: "undefined", range: key.range };
        }
        return { type: "Identifier", name: key.name, range: key.range };
      }
      /** Property keys spelled as keywords (`{ if: 1 }`), which cannot be shorthand properties. */
      keywordKeys = /* @__PURE__ */ new WeakSet();
      bindingIdentifier(token) {
        return this.identifier(token);
      }
      identifier(token) {
        let name = token.image;
        if (name.includes("\\")) {
          try {
            name = identifierName(name);
          } catch (e) {
            this.literalError(e, token);
          }
        }
        return { type: "Identifier", name, range: this.tokenRange(token) };
      }
      literalError(e, token) {
        if (!(e instanceof LiteralError)) throw e;
        const offset = token.startOffset + e.offset;
        this.error(e.message, [offset, Math.max(offset + 1, e.offset === 0 ? tokenEnd(token) : offset + 1)]);
      }
      expression(cst) {
        return this.expressionList(cst.children.assignmentExpression);
      }
      /** One expression, or a SequenceExpression of several (§13.16). */
      expressionList(list) {
        if (list.length === 1) return this.expressionItem(list[0]);
        return this.sequence(list.map((e) => this.expressionItem(e)));
      }
      /**
       * An expression of a comma list: an assignmentExpression node, or a lone token or
       * unaryExpression node standing for one.
       */
      expressionItem(cst) {
        return "image" in cst || cst.name === "unaryExpression" ? this.operand(cst) : this.assignmentExpression(cst);
      }
      sequence(expressions) {
        if (expressions.length === 1) return nth(expressions, 0);
        const last = expressions[expressions.length - 1];
        return { type: "SequenceExpression", expressions, range: [this.outerStart(expressions[0]), this.outerEnd(last)] };
      }
      assignmentExpression(cst) {
        const c = cst.children;
        if (c.arrowFunction) return this.arrowFunction(first(c.arrowFunction));
        let left = this.binaryExpression(c.operand ?? [], c.BinaryOperator);
        if (c.consequent) {
          const consequent = this.assignmentExpression(first(c.consequent));
          const alternate = this.assignmentExpression(first(c.alternate));
          left = { type: "ConditionalExpression", test: left, consequent, alternate, range: [this.outerStart(left), this.outerEnd(alternate)] };
        }
        const operatorToken = c.Assign?.[0] ?? c.AssignmentOperator?.[0];
        if (operatorToken === void 0) return left;
        const right = this.assignmentExpression(first(c.right));
        const operator = operatorToken.image;
        let target;
        if (operator === "=") {
          target = this.toPattern(left, "assignment");
        } else {
          if (left.type !== "Identifier" && left.type !== "MemberExpression") this.error("invalid assignment target", this.outerRange(left));
          target = left.type === "Identifier" || left.type === "MemberExpression" ? left : { type: "Identifier", name: "undefined", range: left.range };
        }
        return { type: "AssignmentExpression", operator, left: target, right, range: [this.outerStart(left), this.outerEnd(right)] };
      }
      outerRange(node) {
        return this.outer.get(node) ?? node.range;
      }
      /**
       * Reinterprets an expression as a destructuring target (§13.15.5 AssignmentPattern): the
       * "cover grammar" step for `[a, b] = pair`, `({ a = 1 } = o)` and `for ([k, v] of entries)`.
       */
      toPattern(node, context) {
        const parenthesized = this.outer.has(node);
        switch (node.type) {
          case "Identifier":
          case "MemberExpression":
            return node;
          case "ObjectExpression":
            if (parenthesized) break;
            return {
              type: "ObjectPattern",
              range: node.range,
              properties: node.properties.map((p, i) => {
                if (p.type === "SpreadElement") {
                  if (i !== node.properties.length - 1) this.error("a rest element must be last in a destructuring pattern", p.range);
                  const argument2 = this.toPattern(p.argument, "nested");
                  if (argument2.type !== "Identifier" && argument2.type !== "MemberExpression") this.error("invalid rest element", p.range);
                  return { type: "RestElement", argument: argument2, range: p.range };
                }
                if (p.kind !== "init" || p.method) {
                  this.error("invalid destructuring target", p.range);
                  return p;
                }
                if (this.coverInitialized.delete(p)) return p;
                const value = p.value.type === "AssignmentPattern" ? p.value : this.toPattern(p.value, "nested");
                return { ...p, value };
              })
            };
          case "ArrayExpression":
            if (parenthesized) break;
            return {
              type: "ArrayPattern",
              range: node.range,
              elements: node.elements.map((e, i) => {
                if (e === null) return null;
                if (e.type === "SpreadElement") {
                  if (i !== node.elements.length - 1 || this.commaAfterSpread.has(node)) {
                    this.error("a rest element must be last in a destructuring pattern", e.range);
                  }
                  const argument2 = this.toPattern(e.argument, "nested");
                  return { type: "RestElement", argument: argument2, range: e.range };
                }
                return this.toPattern(e, "nested");
              })
            };
          case "AssignmentExpression":
            if (context === "nested" && node.operator === "=" && !parenthesized) {
              return { type: "AssignmentPattern", left: node.left, right: node.right, range: node.range };
            }
            break;
          default:
            break;
        }
        this.error("invalid assignment target", this.outerRange(node));
        return { type: "Identifier", name: "undefined", range: node.range };
      }
      arrowFunction(cst) {
        const c = cst.children;
        const saved = this.fn;
        this.fn = { labels: [], loopDepth: 0, switchDepth: 0 };
        try {
          const params = c.Identifier ? [this.bindingIdentifier(first(c.Identifier))] : this.formalParameters(first(c.formalParameters));
          const begin = start(first(c.Identifier ?? c.LParen));
          if (c.functionBody) {
            const body2 = this.block(first(c.functionBody));
            return { type: "ArrowFunctionExpression", params, body: body2, expression: false, range: [begin, body2.range[1]] };
          }
          const body = this.assignmentExpression(first(c.assignmentExpression));
          return { type: "ArrowFunctionExpression", params, body, expression: true, range: [begin, this.outerEnd(body)] };
        } finally {
          this.fn = saved;
        }
      }
      /** Applies precedence and associativity to the flat operand/operator list (precedence climbing). */
      binaryExpression(operands, operators) {
        if (operators === void 0) return this.operand(operands[0]);
        const nodes = operands.map((o) => this.operand(o));
        let next = 0;
        let op = 0;
        const climb = (minPrecedence) => {
          let left = nodes[next++];
          while (op < operators.length) {
            const token = operators[op];
            const precedence = PRECEDENCE[token.image];
            if (precedence < minPrecedence) break;
            op++;
            const right = climb(token.image === "**" ? precedence : precedence + 1);
            left = this.binary(token, left, right);
          }
          return left;
        };
        return climb(0);
      }
      binary(token, left, right) {
        const operator = token.image;
        const range = [this.outerStart(left), this.outerEnd(right)];
        if (operator === "**" && left.type === "UnaryExpression" && !this.outer.has(left)) {
          this.error("a unary operator before '**' needs parentheses, as in (-a) ** b", this.outerRange(left));
        }
        if (operator === "||" || operator === "&&" || operator === "??") {
          for (const side of [left, right]) {
            if (side.type === "LogicalExpression" && !this.outer.has(side) && side.operator === "??" !== (operator === "??")) {
              this.error("'??' cannot be mixed with '||' or '&&' without parentheses", range);
            }
          }
          return { type: "LogicalExpression", operator, left, right, range };
        }
        return { type: "BinaryExpression", operator, left, right, range };
      }
      operand(cst) {
        if (!("image" in cst)) return this.unaryExpression(cst);
        const type = cst.tokenType.name;
        if (type === "Identifier") return this.identifier(cst);
        return type === "StringLiteral" ? this.stringLiteral(cst) : this.numericLiteral(cst);
      }
      unaryExpression(cst) {
        const c = cst.children;
        let node;
        if (c.Identifier) node = this.identifier(first(c.Identifier));
        else if (c.StringLiteral) node = this.stringLiteral(first(c.StringLiteral));
        else if (c.NumericLiteral) node = this.numericLiteral(first(c.NumericLiteral));
        else if (c.RegularExpressionLiteral) node = this.regexLiteral(first(c.RegularExpressionLiteral));
        else if (c.primaryExpression) node = this.primaryExpression(first(c.primaryExpression));
        else node = this.newExpression(first(c.newExpression));
        if (c.suffix) {
          const step = first(c.suffix);
          if (c.newExpression && !first(c.newExpression).children.arguments && "image" in step) {
            this.error("an optional chain cannot follow 'new' without arguments", [node.range[0], tokenEnd(step)]);
          }
          node = this.suffixes(node, c, true);
        }
        const postfix = c.postfix?.[0];
        if (postfix !== void 0) {
          node = {
            type: "UpdateExpression",
            operator: postfix.image === "++" ? "++" : "--",
            prefix: false,
            argument: this.updateTarget(node),
            range: [this.outerStart(node), tokenEnd(postfix)]
          };
        }
        const prefixes = c.prefix;
        if (prefixes === void 0) return node;
        if (prefixes.length > MAX_PREFIX_OPERATORS) {
          this.error(`more than ${MAX_PREFIX_OPERATORS} prefix operators in a row`, [start(prefixes[0]), tokenEnd(prefixes[prefixes.length - 1])]);
        }
        for (let i = prefixes.length - 1; i >= 0; i--) {
          const token = prefixes[i];
          const range = [start(token), this.outerEnd(node)];
          if (token.image === "++" || token.image === "--") {
            node = { type: "UpdateExpression", operator: token.image, prefix: true, argument: this.updateTarget(node), range };
          } else {
            node = { type: "UnaryExpression", operator: token.image, prefix: true, argument: node, range };
          }
        }
        return node;
      }
      updateTarget(node) {
        if (node.type !== "Identifier" && node.type !== "MemberExpression") this.error("invalid update target", this.outerRange(node));
        return node;
      }
      /**
       * Applies the member, call, template and optional-chain steps of `c.suffix` in order; the names,
       * index expressions and `]` that complete `.` and `[` steps, and the arguments and `)` of calls,
       * come from their own ordered lists.
       */
      suffixes(head, c, allowCalls) {
        let node = head;
        let optionalChain = false;
        let optional = false;
        let names = 0;
        let indexes = 0;
        let calls = 0;
        const begin = this.outerStart(head);
        const args = c.argument ? this.argumentList(c.argument, c.Ellipsis) : [];
        const oneCall = c.RParen?.length === 1;
        let nextArgument = 0;
        const parts = c.suffix ?? [];
        for (let i = 0; i < parts.length; i++) {
          const part = parts[i];
          if (!("image" in part)) {
            if (optionalChain) this.error("tagged template in an optional chain", this.cstRange(part));
            const quasi = this.templateLiteral(part, true);
            node = { type: "TaggedTemplateExpression", tag: node, quasi, range: [begin, quasi.range[1]] };
          } else if (part.tokenType.name === "LParen") {
            const close = nth(c.RParen, calls++);
            let callArguments = args;
            if (!oneCall) {
              const from = nextArgument;
              while (nextArgument < args.length && this.outerStart(args[nextArgument]) < close.startOffset) nextArgument++;
              callArguments = args.slice(from, nextArgument);
            }
            node = { type: "CallExpression", callee: node, arguments: callArguments, optional, range: [begin, tokenEnd(close)] };
          } else if (part.tokenType.name === "QuestionDot") {
            optionalChain = true;
            optional = true;
            continue;
          } else if (part.tokenType.name === "LBracket") {
            const property = this.expression(nth(c.expression, indexes));
            const end = tokenEnd(nth(c.RBracket, indexes));
            indexes++;
            node = { type: "MemberExpression", object: node, property, computed: true, optional, range: [begin, end] };
          } else {
            const name = part.tokenType.name === "Dot" ? nth(c.IdentifierName, names++) : part;
            const property = this.identifier(name);
            node = { type: "MemberExpression", object: node, property, computed: false, optional, range: [begin, tokenEnd(name)] };
          }
          optional = false;
        }
        if (optionalChain) {
          if (!allowCalls) this.error("optional chain in a 'new' expression", node.range);
          if (node.type === "CallExpression" || node.type === "MemberExpression") {
            return { type: "ChainExpression", expression: node, range: node.range };
          }
        }
        return node;
      }
      cstRange(cst) {
        const c = cst.children;
        const open = first(c.NoSubstitutionTemplate ?? c.TemplateHead);
        return [start(open), tokenEnd(first(c.NoSubstitutionTemplate ?? c.TemplateTail))];
      }
      newExpression(cst) {
        const c = cst.children;
        const keyword2 = first(c.New);
        const head = c.newExpression ? this.newExpression(first(c.newExpression)) : this.primaryExpression(first(c.primaryExpression));
        const callee = c.suffix ? this.suffixes(head, c, false) : head;
        if (c.arguments) {
          const { args, end } = this.arguments(first(c.arguments));
          return { type: "NewExpression", callee, arguments: args, range: [start(keyword2), end] };
        }
        return { type: "NewExpression", callee, arguments: [], range: [start(keyword2), this.outerEnd(callee)] };
      }
      arguments(cst) {
        const c = cst.children;
        return { args: c.argument ? this.argumentList(c.argument, c.Ellipsis) : [], end: tokenEnd(first(c.RParen)) };
      }
      /** Arguments in source order, each `...` paired with the argument it precedes. */
      argumentList(items, ellipses) {
        const list = [];
        let e = 0;
        for (const a of items) {
          const expression = "image" in a ? this.operand(a) : this.assignmentExpression(a);
          const ellipsis = ellipses?.[e];
          if (ellipsis === void 0 || ellipsis.startOffset > this.outerStart(expression)) {
            list.push(expression);
          } else {
            e++;
            list.push({ type: "SpreadElement", argument: expression, range: [start(ellipsis), this.outerEnd(expression)] });
          }
        }
        return list;
      }
      primaryExpression(cst) {
        const c = cst.children;
        if (c.Identifier) return this.identifier(first(c.Identifier));
        if (c.StringLiteral) return this.stringLiteral(first(c.StringLiteral));
        if (c.NumericLiteral) return this.numericLiteral(first(c.NumericLiteral));
        if (c.parenthesizedExpression) {
          const p = first(c.parenthesizedExpression).children;
          const inner = this.expression(first(p.expression));
          this.outer.set(inner, [start(first(p.LParen)), tokenEnd(first(p.RParen))]);
          return inner;
        }
        if (c.True || c.False) {
          const token = first(c.True ?? c.False);
          return { type: "Literal", value: token.image === "true", raw: token.image, range: this.tokenRange(token) };
        }
        if (c.Null) return { type: "Literal", value: null, raw: "null", range: this.tokenRange(first(c.Null)) };
        if (c.This) return { type: "ThisExpression", range: this.tokenRange(first(c.This)) };
        if (c.RegularExpressionLiteral) return this.regexLiteral(first(c.RegularExpressionLiteral));
        if (c.functionExpression) {
          const f = first(c.functionExpression).children;
          const id = f.Identifier ? this.identifier(first(f.Identifier)) : null;
          const { params, body } = this.functionParts(first(f.formalParameters), first(f.functionBody));
          return { type: "FunctionExpression", id, params, body, range: [start(first(f.Function)), body.range[1]] };
        }
        if (c.objectLiteral) return this.objectLiteral(first(c.objectLiteral));
        if (c.arrayLiteral) return this.arrayLiteral(first(c.arrayLiteral));
        return this.templateLiteral(first(c.templateLiteral), false);
      }
      numericLiteral(token) {
        return { type: "Literal", value: numericValue(token.image), raw: token.image, range: this.tokenRange(token) };
      }
      stringLiteral(token) {
        let value = "";
        try {
          value = decodeEscapes(token.image.slice(1, -1), false);
        } catch (e) {
          if (e instanceof LiteralError) this.literalError(new LiteralError(e.message, e.offset + 1), token);
          else throw e;
        }
        return { type: "Literal", value, raw: token.image, range: this.tokenRange(token) };
      }
      regexLiteral(token) {
        try {
          const { pattern, flags, value } = regexValue(token.image);
          return { type: "Literal", value, raw: token.image, regex: { pattern, flags }, range: this.tokenRange(token) };
        } catch (e) {
          this.literalError(e, token);
          return { type: "Literal", value: null, raw: token.image, range: this.tokenRange(token) };
        }
      }
      arrayLiteral(cst) {
        const c = cst.children;
        const elements = [];
        let expectElement = true;
        let commaAfterSpread = false;
        for (const item of c.arrayItem ?? []) {
          const e = item.children;
          if (e.Comma) {
            if (expectElement) elements.push(null);
            else if (elements[elements.length - 1]?.type === "SpreadElement") commaAfterSpread = true;
            expectElement = true;
            continue;
          }
          const expression = this.assignmentExpression(first(e.assignmentExpression));
          const ellipsis = e.Ellipsis?.[0];
          elements.push(ellipsis ? { type: "SpreadElement", argument: expression, range: [start(ellipsis), this.outerEnd(expression)] } : expression);
          expectElement = false;
          commaAfterSpread = false;
        }
        const node = { type: "ArrayExpression", elements, range: [start(first(c.LBracket)), tokenEnd(first(c.RBracket))] };
        if (commaAfterSpread && elements[elements.length - 1]?.type === "SpreadElement") this.commaAfterSpread.add(node);
        return node;
      }
      objectLiteral(cst) {
        const c = cst.children;
        const values = c.propertyValue ?? [];
        let simple = 0;
        const properties = (c.propertyDefinition ?? []).map((p) => "image" in p ? this.simpleProperty(p, nth(values, simple++)) : this.propertyDefinition(p));
        return { type: "ObjectExpression", properties, range: [start(first(c.LBrace)), tokenEnd(first(c.RBrace))] };
      }
      propertyDefinition(cst) {
        const c = cst.children;
        if (c.Ellipsis) {
          const argument2 = this.assignmentExpression(first(c.assignmentExpression));
          return { type: "SpreadElement", argument: argument2, range: [start(first(c.Ellipsis)), this.outerEnd(argument2)] };
        }
        const { key, computed, begin: keyStart } = this.propertyName(first(c.propertyName));
        const accessor = c.accessor?.[0];
        const begin = accessor ? start(accessor) : keyStart;
        if (c.methodTail) {
          const m = first(c.methodTail).children;
          const { params, body } = this.functionParts(first(m.formalParameters), first(m.functionBody));
          const value = { type: "FunctionExpression", id: null, params, body, range: [start(first(m.LParen)), body.range[1]] };
          const kind = accessor === void 0 ? "init" : accessor.image === "get" ? "get" : "set";
          if (kind === "get" && params.length !== 0) this.error("a getter takes no parameters", value.range);
          if (kind === "set" && (params.length !== 1 || params[0]?.type === "RestElement")) this.error("a setter takes exactly one parameter", value.range);
          return { type: "Property", key, value, kind, computed, shorthand: false, method: kind === "init", range: [begin, body.range[1]] };
        }
        if (c.Colon) {
          const value = this.assignmentExpression(first(c.assignmentExpression));
          return { type: "Property", key, value, kind: "init", computed, shorthand: false, method: false, range: [begin, this.outerEnd(value)] };
        }
        const id = this.shorthandIdentifier(key, computed);
        if (c.shorthandDefault) {
          const right = this.assignmentExpression(first(c.shorthandDefault));
          const value = { type: "AssignmentPattern", left: id, right, range: [begin, this.outerEnd(right)] };
          const property = { type: "Property", key, value, kind: "init", computed: false, shorthand: true, method: false, range: value.range };
          this.coverInitialized.add(property);
          return property;
        }
        return { type: "Property", key, value: id, kind: "init", computed: false, shorthand: true, method: false, range: key.range };
      }
      /** `name: value` written out as two tokens in the object literal (see `property()` in grammar/parser.ts). */
      simpleProperty(name, value) {
        const type = name.tokenType.name;
        const key = type === "Identifier" ? this.identifier(name) : type === "StringLiteral" ? this.stringLiteral(name) : this.numericLiteral(name);
        return { type: "Property", key, value: this.operand(value), kind: "init", computed: false, shorthand: false, method: false, range: [key.range[0], tokenEnd(value)] };
      }
      propertyName(cst) {
        const c = cst.children;
        if (c.IdentifierName) {
          const token = first(c.IdentifierName);
          const key = this.identifier(token);
          if (token.tokenType.name !== "Identifier") this.keywordKeys.add(key);
          return { key, computed: false, begin: key.range[0] };
        }
        if (c.StringLiteral) {
          const key = this.stringLiteral(first(c.StringLiteral));
          return { key, computed: false, begin: key.range[0] };
        }
        if (c.NumericLiteral) {
          const token = first(c.NumericLiteral);
          return { key: { type: "Literal", value: numericValue(token.image), raw: token.image, range: this.tokenRange(token) }, computed: false, begin: token.startOffset };
        }
        return { key: this.assignmentExpression(first(c.assignmentExpression)), computed: true, begin: start(first(c.LBracket)) };
      }
      templateLiteral(cst, tagged) {
        const c = cst.children;
        const parts = c.NoSubstitutionTemplate ?? [first(c.TemplateHead), ...c.TemplateMiddle ?? [], first(c.TemplateTail)];
        const expressions = (c.expression ?? []).map((e) => this.expression(e));
        const quasis = parts.map((token, i) => {
          const tail = i === parts.length - 1;
          const begin = token.startOffset + 1;
          const end = tokenEnd(token) - (tail ? 1 : 2);
          const body = this.text.slice(begin, end);
          let cooked = null;
          try {
            cooked = decodeEscapes(body, true);
          } catch (e) {
            if (!(e instanceof LiteralError)) throw e;
            if (!tagged) this.literalError(new LiteralError(e.message, e.offset + 1), token);
          }
          return { type: "TemplateElement", value: { raw: normalizeLineTerminators(body), cooked }, tail, range: [begin, end] };
        });
        return { type: "TemplateLiteral", quasis, expressions, range: [start(first(parts)), tokenEnd(parts[parts.length - 1])] };
      }
    };
    MAX_PREFIX_OPERATORS = 100;
  }
});

// ../../../tmp/sbx/base/src/syntax/parse.ts
var parse_exports = {};
__export(parse_exports, {
  allTokens: () => allTokens2,
  parse: () => parse
});
function parser(recovering) {
  if (recovering) return parsers.recovering ??= new PacParser({ recoveryEnabled: true, skipValidations: true, errorMessageProvider: errorMessages });
  return parsers.plain ??= new PacParser({ recoveryEnabled: false, skipValidations: true, errorMessageProvider: errorMessages });
}
function run(p, tokens) {
  p.input = tokens;
  try {
    return { cst: p.program(), errors: p.errors, missingSemicolons: p.missingSemicolons };
  } finally {
    p.input = [];
  }
}
function toToken(token) {
  return { type: token.tokenType.name, value: token.image, range: [token.startOffset, tokenEnd(token)] };
}
function toComment(token) {
  const image = token.image;
  const range = [token.startOffset, tokenEnd(token)];
  if (token.tokenType.name === "MultiLineComment") {
    const closed = image.length >= 4 && image.endsWith("*/");
    return { type: "Block", value: image.slice(2, closed ? -2 : void 0), range };
  }
  return { type: "Line", value: image.slice(LINE_COMMENT_OPENER[token.tokenType.name] ?? 2), range };
}
function independent(errors) {
  errors.sort((a, b) => a.range[0] - b.range[0]);
  const kept = [];
  for (const error of errors) {
    const last = kept[kept.length - 1];
    if (last === void 0 || error.start.line > last.start.line) kept.push(error);
  }
  return kept;
}
function followsLexicalError(tokens, lexErrors, offset) {
  if (Number.isNaN(offset)) return lexErrors.length > 0;
  const previous = lexErrors.findLast((e) => e.offset < offset);
  if (previous === void 0) return false;
  let between = 0;
  for (let i = upperBound(tokens, previous.offset); i < tokens.length && tokens[i].startOffset < offset; i++) {
    if (++between > 2) return false;
  }
  return true;
}
function upperBound(tokens, offset) {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (tokens[mid].startOffset <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function parse(source, options = {}) {
  const file = typeof source === "string" ? createSourceFile(source) : source;
  const text = file.text;
  const lexed = tokenize(text);
  let result;
  try {
    result = run(parser(false), lexed.tokens);
    if ((result.errors.length > 0 || result.missingSemicolons.length > 0) && options.recover !== false) {
      result = run(parser(true), lexed.tokens);
    }
  } catch (e) {
    if (!(e instanceof NestingTooDeep) && !(e instanceof RangeError)) throw e;
    const at = e instanceof NestingTooDeep && !Number.isNaN(e.token.startOffset) ? e.token : void 0;
    const range = at ? [at.startOffset, tokenEnd(at)] : [0, 0];
    return { ok: false, source: file, errors: [parseError(file, `the script nests too deeply to parse (more than ${MAX_RULE_DEPTH} levels of the grammar)`, range)], tokens: [], comments: [] };
  }
  let memoTokens;
  let memoComments;
  const tokens = () => memoTokens ??= lexed.tokens.map(toToken);
  const comments = () => memoComments ??= lexed.comments.map(toComment);
  const errors = lexed.errors.map((e) => parseError(file, e.message, [e.offset, Math.min(text.length, e.offset + e.length)]));
  const syntaxErrors = [
    ...result.errors.map((e) => ({ token: e.token, message: e.message })),
    ...result.missingSemicolons.map((token) => ({ token, message: `expected ';' or a line break before ${describeToken(token)}` }))
  ];
  for (const { token, message } of syntaxErrors) {
    if (followsLexicalError(lexed.tokens, lexed.errors, token.startOffset)) continue;
    const atEnd = Number.isNaN(token.startOffset) || token.tokenType.name === "EOF";
    const last = lexed.tokens[lexed.tokens.length - 1];
    const end = last === void 0 ? 0 : tokenEnd(last);
    errors.push(parseError(file, message, atEnd ? [end, end] : [token.startOffset, tokenEnd(token)]));
  }
  if (errors.length === 0) {
    let ast;
    try {
      ast = toAst(result.cst, text);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      return { ok: false, source: file, errors: [parseError(file, "the script nests too deeply to parse", [0, 0])], tokens: [], comments: [] };
    }
    if (ast.errors.length === 0) {
      return {
        ok: true,
        source: file,
        program: ast.program,
        get tokens() {
          return tokens();
        },
        get comments() {
          return comments();
        }
      };
    }
    for (const e of ast.errors) errors.push(parseError(file, e.message, e.range));
  }
  return {
    ok: false,
    source: file,
    errors: independent(errors),
    get tokens() {
      return tokens();
    },
    get comments() {
      return comments();
    }
  };
}
function allTokens2(text) {
  const lexed = tokenize(text, sharedLexer(true));
  const all = [...lexed.tokens, ...lexed.comments, ...lexed.whitespace].map(toToken);
  for (const { offset, length } of lexed.skipped) {
    all.push({ type: "Invalid", value: text.slice(offset, offset + length), range: [offset, offset + length] });
  }
  return all.sort((a, b) => a.range[0] - b.range[0]);
}
var parsers, LINE_COMMENT_OPENER;
var init_parse = __esm({
  async "../../../tmp/sbx/base/src/syntax/parse.ts"() {
    await init_lexer();
    init_offsets();
    await init_parser();
    init_source_file();
    init_errors();
    init_to_ast();
    parsers = {};
    LINE_COMMENT_OPENER = { SingleLineComment: 2, HtmlOpenComment: 4, HtmlCloseComment: 3 };
  }
});

// ../../../tmp/sbx/base/src/analyze/clock.ts
function readingKey(reading) {
  return `${reading.now}@${reading.timeZone}`;
}
async function clockKeys(tests, readings, profile, limits) {
  const created = await createEvaluator(createSourceFile(askingScript(tests)), { profile, ...limits === void 0 ? {} : { limits } });
  if (!created.ok) return void 0;
  using evaluator = created.evaluator;
  const distinct = [...new Map(readings.map((r) => [readingKey(r), r])).values()];
  const evaluations = await evaluator.evaluateMany(
    distinct.map(({ now, timeZone }) => ({
      request: { url: "http://clock.invalid/", entryPoint: "FindProxyForURL" },
      env: { clientIps: ["198.51.100.20"], dns: /* @__PURE__ */ new Map(), liveDns: false, now, timeZone }
    }))
  );
  const ids = /* @__PURE__ */ new Map();
  const intern = (text) => {
    let id = ids.get(text);
    if (id === void 0) ids.set(text, id = `k${ids.size}`);
    return id;
  };
  const keys = /* @__PURE__ */ new Map();
  for (const [i, evaluation] of evaluations.entries()) {
    const reading = distinct[i];
    const answer = evaluation.result;
    if (reading === void 0 || answer === null || evaluation.failure) return void 0;
    const bar = answer.indexOf("|");
    const clockLength = Number(answer.slice(0, bar));
    const clock = answer.slice(bar + 1, bar + 1 + clockLength);
    keys.set(readingKey(reading), { clock: intern(`c${clock}`), day: intern(`d${answer.slice(bar + 1 + clockLength)}`) });
  }
  return keys;
}
function askingScript(tests) {
  const ask = (test) => {
    const args = [...test.args, ...test.gmt ? ["GMT"] : []].map((a) => typeof a === "number" ? String(a) : JSON.stringify(a));
    return `answer(function () { return ${test.helper}(${args.join(", ")}); })`;
  };
  const clock = tests.filter((t) => t.helper === "timeRange").map(ask);
  const day = tests.filter((t) => t.helper !== "timeRange").map(ask);
  return [
    "function answer(f) {",
    "  var text;",
    '  try { var value = f(); text = typeof value + ":" + String(value); } catch (e) { text = "throws:" + String(e); }',
    '  return text.length + ":" + text;',
    "}",
    "function FindProxyForURL(url, host) {",
    `  var clock = [${clock.join(", ")}].join("");`,
    `  return clock.length + "|" + clock + [${day.join(", ")}].join("");`,
    "}"
  ].join("\n");
}
var init_clock = __esm({
  "../../../tmp/sbx/base/src/analyze/clock.ts"() {
    init_evaluate();
    init_source_file();
  }
});

// ../../../tmp/sbx/base/src/analyze/address.ts
function parseIpv6(text) {
  if (!text.includes(":") || /[^0-9a-fA-F:.]/.test(text)) return void 0;
  const halves = text.split("::");
  if (halves.length > 2) return void 0;
  const groups = (part) => {
    if (part === void 0 || part === "") return [];
    const out = [];
    const pieces = part.split(":");
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && piece.includes(".")) {
        const v4 = parseIpv4(piece);
        if (v4 === void 0) return void 0;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) out.push(parseInt(piece, 16));
      else return void 0;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return void 0;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return void 0;
  const all = [...head, ...new Array(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  return all.reduce((acc, group) => acc << 16n | BigInt(group), 0n);
}
function parseAddress(text) {
  const v4 = parseIpv4(text);
  if (v4 !== void 0) return { family: 4, value: v4 };
  const v6 = parseIpv6(text);
  return v6 === void 0 ? void 0 : { family: 6, value: v6 };
}
function prefixMask(family, length) {
  return allOnes(family) ^ (1n << bits(family) - BigInt(length)) - 1n;
}
function prefixLength(family, mask) {
  const inverted = allOnes(family) ^ mask;
  return (inverted & inverted + 1n) === 0n ? Number(bits(family)) - inverted.toString(2).replace(/^0+/, "").length : void 0;
}
function formatAddress(address) {
  if (address.family === 4) {
    const v = address.value;
    return [24n, 16n, 8n, 0n].map((shift) => String(v >> shift & 255n)).join(".");
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number(address.value >> BigInt(112 - 16 * i) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}
function networkFromMask(pattern, mask) {
  const base = parseIpv4(pattern);
  const maskValue = parseIpv4(mask);
  if (base === void 0 || maskValue === void 0) return void 0;
  const length = prefixLength(4, maskValue);
  const masked = base & maskValue;
  const text = length === void 0 ? `${pattern} mask ${mask}` : `${formatAddress({ family: 4, value: masked })}/${length}`;
  return { family: 4, base: masked, mask: maskValue, text };
}
function networkFromCidr(cidr) {
  const slash = cidr.indexOf("/");
  if (slash === -1) return void 0;
  const address = parseAddress(cidr.slice(0, slash));
  const lengthText = cidr.slice(slash + 1);
  if (!address || !/^\d{1,3}$/.test(lengthText)) return void 0;
  const length = Number(lengthText);
  if (length > Number(bits(address.family))) return void 0;
  const mask = prefixMask(address.family, length);
  const base = address.value & mask;
  return { family: address.family, base, mask, text: `${formatAddress({ family: address.family, value: base })}/${length}` };
}
function inNetwork(network, address) {
  return address.family === network.family && (address.value & network.mask) === network.base;
}
function memberOf(network) {
  const hostBits = allOnes(network.family) ^ network.mask;
  const first2 = network.base | (hostBits === 0n ? 0n : hostBits & 1n);
  return { family: network.family, value: first2 };
}
function neighbourOf(network) {
  const hostBits = allOnes(network.family) ^ network.mask;
  const next = (network.base | hostBits) + 2n;
  if (next > allOnes(network.family)) return void 0;
  const address = { family: network.family, value: next };
  return inNetwork(network, address) ? void 0 : address;
}
var bits, allOnes;
var init_address2 = __esm({
  "../../../tmp/sbx/base/src/analyze/address.ts"() {
    init_address();
    bits = (family) => family === 4 ? 32n : 128n;
    allOnes = (family) => (1n << bits(family)) - 1n;
  }
});

// ../../../tmp/sbx/base/src/analyze/collect.ts
function visit2(root, enter) {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === void 0) break;
    enter(node);
    pushChildren(node, stack);
  }
}
function pushChildren(node, stack) {
  const start2 = stack.length;
  forEachChild(node, (child) => void stack.push(child));
  for (let i = start2, j = stack.length - 1; i < j; i++, j--) {
    const first2 = stack[i];
    stack[i] = stack[j];
    stack[j] = first2;
  }
}
function calleeName(call) {
  return call.callee.type === "Identifier" ? call.callee.name : void 0;
}
function argument(call, index) {
  const arg = call.arguments[index];
  return arg === void 0 || arg.type === "SpreadElement" ? void 0 : arg;
}
function looksLikeHostPattern(text) {
  return text.length <= 253 && HOST_LIKE.test(text) && parseAddress(text) === void 0 && /[a-z]/i.test(text);
}
function looksLikeAddressPattern(text) {
  return /^[0-9.*?[\]-]+$/.test(text) ? /\d/.test(text) && text.includes(".") : /^[0-9a-f:*?]+$/i.test(text) && text.includes(":");
}
function collect(program) {
  const bindings = /* @__PURE__ */ new Map();
  const hostNames = /* @__PURE__ */ new Set(["host"]);
  const usedNames = /* @__PURE__ */ new Set();
  const calls = [];
  const comparisons = [];
  const literals = [];
  const arrays = [];
  const regexes = [];
  let timeHelperMentions = 0;
  let dynamicCode = false;
  visit2(program, (node) => {
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
        if (name !== void 0 && ENTRY_POINTS.has(name) && hostParam?.type === "Identifier") hostNames.add(hostParam.name);
        break;
      }
      case "Identifier":
        usedNames.add(node.name);
        if (TIME_HELPERS.has(node.name)) timeHelperMentions++;
        break;
      case "CallExpression":
        calls.push(node);
        break;
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
  for (const name of ENTRY_POINTS) {
    for (const init of bindings.get(name) ?? []) {
      const param = init.type === "FunctionExpression" || init.type === "ArrowFunctionExpression" ? init.params[1] : void 0;
      if (param?.type === "Identifier") hostNames.add(param.name);
    }
  }
  const constants = (expr, depth = 0, seen = /* @__PURE__ */ new Set()) => {
    if (expr === void 0 || depth > MAX_DEPTH) return [];
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
  const taint = (expr) => {
    const found = /* @__PURE__ */ new Set();
    const walk = (e, depth, seen) => {
      visit2(e, (n) => {
        if (n.type === "CallExpression") {
          const name = calleeName(n);
          if (name !== void 0 && CLIENT_HELPERS.has(name)) found.add("client");
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
    if (expr) walk(expr, 0, /* @__PURE__ */ new Set());
    return found;
  };
  const targetOf2 = (expr) => {
    const found = taint(expr);
    if (found.has("client") && !found.has("dns") && !found.has("host")) return "client";
    if (!found.has("client") && (found.has("dns") || found.has("host"))) return "dns";
    return found.size === 0 ? void 0 : "either";
  };
  const addressTests = [];
  const timeTests = [];
  const probeHosts = [];
  let usesHostDns = false;
  let addressTestsComplete = true;
  const addressCarrier = (expr) => {
    const found = taint(expr);
    if (found.has("host")) return void 0;
    return targetOf2(expr) ?? "either";
  };
  const addNetwork = (network, target, range, probe) => {
    if (network) addressTests.push(probe === void 0 ? { kind: "network", network, target, range } : { kind: "network", network, target, range, probe });
  };
  for (const call of calls) {
    const name = calleeName(call);
    const first2 = argument(call, 0);
    const literalHost = first2?.type === "Literal" && typeof first2.value === "string" ? first2.value : void 0;
    if (name !== void 0 && (DNS_HELPERS.has(name) || NET_HELPERS.has(name))) {
      if (literalHost !== void 0) {
        if (parseAddress(literalHost) === void 0) probeHosts.push({ host: literalHost.toLowerCase(), range: call.range });
      } else if (targetOf2(first2) !== "client") {
        usesHostDns = true;
      }
    }
    if (name === "isInNet" || name === "isInNetEx") {
      const target = literalHost !== void 0 ? "dns" : targetOf2(first2) ?? "either";
      const probe = literalHost !== void 0 && parseAddress(literalHost) === void 0 ? literalHost.toLowerCase() : void 0;
      if (name === "isInNet") {
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
      const patterns = constants(argument(call, 1));
      const addressPatterns = patterns.filter(looksLikeAddressPattern);
      if (patterns.length > 0 && addressPatterns.length === 0) continue;
      const target = addressCarrier(first2);
      if (target !== void 0) {
        if (patterns.length === 0 && target !== "either") addressTestsComplete = false;
        for (const pattern of addressPatterns) addressTests.push({ kind: "glob", pattern, target, range: call.range });
      }
    } else if (name !== void 0 && TIME_HELPERS.has(name)) {
      const args = call.arguments.map(
        (arg) => arg.type === "Literal" && (typeof arg.value === "string" || typeof arg.value === "number") ? arg.value : void 0
      );
      if (args.every((arg) => arg !== void 0)) {
        const values = args.filter((arg) => arg !== void 0);
        const gmt = values.length > 0 && values[values.length - 1] === "GMT";
        timeTests.push({
          helper: name === "timeRange" ? "timeRange" : name === "weekdayRange" ? "weekdayRange" : "dateRange",
          args: gmt ? values.slice(0, -1) : values,
          gmt,
          range: call.range
        });
      }
    } else if (call.callee.type === "MemberExpression" && !call.callee.computed && call.callee.property.type === "Identifier") {
      addMemberCallTest(call, call.callee.object, call.callee.property.name);
    }
  }
  function addMemberCallTest(call, object, method) {
    const regexOf = (expr) => {
      if (expr?.type === "Literal" && expr.regex) {
        try {
          return new RegExp(expr.regex.pattern, expr.regex.flags.replace(/[gy]/g, ""));
        } catch {
          return void 0;
        }
      }
      if (expr?.type === "Identifier") {
        for (const init of bindings.get(expr.name) ?? []) {
          const regex = regexOf(init);
          if (regex) return regex;
        }
      }
      return void 0;
    };
    const regexTest = (regex, subject) => {
      const target = addressCarrier(subject);
      if (target === void 0) return;
      if (regex) addressTests.push({ kind: "regex", regex, target, range: call.range });
      else if (target !== "either") addressTestsComplete = false;
    };
    if (method === "test") regexTest(regexOf(object), argument(call, 0));
    else if (method === "match" || method === "search") regexTest(regexOf(argument(call, 0)), object);
    else if (method === "indexOf" || method === "startsWith" || method === "lastIndexOf") {
      const target = addressCarrier(object);
      if (target !== void 0) {
        for (const value of constants(argument(call, 0))) {
          if (looksLikeAddressPattern(value)) addressTests.push({ kind: "prefix", value, target, range: call.range });
        }
      }
    }
  }
  for (const { left, right, range } of comparisons) {
    for (const [side, other] of [
      [left, right],
      [right, left]
    ]) {
      const target = addressCarrier(side);
      if (target === void 0) continue;
      const values = constants(other);
      if (target !== "either" && !values.some(looksLikeAddressPattern) && addressCarrier(other) !== void 0) addressTestsComplete = false;
      for (const value of values) {
        if (!looksLikeAddressPattern(value)) continue;
        addressTests.push({ kind: parseAddress(value) ? "equals" : "prefix", value, target, range });
      }
    }
  }
  const knownNetworks = new Set(addressTests.flatMap((t) => t.kind === "network" ? [t.network.text] : []));
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
    const network = value.includes("/") ? networkFromCidr(value) : void 0;
    if (network && !knownNetworks.has(network.text)) {
      knownNetworks.add(network.text);
      addNetwork(network, "either", node.range);
    }
  }
  const hostLiterals = [];
  const seenHosts = /* @__PURE__ */ new Set();
  for (const { value } of literals) {
    const lower = value.toLowerCase();
    if (looksLikeHostPattern(lower) && !seenHosts.has(lower)) {
      seenHosts.add(lower);
      hostLiterals.push(lower);
    }
  }
  const loadTimeReads = [];
  const pending = [...program.body];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === void 0) break;
    if (node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression") continue;
    if (node.type === "CallExpression") {
      const name = calleeName(node);
      if (name !== void 0 && (CLIENT_HELPERS.has(name) || DNS_HELPERS.has(name) || NET_HELPERS.has(name) || TIME_HELPERS.has(name))) {
        loadTimeReads.push({ name, range: node.range });
      }
    }
    pushChildren(node, pending);
  }
  loadTimeReads.sort((a, b) => a.range[0] - b.range[0]);
  const statefulSites = findState(program, regexes);
  const uses = (names) => [...names].some((name) => usedNames.has(name));
  const timeTestsComplete = !dynamicCode && !usedNames.has("Date") && !usedNames.has("eval") && !usedNames.has("Function") && timeHelperMentions === timeTests.length;
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
    loadTimeReads,
    statefulSites
  };
}
function isFunction(node) {
  return node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression";
}
function findState(program, regexes) {
  const sites = [];
  for (const node of regexes) {
    if (node.type === "Literal" && node.regex && /[gy]/.test(node.regex.flags)) {
      sites.push({ what: `${node.raw} keeps its lastIndex between calls`, range: node.range });
    }
  }
  const scan = (fn, inherited) => {
    const locals = new Set(inherited);
    for (const param of fn.params) if (param.type === "Identifier") locals.add(param.name);
    const assigned = [];
    const inner = [];
    const pending = [fn.body];
    while (pending.length > 0) {
      const node = pending.pop();
      if (node === void 0) break;
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
  const top = [...program.body];
  while (top.length > 0) {
    const node = top.pop();
    if (node === void 0) break;
    if (isFunction(node)) scan(node, /* @__PURE__ */ new Set());
    else pushChildren(node, top);
  }
  return sites.sort((a, b) => a.range[0] - b.range[0]);
}
function pushBinding(bindings, name, init) {
  const list = bindings.get(name);
  if (list) list.push(init);
  else bindings.set(name, [init]);
}
function dedupeProbes(probes) {
  const seen = /* @__PURE__ */ new Set();
  return probes.filter((probe) => !seen.has(probe.host) && seen.add(probe.host));
}
var CLIENT_HELPERS, DNS_HELPERS, NET_HELPERS, TIME_HELPERS, IPV6_HELPERS, ENTRY_POINTS, TIME_HELPER_TEXT, MAX_DEPTH, MAX_VALUES, HOST_LIKE;
var init_collect = __esm({
  "../../../tmp/sbx/base/src/analyze/collect.ts"() {
    init_walk();
    init_address2();
    CLIENT_HELPERS = /* @__PURE__ */ new Set(["myIpAddress", "myIpAddressEx"]);
    DNS_HELPERS = /* @__PURE__ */ new Set(["dnsResolve", "dnsResolveEx", "isResolvable", "isResolvableEx"]);
    NET_HELPERS = /* @__PURE__ */ new Set(["isInNet", "isInNetEx"]);
    TIME_HELPERS = /* @__PURE__ */ new Set(["timeRange", "weekdayRange", "dateRange"]);
    IPV6_HELPERS = /* @__PURE__ */ new Set(["myIpAddressEx", "dnsResolveEx", "isResolvableEx", "isInNetEx", "sortIpAddressList"]);
    ENTRY_POINTS = /* @__PURE__ */ new Set(["FindProxyForURL", "FindProxyForURLEx"]);
    TIME_HELPER_TEXT = /timeRange|weekdayRange|dateRange/;
    MAX_DEPTH = 6;
    MAX_VALUES = 32;
    HOST_LIKE = /^(?:\*\.|\.|\*)?(?:[a-z0-9_*?-]+\.)+[a-z][a-z0-9*?-]*\.?$/i;
  }
});

// ../../../tmp/sbx/base/src/analyze/environments.ts
function buildEnvironments(collected, source, options = {}) {
  return buildUnionEnvironments([{ collected, source }], options);
}
function buildUnionEnvironments(inputs, options = {}) {
  const timeZone = options.timeZone ?? "UTC";
  const lines = /* @__PURE__ */ new Map();
  for (const { collected: collected2, source, name } of inputs) {
    for (const test of collected2.addressTests) {
      lines.set(test, `${positionAt(source, test.range[0]).line}${name === void 0 ? "" : ` of ${name}`}`);
    }
  }
  const describe4 = (test) => describeTest(test, lines.get(test) ?? "?");
  const collected = unionOf(inputs.map((input) => input.collected));
  const client = [];
  if (collected.usesClient) {
    const tests = collected.addressTests.filter((t) => t.target !== "dns");
    for (const [i, { ip, tags }] of addressValues(tests, CLIENT_DEFAULTS, describe4, collected.addressTestsComplete).entries()) {
      client.push({ key: `c${i}`, ip, label: `client ${ip}${tags.length > 0 ? ` (${tags.join("; ")})` : ""}` });
    }
  }
  const hostDns = [];
  if (collected.usesHostDns) {
    const tests = collected.addressTests.filter((t) => t.target !== "client" && !(t.kind === "network" && t.probe));
    for (const [i, { ip, tags }] of addressValues(tests, DNS_DEFAULTS, describe4, collected.addressTestsComplete).entries()) {
      hostDns.push({ key: `d${i}`, answer: [ip], label: `host resolves to ${ip}${tags.length > 0 ? ` (${tags.join("; ")})` : ""}` });
    }
    hostDns.push({ key: `d${hostDns.length}`, answer: [], label: "host does not resolve" });
    if (collected.usesIpv6) hostDns.push({ key: `d${hostDns.length}`, answer: ["2001:db8::20"], label: "host resolves to 2001:db8::20 only (IPv6)" });
  }
  const probes = [];
  if (collected.probeHosts.length > 0) {
    const answerFor = (host) => {
      const test = collected.addressTests.find((t) => t.kind === "network" && t.probe === host);
      return test?.kind === "network" ? formatAddress(memberOf(test.network)) : PROBE_ANSWER;
    };
    const hosts = collected.probeHosts.map((p) => p.host);
    const subsets = [[], hosts];
    if (hosts.length > 1 && hosts.length <= 3) subsets.push(...hosts.map((h) => [h]));
    for (const [i, subset] of subsets.entries()) {
      const answers = new Map(subset.map((h) => [h, [answerFor(h)]]));
      const label2 = subset.length === 0 ? `${listHosts(hosts)} ${hosts.length === 1 ? "does" : "do"} not resolve` : `${listHosts(subset)} ${subset.length === 1 ? "resolves" : "resolve"}${subset.length < hosts.length ? ` (only)` : ""}`;
      probes.push({ key: `p${i}`, answers, label: label2 });
    }
  }
  const time = collected.usesTime ? timeValues(collected.timeTests, timeZone) : [];
  const dims = [client, hostDns, probes, time].filter((d) => d.length > 0);
  const total = dims.reduce((n, d) => n * d.length, 1);
  const combos = capProduct(
    dims.map((d) => d.length),
    options.maxClasses ?? DEFAULT_MAX_CLASSES
  );
  const classes = combos.map((combo) => {
    const picked = combo.map((index, dim) => dims[dim]?.[index]).filter((v) => v !== void 0);
    const c = picked.find((v) => "ip" in v);
    const d = picked.find((v) => "answer" in v);
    const p = picked.find((v) => "answers" in v);
    const t = picked.find((v) => "now" in v);
    const witness = {
      clientIps: [c?.ip ?? DEFAULT_CLIENT_IP2],
      dns: p?.answers ?? /* @__PURE__ */ new Map(),
      liveDns: false,
      now: t?.now ?? Date.UTC(2026, 10, 25, 10, 30),
      timeZone
    };
    const parts = {};
    if (c) parts.client = c.key;
    if (d || p) parts.dns = `${d?.key ?? ""}${p?.key ?? ""}`;
    if (t) {
      parts.day = t.day;
      parts.clock = t.clock;
    }
    return {
      id: picked.length === 0 ? "any" : picked.map((v) => v.key).join("."),
      parts,
      label: picked.length === 0 ? "any environment (the PAC reads no client address, DNS or clock)" : picked.map((v) => v.label).join(", "),
      witness,
      hostAnswer: d?.answer ?? [],
      values: picked.map(({ key, label: label2 }) => ({ key, label: label2 }))
    };
  });
  return { classes, total };
}
function unionOf(all) {
  const [first2] = all;
  if (first2 === void 0 || all.length === 1) return first2 ?? unionOf([EMPTY]);
  const probes = new Map(all.flatMap((c) => c.probeHosts.map((p) => [p.host, p])));
  return {
    usesClient: all.some((c) => c.usesClient),
    usesHostDns: all.some((c) => c.usesHostDns),
    usesIpv6: all.some((c) => c.usesIpv6),
    usesTime: all.some((c) => c.usesTime),
    usesDate: all.some((c) => c.usesDate),
    addressTests: all.flatMap((c) => c.addressTests),
    addressTestsComplete: all.every((c) => c.addressTestsComplete),
    timeTests: all.flatMap((c) => c.timeTests),
    timeTestsComplete: all.every((c) => c.timeTestsComplete),
    probeHosts: [...probes.values()],
    hostLiterals: all.flatMap((c) => c.hostLiterals),
    loadTimeReads: all.flatMap((c) => c.loadTimeReads),
    statefulSites: all.flatMap((c) => c.statefulSites)
  };
}
function environmentFor(environment, host) {
  const answer = environment.hostAnswer ?? [];
  if (answer.length === 0) return environment.witness;
  const dns = new Map(environment.witness.dns);
  dns.set(host.toLowerCase().replace(/\.$/, ""), answer);
  return { ...environment.witness, dns };
}
function listHosts(hosts) {
  return hosts.length <= 3 ? hosts.join(", ") : `${hosts.slice(0, 3).join(", ")} and ${hosts.length - 3} more`;
}
function addressValues(tests, defaults, describe4, complete) {
  const passed = testIndex(tests);
  const described = /* @__PURE__ */ new Map();
  const describeAt = (i) => {
    let text = described.get(i);
    if (text === void 0) described.set(i, text = describe4(tests[i]));
    return text;
  };
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const seenIps = /* @__PURE__ */ new Set();
  for (const { ip, tag, always } of defaults) {
    const hits = passed(ip);
    const sig = hits.join(",");
    if (complete && !always && seen.has(sig)) continue;
    seen.add(sig);
    seenIps.add(ip);
    out.push({ ip, tags: [tag, ...hits.map(describeAt)] });
  }
  for (const test of tests) {
    for (const ip of candidates(test)) {
      if (seenIps.has(ip)) continue;
      const hits = passed(ip);
      const sig = hits.join(",");
      if (seen.has(sig)) continue;
      seen.add(sig);
      seenIps.add(ip);
      out.push({ ip, tags: hits.length > 0 ? hits.map(describeAt) : [`outside ${describe4(test)}`] });
    }
  }
  return out;
}
function testIndex(tests) {
  const networks = /* @__PURE__ */ new Map();
  const others = [];
  tests.forEach((test, i) => {
    if (test.kind !== "network") {
      others.push(i);
      return;
    }
    const key = `${test.network.family}/${test.network.mask}`;
    let group = networks.get(key);
    if (!group) networks.set(key, group = { family: test.network.family, mask: test.network.mask, bases: /* @__PURE__ */ new Map() });
    const list = group.bases.get(test.network.base);
    if (list) list.push(i);
    else group.bases.set(test.network.base, [i]);
  });
  return (ip) => {
    const hits = [];
    const address = parseAddress(ip);
    if (address) {
      for (const group of networks.values()) {
        if (group.family === address.family) hits.push(...group.bases.get(address.value & group.mask) ?? []);
      }
    }
    for (const i of others) if (matches(tests[i], ip)) hits.push(i);
    return hits.sort((a, b) => a - b);
  };
}
function describeTest(test, line) {
  switch (test.kind) {
    case "network":
      return `in ${test.network.text} from line ${line}`;
    case "glob":
      return `matches "${test.pattern}" from line ${line}`;
    case "regex":
      return `matches ${String(test.regex)} from line ${line}`;
    case "equals":
      return `equals "${test.value}" from line ${line}`;
    case "prefix":
      return `starts with "${test.value}" from line ${line}`;
  }
}
function shExpRegex(pattern) {
  if (shExpRegexes.has(pattern)) return shExpRegexes.get(pattern);
  let regex;
  try {
    regex = new RegExp(`^${pattern.replace(/\./g, "\\.").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  } catch {
    regex = void 0;
  }
  if (shExpRegexes.size > 4096) shExpRegexes.clear();
  shExpRegexes.set(pattern, regex);
  return regex;
}
function matches(test, ip) {
  switch (test.kind) {
    case "network": {
      const address = parseAddress(ip);
      return address !== void 0 && inNetwork(test.network, address);
    }
    case "glob":
      return shExpRegex(test.pattern)?.test(ip) ?? false;
    case "regex":
      test.regex.lastIndex = 0;
      return test.regex.test(ip);
    case "equals":
      return ip === test.value;
    case "prefix":
      return ip.startsWith(test.value);
  }
}
function candidates(test) {
  switch (test.kind) {
    case "network": {
      const outside = neighbourOf(test.network);
      return [formatAddress(memberOf(test.network)), ...outside ? [formatAddress(outside)] : []];
    }
    case "glob":
    case "prefix":
    case "equals":
      return completions(test.kind === "glob" ? test.pattern : test.value).filter((ip) => matches(test, ip)).slice(0, 1);
    case "regex":
      return completions(regexPrefix(test.regex.source)).filter((ip) => matches(test, ip)).slice(0, 1);
  }
}
function regexPrefix(source) {
  let out = "";
  const body = source.startsWith("^") ? source.slice(1) : source;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? "";
    if (/[0-9a-f:]/i.test(ch)) out += ch;
    else if (ch === "\\" && body[i + 1] === ".") {
      out += ".";
      i++;
    } else if (ch === ".") out += ".";
    else break;
  }
  return out;
}
function completions(partial) {
  if (partial.includes(":")) {
    const filled = partial.replace(/[*?]/g, "1");
    return [filled, `${filled}1`, `${filled}::1`].filter((ip) => parseAddress(ip)?.family === 6);
  }
  const out = [];
  for (const fill of ["0", "1"]) {
    const octets = partial.replace(/\?/g, "1").replace(/\[([0-9])[^\]]*\]/g, "$1").split(".").map((part) => part.replace(/\*/g, ""));
    while (octets.length > 0 && octets[octets.length - 1] === "") octets.pop();
    if (octets.length > 4 || octets.some((o) => !/^\d{0,3}$/.test(o))) continue;
    const fixed = octets.map((o) => o === "" ? fill : o);
    while (fixed.length < 4) fixed.push(fixed.length === 3 ? "1" : fill);
    const ip = fixed.join(".");
    if (parseAddress(ip)) out.push(ip);
  }
  return out;
}
function timeValues(tests, timeZone) {
  const days = /* @__PURE__ */ new Set([3, 6]);
  const dates = [];
  const seconds = /* @__PURE__ */ new Set([10 * 3600 + 30 * 60, 23 * 3600 + 30 * 60]);
  const hasDateRange = tests.some((t) => t.helper === "dateRange");
  for (const test of tests) {
    if (test.helper === "weekdayRange") {
      const names = test.args.map((a) => DAY_NAMES.indexOf(String(a).toUpperCase())).filter((d) => d >= 0);
      const first2 = names[0];
      const last = names[names.length - 1];
      if (first2 !== void 0 && last !== void 0) for (const d of [first2 - 1, first2, last, last + 1]) days.add((d + 7) % 7);
    } else if (test.helper === "timeRange") {
      const shift = test.gmt && timeZone !== "UTC" ? DAY : 0;
      for (const s of timeBoundaries(test.args.map(Number))) seconds.add((s % DAY + DAY) % DAY + shift);
    } else {
      dates.push(...dateBoundaries(test.args));
    }
  }
  const allDates = [
    ...firstThenSorted(days).map((d) => ({ year: REFERENCE_YEAR, month: REFERENCE_MONTH, day: REFERENCE_DAY[d] ?? 25 })),
    ...dates
  ];
  const uniqueDates = [...new Map(allDates.map((d) => [`${d.year}-${d.month}-${d.day}`, d])).values()];
  const times = firstThenSorted(seconds);
  const out = [];
  for (const [d, date] of uniqueDates.entries()) {
    for (const [c, s] of times.entries()) {
      const gmt = s >= DAY;
      const now = gmt ? zonedToEpoch(date, s - DAY, "UTC") : zonedToEpoch(date, s, timeZone);
      const label2 = formatClock(now, timeZone, hasDateRange) + (gmt ? ` (${formatClock(now, "UTC", false).slice(4)})` : "");
      out.push({ key: `t${out.length}`, now, label: label2, day: `y${d}`, clock: `h${c}` });
    }
  }
  return out;
}
function firstThenSorted(values) {
  const all = [...values];
  return [...all.slice(0, 2), ...all.slice(2).sort((a, b) => a - b)];
}
function timeBoundaries(args) {
  if (args.some((a2) => !Number.isFinite(a2))) return [];
  const at = (h, m = 0, s = 0) => h * 3600 + m * 60 + s;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = args;
  switch (args.length) {
    case 1:
      return [at(a) - 60, at(a), at(a + 1)];
    case 2:
      return [at(a) - 60, at(a), at(b), at(b + 1) - 60, at(b + 1)];
    case 4:
      return [at(a, b) - 60, at(a, b), at(c, d), at(c, d + 1)];
    case 6:
      return [at(a, b, c) - 1, at(a, b, c), at(d, e, f), at(d, e, f) + 1];
    default:
      return [];
  }
}
function dateBoundaries(args) {
  const parts = args.map((a) => {
    if (typeof a === "number") return a < 32 ? { day: a } : { year: a };
    const month = MONTH_NAMES.indexOf(a.toUpperCase());
    return month >= 0 ? { month } : {};
  });
  const half = parts.length === 1 ? 1 : Math.floor(parts.length / 2);
  const start2 = Object.assign({}, ...parts.slice(0, half));
  const end = parts.length === 1 ? start2 : Object.assign({}, ...parts.slice(half));
  const first2 = civil(start2.year ?? REFERENCE_YEAR, start2.month ?? (start2.year !== void 0 ? 0 : REFERENCE_MONTH), start2.day ?? 1);
  const lastMonth = end.month ?? (end.year !== void 0 ? 11 : REFERENCE_MONTH);
  const lastYear = end.year ?? REFERENCE_YEAR;
  const last = end.day !== void 0 ? civil(lastYear, lastMonth, end.day) : civil(lastYear, lastMonth + 1, 0);
  return [civil(first2.year, first2.month, first2.day - 1), first2, last, civil(last.year, last.month, last.day + 1)];
}
function civil(year, month, day) {
  const d = new Date(Date.UTC(year, month, day));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() };
}
function zonedToEpoch(date, secondOfDay, timeZone) {
  const wall = Date.UTC(date.year, date.month, date.day) + secondOfDay * 1e3;
  if (timeZone === "UTC") return wall;
  let guess = wall;
  for (let i = 0; i < 3; i++) guess = wall - zoneOffset(guess, timeZone);
  return guess;
}
function formatClock(epoch, timeZone, withDate) {
  const local = new Date(epoch + (timeZone === "UTC" ? 0 : zoneOffset(epoch, timeZone)));
  const pad = (n) => String(n).padStart(2, "0");
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][local.getUTCDay()] ?? "";
  const date = withDate ? ` ${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` : "";
  const sec = local.getUTCSeconds() === 0 ? "" : `:${pad(local.getUTCSeconds())}`;
  return `${day}${date} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}${sec} ${timeZone}`;
}
function capProduct(sizes, max) {
  const total = sizes.reduce((n, s) => n * s, 1);
  const tuple = (index) => {
    const out = [];
    for (let dim = sizes.length - 1; dim >= 0; dim--) {
      const size = sizes[dim] ?? 1;
      out.unshift(index % size);
      index = Math.floor(index / size);
    }
    return out;
  };
  if (total <= max) return Array.from({ length: total }, (_, i) => tuple(i));
  const chosen = /* @__PURE__ */ new Map();
  const add2 = (t) => void (chosen.has(t.join(",")) || chosen.set(t.join(","), t));
  const longest = Math.max(...sizes);
  for (let v = 0; v < longest; v++) {
    sizes.forEach((size, dim) => {
      if (v < size) add2(sizes.map((_, d) => d === dim ? v : 0));
    });
  }
  for (let i = 0; i < total && chosen.size < max; i++) add2(tuple(i));
  return [...chosen.values()];
}
var DEFAULT_CLIENT_IP2, DEFAULT_MAX_CLASSES, CLIENT_DEFAULTS, DNS_DEFAULTS, PROBE_ANSWER, EMPTY, shExpRegexes, DAY_NAMES, MONTH_NAMES, REFERENCE_DAY, REFERENCE_YEAR, DAY, REFERENCE_MONTH;
var init_environments = __esm({
  "../../../tmp/sbx/base/src/analyze/environments.ts"() {
    init_environment();
    init_source_file();
    init_address2();
    DEFAULT_CLIENT_IP2 = "198.51.100.20";
    DEFAULT_MAX_CLASSES = 400;
    CLIENT_DEFAULTS = [
      { ip: DEFAULT_CLIENT_IP2, tag: "public", always: true },
      { ip: "10.0.0.10", tag: "private 10/8", always: false },
      { ip: "172.16.0.10", tag: "private 172.16/12", always: false },
      { ip: "192.168.0.10", tag: "private 192.168/16", always: false },
      { ip: "100.64.0.10", tag: "CGNAT 100.64/10", always: false },
      { ip: "2001:db8::10", tag: "IPv6", always: true }
    ];
    DNS_DEFAULTS = [
      { ip: "203.0.113.10", tag: "public", always: true },
      { ip: "10.0.0.20", tag: "private", always: true }
    ];
    PROBE_ANSWER = "10.0.0.30";
    EMPTY = {
      usesClient: false,
      usesHostDns: false,
      usesIpv6: false,
      usesTime: false,
      usesDate: false,
      addressTests: [],
      addressTestsComplete: true,
      timeTests: [],
      timeTestsComplete: true,
      probeHosts: [],
      hostLiterals: [],
      loadTimeReads: [],
      statefulSites: []
    };
    shExpRegexes = /* @__PURE__ */ new Map();
    DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    REFERENCE_DAY = [29, 23, 24, 25, 26, 27, 28];
    REFERENCE_YEAR = 2026;
    DAY = 86400;
    REFERENCE_MONTH = 10;
  }
});

// ../../../tmp/sbx/base/src/do/catalogue.ts
function endpoint(entry) {
  const scheme = entry.scheme ?? (entry.role === "service" ? "https" : "http");
  const samples = entry.samples ?? (entry.pattern.includes("*") ? [] : [entry.pattern]);
  return {
    id: entry.id,
    pattern: entry.pattern,
    samples,
    scheme,
    port: entry.port ?? (scheme === "https" ? 443 : 80),
    role: entry.role,
    service: entry.service,
    legacy: entry.legacy ?? false,
    source: entry.source
  };
}
function sampledEndpoints() {
  return CATALOGUE.filter((entry) => entry.samples.length > 0);
}
function normalizeHost(host) {
  const lower = host.toLowerCase();
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}
function classifyHost(host) {
  const name = normalizeHost(host);
  let best;
  for (const matcher of MATCHERS) {
    if (matcher.regex.test(name) && (best === void 0 || matcher.weight > best.weight)) best = matcher;
  }
  return best?.endpoint;
}
function isServiceHost(host) {
  const name = normalizeHost(host);
  return name === SERVICE_DOMAIN || name.endsWith(`.${SERVICE_DOMAIN}`);
}
var MS_DOCS, SOURCES, SERVICE_DOMAIN, SERVICE_HOST_PATTERNS, DO, CATALOGUE, MATCHERS;
var init_catalogue = __esm({
  "../../../tmp/sbx/base/src/do/catalogue.ts"() {
    MS_DOCS = "MicrosoftDocs/windows-itpro-docs";
    SOURCES = {
      workflow: `${MS_DOCS} windows/deployment/do/delivery-optimization-workflow.md @ 0888ed6 (2024-05-23)`,
      workflowHistory: `${MS_DOCS} windows/deployment/do/delivery-optimization-workflow.md, older revisions (history before 0888ed6)`,
      faq: `${MS_DOCS} windows/deployment/do/waas-delivery-optimization-faq.yml @ 85023ed (2024-08-06)`,
      faqHistoric: `${MS_DOCS} windows/deployment/update/waas-delivery-optimization-faq.md @ 14d6dad`,
      mccEndpoints: "fieropheonix6/windows-itpro-docs windows/deployment/do/delivery-optimization-endpoints.md @ 98b8640 (2025-07-23)",
      mccEndpoints2022: `${MS_DOCS} windows/deployment/do/delivery-optimization-endpoints.md @ 02b7c66 (2022)`,
      win11: `${MS_DOCS} windows/privacy/manage-windows-11-endpoints.md @ 9ecaf4f`,
      wuTroubleshooting: `${MS_DOCS} windows/deployment/update/windows-update-troubleshooting.md @ 7f67819; KB 3175743`
    };
    SERVICE_DOMAIN = "do.dsp.mp.microsoft.com";
    SERVICE_HOST_PATTERNS = [SERVICE_DOMAIN, `*.${SERVICE_DOMAIN}`];
    DO = SERVICE_DOMAIN;
    CATALOGUE = [
      endpoint({ id: "do-geo", pattern: `geo.prod.${DO}`, role: "service", service: "DO Geo", source: SOURCES.workflow }),
      endpoint({ id: "do-geover", pattern: `geover.prod.${DO}`, role: "service", service: "DO Geo", source: SOURCES.workflow }),
      endpoint({ id: "do-geo-dash", pattern: `geo-prod.${DO}`, role: "service", service: "DO Geo", source: SOURCES.workflow }),
      endpoint({ id: "do-geover-dash", pattern: `geover-prod.${DO}`, role: "service", service: "DO Geo", source: SOURCES.workflow }),
      endpoint({ id: "do-kv", pattern: `kv*.prod.${DO}`, samples: [`kv801.prod.${DO}`], role: "service", service: "DO KeyValue", source: SOURCES.workflow }),
      endpoint({ id: "do-cp", pattern: `cp*.prod.${DO}`, samples: [`cp801.prod.${DO}`], role: "service", service: "DO Content Policy", source: SOURCES.workflow }),
      endpoint({ id: "do-disc", pattern: `disc*.prod.${DO}`, samples: [`disc801.prod.${DO}`], role: "service", service: "DO Discovery", source: SOURCES.workflow }),
      endpoint({ id: "do-array", pattern: `array*.prod.${DO}`, samples: [`array801.prod.${DO}`], role: "service", service: "DO Arrays", source: SOURCES.workflow }),
      endpoint({ id: "do-kv-dash", pattern: `kv*-prod.${DO}`, samples: [`kv801-prod.${DO}`], role: "service", service: "DO KeyValue", legacy: true, source: SOURCES.workflowHistory }),
      endpoint({ id: "do-cp-dash", pattern: `cp*-prod.${DO}`, samples: [`cp801-prod.${DO}`], role: "service", service: "DO Content Policy", legacy: true, source: SOURCES.workflowHistory }),
      endpoint({ id: "do-disc-dash", pattern: `disc*-prod.${DO}`, samples: [`disc801-prod.${DO}`], role: "service", service: "DO Discovery", legacy: true, source: SOURCES.workflowHistory }),
      endpoint({ id: "do-cn", pattern: `cn*.prod.${DO}`, samples: [`cn801.prod.${DO}`], role: "service", service: "DO Arrays", legacy: true, source: SOURCES.workflowHistory }),
      endpoint({ id: "do-cn-dash", pattern: `cn*-prod.${DO}`, samples: [`cn801-prod.${DO}`], role: "service", service: "DO Arrays", legacy: true, source: SOURCES.workflowHistory }),
      endpoint({ id: "do-service", pattern: `*.prod.${DO}`, role: "service", service: "DO cloud service", source: SOURCES.faq }),
      endpoint({ id: "do-service-mcc", pattern: `*.${DO}`, role: "service", service: "DO cloud service (MCC and historic clients)", source: `${SOURCES.mccEndpoints}; ${SOURCES.faqHistoric}` }),
      endpoint({ id: "dl-delivery", pattern: "dl.delivery.mp.microsoft.com", role: "content", service: "DO metadata and content CDN", source: `${SOURCES.workflow}; ${SOURCES.mccEndpoints}` }),
      endpoint({ id: "dl-delivery-sub", pattern: "*.dl.delivery.mp.microsoft.com", samples: ["2.dl.delivery.mp.microsoft.com"], role: "content", service: "DO metadata and content CDN", source: SOURCES.faq }),
      endpoint({ id: "tlu-dl-delivery", pattern: "tlu.dl.delivery.mp.microsoft.com", role: "content", service: "Windows Update content CDN", source: SOURCES.mccEndpoints }),
      endpoint({ id: "tlu-dl-delivery-sub", pattern: "*.tlu.dl.delivery.mp.microsoft.com", samples: ["2.tlu.dl.delivery.mp.microsoft.com"], role: "content", service: "Windows Update content CDN", source: SOURCES.mccEndpoints }),
      endpoint({ id: "wu-download", pattern: "download.windowsupdate.com", role: "content", service: "DO metadata and Windows Update content CDN", source: `${SOURCES.workflow}; ${SOURCES.mccEndpoints}` }),
      endpoint({ id: "wu-download-sub", pattern: "*.download.windowsupdate.com", samples: ["au.download.windowsupdate.com"], role: "content", service: "Windows Update content CDN", source: SOURCES.mccEndpoints }),
      endpoint({ id: "wu-au-download-sub", pattern: "*.au.download.windowsupdate.com", samples: ["2.au.download.windowsupdate.com"], role: "content", service: "Windows Update content CDN", source: SOURCES.mccEndpoints }),
      endpoint({ id: "wu-b1-download-sub", pattern: "*.b1.download.windowsupdate.com", samples: ["2.b1.download.windowsupdate.com"], role: "content", service: "Windows Update content CDN", source: SOURCES.mccEndpoints }),
      endpoint({ id: "wu-au-b1-download-sub", pattern: "*.au.b1.download.windowsupdate.com", samples: ["2.au.b1.download.windowsupdate.com"], role: "content", service: "Windows Update content CDN", source: SOURCES.mccEndpoints }),
      endpoint({ id: "wu-ctldl", pattern: "ctldl.windowsupdate.com", role: "content", service: "Windows Update content CDN", source: SOURCES.mccEndpoints }),
      endpoint({ id: "wu-ctldl-sub", pattern: "*.ctldl.windowsupdate.com", samples: ["2.ctldl.windowsupdate.com"], role: "content", service: "Windows Update content CDN", source: SOURCES.mccEndpoints }),
      endpoint({ id: "wu-any", pattern: "*.windowsupdate.com", role: "content", service: "Windows Update payloads", source: SOURCES.faq }),
      endpoint({ id: "emdl", pattern: "emdl.ws.microsoft.com", role: "content", service: "DO metadata (legacy)", legacy: true, source: `${SOURCES.workflowHistory}; ${SOURCES.faqHistoric}` }),
      endpoint({ id: "emdl-sub", pattern: "*.emdl.ws.microsoft.com", samples: ["2.emdl.ws.microsoft.com"], role: "content", service: "DO metadata (legacy)", legacy: true, source: `${SOURCES.faqHistoric}; ${SOURCES.mccEndpoints2022}; ${SOURCES.wuTroubleshooting}` }),
      endpoint({ id: "delivery-mp", pattern: "*.delivery.mp.microsoft.com", samples: ["fe3.delivery.mp.microsoft.com"], scheme: "https", role: "related", service: "Windows Update / Store back end, Edge content", source: `${SOURCES.faq}; ${SOURCES.mccEndpoints}` }),
      endpoint({ id: "wu-update", pattern: "*.update.microsoft.com", samples: ["fe2.update.microsoft.com"], scheme: "https", role: "related", service: "Windows Update service", source: `${SOURCES.faq}; ${SOURCES.win11}` }),
      endpoint({ id: "wu-trafficshaping", pattern: "tsfe.trafficshaping.dsp.mp.microsoft.com", scheme: "https", role: "related", service: "Windows Update traffic shaping", source: `${SOURCES.faq}; ${SOURCES.win11}` }),
      endpoint({ id: "wu-adl", pattern: "adl.windows.com", role: "related", service: "Windows Update", source: SOURCES.win11 }),
      endpoint({ id: "defender-definitions", pattern: "definitionupdates.microsoft.com", scheme: "https", role: "related", service: "Defender definition updates", source: SOURCES.win11 }),
      endpoint({ id: "mcc-office-edgesuite", pattern: "*.officecdn.microsoft.com.edgesuite.net", samples: ["2.officecdn.microsoft.com.edgesuite.net"], role: "content", service: "MCC: Office CDN", source: SOURCES.mccEndpoints }),
      endpoint({ id: "mcc-officecdn", pattern: "*.officecdn.microsoft.com", samples: ["2.officecdn.microsoft.com"], role: "content", service: "MCC: Office CDN", source: SOURCES.mccEndpoints }),
      endpoint({ id: "mcc-cdn-office", pattern: "*.cdn.office.net", samples: ["2.cdn.office.net"], role: "content", service: "MCC: Office CDN", source: SOURCES.mccEndpoints }),
      endpoint({ id: "mcc-tscdn", pattern: "fg.tscdn.m365.static.microsoft", role: "content", service: "MCC: Office CDN", source: SOURCES.mccEndpoints }),
      endpoint({ id: "mcc-intune", pattern: "*.manage.microsoft.com", samples: ["swda01.manage.microsoft.com", "swda01-mscdn.manage.microsoft.com"], role: "content", service: "MCC: Intune Win32 apps", source: SOURCES.mccEndpoints }),
      endpoint({ id: "mcc-xbox", pattern: "*.assets1.xboxlive.com", samples: ["2.assets1.xboxlive.com"], role: "content", service: "MCC: Xbox", source: SOURCES.mccEndpoints }),
      endpoint({ id: "mcc-adu", pattern: "*.dl.adu.microsoft.com", samples: ["tlu.dl.adu.microsoft.com", "nlu.dl.adu.microsoft.com"], role: "content", service: "MCC: Device Update", source: SOURCES.mccEndpoints })
    ];
    MATCHERS = CATALOGUE.map((entry) => {
      const body = entry.pattern.split(".").map(
        (label2, index) => index === 0 && label2 === "*" ? "(?:[a-z0-9-]+\\.)*[a-z0-9-]+" : label2.replace(/[^a-z0-9*-]/g, "").replace(/\*/g, "[a-z0-9-]*")
      ).join("\\.");
      return { endpoint: entry, regex: new RegExp(`^${body}$`), weight: entry.pattern.replace(/\*/g, "").length };
    });
  }
});

// ../../../tmp/sbx/base/src/analyze/hosts.ts
function catalogueQueries() {
  return sampledEndpoints().flatMap(
    (endpoint2) => endpoint2.samples.map((host) => ({ host, url: `${endpoint2.scheme}://${host}/`, endpoint: endpoint2 }))
  );
}
function concreteHost(pattern) {
  let host = pattern.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("*.")) host = `www${host.slice(1)}`;
  else if (host.startsWith(".")) host = `www${host}`;
  host = host.replace(/\*/g, "x").replace(/\?/g, "x");
  return /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(host) ? host : void 0;
}
function hostVariants(pattern) {
  const base = concreteHost(pattern);
  if (base === void 0) return [];
  const domain = pattern.toLowerCase().replace(/\.$/, "").replace(/^\*?\./, "");
  if (/[*?]/.test(domain)) return [base];
  const out = /* @__PURE__ */ new Set([base, domain, `www.${domain}`, `x${domain}`]);
  return [...out].filter((host) => concreteHost(host) === host && host.includes("."));
}
function queryFor(hostOrUrl) {
  if (hostOrUrl.includes("://")) {
    const host = new URL(hostOrUrl).hostname.replace(/^\[|\]$/g, "");
    const endpoint3 = classifyHost(host);
    return endpoint3 ? { host, url: hostOrUrl, endpoint: endpoint3 } : { host, url: hostOrUrl };
  }
  const endpoint2 = classifyHost(hostOrUrl);
  const bracketed = hostOrUrl.includes(":") ? `[${hostOrUrl}]` : hostOrUrl;
  const url = `${endpoint2?.scheme ?? "http"}://${bracketed}/`;
  return endpoint2 ? { host: hostOrUrl, url, endpoint: endpoint2 } : { host: hostOrUrl, url };
}
function planHosts(extra, literals, others = true) {
  const queries = [];
  const seen = /* @__PURE__ */ new Set();
  const add2 = (query) => {
    const key = query.url.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    queries.push(query);
    return true;
  };
  for (const query of catalogueQueries()) add2(query);
  for (const host of extra) add2(queryFor(host));
  if (!others) return { queries, omitted: 0 };
  for (const host of GENERIC_HOSTS) add2(queryFor(host));
  const asked = new Set(queries.map((q) => q.host.toLowerCase()));
  const fresh = [...new Set(literals.flatMap((literal) => concreteHost(literal) ?? []))].filter((host) => !asked.has(host));
  const step = Math.max(1, fresh.length / MAX_LITERAL_HOSTS);
  let taken = 0;
  for (let i = 0; i < fresh.length && taken < MAX_LITERAL_HOSTS; i++) {
    const host = fresh[Math.floor(i * step)];
    if (host !== void 0 && add2(queryFor(host))) taken++;
  }
  const service = queries.filter((q) => isServiceHost(q.host));
  return { queries: [...service, ...queries.filter((q) => !isServiceHost(q.host))], omitted: fresh.length - taken };
}
var GENERIC_HOSTS, MAX_LITERAL_HOSTS;
var init_hosts = __esm({
  "../../../tmp/sbx/base/src/analyze/hosts.ts"() {
    init_catalogue();
    GENERIC_HOSTS = ["www.example.com", "intranet", "192.0.2.10", "10.1.2.3"];
    MAX_LITERAL_HOSTS = 48;
  }
});

// ../../../tmp/sbx/base/src/analyze/public-address.ts
function publicAddressValues(program, source) {
  const tests = srcipNetworks(program);
  const values = [];
  const seen = /* @__PURE__ */ new Set();
  for (const { network, range } of tests) {
    const ip = formatAddress(memberOf(network));
    if (seen.has(ip)) continue;
    seen.add(ip);
    values.push({ ip, label: `public address ${ip} (in ${network.text} from line ${positionAt(source, range[0]).line})` });
  }
  const inside = (ip) => {
    const address = parseAddress(ip);
    return address !== void 0 && tests.some(({ network }) => inNetwork(network, address));
  };
  let outside = DEFAULT_PUBLIC;
  for (const { network } of tests) {
    if (outside === void 0 || !inside(outside)) break;
    const neighbour = neighbourOf(network);
    outside = neighbour ? formatAddress(neighbour) : void 0;
  }
  if (outside !== void 0 && !inside(outside)) values.push({ ip: outside, label: `public address ${outside}${tests.length > 0 ? " (in no tested network)" : ""}` });
  return values;
}
function srcipNetworks(program) {
  const names = /* @__PURE__ */ new Set();
  const reassigned = /* @__PURE__ */ new Set();
  const calls = [];
  const stack = [program];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === void 0) break;
    if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && isSrcip(node.init ?? void 0)) names.add(node.id.name);
    if (node.type === "AssignmentExpression" && node.left.type === "Identifier") reassigned.add(node.left.name);
    if (node.type === "CallExpression") calls.push(node);
    forEachChild(node, (child) => void stack.push(child));
  }
  const readsSrcip = (arg) => isSrcip(arg) || arg?.type === "Identifier" && names.has(arg.name) && !reassigned.has(arg.name);
  const found = [];
  for (const call of calls) {
    if (call.type !== "CallExpression" || call.callee.type !== "Identifier") continue;
    const [first2, second, third] = call.arguments.map((a) => a.type === "Literal" && typeof a.value === "string" ? a.value : a.type === "SpreadElement" ? void 0 : a);
    const target = call.arguments[0];
    if (target === void 0 || target.type === "SpreadElement" || !readsSrcip(target) || first2 === void 0) continue;
    let network;
    if (call.callee.name === "isInNet" && typeof second === "string" && typeof third === "string") network = networkFromMask(second, third);
    else if (call.callee.name === "isInNetEx" && typeof second === "string") network = networkFromCidr(second);
    if (network) found.push({ network, range: call.range });
  }
  return found.sort((a, b) => a.range[0] - b.range[0]);
}
function isSrcip(node) {
  return node?.type === "Literal" && node.value === SRCIP;
}
function renderPublicAddress(template, ip) {
  const spans = [];
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
  const original = (offset) => {
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
function prefixClasses(classes, value, index) {
  return classes.map((c) => ({
    ...c,
    id: `s${index}.${c.id}`,
    label: c.id === "any" ? value.label : `${value.label}, ${c.label}`,
    publicAddress: value.ip
  }));
}
function prefixAnalysis(analysis, value, index) {
  const environments = prefixClasses(analysis.environments, value, index);
  const byId = new Map(analysis.environments.map((c, i) => [c.id, environments[i]]));
  return {
    ...analysis,
    environments,
    routes: analysis.routes.map((row) => ({
      ...row,
      outcomes: row.outcomes.map((o) => ({ ...o, environmentIds: o.environmentIds.map((id) => `s${index}.${id}`), witness: byId.get(o.witness.id) ?? o.witness }))
    }))
  };
}
async function analyzeByPublicAddress(template, options, analyzeOne) {
  const parts = [];
  if (options.environments) {
    const groups = /* @__PURE__ */ new Map();
    for (const c of options.environments) {
      const ip = c.publicAddress ?? DEFAULT_PUBLIC;
      const group = groups.get(ip);
      if (group) group.push(c);
      else groups.set(ip, [c]);
    }
    for (const [ip, environments] of groups) {
      const rendering = renderPublicAddress(template, ip);
      const { program: _2, ...rest2 } = options;
      parts.push({ value: { ip, label: `public address ${ip}` }, rendering, analysis: await analyzeOne(rendering.source, { ...rest2, environments }) });
    }
    return joinAnalyses(parts, void 0);
  }
  const { parse: parse2 } = await init_parse().then(() => parse_exports);
  const parsed = options.program ? { ok: true, program: options.program } : parse2(template);
  if (!parsed.ok) return analyzeOne(template, { ...options, publicAddressRendered: true });
  const values = publicAddressValues(parsed.program, template);
  const { program: _, ...rest } = options;
  const maxClasses = options.maxClasses === void 0 ? {} : { maxClasses: Math.max(1, Math.floor(options.maxClasses / values.length)) };
  for (const [index, value] of values.entries()) {
    const rendering = renderPublicAddress(template, value.ip);
    const analysis = await analyzeOne(rendering.source, { ...rest, ...maxClasses });
    parts.push({ value, rendering, analysis: prefixAnalysis(analysis, value, index) });
  }
  const first2 = template.text.indexOf(SRCIP);
  const note = `\${SRCIP} (line ${positionAt(template, first2).line}) is the client's public address, filled in by Zscaler's PAC server; tried as ${values.map((v) => v.ip).join(", ")}`;
  return joinAnalyses(parts, note);
}
function joinAnalyses(parts, note) {
  const [first2] = parts;
  if (!first2) throw new Error("joinAnalyses needs at least one part");
  const mapRange = (part, range) => range === void 0 ? void 0 : [part.rendering.original(range[0]), part.rendering.original(range[1])];
  const failed2 = parts.find((part) => part.analysis.loadFailure);
  if (failed2?.analysis.loadFailure) {
    const range = mapRange(failed2, failed2.analysis.loadFailure.range);
    return { ...failed2.analysis, loadFailure: { ...failed2.analysis.loadFailure, ...range ? { range } : {} }, environments: parts.flatMap((p) => p.analysis.environments) };
  }
  const rows = /* @__PURE__ */ new Map();
  for (const part of parts) {
    for (const row of part.analysis.routes) {
      const key = `${row.url}
${row.entryPoint}`;
      let joined = rows.get(key);
      if (!joined) rows.set(key, joined = { row, outcomes: /* @__PURE__ */ new Map() });
      for (const outcome of row.outcomes) {
        const returnRange = mapRange(part, outcome.returnRange);
        const failureRange = mapRange(part, outcome.failure?.range);
        const answer = `${JSON.stringify(outcome.result)}|${outcome.failure?.message ?? ""}|${returnRange?.join(":") ?? ""}|${outcome.implicitBypass ?? ""}`;
        const existing = joined.outcomes.get(answer);
        if (existing) existing.environmentIds.push(...outcome.environmentIds);
        else {
          joined.outcomes.set(answer, {
            ...outcome,
            ...returnRange ? { returnRange } : {},
            ...outcome.failure ? { failure: { ...outcome.failure, ...failureRange ? { range: failureRange } : {} } } : {},
            environmentIds: [...outcome.environmentIds]
          });
        }
      }
    }
  }
  const unreachedIn = parts.map((part) => new Set(part.analysis.coverage.unreached.map((range) => mapRange(part, range)?.join(":"))));
  const unreached = first2.analysis.coverage.unreached.map((range) => mapRange(first2, range)).filter((range) => unreachedIn.every((set) => set.has(range.join(":"))));
  const total = first2.analysis.coverage.total;
  const notes = [...new Set(parts.flatMap((p) => p.analysis.notes ?? []))];
  if (note) notes.push(note);
  return {
    profile: first2.analysis.profile,
    entryPoints: [...new Set(parts.flatMap((p) => p.analysis.entryPoints))],
    environments: parts.flatMap((p) => p.analysis.environments),
    routes: [...rows.values()].map(({ row, outcomes }) => ({ ...row, outcomes: [...outcomes.values()] })),
    coverage: { total, taken: total - unreached.length, unreached },
    environmentsTotal: parts.reduce((n, p) => n + (p.analysis.environmentsTotal ?? p.analysis.environments.length), 0),
    hostsOmitted: Math.max(...parts.map((p) => p.analysis.hostsOmitted ?? 0)),
    evaluations: parts.reduce((n, p) => n + (p.analysis.evaluations ?? 0), 0),
    notes,
    ...parts.find((p) => p.analysis.sampled)?.analysis.sampled ? { sampled: parts.find((p) => p.analysis.sampled)?.analysis.sampled } : {}
  };
}
var SRCIP, DEFAULT_PUBLIC;
var init_public_address = __esm({
  "../../../tmp/sbx/base/src/analyze/public-address.ts"() {
    init_source_file();
    init_walk();
    init_address2();
    SRCIP = "${SRCIP}";
    DEFAULT_PUBLIC = "203.0.113.7";
  }
});

// ../../../tmp/sbx/base/src/analyze/findings.ts
function effectiveFirstEntry(outcome, profile) {
  const first2 = outcome.entries.find((entry) => entry.invalid === void 0);
  if (first2) return first2;
  if (outcome.failure === void 0 && outcome.result !== null && profile === "chromium") return "DIRECT";
  return void 0;
}
function serviceViolations(analysis) {
  const out = [];
  for (const routes of analysis.routes) {
    if (routes.endpoint?.role !== "service" && !isServiceHost(routes.host)) continue;
    for (const outcome of routes.outcomes) {
      const reason = violation(outcome, analysis.profile);
      if (reason === void 0) continue;
      out.push({
        host: routes.host,
        routes,
        entryPoint: routes.entryPoint,
        outcome,
        reason,
        witness: outcome.witness,
        ...outcome.returnRange ? { returnRange: outcome.returnRange } : {}
      });
    }
  }
  return out;
}
function violation(outcome, profile) {
  if (outcome.failure) return "failed";
  const first2 = effectiveFirstEntry(outcome, profile);
  if (first2 === void 0) return "no-entry";
  return first2 === "DIRECT" || first2.type === "DIRECT" ? void 0 : "proxied";
}
function compareRoutes(before, after) {
  const changes = [];
  const afterRows = new Map(after.routes.map((r) => [`${r.url}
${r.entryPoint}`, r]));
  const environments = new Map(before.environments.map((e) => [e.id, e]));
  for (const row of before.routes) {
    if (row.endpoint?.role === "service" || isServiceHost(row.host)) continue;
    const other = afterRows.get(`${row.url}
${row.entryPoint}`);
    if (!other) {
      changes.push({ host: row.host, url: row.url, entryPoint: row.entryPoint, before: "evaluated", after: "not evaluated" });
      continue;
    }
    const answers = answersById(other);
    for (const outcome of row.outcomes) {
      const was = describeAnswer(outcome);
      for (const id of outcome.environmentIds) {
        const now = answers.get(id) ?? "not evaluated";
        if (now !== was) {
          const environment = environments.get(id);
          changes.push({ host: row.host, url: row.url, entryPoint: row.entryPoint, ...environment ? { environment } : {}, before: was, after: now });
        }
      }
    }
  }
  return changes;
}
function answersById(row) {
  const out = /* @__PURE__ */ new Map();
  for (const outcome of row.outcomes) {
    const answer = describeAnswer(outcome);
    for (const id of outcome.environmentIds) out.set(id, answer);
  }
  return out;
}
function describeAnswer(outcome) {
  if (outcome.failure) return `${outcome.failure.kind}: ${outcome.failure.message}`;
  if (outcome.implicitBypass) return "DIRECT without calling the PAC";
  return outcome.result === null ? "no result" : JSON.stringify(outcome.result);
}
var init_findings = __esm({
  "../../../tmp/sbx/base/src/analyze/findings.ts"() {
    init_catalogue();
  }
});

// ../../../tmp/sbx/base/src/analyze/index.ts
var analyze_exports = {};
__export(analyze_exports, {
  DEFAULT_BUDGET: () => DEFAULT_BUDGET,
  DEFAULT_MAX_CLASSES: () => DEFAULT_MAX_CLASSES,
  GENERIC_HOSTS: () => GENERIC_HOSTS,
  LINT_BUDGET: () => LINT_BUDGET,
  MAX_TIMEOUTS: () => MAX_TIMEOUTS,
  analyze: () => analyze,
  buildEnvironments: () => buildEnvironments,
  buildUnionEnvironments: () => buildUnionEnvironments,
  collect: () => collect,
  compareRoutes: () => compareRoutes,
  effectiveFirstEntry: () => effectiveFirstEntry,
  environmentFor: () => environmentFor,
  hostVariants: () => hostVariants,
  planHosts: () => planHosts,
  preferredEntryPoint: () => preferredEntryPoint,
  queryFor: () => queryFor,
  routeTable: () => routeTable,
  serviceViolations: () => serviceViolations
});
async function analyze(source, options = {}) {
  if (!options.publicAddressRendered && source.text.includes(SRCIP)) return analyzeByPublicAddress(source, options, analyze);
  const profile = options.profile ?? "winhttp";
  if (options.program === void 0) {
    await Promise.resolve().then(() => (init_quickjs(), quickjs_exports)).then(({ quickJSModule: quickJSModule2 }) => void quickJSModule2().catch(() => void 0));
  }
  const program = options.program ?? await parseProgram(source);
  if (!("type" in program)) return failed(profile, program);
  const collected = options.program !== void 0 && options.collected !== void 0 ? options.collected : collect(program);
  const space = options.environments ? { classes: options.environments, total: options.environments.length } : buildEnvironments(collected, source, {
    ...options.timeZone === void 0 ? {} : { timeZone: options.timeZone },
    ...options.maxClasses === void 0 ? {} : { maxClasses: options.maxClasses }
  });
  const { queries, omitted } = options.queries ? { queries: options.queries, omitted: 0 } : planHosts(options.hosts ?? [], collected.hostLiterals, options.otherHosts ?? true);
  const coverage = options.coverage ?? true;
  const created = await createEvaluator(source, {
    profile,
    program,
    // The analysis reads helper names (`reads`, or a trace's names), never where a helper was called.
    probes: { callSites: false, branches: coverage },
    ...options.limits === void 0 ? {} : { limits: options.limits }
  });
  if (!created.ok) return { ...failed(profile, created.failure), environments: space.classes, environmentsTotal: space.total };
  const evaluator = created.evaluator;
  try {
    const parts = await reuseParts(collected, space.classes, profile, options.limits);
    const budget = options.environments && !options.budget ? void 0 : { ...DEFAULT_BUDGET, ...options.budget };
    const { routes, taken, evaluations, skipped, classes, stoppedBy } = await routeTable(evaluator, queries, space.classes, {
      readsDate: collected.usesDate,
      coverage,
      sequential: collected.statefulSites.length > 0,
      ...parts ? { parts } : {},
      ...budget ? { budget } : {}
    });
    const notes = notesFor(collected, source);
    if (skipped > 0) {
      notes.push(`after ${MAX_TIMEOUTS} timeouts, ${skipped} of the remaining (host, entry point, class) cells were not evaluated`);
    }
    const environments = space.classes.slice(0, classes);
    if (stoppedBy) {
      const spent = stoppedBy === "evaluations" ? `${budget?.evaluations} evaluations` : `${budget?.ms} ms`;
      notes.push(
        `the analysis budget (${spent}) ran out: it covered the first ${classes} of ${space.total} environment classes, a sample in which every dimension's values take turns; the other classes were not evaluated`
      );
    }
    return {
      profile,
      entryPoints: evaluator.entryPoints,
      environments,
      routes,
      coverage: coverageOf(evaluator, taken),
      environmentsTotal: space.total,
      hostsOmitted: omitted,
      evaluations,
      notes,
      ...stoppedBy ? { sampled: { classes, of: space.total, stoppedBy } } : {}
    };
  } finally {
    evaluator[Symbol.dispose]();
  }
}
async function reuseParts(collected, classes, profile, limits) {
  if (collected.statefulSites.length > 0) return void 0;
  const clock = await clockParts(collected, classes, profile, limits);
  const address = addressParts(collected, classes);
  if (!clock && !address) return void 0;
  const parts = /* @__PURE__ */ new Map();
  for (const c of classes) {
    if (c.parts) parts.set(c, { ...c.parts, ...address?.get(c), ...clock?.get(c) });
  }
  return parts;
}
async function clockParts(collected, classes, profile, limits) {
  if (!collected.timeTestsComplete || collected.timeTests.length === 0) return void 0;
  const timed = classes.filter((c) => c.parts?.day !== void 0 || c.parts?.clock !== void 0);
  if (timed.length === 0) return void 0;
  const keys = await clockKeys(
    collected.timeTests,
    timed.map((c) => c.witness),
    profile,
    limits
  );
  if (!keys) return void 0;
  const parts = /* @__PURE__ */ new Map();
  for (const c of timed) {
    const key = keys.get(readingKey(c.witness));
    if (key) parts.set(c, { ...key, instant: readingKey(c.witness) });
  }
  return parts;
}
function addressParts(collected, classes) {
  if (!collected.addressTestsComplete) return void 0;
  const clientTests = collected.addressTests.filter((t) => t.target !== "dns");
  const hostTests = collected.addressTests.filter((t) => t.target !== "client" && !(t.kind === "network" && t.probe));
  const signature = (tests, ip) => `${rangeOf(ip)}:${tests.map((t) => matches(t, ip) ? "1" : "0").join("")}`;
  const parts = /* @__PURE__ */ new Map();
  for (const c of classes) {
    const part = {};
    const client = c.witness.clientIps[0];
    if (c.parts?.client !== void 0 && client !== void 0) part.client = `a${signature(clientTests, client)}`;
    if (c.parts?.dns !== void 0) {
      const answer = c.hostAnswer ?? [];
      const host = c.values?.some((v) => v.key.startsWith("d")) ? answer[0] === void 0 ? "none" : signature(hostTests, answer[0]) : "";
      const probes = c.values?.find((v) => v.key.startsWith("p"))?.key ?? "";
      part.dns = c.values ? `a${host}|${probes}` : c.parts.dns;
    }
    parts.set(c, part);
  }
  return parts;
}
function rangeOf(ip) {
  const address = parseAddress(ip);
  if (!address) return "?";
  if (address.family === 6) return "v6";
  const value = Number(address.value);
  const [a, b] = [value >>> 24, value >>> 16 & 255];
  if (a === 10) return "10/8";
  if (a === 172 && b >= 16 && b < 32) return "172.16/12";
  if (a === 192 && b === 168) return "192.168/16";
  if (a === 100 && b >= 64 && b < 128) return "100.64/10";
  if (a === 127) return "127/8";
  return "public";
}
async function parseProgram(source) {
  const { parse: parse2 } = await init_parse().then(() => parse_exports);
  const parsed = parse2(source);
  if (parsed.ok) return parsed.program;
  const error = parsed.errors[0];
  return error ? { kind: "syntax", message: error.message, range: error.range } : { kind: "syntax", message: "syntax error" };
}
function notesFor(collected, source) {
  const at = (range) => {
    const { line, column } = positionAt(source, range[0]);
    return `${line}:${column}`;
  };
  return [
    ...collected.loadTimeReads.map(
      ({ name, range }) => `${at(range)}: ${name}() runs when the PAC loads, so its answer comes from the load and does not vary with the environment classes`
    ),
    ...collected.statefulSites.map(({ what: what2, range }) => `${at(range)}: ${what2}, so answers may depend on earlier calls`)
  ];
}
function failed(profile, failure) {
  return { profile, entryPoints: [], environments: [], routes: [], coverage: { total: 0, taken: 0, unreached: [] }, loadFailure: failure };
}
async function routeTable(evaluator, queries, environments, options = {}) {
  const maxTimeouts = options.maxTimeouts ?? MAX_TIMEOUTS;
  const coverage = options.coverage ?? true;
  const readsDate = options.readsDate ?? true;
  const rowSpecs = queries.flatMap((query) => evaluator.entryPoints.map((entryPoint) => ({ query, entryPoint })));
  const started = performance.now();
  let spent = 0;
  const overBudget = () => {
    if (options.budget?.evaluations !== void 0 && spent >= options.budget.evaluations) return "evaluations";
    if (options.budget?.ms !== void 0 && performance.now() - started >= options.budget.ms) return "time";
    return void 0;
  };
  const roomLeft = () => {
    const ms = options.budget?.ms;
    if (ms === void 0 || spent === 0) return MAX_ROUND;
    const elapsed = performance.now() - started;
    return Math.max(1, Math.floor((ms - elapsed) / (elapsed / spent)));
  };
  const taken = /* @__PURE__ */ new Set();
  const done = /* @__PURE__ */ new Map();
  const cellId = (row, index) => row * environments.length + index;
  let readsSupported = false;
  const evaluate = async (cells) => {
    const missing = cells.filter(([row, index]) => !done.has(cellId(row, index)));
    const calls = missing.map(([row, index]) => {
      const spec = rowSpecs[row];
      const environment = environments[index];
      if (!spec || !environment) throw new Error("no such cell");
      return {
        request: { url: spec.query.url, entryPoint: spec.entryPoint, coverage, newBranchesOnly: coverage, reads: true, trace: !readsSupported },
        env: environmentFor(environment, spec.query.host)
      };
    });
    const first2 = calls[0];
    spent += calls.length;
    const results = calls.length === 1 && first2 ? [await evaluator.evaluate(first2.request, first2.env)] : await evaluator.evaluateMany(calls);
    for (const [i, evaluation] of results.entries()) {
      const cell = missing[i];
      if (cell) done.set(cellId(...cell), evaluation);
      if (evaluation.reads !== void 0) readsSupported = true;
      for (const branch of evaluation.branches ?? []) taken.add(branch);
    }
    return cells.map(([row, index]) => done.get(cellId(row, index)) ?? fail("cell not evaluated"));
  };
  const pass = async (rounds) => {
    let evaluations = 0;
    let timeouts = 0;
    let skipped = 0;
    let limit = environments.length;
    let stoppedBy;
    const rows = rowSpecs.map(() => ({
      outcomes: /* @__PURE__ */ new Map(),
      earlier: [],
      next: 0
    }));
    const record = (row, environment, key, outcome) => {
      let entry = row.outcomes.get(key);
      if (!entry) row.outcomes.set(key, entry = { outcome: outcome(), ids: [] });
      entry.ids.push(environment.id);
    };
    const advance = (r) => {
      const row = rows[r];
      if (!row) return void 0;
      for (; row.next < limit; row.next++) {
        const environment = environments[row.next];
        if (!environment) break;
        const parts = options.parts?.get(environment) ?? environment.parts;
        const key = row.earlier.find((e) => agrees(e.parts, parts, e.read))?.key;
        if (key !== void 0) {
          record(row, environment, key, () => fail("reused an unknown outcome"));
        } else if (timeouts >= maxTimeouts) {
          skipped++;
          record(row, environment, SKIPPED, () => ({
            result: null,
            entries: [],
            failure: { kind: "timeout", message: `not evaluated: the PAC had already timed out ${timeouts} times in this analysis` },
            witness: environment
          }));
        } else {
          return row.next;
        }
      }
      return void 0;
    };
    const apply = (r, evaluation) => {
      const row = rows[r];
      const environment = row ? environments[row.next] : void 0;
      if (!row || !environment) return;
      evaluations++;
      if (evaluation.failure?.kind === "timeout") timeouts++;
      const key = outcomeKey(evaluation);
      const utc = environment.witness.timeZone === "UTC";
      const dateUnseen = readsDate && !(evaluation.reads !== void 0 && evaluator.profile !== "node");
      const parts = options.parts?.get(environment) ?? environment.parts;
      row.earlier.push({ parts, read: dimensionsRead(evaluation, dateUnseen, utc), key });
      record(row, environment, key, () => ({
        result: evaluation.result,
        entries: evaluation.entries,
        ...evaluation.failure ? { failure: evaluation.failure } : {},
        ...evaluation.returnRange ? { returnRange: evaluation.returnRange } : {},
        ...evaluation.implicitBypass ? { implicitBypass: evaluation.implicitBypass } : {},
        witness: environment
      }));
      row.next++;
    };
    if (rounds) {
      for (; ; ) {
        if (stoppedBy === void 0 && (stoppedBy = overBudget())) {
          limit = Math.min(limit, Math.max(1, Math.min(...rows.map((row) => row.next))));
        }
        const pending = [];
        for (let r = 0; r < rows.length; r++) {
          const index = advance(r);
          if (index !== void 0) pending.push([r, index]);
        }
        if (pending.length === 0) break;
        const round = readsSupported ? pending.slice(0, Math.min(MAX_ROUND, roomLeft())) : pending.slice(0, 1);
        const results = await evaluate(round);
        if (results.some((evaluation) => evaluation.failure?.kind === "timeout")) return void 0;
        for (const [i, [r]] of round.entries()) {
          const evaluation = results[i];
          if (evaluation) apply(r, evaluation);
        }
      }
    } else {
      for (let r = 0; r < rows.length; r++) {
        for (let index = advance(r); index !== void 0; index = advance(r)) {
          const [evaluation] = await evaluate([[r, index]]);
          if (evaluation) apply(r, evaluation);
          if (stoppedBy === void 0 && (stoppedBy = overBudget())) limit = Math.min(limit, Math.max(1, rows[r]?.next ?? 1));
        }
      }
    }
    const kept = new Set(environments.slice(0, limit).map((environment) => environment.id));
    const routes = rowSpecs.map(({ query, entryPoint }, r) => ({
      host: query.host,
      url: query.url,
      ...query.endpoint ? { endpoint: query.endpoint } : {},
      entryPoint,
      outcomes: [...rows[r]?.outcomes.values() ?? []].flatMap(({ outcome, ids }) => {
        const environmentIds = limit === environments.length ? ids : ids.filter((id) => kept.has(id));
        return environmentIds.length > 0 ? [{ ...outcome, environmentIds }] : [];
      })
    }));
    return { routes, evaluations, skipped, classes: limit, ...stoppedBy ? { stoppedBy } : {} };
  };
  const table = (options.sequential ? void 0 : await pass(true)) ?? await pass(false);
  if (!table) throw new Error("the row-by-row pass always completes");
  return { ...table, taken };
}
function fail(message) {
  throw new Error(`routeTable: ${message}`);
}
function dimensionsRead(evaluation, dateUnseen, utc) {
  const names = evaluation.reads ?? evaluation.calls?.map((call) => call.name);
  if (names === void 0) return /* @__PURE__ */ new Set(["client", "dns", "day", "clock", "instant"]);
  const read = new Set(dateUnseen ? ["day", "clock", "instant"] : []);
  for (const name of names) {
    if (!utc && CLOCK_HELPERS.has(name)) {
      read.add("day").add("clock");
      continue;
    }
    for (const dimension of Object.hasOwn(DIMENSIONS_OF, name) && DIMENSIONS_OF[name] || []) read.add(dimension);
  }
  return read;
}
function agrees(a, b, read) {
  if (!a || !b) return false;
  for (const dimension of read) if (a[dimension] !== b[dimension]) return false;
  return true;
}
function outcomeKey(evaluation) {
  const { result, failure, returnRange, implicitBypass } = evaluation;
  return JSON.stringify([result, failure?.kind ?? null, failure?.message ?? null, returnRange ?? null, implicitBypass ?? null]);
}
function coverageOf(evaluator, taken) {
  const unreached = evaluator.branchPoints.filter((b) => !taken.has(b.id)).map((b) => b.range);
  const total = evaluator.branchPoints.length;
  return { total, taken: total - unreached.length, unreached };
}
function preferredEntryPoint(analysis) {
  if (analysis.profile === "winhttp" && analysis.entryPoints.includes("FindProxyForURLEx")) return "FindProxyForURLEx";
  return analysis.entryPoints.includes("FindProxyForURL") ? "FindProxyForURL" : void 0;
}
var DEFAULT_BUDGET, LINT_BUDGET, MAX_ROUND, MAX_TIMEOUTS, SKIPPED, DIMENSIONS_OF, CLOCK_HELPERS;
var init_analyze = __esm({
  "../../../tmp/sbx/base/src/analyze/index.ts"() {
    init_evaluate();
    init_source_file();
    init_clock();
    init_collect();
    init_address2();
    init_environments();
    init_hosts();
    init_public_address();
    init_collect();
    init_environments();
    init_hosts();
    init_findings();
    DEFAULT_BUDGET = { evaluations: 2e4, ms: 2e4 };
    LINT_BUDGET = { evaluations: 1e4, ms: 5e3 };
    MAX_ROUND = 64;
    MAX_TIMEOUTS = 4;
    SKIPPED = "skipped";
    DIMENSIONS_OF = {
      myIpAddress: ["client"],
      myIpAddressEx: ["client"],
      dnsResolve: ["dns"],
      dnsResolveEx: ["dns"],
      isResolvable: ["dns"],
      isResolvableEx: ["dns"],
      isInNet: ["dns"],
      isInNetEx: ["dns"],
      timeRange: ["clock"],
      weekdayRange: ["day"],
      dateRange: ["day"],
      Date: ["day", "clock", "instant"]
    };
    CLOCK_HELPERS = /* @__PURE__ */ new Set(["timeRange", "weekdayRange", "dateRange"]);
  }
});

// ../../../tmp/sbx/base/test/bench/resolve.ts
init_evaluate();
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// ../../../tmp/sbx/base/src/resolve/resolve.ts
init_evaluate();
function resolveProbes(trace) {
  return { branches: false, callSites: trace };
}
var CHUNK = 4096;
async function loadProfile(source, profile, options) {
  if (options.parseFailure) return { ok: false, failure: options.parseFailure };
  return createEvaluator(source, {
    profile,
    ...options.limits ? { limits: options.limits } : {},
    ...options.program ? { program: options.program } : {},
    ...options.compiled ? { compiled: options.compiled } : {},
    probes: resolveProbes(options.trace ?? false)
  });
}
async function resolveWith(evaluator, urls2, options, into = []) {
  const { environment: env, entryPoint } = options;
  const trace = options.trace ?? false;
  const profile = evaluator.profile;
  for (let start2 = 0; start2 < urls2.length; start2 += CHUNK) {
    const chunk = urls2.slice(start2, start2 + CHUNK);
    const evaluations = await evaluator.evaluateMany(chunk.map((url) => ({ request: entryPoint ? { url, trace, entryPoint } : { url, trace }, env })));
    chunk.forEach((url, i) => {
      const evaluation = evaluations[i];
      if (evaluation) into.push({ url, profile, evaluation });
    });
  }
  return into;
}

// ../../../tmp/sbx/base/test/bench/resolve.ts
init_source_file();
await init_parse();
var URL_COUNT = Number(process.env["PAC_DO_BENCH_URLS"] ?? 1e5);
var BUNDLE = join(dirname(fileURLToPath(import.meta.url)), "../../bin/pac-do.js");
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = state + 1831565813 >>> 0;
    let t = Math.imul(state ^ state >>> 15, state | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 2 ** 32;
  };
}
var IP_LITERAL = "/^\\d+\\.\\d+\\.\\d+\\.\\d+$/";
function typicalPac() {
  const next = random(7);
  const suffixes = Array.from({ length: 60 }, (_, i) => `".corp${i}.example"`);
  const partners = Array.from({ length: 80 }, (_, i) => `"*.partner${i}.example.${["com", "net", "org"][i % 3]}"`);
  const subnets = Array.from({ length: 12 }, () => `["10.${Math.floor(next() * 255)}.0.0", "255.255.0.0"]`);
  return `// Generated for the resolve benchmark: a typical enterprise PAC.
var INTRANET = [${suffixes.join(", ")}];
var PARTNERS = [${partners.join(", ")}];
var SUBNETS = [${subnets.join(", ")}];
function inList(host, list) {
  for (var i = 0; i < list.length; i++) if (dnsDomainIs(host, list[i])) return true;
  return false;
}
function matchesAny(host, list) {
  for (var i = 0; i < list.length; i++) if (shExpMatch(host, list[i])) return true;
  return false;
}
function FindProxyForURL(url, host) {
  if (isPlainHostName(host) || inList(host, INTRANET)) return "DIRECT";
  if (shExpMatch(host, "*.prod.do.dsp.mp.microsoft.com") || shExpMatch(host, "*.do.dsp.mp.microsoft.com")) return "DIRECT";
  if (${IP_LITERAL}.test(host)) {
    for (var i = 0; i < SUBNETS.length; i++) if (isInNet(host, SUBNETS[i][0], SUBNETS[i][1])) return "DIRECT";
  }
  if (matchesAny(host, PARTNERS)) return "PROXY partner-proxy.corp.example:8080; DIRECT";
  if (isInNet(myIpAddress(), "10.20.0.0", "255.255.0.0")) return "PROXY branch.corp.example:3128; PROXY proxy.corp.example:8080";
  return "PROXY proxy1.corp.example:8080; PROXY proxy2.corp.example:8080; DIRECT";
}
`.padEnd(10 * 1024, "\n// padding to the size of a commented enterprise PAC");
}
function largePac() {
  const next = random(11);
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const names = [];
  let size = 0;
  while (size < 1024 * 1024 - 2048) {
    const label2 = Array.from({ length: 6 + Math.floor(next() * 10) }, () => letters[Math.floor(next() * 26)]).join("");
    const name = `"${label2}.${["com", "net", "org", "io", "example"][Math.floor(next() * 5)]}":1`;
    names.push(name);
    size += name.length + 1;
  }
  return `// Generated for the resolve benchmark: a 1 MB domain-list PAC.
var DOMAINS = {${names.join(",")}};
function FindProxyForURL(url, host) {
  if (isPlainHostName(host)) return "DIRECT";
  var suffix = host;
  for (var dot = 0; dot >= 0; dot = suffix.indexOf(".")) {
    if (DOMAINS.hasOwnProperty(suffix)) return "PROXY list-proxy.example:8080";
    if (dot === 0 && suffix !== host) break;
    suffix = suffix.substring(dot + 1);
    if (suffix.indexOf(".") < 0) break;
  }
  return "DIRECT";
}
`;
}
function urls(count) {
  const next = random(3);
  const hosts = [
    () => `kv${Math.floor(next() * 999)}.prod.do.dsp.mp.microsoft.com`,
    () => `app${Math.floor(next() * 50)}.corp${Math.floor(next() * 60)}.example`,
    () => `www.partner${Math.floor(next() * 120)}.example.com`,
    () => `10.${Math.floor(next() * 255)}.${Math.floor(next() * 255)}.${Math.floor(next() * 255)}`,
    () => `site${Math.floor(next() * 1e5)}.example.net`,
    () => "intranet"
  ];
  return Array.from({ length: count }, () => {
    const host = hosts[Math.floor(next() * hosts.length)] ?? hosts[0];
    return `http://${host?.() ?? "example.com"}/path/${Math.floor(next() * 1e3)}`;
  });
}
var ENVIRONMENT = defaultEnvironment({ clientIps: ["10.20.30.40"], now: Date.UTC(2026, 10, 27, 10), timeZone: "UTC" });

// ../../../tmp/sbx/base/test/bench/analyze.ts
init_analyze();
init_collect();
init_evaluate();
await init_parse();
init_source_file();
function enterprisePac(bytes) {
  const head = [
    "// Generated by bench/analyze.ts: an enterprise-shaped PAC.",
    'var proxy = "PROXY proxy.corp.example:8080; DIRECT";',
    'var filter = "PROXY filter.corp.example:3128";',
    "",
    "function FindProxyForURL(url, host) {",
    '  if (isPlainHostName(host) || dnsDomainIs(host, ".corp.example")) return "DIRECT";',
    '  if (shExpMatch(host, "*.do.dsp.mp.microsoft.com")) return "DIRECT";',
    "  var ip = myIpAddress();",
    '  if (isInNet(ip, "10.20.0.0", "255.255.0.0")) return "PROXY hq.corp.example:8080";',
    '  if (isInNet(ip, "10.30.0.0", "255.255.0.0") && timeRange(8, 18)) return filter;',
    '  if (isInNet(dnsResolve(host), "10.0.0.0", "255.0.0.0")) return "DIRECT";'
  ];
  const rules2 = [];
  let size = head.join("\n").length;
  for (let i = 0; size < bytes - 64; i++) {
    const rule = i % 3 === 0 ? `  if (dnsDomainIs(host, ".partner${i}.example.com")) return "PROXY p${i % 7}.corp.example:8080";` : `  if (shExpMatch(host, "*.site${i}.example.net")) return "PROXY p${i % 7}.corp.example:8080";`;
    rules2.push(rule);
    size += rule.length + 1;
  }
  return [...head, ...rules2, "  return proxy;", "}", ""].join("\n");
}

// ../../../tmp/sbx/pair/base.ts
init_source_file();
await init_parse();
init_evaluate();
init_analyze();

// ../../../tmp/sbx/base/src/lint/linter.ts
init_source_file();
await init_parse();
init_walk();

// ../../../tmp/sbx/base/src/version.ts
import { readFileSync } from "node:fs";
var info = readPackage();
var version = info?.version ?? "0.0.0";
var homepage = info?.homepage;
var packageRoot = info?.root;
var BUILD_STAMP = "pac-do-build:unbundled";
var build = /^[0-9a-f]{64}$/.test(BUILD_STAMP) ? BUILD_STAMP : void 0;
function readPackage() {
  for (const candidate of ["../package.json", "../../package.json"]) {
    const url = new URL(candidate, import.meta.url);
    try {
      const pkg = JSON.parse(readFileSync(url, "utf8"));
      if (typeof pkg === "object" && pkg !== null && "name" in pkg && pkg.name === "pac-do" && "version" in pkg) {
        const homepage2 = "homepage" in pkg && typeof pkg.homepage === "string" && pkg.homepage !== "" ? pkg.homepage : void 0;
        return { root: new URL(".", url), version: String(pkg.version), homepage: homepage2 };
      }
    } catch {
    }
  }
  return void 0;
}

// ../../../tmp/sbx/base/src/lint/define-rule.ts
function defineRule(rule) {
  return rule;
}
function formatMessage(template, data = {}) {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (slot, name) => {
    const value = data[name];
    return value === void 0 ? slot : String(value);
  });
}

// ../../../tmp/sbx/base/src/lint/directives.ts
init_source_file();
var DIRECTIVE = /^\s*(pac-do-disable(?:-next-line|-line)?)(?:\s+([\s\S]*?))?\s*(?:--[\s\S]*)?$/;
function readDirectives(source, comments) {
  let file;
  const lines = /* @__PURE__ */ new Map();
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.value);
    if (!match) continue;
    const kind = match[1];
    const ids = (match[2] ?? "").split(/[\s,]+/).filter((id) => id.length > 0);
    const scope = ids.length === 0 ? "all" : new Set(ids);
    if (kind === "pac-do-disable") {
      file = file === "all" || scope === "all" ? "all" : /* @__PURE__ */ new Set([...file ?? [], ...scope]);
      continue;
    }
    const start2 = positionAt(source, comment.range[0]).line;
    const end = positionAt(source, comment.range[1]).line;
    const line = kind === "pac-do-disable-line" ? start2 : end + 1;
    lines.set(line, [...lines.get(line) ?? [], scope]);
  }
  const covers = (scope, ruleId) => scope !== void 0 && (scope === "all" || scope.has(ruleId));
  return {
    suppresses: (ruleId, line) => covers(file, ruleId) || (lines.get(line) ?? []).some((scope) => covers(scope, ruleId))
  };
}

// ../../../tmp/sbx/base/src/lint/rules/ascii-only.ts
init_source_file();

// ../../../tmp/sbx/base/src/lint/ast-utils.ts
init_walk();
function someNode(node, test) {
  const stack = [node];
  for (let current = stack.pop(); current !== void 0; current = stack.pop()) {
    if (test(current)) return true;
    forEachChild(current, (child) => void stack.push(child));
  }
  return false;
}
function findNodes(node, test) {
  const found = [];
  const stack = [node];
  for (let current = stack.pop(); current !== void 0; current = stack.pop()) {
    if (test(current)) found.push(current);
    forEachChild(current, (child) => void stack.push(child));
  }
  return found;
}
function isStringLiteral(node) {
  return node?.type === "Literal" && typeof node.value === "string";
}
function alwaysExits(statement) {
  switch (statement.type) {
    case "ReturnStatement":
    case "ThrowStatement":
      return true;
    case "BlockStatement":
      return statement.body.some(alwaysExits);
    case "IfStatement": {
      let branch = statement;
      while (branch.type === "IfStatement") {
        if (branch.alternate === null || !alwaysExits(branch.consequent)) return false;
        branch = branch.alternate;
      }
      return alwaysExits(branch);
    }
    case "TryStatement":
      return statement.finalizer !== null && alwaysExits(statement.finalizer) || alwaysExits(statement.block) && (statement.handler === null || alwaysExits(statement.handler.body));
    default:
      return false;
  }
}
function contains(outer, node) {
  return outer.range[0] <= node.range[0] && node.range[1] <= outer.range[1];
}

// ../../../tmp/sbx/base/src/lint/rules/ascii-only.ts
var NON_ASCII = /[^\x00-\x7f]+/g;
var ascii_only_default = defineRule({
  id: "ascii-only",
  meta: {
    type: "problem",
    docs: { description: "PAC files should be plain ASCII; a non-ASCII result string fails outright." },
    messages: {
      text: 'Non-ASCII text "{{text}}": clients decode PAC files differently (Chromium as ISO-8859-1 without a BOM or charset), and vendors accept ASCII only',
      result: 'Non-ASCII text "{{text}}" in a returned string: Chromium fails the request when the result is not ASCII'
    },
    defaultSeverity: "warning"
  },
  create(context) {
    const returns = [];
    return {
      ReturnStatement: (node) => void returns.push(node),
      "Program:exit"() {
        const text = context.source.text;
        let lastLine = 0;
        for (const match of text.matchAll(NON_ASCII)) {
          const range = [match.index, match.index + match[0].length];
          const inResult = returns.some((statement) => statement.argument !== null && contains(statement.argument, { range }));
          const line = positionAt(context.source, range[0]).line;
          if (!inResult && line === lastLine) continue;
          lastLine = line;
          const shown = match[0].length > 20 ? `${match[0].slice(0, 20)}...` : match[0];
          context.report(
            inResult ? { messageId: "result", range, data: { text: shown }, severity: "error" } : { messageId: "text", range, data: { text: shown } }
          );
        }
      }
    };
  }
});

// ../../../tmp/sbx/base/src/lint/do-hosts.ts
var DO_NAME_FRAGMENTS = ["do.dsp.mp.microsoft", "delivery.mp.microsoft", "windowsupdate.com", "emdl.ws.microsoft", "microsoft.com"];
function namesDoHost(node) {
  if (node.type !== "Literal") return false;
  const text = node.regex ? node.regex.pattern : typeof node.value === "string" ? node.value : void 0;
  if (text === void 0) return false;
  const plain = text.replace(/\\/g, "").toLowerCase();
  return DO_NAME_FRAGMENTS.some((fragment) => plain.includes(fragment));
}
function firstValidEntry(entries) {
  return entries.find((entry) => entry.invalid === void 0);
}
function proxiedFirst(outcome) {
  if (outcome.failure || outcome.result === null) return void 0;
  const first2 = firstValidEntry(outcome.entries);
  return first2 && first2.type !== "DIRECT" ? first2 : void 0;
}
function quoteResult(result) {
  if (result === null) return "no result";
  const text = result.length > 60 ? `${result.slice(0, 57)}...` : result;
  return JSON.stringify(text);
}

// ../../../tmp/sbx/base/src/lint/host-groups.ts
function addToGroup(groups, key, host, first2) {
  const group = groups.get(key);
  if (!group) groups.set(key, { hosts: [host], first: first2() });
  else if (!group.hosts.includes(host)) group.hosts.push(host);
}
function hostSlots(hosts, noun) {
  const others = hosts.length - 1;
  return { host: hosts[0] ?? "", more: others > 0 ? ` (and ${others} more ${noun}${others === 1 ? "" : "s"})` : "" };
}

// ../../../tmp/sbx/base/src/lint/rules/do-content-proxied.ts
var do_content_proxied_default = defineRule({
  id: "do-content-proxied",
  meta: {
    type: "suggestion",
    docs: { description: "Delivery Optimization content may go through a proxy only if the proxy leaves it unmodified and allows byte ranges." },
    messages: {
      proxied: "{{host}}{{more}} goes through {{proxy}} when {{environment}}: allowed for DO content, but the proxy must not modify or scan the content and must allow HTTP byte-range requests (KB 3175743)"
    },
    defaultSeverity: "info",
    usesAnalysis: true
  },
  create(context) {
    return {
      async "Program:exit"() {
        const analysis = await context.analysis();
        const groups = /* @__PURE__ */ new Map();
        for (const route of analysis.routes) {
          if (route.endpoint?.role !== "content") continue;
          for (const outcome of route.outcomes) {
            const entry = proxiedFirst(outcome);
            const range = outcome.returnRange;
            if (!entry || !range) continue;
            addToGroup(groups, range.join(":"), route.host, () => ({ proxy: entry.text.trim(), environment: outcome.witness.label, range }));
          }
        }
        for (const { hosts, first: first2 } of groups.values()) {
          context.report({
            messageId: "proxied",
            range: first2.range,
            data: { ...hostSlots(hosts, "DO content host"), proxy: `"${first2.proxy}"`, environment: first2.environment }
          });
        }
      }
    };
  }
});

// ../../../tmp/sbx/base/src/lint/rules/do-entry-points-agree.ts
init_source_file();

// ../../../tmp/sbx/base/src/pac/entry-points.ts
init_walk();
var ENTRY_POINTS2 = ["FindProxyForURL", "FindProxyForURLEx"];
function isEntryPoint(name) {
  return name === "FindProxyForURL" || name === "FindProxyForURLEx";
}
var definitionsOf = /* @__PURE__ */ new WeakMap();
function findDefinitions(program) {
  let found = definitionsOf.get(program);
  if (!found) {
    const list = [];
    collect2(program, list);
    found = list.sort((a, b) => a.nameRange[0] - b.nameRange[0]);
    definitionsOf.set(program, found);
  }
  return found;
}
function collect2(root, found) {
  preorder(root, (node) => collectOne(node, found));
}
function collectOne(node, found) {
  switch (node.type) {
    case "FunctionDeclaration":
      if (isEntryPoint(node.id.name)) found.push({ name: node.id.name, node, value: node, nameRange: node.id.range });
      break;
    case "VariableDeclarator":
      if (node.id.type === "Identifier" && isEntryPoint(node.id.name) && node.init) {
        found.push({ name: node.id.name, node, value: node.init, nameRange: node.id.range });
      }
      break;
    case "AssignmentExpression": {
      const target = assignmentTarget(node.left);
      if (target) found.push({ ...target, node, value: node.right });
      break;
    }
    default:
      break;
  }
}
function assignmentTarget(left) {
  if (left.type === "Identifier") return isEntryPoint(left.name) ? { name: left.name, nameRange: left.range } : void 0;
  if (left.type !== "MemberExpression") return void 0;
  const key = left.property;
  const name = !left.computed && key.type === "Identifier" ? key.name : key.type === "Literal" && typeof key.value === "string" ? key.value : void 0;
  if (name === void 0 || !isEntryPoint(name)) return void 0;
  return { name, nameRange: key.range, member: left.object.type === "ThisExpression" ? "this" : "other" };
}
var entryPointsOf = /* @__PURE__ */ new WeakMap();
function findEntryPointDefinitions(program) {
  let found = entryPointsOf.get(program);
  if (!found) {
    found = classify(program);
    entryPointsOf.set(program, found);
  }
  return found;
}
function findEntryPoints(program) {
  return findEntryPointDefinitions(program).flatMap(({ name, fn, definition }) => fn ? [{ name, fn, nameRange: definition.nameRange }] : []);
}
function classify(program) {
  const definitions = findDefinitions(program);
  if (definitions.length === 0) return [];
  const paths = pathsTo(program, new Set(definitions.map((d) => d.node)));
  const read = [];
  for (const definition of definitions) {
    const path = paths.get(definition.node) ?? [program, definition.node];
    const target = targetOf(definition, path);
    if (target.kind !== "not-global") read.push({ definition, path, target });
  }
  const order = (entry) => isHoisted(entry.path) ? -1 : entry.definition.node.range[0];
  const last = /* @__PURE__ */ new Map();
  for (const entry of read) {
    if (entry.target.kind === "global" && runsAtLoad(entry.path)) last.set(entry.definition.name, Math.max(last.get(entry.definition.name) ?? -2, order(entry)));
  }
  return read.map(({ definition, path, target }) => {
    const lastOrder = last.get(definition.name);
    const superseded = lastOrder !== void 0 && order({ definition, path, target }) < lastOrder;
    const fn = functionOf(definition, path, program);
    const place = target.kind === "unknown" ? { reason: target.reason } : placeOf(definition, path, fn);
    return { name: definition.name, definition, fn, superseded, place };
  });
}
function pathsTo(program, wanted) {
  const found = /* @__PURE__ */ new Map();
  const path = [];
  const stack = [program];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === void 0) break;
    if (node === null) {
      path.pop();
      continue;
    }
    path.push(node);
    if (wanted.has(node)) found.set(node, [...path]);
    stack.push(null);
    const start2 = stack.length;
    forEachChild(node, (child) => void stack.push(child));
    for (let i = start2, j = stack.length - 1; i < j; i++, j--) [stack[i], stack[j]] = [stack[j], stack[i]];
  }
  return found;
}
function isFunction2(node) {
  return node?.type === "FunctionDeclaration" || node?.type === "FunctionExpression" || node?.type === "ArrowFunctionExpression";
}
function targetOf({ node, name }, path) {
  const enclosing = enclosingFunctions(path.slice(0, -1));
  switch (node.type) {
    case "FunctionDeclaration":
    case "VariableDeclarator":
      return enclosing.length === 0 ? { kind: "global" } : { kind: "not-global" };
    case "AssignmentExpression": {
      const left = node.left;
      if (left.type === "Identifier") return enclosing.some(({ fn }) => declares(fn, name)) ? { kind: "not-global" } : { kind: "global" };
      if (left.type !== "MemberExpression") return { kind: "not-global" };
      const object = left.object;
      if (object.type === "ThisExpression") return thisTarget(path, path.length - 1, `this.${name}`);
      if (object.type === "Identifier") return aliasTarget(object.name, path, path.length - 1, `${object.name}.${name}`);
      return { kind: "not-global" };
    }
  }
}
function enclosingFunctions(path) {
  const found = [];
  for (let index = path.length - 1; index >= 0; index--) {
    const node = path[index];
    if (isFunction2(node)) found.push({ fn: node, index });
  }
  return found;
}
function thisTarget(path, at, what2) {
  for (let index = at - 1; index >= 0; index--) {
    const node = path[index];
    if (!isFunction2(node) || node.type === "ArrowFunctionExpression") continue;
    const call = iifeCall(path, index);
    if (!call) {
      const reason = (lineOf) => `${what2} is assigned inside the function at line ${lineOf(node.range[0])}, which is not called right where it is defined, so pac-do cannot tell whether \`this\` is the global object`;
      return { kind: "unknown", reason };
    }
    if (isStrict(path, index)) {
      const reason = (lineOf) => `${what2} is assigned in strict-mode code at line ${lineOf(node.range[0])}, where \`this\` is undefined and the assignment throws`;
      return { kind: "unknown", reason };
    }
    if (call.thisArgument === void 0) return { kind: "global" };
    if (call.thisArgument.type === "ThisExpression") return thisTarget(path, call.index, what2);
    return { kind: "not-global" };
  }
  return { kind: "global" };
}
function aliasTarget(name, path, at, what2) {
  for (let index = at - 1; index >= 0; index--) {
    const fn = path[index];
    if (!isFunction2(fn) || !declares(fn, name)) continue;
    const position = fn.params.findIndex((param) => param.type === "Identifier" && param.name === name);
    const call = iifeCall(path, index);
    if (position === -1 || !call || redeclaresInBody(fn, name)) return { kind: "not-global" };
    const argument2 = call.arguments[position];
    if (argument2?.type === "ThisExpression") return thisTarget(path, call.index, what2);
    if (argument2?.type === "Identifier") return aliasTarget(argument2.name, path, call.index, what2);
    return { kind: "not-global" };
  }
  return name === "globalThis" ? { kind: "global" } : { kind: "not-global" };
}
function iifeCall(path, index) {
  const fn = path[index];
  const parent = path[index - 1];
  const args = (call) => call.arguments.map((a) => a.type === "SpreadElement" ? void 0 : a);
  if (parent?.type === "CallExpression" && parent.callee === fn) return { index: index - 1, arguments: args(parent) };
  const grand = path[index - 2];
  if (parent?.type === "MemberExpression" && parent.object === fn && !parent.computed && parent.property.type === "Identifier" && parent.property.name === "call" && grand?.type === "CallExpression" && grand.callee === parent) {
    const [thisArgument, ...rest] = args(grand);
    return { index: index - 2, arguments: rest, ...thisArgument ? { thisArgument } : {} };
  }
  return void 0;
}
function isStrict(path, index) {
  for (let i = index; i >= 0; i--) {
    const node = path[i];
    const body = node?.type === "Program" ? node.body : isFunction2(node) && node.body.type === "BlockStatement" ? node.body.body : void 0;
    if (!body) continue;
    for (const statement of body) {
      if (!isDirective(statement)) break;
      if (statement.type === "ExpressionStatement" && statement.expression.type === "Literal" && statement.expression.value === "use strict") return true;
    }
  }
  return false;
}
function declares(fn, name) {
  if (fn.params.some((param) => param.type === "Identifier" && param.name === name)) return true;
  if (fn.type === "FunctionExpression" && fn.id?.name === name) return true;
  return redeclaresInBody(fn, name);
}
function redeclaresInBody(fn, name) {
  if (fn.body.type !== "BlockStatement") return false;
  const stack = [...fn.body.body];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === void 0) break;
    if (node.type === "FunctionDeclaration") {
      if (node.id.name === name) return true;
      continue;
    }
    if (node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression") continue;
    if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.id.name === name) return true;
    forEachChild(node, (child) => void stack.push(child));
  }
  return false;
}
function isHoisted(path) {
  const node = path[path.length - 1];
  return node?.type === "FunctionDeclaration" && path.slice(1, -1).every((p) => p.type === "LabeledStatement");
}
function runsAtLoad(path) {
  for (let index = 1; index < path.length - 1; index++) {
    const node = path[index];
    switch (node.type) {
      case "ExpressionStatement":
      case "VariableDeclaration":
      case "LabeledStatement":
      case "BlockStatement":
      case "UnaryExpression":
        continue;
      case "CallExpression":
        if (isFunction2(path[index + 1]) && node.callee === path[index + 1]) continue;
        return false;
      case "MemberExpression":
        if (iifeCall(path, index + 1)) continue;
        return false;
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        if (iifeCall(path, index)) continue;
        return false;
      default:
        return false;
    }
  }
  return true;
}
function functionOf({ value }, path, program) {
  if (isFunction2(value)) return value;
  if (value.type !== "Identifier") return void 0;
  if (enclosingFunctions(path.slice(0, -1)).some(({ fn }) => declares(fn, value.name))) return void 0;
  const candidates2 = program.body.flatMap((statement) => {
    const inner = unlabel(statement);
    if (inner.type === "FunctionDeclaration" && inner.id.name === value.name) return [inner];
    if (inner.type === "VariableDeclaration") {
      return inner.declarations.flatMap((d) => d.id.type === "Identifier" && d.id.name === value.name && isFunction2(d.init ?? void 0) ? [d.init] : []);
    }
    return [];
  });
  return candidates2.length === 1 ? candidates2[0] : void 0;
}
function unlabel(statement) {
  let inner = statement;
  while (inner.type === "LabeledStatement") inner = inner.body;
  return inner;
}
function placeOf(definition, path, fn) {
  const { name, node, value } = definition;
  const at = node.range[0];
  if (node.type === "AssignmentExpression" && node.operator !== "=") {
    const operator = node.operator;
    return { reason: (lineOf) => `${name} is changed with ${operator} at line ${lineOf(at)}, not given a function` };
  }
  if (!fn) return { reason: (lineOf) => `${name} is given ${describe2(value)} at line ${lineOf(at)}, not a function pac-do can see, so there is no body to put the bypass in` };
  const form = formOf(definition, path, fn);
  const site = siteOf(name, form, fn !== value ? fn.range : node.range, fn);
  return typeof site === "string" ? { reason: (lineOf) => `${site} (line ${lineOf(at)})` } : site;
}
function formOf({ name, node, value }, path, fn) {
  const labels = path.filter((p) => p.type === "LabeledStatement").map((p) => `${p.label.name}:`);
  const nested = enclosingFunctions(path.slice(0, -1)).length > 0 ? " inside an immediately called function" : "";
  if (fn !== value && fn.type === "FunctionDeclaration") return `function ${fn.id.name}, which ${name} is assigned`;
  switch (node.type) {
    case "FunctionDeclaration":
      return labels.length > 0 ? `function declaration labelled ${labels.join(" ")}` : "function declaration";
    case "VariableDeclarator":
      return `${name} = function`;
    case "AssignmentExpression": {
      const left = node.left;
      const target = left.type === "MemberExpression" ? `${left.object.type === "ThisExpression" ? "this" : left.object.type === "Identifier" ? left.object.name : "\u2026"}.${name}` : name;
      return `${target} = function${nested}`;
    }
  }
}
function siteOf(name, form, range, fn) {
  if (fn.body.type !== "BlockStatement") return `${name} is an expression-bodied arrow function; give it a { } body`;
  const body = fn.body;
  const second = fn.params[1];
  let hostExpression;
  if (second?.type === "Identifier" && !redeclaresAsFunction(body, second.name)) hostExpression = second.name;
  else if (fn.type === "ArrowFunctionExpression") return `${name} is an arrow function without a plain host parameter (arrows have no \`arguments\`)`;
  else hostExpression = "arguments[1]";
  let insertAfter = body.range[0] + 1;
  let index = 0;
  for (const statement of body.body) {
    if (!isDirective(statement)) break;
    insertAfter = statement.range[1];
    index++;
  }
  return { name, form, range, body, hostExpression, insertAfter, firstStatement: body.body[index] };
}
function redeclaresAsFunction(body, name) {
  return body.body.some((statement) => statement.type === "FunctionDeclaration" && statement.id.name === name);
}
function isDirective(statement) {
  return statement.type === "ExpressionStatement" && statement.expression.type === "Literal" && typeof statement.expression.value === "string";
}
function describe2(node) {
  switch (node.type) {
    case "CallExpression":
      return "the result of a call";
    case "Identifier":
      return `a reference to ${node.name}`;
    case "MemberExpression":
      return "a property of another object";
    default:
      return `a ${node.type}`;
  }
}

// ../../../tmp/sbx/base/src/lint/rules/do-entry-points-agree.ts
function routeKey(outcome) {
  if (outcome.failure) return `failure:${outcome.failure.kind}`;
  return outcome.entries.filter((entry) => entry.invalid === void 0).map((entry) => entry.type === "DIRECT" ? "DIRECT" : `${entry.type} ${entry.host ?? ""}:${entry.port ?? ""}`).join(";");
}
function byEnvironment(route) {
  const map = /* @__PURE__ */ new Map();
  for (const outcome of route.outcomes) for (const id of outcome.environmentIds) map.set(id, outcome);
  return map;
}
var do_entry_points_agree_default = defineRule({
  id: "do-entry-points-agree",
  meta: {
    type: "problem",
    docs: { description: "FindProxyForURLEx and FindProxyForURL must route Delivery Optimization endpoints the same way." },
    messages: {
      disagree: "FindProxyForURLEx routes {{host}}{{more}} {{exResult}} but FindProxyForURL routes it {{legacyResult}}{{legacyLine}} when {{environment}}; Windows calls FindProxyForURLEx when it is defined, Chromium and Edge only FindProxyForURL"
    },
    defaultSeverity: "error",
    usesAnalysis: true
  },
  create(context) {
    return {
      async "Program:exit"() {
        const analysis = await context.analysis();
        if (!analysis.entryPoints.includes("FindProxyForURL") || !analysis.entryPoints.includes("FindProxyForURLEx")) return;
        const legacyRoutes = /* @__PURE__ */ new Map();
        for (const route of analysis.routes) if (route.endpoint && route.entryPoint === "FindProxyForURL") legacyRoutes.set(route.url, route);
        const found = /* @__PURE__ */ new Map();
        for (const route of analysis.routes) {
          if (!route.endpoint || route.entryPoint !== "FindProxyForURLEx") continue;
          const legacyRoute = legacyRoutes.get(route.url);
          if (!legacyRoute) continue;
          const legacyByEnv = byEnvironment(legacyRoute);
          for (const [environmentId, ex] of byEnvironment(route)) {
            const legacy = legacyByEnv.get(environmentId);
            if (!legacy || routeKey(legacy) === routeKey(ex)) continue;
            const key = `${ex.returnRange?.join(":") ?? "?"}|${legacy.returnRange?.join(":") ?? "?"}`;
            addToGroup(found, key, route.host, () => ({
              ex,
              legacy,
              environment: analysis.environments.find((env) => env.id === environmentId)?.label ?? ex.witness.label
            }));
          }
        }
        const exDefinition = findEntryPoints(context.program).find((definition) => definition.name === "FindProxyForURLEx");
        const fallback = exDefinition?.nameRange ?? [0, 0];
        for (const { hosts, first: disagreement } of found.values()) {
          const legacyReturn = disagreement.legacy.returnRange;
          context.report({
            messageId: "disagree",
            range: disagreement.ex.returnRange ?? fallback,
            data: {
              ...hostSlots(hosts, "DO host"),
              exResult: describe3(disagreement.ex),
              legacyResult: describe3(disagreement.legacy),
              legacyLine: legacyReturn ? ` (line ${positionAt(context.source, legacyReturn[0]).line})` : "",
              environment: disagreement.environment
            }
          });
        }
      }
    };
  }
});
function describe3(outcome) {
  return outcome.failure ? `into a failure (${outcome.failure.message})` : quoteResult(outcome.result);
}

// ../../../tmp/sbx/base/src/lint/rules/do-service-direct.ts
init_findings();
init_hosted_variables();
init_source_file();
var do_service_direct_default = defineRule({
  id: "do-service-direct",
  meta: {
    type: "problem",
    docs: { description: "Delivery Optimization service endpoints must be DIRECT as the first entry in every environment." },
    messages: {
      notDirect: "{{host}}{{more}} gets {{result}}{{via}} from {{entryPoint}}{{line}} when {{environment}}; DO service endpoints pin their certificates and group peers by the client's public IP, so they must be DIRECT first"
    },
    fixable: true,
    defaultSeverity: "error",
    usesAnalysis: true
  },
  create(context) {
    return {
      async "Program:exit"() {
        const analysis = await context.analysis();
        const checked = (entryPoint) => context.profile === "winhttp" || entryPoint === "FindProxyForURL";
        const violations = /* @__PURE__ */ new Map();
        for (const violation2 of serviceViolations(analysis)) {
          if (violation2.reason === "failed" || !checked(violation2.entryPoint)) continue;
          const key = `${violation2.entryPoint}@${violation2.returnRange?.join(":") ?? "?"}`;
          addToGroup(violations, key, violation2.host, () => ({
            result: violation2.outcome.result,
            entries: violation2.outcome.entries,
            entryPoint: violation2.entryPoint,
            environment: violation2.witness.label,
            returnRange: violation2.returnRange
          }));
        }
        const definitions = findEntryPoints(context.program);
        for (const { hosts, first: violation2 } of violations.values()) {
          const fallback = definitions.find((definition) => definition.name === violation2.entryPoint)?.nameRange ?? [0, 0];
          context.report({
            messageId: "notDirect",
            range: violation2.returnRange ?? fallback,
            data: {
              ...hostSlots(hosts, "DO service host"),
              result: quoteResult(violation2.result),
              via: hostedProxyNote(violation2.entries),
              entryPoint: violation2.entryPoint,
              line: violation2.returnRange ? ` (line ${positionAt(context.source, violation2.returnRange[0]).line})` : "",
              environment: violation2.environment
            }
          });
        }
      }
    };
  }
});

// ../../../tmp/sbx/base/src/lint/rules/entry-point-defined.ts
var entry_point_defined_default = defineRule({
  id: "entry-point-defined",
  meta: {
    type: "problem",
    docs: { description: "The PAC must define FindProxyForURL as a function (and may add FindProxyForURLEx for Windows)." },
    messages: {
      missing: "No FindProxyForURL function is defined; every client fails to use this PAC",
      notFunction: "{{name}} ends up as {{what}}: this top-level statement runs after every function declaration, so every client calls a non-function and fails",
      onlyEx: "Only FindProxyForURLEx is defined: Windows uses it, but Chromium, Edge and Firefox look only for FindProxyForURL and fail; define both"
    },
    defaultSeverity: "error"
  },
  create(context) {
    return {
      "Program:exit"() {
        for (const name of ENTRY_POINTS2) {
          const last = lastValue(context.program, name);
          if (last !== void 0) context.report({ messageId: "notFunction", range: last.nameRange, data: { name, what: last.node.type === "AssignmentExpression" && last.node.operator !== "=" ? "a value that is not a function" : describeValue(last.value) } });
        }
        const definitions = findEntryPoints(context.program);
        if (definitions.some((definition) => definition.name === "FindProxyForURL")) return;
        const ex = definitions.find((definition) => definition.name === "FindProxyForURLEx");
        if (ex) {
          context.report({ messageId: "onlyEx", range: ex.nameRange, severity: context.profile === "winhttp" ? "warning" : "error" });
        } else {
          context.report({ messageId: "missing", range: [0, 0] });
        }
      }
    };
  }
});
function lastValue(program, name) {
  const definitions = findDefinitions(program).filter((definition) => definition.name === name);
  const last = definitions.filter((definition) => definition.node.type !== "FunctionDeclaration").pop();
  if (last === void 0 || !isTopLevelStatement(program, last) || mayBeFunction(last)) return void 0;
  return last;
}
function isTopLevelStatement(program, definition) {
  return program.body.some(
    (statement) => statement.type === "ExpressionStatement" && statement.expression === definition.node || statement.type === "VariableDeclaration" && statement.declarations.some((declarator) => declarator === definition.node)
  );
}
function mayBeFunction(definition) {
  const node = definition.node;
  if (node.type === "AssignmentExpression" && node.operator !== "=") return node.operator === "||=" || node.operator === "&&=" || node.operator === "??=";
  return !NOT_FUNCTION.has(definition.value.type);
}
var NOT_FUNCTION = /* @__PURE__ */ new Set(["Literal", "ObjectExpression", "ArrayExpression", "TemplateLiteral", "UnaryExpression", "UpdateExpression", "BinaryExpression"]);
function describeValue(value) {
  if (value.type === "UnaryExpression" && value.operator === "void") return "undefined";
  if (value.type === "Literal") return value.value === null ? "null" : typeof value.value === "string" ? "a string" : value.regex ? "a regular expression" : typeof value.value === "number" ? "a number" : typeof value.value === "boolean" ? "a boolean" : "a literal";
  if (value.type === "ObjectExpression") return "an object";
  if (value.type === "ArrayExpression") return "an array";
  if (value.type === "TemplateLiteral") return "a string";
  return "a value that is not a function";
}

// ../../../tmp/sbx/base/src/lint/rules/jscript-compatible.ts
var ES5_METHODS = {
  startsWith: "ES2015",
  endsWith: "ES2015",
  includes: "ES2015",
  repeat: "ES2015",
  padStart: "ES2017",
  padEnd: "ES2017",
  trim: "ES5",
  trimStart: "ES2019",
  trimEnd: "ES2019",
  trimLeft: "ES2019",
  trimRight: "ES2019",
  forEach: "ES5",
  map: "ES5",
  filter: "ES5",
  some: "ES5",
  every: "ES5",
  reduce: "ES5",
  reduceRight: "ES5",
  find: "ES2015",
  findIndex: "ES2015",
  codePointAt: "ES2015"
};
var ARRAY_ONLY_WHEN_ARRAY = /* @__PURE__ */ new Set(["indexOf", "lastIndexOf"]);
var STATIC_ES5 = /* @__PURE__ */ new Map([
  ["Object", /* @__PURE__ */ new Set(["keys", "create", "defineProperty", "defineProperties", "freeze", "assign", "entries", "values", "getPrototypeOf", "getOwnPropertyNames"])],
  ["Array", /* @__PURE__ */ new Set(["isArray", "from", "of"])],
  ["Date", /* @__PURE__ */ new Set(["now"])],
  ["String", /* @__PURE__ */ new Set(["fromCodePoint", "raw"])],
  ["Number", /* @__PURE__ */ new Set(["isInteger", "isNaN", "isFinite", "parseInt", "parseFloat"])]
]);
var ES3_RESERVED = new Set(
  "break case catch continue default delete do else finally for function if in instanceof new return switch this throw try typeof var void while with abstract boolean byte char class const debugger double enum export extends final float goto implements import int interface long native package private protected public short static super synchronized throws transient volatile null true false".split(
    " "
  )
);
var PATTERNS = /* @__PURE__ */ new Set(["ObjectPattern", "ArrayPattern", "AssignmentPattern", "RestElement"]);
var jscript_compatible_default = defineRule({
  id: "jscript-compatible",
  meta: {
    type: "problem",
    docs: { description: "WinHTTP runs PAC files with JScript (ES3): no ES5+ syntax or library calls." },
    messages: {
      syntax: "{{what}} is {{version}} syntax; WinHTTP runs PAC files with JScript (ES3), which rejects the whole file",
      library: "{{what}} is {{version}}; WinHTTP's JScript (ES3) throws when it is called, so the PAC fails for that request",
      trailingComma: "Trailing comma in an {{what}} literal: JScript (ES3) {{effect}}",
      reservedName: '"{{name}}" is a reserved word in ES3; JScript rejects it as a property name, so write ["{{name}}"]'
    },
    defaultSeverity: "error",
    profiles: { chromium: "off", node: "off" }
  },
  create(context) {
    const arrays = /* @__PURE__ */ new Set();
    const syntax = (range, what2, version2 = "ES2015") => context.report({ messageId: "syntax", range, data: { what: what2, version: version2 } });
    const outermost = (node, parent, what2) => {
      const owner = parent?.type === "Property" ? context.parentOf(parent) : parent;
      if (!owner || !PATTERNS.has(owner.type)) syntax(node.range, what2);
    };
    const trailingComma = (node, what2) => {
      if (!commaBefore(context.source.text, node.range[1] - 1, context.comments)) return;
      const closing = tokenIndexEndingAt(context.tokens, node.range[1]);
      const comma = closing > 0 ? context.tokens[closing - 1] : void 0;
      if (comma?.value !== ",") return;
      const effect = what2 === "array" ? "counts an extra undefined element" : "stops with a syntax error";
      context.report({ messageId: "trailingComma", range: comma.range, data: { what: what2, effect } });
    };
    const library = (call, member, name) => {
      const receiver = member.object;
      if (Object.hasOwn(ES5_METHODS, name)) {
        context.report({ messageId: "library", node: member.property, data: { what: `.${name}()`, version: ES5_METHODS[name] ?? "ES5" } });
      } else if (ARRAY_ONLY_WHEN_ARRAY.has(name) && (receiver.type === "ArrayExpression" || receiver.type === "Identifier" && arrays.has(receiver.name))) {
        context.report({ messageId: "library", node: member.property, data: { what: `Array.prototype.${name}()`, version: "ES5" } });
      } else if (receiver.type === "Identifier" && STATIC_ES5.get(receiver.name)?.has(name)) {
        context.report({ messageId: "library", node: call.callee, data: { what: `${receiver.name}.${name}()`, version: "ES5" } });
      }
    };
    return {
      VariableDeclaration(node) {
        if (node.kind !== "var") syntax([node.range[0], node.range[0] + node.kind.length], `"${node.kind}"`);
      },
      VariableDeclarator(node) {
        if (node.id.type === "Identifier" && node.init?.type === "ArrayExpression") arrays.add(node.id.name);
      },
      ArrowFunctionExpression: (node) => syntax(node.range, "An arrow function"),
      TemplateLiteral: (node) => syntax(node.range, "A template string"),
      SpreadElement: (node) => syntax(node.range, "Spread (...)"),
      ForOfStatement: (node) => syntax([node.range[0], node.range[0] + 3], "for...of"),
      ChainExpression: (node) => syntax(node.range, "Optional chaining (?.)", "ES2020"),
      LogicalExpression(node) {
        if (node.operator === "??") syntax(node.range, "The ?? operator", "ES2020");
      },
      BinaryExpression(node) {
        if (node.operator === "**") syntax(node.range, "The ** operator", "ES2016");
      },
      AssignmentExpression(node) {
        if (node.operator === "**=" || node.operator === "??=" || node.operator === "||=" || node.operator === "&&=") {
          syntax(node.range, `The ${node.operator} operator`, node.operator === "**=" ? "ES2016" : "ES2021");
        }
      },
      ObjectPattern: (node, parent) => outermost(node, parent, "Destructuring"),
      ArrayPattern: (node, parent) => outermost(node, parent, "Destructuring"),
      AssignmentPattern: (node, parent) => outermost(node, parent, "A default parameter value"),
      RestElement: (node, parent) => outermost(node, parent, "A rest parameter (...)"),
      Property(node, parent) {
        if (parent?.type === "ObjectPattern") return;
        if (node.kind !== "init") syntax(node.range, `A ${node.kind}ter`, "ES5");
        else if (node.method) syntax(node.range, "A method shorthand");
        else if (node.shorthand) syntax(node.range, "A shorthand property");
        else if (node.computed) syntax(node.key.range, "A computed property name");
        if (!node.computed && node.key.type === "Identifier" && ES3_RESERVED.has(node.key.name)) {
          context.report({ messageId: "reservedName", node: node.key, data: { name: node.key.name } });
        }
      },
      MemberExpression(node) {
        if (!node.computed && node.property.type === "Identifier" && ES3_RESERVED.has(node.property.name)) {
          context.report({ messageId: "reservedName", node: node.property, data: { name: node.property.name } });
        }
        if (node.object.type === "Identifier" && node.object.name === "JSON") {
          context.report({ messageId: "library", node, data: { what: "JSON", version: "ES5" } });
        }
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier") {
          library(node, callee, callee.property.name);
        }
      },
      Literal(node) {
        if (node.regex && /[^gim]/.test(node.regex.flags)) syntax(node.range, `The regular expression flag "${node.regex.flags.replace(/[gim]/g, "")}"`);
        else if (typeof node.value === "number" && /^0[bBoO]/.test(node.raw)) syntax(node.range, "A binary or octal literal");
      },
      ObjectExpression: (node) => trailingComma(node, "object"),
      ArrayExpression: (node) => trailingComma(node, "array")
    };
  }
});
function commaBefore(text, closing, comments) {
  let i = closing - 1;
  while (i >= 0) {
    if (WHITESPACE2.test(text[i] ?? "")) {
      i--;
      continue;
    }
    const comment = comments[lastStartingAtOrBefore(comments, i)];
    if (comment && i < comment.range[1]) {
      i = comment.range[0] - 1;
      continue;
    }
    return text[i] === ",";
  }
  return false;
}
var WHITESPACE2 = /\s/;
function lastStartingAtOrBefore(comments, offset) {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if ((comments[mid]?.range[0] ?? 0) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
function tokenIndexEndingAt(tokens, end) {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = lo + hi >> 1;
    const tokenEnd2 = tokens[mid]?.range[1] ?? 0;
    if (tokenEnd2 === end) return mid;
    if (tokenEnd2 < end) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

// ../../../tmp/sbx/base/src/lint/rules/max-size.ts
init_hosted_variables();
init_source_file();
var KB = 1024;
var HARD_LIMIT = 1024 * KB;
var SOFT_LIMIT = 256 * KB;
function sourceBytes(source) {
  return utf8Length(source.text) + (source.bom ? 3 : 0);
}
var max_size_default = defineRule({
  id: "max-size",
  meta: {
    type: "problem",
    docs: { description: "PAC files must stay under 1 MB, the limit of WinHTTP and Chromium, and should stay under 256 KB." },
    messages: {
      tooLarge: "The file is {{size}}; WinHTTP and Chromium reject PAC files over 1 MB",
      large: "The file is {{size}}; some proxy vendors reject PAC files over 256 KB (Zscaler), and every request pays for the size",
      hostedTooLarge: "The file is {{size}} and uses {{vendor}}'s PAC variables ({{variable}}), but {{vendor}} rejects PAC uploads over {{limit}}"
    },
    defaultSeverity: "error"
  },
  create(context) {
    return {
      "Program:exit"() {
        const bytes = sourceBytes(context.source);
        const size = bytes >= 1024 * KB ? `${(bytes / (1024 * KB)).toFixed(2)} MB` : `${(bytes / KB).toFixed(0)} KB`;
        const vendor = hostingVendor(context.source.text);
        const hostedLimit = vendor === void 0 ? void 0 : HOSTED_UPLOAD_LIMIT[vendor];
        if (bytes > HARD_LIMIT) context.report({ messageId: "tooLarge", range: [0, 0], data: { size } });
        else if (vendor !== void 0 && hostedLimit !== void 0 && bytes > hostedLimit) {
          const variable = context.source.text.match(/\$\{[^{}\r\n]*\}/)?.[0] ?? "";
          context.report({ messageId: "hostedTooLarge", range: [0, 0], data: { size, vendor, variable, limit: `${hostedLimit / KB} KB` } });
        } else if (bytes > SOFT_LIMIT) context.report({ messageId: "large", range: [0, 0], data: { size }, severity: "warning" });
      }
    };
  }
});

// ../../../tmp/sbx/base/src/lint/rules/no-environment-dependent-bypass.ts
init_source_file();

// ../../../tmp/sbx/base/src/lint/bypass.ts
function functionOf2(node, context) {
  return scopeOf(node, context).fn;
}
var scopes = /* @__PURE__ */ new WeakMap();
function isFunction3(node) {
  return node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression";
}
function guardOn(parent, child) {
  switch (parent.type) {
    case "IfStatement":
    case "ConditionalExpression":
      return child !== parent.test ? parent.test : void 0;
    case "SwitchCase":
      return parent.test && child !== parent.test ? parent.test : void 0;
    case "SwitchStatement":
      return child !== parent.discriminant ? parent.discriminant : void 0;
    case "LogicalExpression":
      return child === parent.right ? parent.left : void 0;
    default:
      return void 0;
  }
}
function scopeOf(node, context) {
  const path = [];
  let known;
  for (let child = node; ; ) {
    known = scopes.get(child);
    if (known !== void 0) break;
    const parent = context.parentOf(child);
    if (parent === null) {
      known = { guards: null, fn: null };
      scopes.set(child, known);
      break;
    }
    path.push(child);
    if (isFunction3(parent)) {
      known = { guards: null, fn: parent };
      break;
    }
    child = parent;
  }
  let scope = known;
  for (let i = path.length - 1; i >= 0; i--) {
    const child = path[i];
    const parent = context.parentOf(child);
    const guard = isFunction3(parent) ? void 0 : guardOn(parent, child);
    if (isFunction3(parent)) scope = { guards: null, fn: parent };
    else if (guard !== void 0) scope = { guards: { guard, next: scope.guards }, fn: scope.fn };
    scopes.set(child, scope);
  }
  return scope;
}
function directResults(expression) {
  if (!expression) return [];
  if (expression.type === "ConditionalExpression") return [...directResults(expression.consequent), ...directResults(expression.alternate)];
  if (expression.type === "Literal" && typeof expression.value === "string") {
    return expression.value.split(";")[0]?.trim().toUpperCase() === "DIRECT" ? [expression] : [];
  }
  return [];
}
function doNames(declarations) {
  const byName = /* @__PURE__ */ new Map();
  for (const declaration of declarations) {
    if (declaration.type === "FunctionDeclaration") add(byName, declaration.id.name, declaration.body);
    else if (declaration.id.type === "Identifier" && declaration.init) add(byName, declaration.id.name, declaration.init);
  }
  const answers = /* @__PURE__ */ new Map();
  return (name) => {
    let answer = answers.get(name);
    if (answer === void 0) {
      answer = (byName.get(name) ?? []).some((node) => someNode(node, namesDoHost));
      answers.set(name, answer);
    }
    return answer;
  };
}
function add(map, name, node) {
  const list = map.get(name);
  if (list) list.push(node);
  else map.set(name, [node]);
}
function findDoBypasses(context, returns, declarations) {
  const bypasses = [];
  let isDoName;
  const namesDo = (node) => namesDoHost(node) || node.type === "Identifier" && (isDoName ??= doNames(declarations))(node.name);
  const naming = /* @__PURE__ */ new Map();
  const listNamesDo = (list) => {
    const path = [];
    let answer = false;
    for (let cell = list; cell !== null; cell = cell.next) {
      const known = naming.get(cell);
      if (known !== void 0) {
        answer = known;
        break;
      }
      path.push(cell);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const cell = path[i];
      answer = answer || someNode(cell.guard, namesDo);
      naming.set(cell, answer);
    }
    return answer;
  };
  for (const statement of returns) {
    for (const result of directResults(statement.argument)) {
      const { guards, fn } = scopeOf(result, context);
      if (guards !== null && listNamesDo(guards)) {
        bypasses.push({ statement, guards, fn });
        break;
      }
    }
  }
  return bypasses;
}

// ../../../tmp/sbx/base/src/lint/rules/no-environment-dependent-bypass.ts
var DEPENDS_ON = {
  isResolvable: "DNS",
  isResolvableEx: "DNS",
  dnsResolve: "DNS",
  dnsResolveEx: "DNS",
  isInNet: "DNS",
  isInNetEx: "DNS",
  myIpAddress: "the client's address",
  myIpAddressEx: "the client's address",
  timeRange: "the time",
  weekdayRange: "the time",
  dateRange: "the time"
};
function isDependentCall(node) {
  return node.type === "CallExpression" && node.callee.type === "Identifier" && Object.hasOwn(DEPENDS_ON, node.callee.name);
}
var no_environment_dependent_bypass_default = defineRule({
  id: "no-environment-dependent-bypass",
  meta: {
    type: "suggestion",
    docs: { description: "A Delivery Optimization bypass should not depend on DNS, the client's address or the time." },
    messages: {
      dependent: "The DO bypass on line {{line}} depends on {{what}} through {{helper}}(): it holds only in some environments, and each request pays for the lookup (KB 3140773); match the host name alone",
      publicAddress: "The DO bypass on line {{line}} depends on the client's public address (${SRCIP}, which Zscaler's PAC server fills in) through {{helper}}(): it holds only for some egress addresses, while DO needs DIRECT everywhere; match the host name alone"
    },
    defaultSeverity: "warning"
  },
  create(context) {
    const returns = [];
    const declarations = [];
    return {
      ReturnStatement: (node) => void returns.push(node),
      FunctionDeclaration: (node) => void declarations.push(node),
      VariableDeclarator: (node) => void declarations.push(node),
      "Program:exit"() {
        const reported = /* @__PURE__ */ new Set();
        const read = /* @__PURE__ */ new Set();
        for (const bypass of findDoBypasses(context, returns, declarations)) {
          for (let cell = bypass.guards; cell !== null && !read.has(cell); cell = cell.next) {
            read.add(cell);
            const guard = cell.guard;
            for (const call of findNodes(guard, isDependentCall).sort((a, b) => a.range[0] - b.range[0])) {
              if (call.callee.type !== "Identifier" || [...reported].some((outer) => contains(outer, call))) continue;
              reported.add(call);
              const helper = call.callee.name;
              const line = positionAt(context.source, bypass.statement.range[0]).line;
              if (helper.startsWith("isInNet") && readsPublicAddress(call, declarations)) {
                context.report({ messageId: "publicAddress", node: call, data: { line, helper } });
                continue;
              }
              const what2 = helper.startsWith("isInNet") && !mentionsHost(call) ? "the client's address" : DEPENDS_ON[helper] ?? "the environment";
              context.report({
                messageId: "dependent",
                node: call,
                data: { line, what: what2, helper }
              });
            }
          }
        }
      }
    };
  }
});
function readsPublicAddress(call, declarations) {
  const first2 = call.arguments[0];
  const isSrcip2 = (node) => typeof node === "object" && node !== null && "type" in node && node.type === "Literal" && "value" in node && node.value === "${SRCIP}";
  if (isSrcip2(first2)) return true;
  if (first2?.type !== "Identifier") return false;
  return declarations.some((d) => d.type === "VariableDeclarator" && d.id.type === "Identifier" && d.id.name === first2.name && isSrcip2(d.init));
}
function mentionsHost(call) {
  const first2 = call.arguments[0];
  return first2 !== void 0 && first2.type === "Identifier";
}

// ../../../tmp/sbx/base/src/lint/rules/no-leaky-host-pattern.ts
init_catalogue();
function isDoApex(name) {
  return (doApexes ??= /* @__PURE__ */ new Set(["windowsupdate.com", ...CATALOGUE.flatMap((endpoint2) => [endpoint2.pattern, ...endpoint2.samples])])).has(name);
}
var doApexes;
var LIVE_REGEX = /[+()[\]{}|^$\\]/;
var no_leaky_host_pattern_default = defineRule({
  id: "no-leaky-host-pattern",
  meta: {
    type: "suggestion",
    docs: { description: "Host patterns must match what they seem to: apex hosts too, label boundaries, no live regex syntax in shExpMatch." },
    messages: {
      missesApex: '"{{pattern}}" does not match {{apex}} itself, and nothing else in the file names it; DO uses the apex host too, so also test host == "{{apex}}"',
      noLabelBoundary: '{{call}} also matches "evil{{domain}}"; use "{{fixed}}" (and compare the apex with ==)',
      liveRegex: 'shExpMatch pattern "{{pattern}}" contains "{{char}}", which clients pass to a regular expression instead of matching it literally; an unbalanced ( or [ makes the whole PAC fail'
    },
    defaultSeverity: "warning"
  },
  create(context) {
    const strings = /* @__PURE__ */ new Set();
    const apexChecks = [];
    return {
      Literal(node) {
        if (typeof node.value === "string") strings.add(node.value.toLowerCase());
      },
      CallExpression(node) {
        if (node.callee.type !== "Identifier") return;
        const helper = node.callee.name;
        const argument2 = node.arguments[1];
        if (!isStringLiteral(argument2)) return;
        const pattern = argument2.value;
        if (helper === "shExpMatch") {
          const live = LIVE_REGEX.exec(pattern);
          if (live) context.report({ messageId: "liveRegex", node: argument2, data: { pattern, char: live[0] } });
          if (/^\*[a-z0-9]/i.test(pattern) && !/[*?]/.test(pattern.slice(1))) {
            const domain = pattern.slice(1);
            context.report({
              messageId: "noLabelBoundary",
              node: argument2,
              data: { call: `shExpMatch(host, "${pattern}")`, domain, fixed: `*.${domain}` }
            });
          }
          if (pattern.startsWith("*.")) apexChecks.push({ literal: argument2, pattern, apex: pattern.slice(2) });
        } else if (helper === "dnsDomainIs") {
          if (pattern.startsWith(".")) apexChecks.push({ literal: argument2, pattern, apex: pattern.slice(1) });
          else if (pattern.includes(".")) {
            context.report({
              messageId: "noLabelBoundary",
              node: argument2,
              data: { call: `dnsDomainIs(host, "${pattern}")`, domain: pattern, fixed: `.${pattern}` }
            });
          }
        }
      },
      "Program:exit"() {
        for (const { literal, pattern, apex } of apexChecks) {
          const name = apex.toLowerCase();
          if (!isDoApex(name) || strings.has(name)) continue;
          context.report({ messageId: "missesApex", node: literal, data: { pattern, apex } });
        }
      }
    };
  }
});

// ../../../tmp/sbx/base/src/lint/rules/no-runtime-error.ts
var PAC_HELPERS = [
  "isPlainHostName",
  "dnsDomainIs",
  "localHostOrDomainIs",
  "isResolvable",
  "isInNet",
  "dnsResolve",
  "myIpAddress",
  "dnsDomainLevels",
  "shExpMatch",
  "weekdayRange",
  "dateRange",
  "timeRange"
];
var EX_HELPERS = ["isResolvableEx", "isInNetEx", "dnsResolveEx", "myIpAddressEx", "sortIpAddressList"];
var EX_ONLY = /* @__PURE__ */ new Set([...EX_HELPERS, "getClientVersion"]);
var HELPERS_BY_PROFILE = {
  winhttp: /* @__PURE__ */ new Set([...PAC_HELPERS, ...EX_HELPERS, "getClientVersion", "alert", "convert_addr"]),
  chromium: /* @__PURE__ */ new Set([...PAC_HELPERS, ...EX_HELPERS, "alert", "convert_addr"]),
  node: /* @__PURE__ */ new Set([...PAC_HELPERS, "alert"])
};
var JS_GLOBALS = new Set(
  "Array Boolean Date Error EvalError Function Number Object RangeError ReferenceError RegExp String SyntaxError TypeError URIError Math JSON eval isFinite isNaN parseFloat parseInt decodeURI decodeURIComponent encodeURI encodeURIComponent escape unescape Map Set Symbol Promise".split(
    " "
  )
);
var no_runtime_error_default = defineRule({
  id: "no-runtime-error",
  meta: {
    type: "problem",
    docs: { description: "The PAC must load and run without errors for every endpoint and environment." },
    messages: {
      loadFailure: "The PAC does not load under the {{profile}} profile: {{message}}",
      failure: "{{entryPoint}} fails for {{host}}{{more}} when {{environment}}: {{message}}",
      exHelperOutsideEx: "{{name}}() is called from FindProxyForURL; Microsoft documents the IPv6 helpers as usable only inside FindProxyForURLEx, so Windows may not provide it here",
      undefinedHelper: "{{name}}() is not defined anywhere in this file, and the {{profile}} client does not provide it; calling it throws a ReferenceError"
    },
    defaultSeverity: "error",
    usesAnalysis: true
  },
  create(context) {
    const defined = /* @__PURE__ */ new Set();
    const callees = [];
    const declare = (pattern) => {
      if (!pattern) return;
      if (pattern.type === "Identifier") defined.add(pattern.name);
      else if (pattern.type === "AssignmentPattern") declare(pattern.left);
      else if (pattern.type === "RestElement") declare(pattern.argument);
      else if (pattern.type === "ArrayPattern") pattern.elements.forEach(declare);
      else if (pattern.type === "ObjectPattern") {
        for (const property of pattern.properties) declare(property.type === "RestElement" ? property.argument : toPattern(property.value));
      }
    };
    const declareParams = (node) => node.params.forEach(declare);
    return {
      FunctionDeclaration(node) {
        defined.add(node.id.name);
        declareParams(node);
      },
      FunctionExpression(node) {
        if (node.id) defined.add(node.id.name);
        declareParams(node);
      },
      ArrowFunctionExpression: declareParams,
      VariableDeclarator: (node) => declare(node.id),
      AssignmentExpression: (node) => declare(node.left),
      CatchClause: (node) => declare(node.param),
      CallExpression(node) {
        if (node.callee.type === "Identifier") callees.push(node.callee);
      },
      async "Program:exit"() {
        const helpers = HELPERS_BY_PROFILE[context.profile];
        if (context.profile === "winhttp") {
          const legacy = findEntryPoints(context.program).filter((definition) => definition.name === "FindProxyForURL");
          for (const callee of callees) {
            if (!EX_ONLY.has(callee.name) || defined.has(callee.name)) continue;
            if (legacy.some((definition) => contains(definition.fn, callee))) {
              context.report({ messageId: "exHelperOutsideEx", node: callee, data: { name: callee.name }, severity: "warning" });
            }
          }
        }
        const reported = /* @__PURE__ */ new Set();
        for (const callee of callees) {
          const name = callee.name;
          if (defined.has(name) || helpers.has(name) || JS_GLOBALS.has(name) || reported.has(name)) continue;
          reported.add(name);
          context.report({ messageId: "undefinedHelper", node: callee, data: { name, profile: context.profile } });
        }
        const analysis = await context.analysis();
        if (analysis.loadFailure) {
          context.report({
            messageId: "loadFailure",
            range: analysis.loadFailure.range ?? [0, 0],
            data: { message: analysis.loadFailure.message, profile: context.profile }
          });
          return;
        }
        const entryPoints = findEntryPoints(context.program);
        const groups = /* @__PURE__ */ new Map();
        for (const route of analysis.routes) {
          for (const outcome of route.outcomes) {
            const failure = outcome.failure;
            if (!failure || failure.kind === "not-a-string" || failure.kind === "no-entry-point") continue;
            const missing = /ReferenceError: '?(\w+)'? is not defined/.exec(failure.message)?.[1];
            if (missing !== void 0 && reported.has(missing)) continue;
            const entryPointRange = entryPoints.find((d) => d.name === route.entryPoint)?.nameRange;
            const interrupted = failure.kind === "timeout" || failure.kind === "memory" || failure.kind === "stack";
            const range = (interrupted ? entryPointRange : failure.range ?? outcome.returnRange ?? entryPointRange) ?? [0, 0];
            const key = `${route.entryPoint}|${range.join(":")}|${failure.message}`;
            addToGroup(groups, key, route.host, () => ({ failure, entryPoint: route.entryPoint, environment: outcome.witness.label, range }));
          }
        }
        for (const { hosts, first: first2 } of groups.values()) {
          context.report({
            messageId: "failure",
            range: first2.range,
            data: { entryPoint: first2.entryPoint, ...hostSlots(hosts, "host"), environment: first2.environment, message: first2.failure.message }
          });
        }
      }
    };
  }
});
function toPattern(node) {
  switch (node.type) {
    case "Identifier":
    case "ObjectPattern":
    case "ArrayPattern":
    case "AssignmentPattern":
    case "RestElement":
      return node;
    default:
      return null;
  }
}

// ../../../tmp/sbx/base/src/lint/rules/no-unreachable-bypass.ts
init_source_file();
var no_unreachable_bypass_default = defineRule({
  id: "no-unreachable-bypass",
  meta: {
    type: "problem",
    docs: { description: "A Delivery Optimization bypass must be reachable: not after an unconditional return, not shadowed by an earlier rule." },
    messages: {
      afterExit: "This DO bypass never runs: the {{exit}} on line {{line}} always leaves the function first",
      shadowed: "This DO bypass never takes effect: no analysed host or environment reaches it; {{host}} is decided by line {{line}} ({{result}}) first",
      neverReached: "This DO bypass never takes effect: no analysed host or environment reaches it"
    },
    defaultSeverity: "error",
    usesAnalysis: true
  },
  create(context) {
    const returns = [];
    const declarations = [];
    const dead = [];
    const scan = (body) => {
      const exit = body.find(alwaysExits);
      if (!exit) return;
      for (const statement of body.slice(body.indexOf(exit) + 1)) {
        if (statement.type !== "FunctionDeclaration") dead.push({ statement, exit });
      }
    };
    const exitName = (statement) => statement.type === "ThrowStatement" ? "throw" : statement.type === "ReturnStatement" ? "return" : "statement";
    return {
      ReturnStatement: (node) => void returns.push(node),
      FunctionDeclaration: (node) => void declarations.push(node),
      VariableDeclarator: (node) => void declarations.push(node),
      BlockStatement: (node) => scan(node.body),
      Program: (node) => scan(node.body),
      SwitchCase: (node) => scan(node.consequent),
      async "Program:exit"() {
        const bypasses = findDoBypasses(context, returns, declarations);
        if (bypasses.length === 0) return;
        const staticallyDead = /* @__PURE__ */ new Set();
        for (const bypass of bypasses) {
          const hit = dead.find(({ statement }) => contains(statement, bypass.statement));
          if (!hit) continue;
          staticallyDead.add(bypass.statement);
          context.report({
            messageId: "afterExit",
            node: bypass.statement,
            data: { exit: exitName(hit.exit), line: positionAt(context.source, hit.exit.range[0]).line }
          });
        }
        const analysis = await context.analysis();
        if (analysis.loadFailure) return;
        const reached = /* @__PURE__ */ new Set();
        for (const route of analysis.routes) {
          for (const outcome of route.outcomes) if (outcome.returnRange) reached.add(outcome.returnRange.join(":"));
        }
        const entryPoints = findEntryPoints(context.program);
        for (const bypass of bypasses) {
          if (staticallyDead.has(bypass.statement) || reached.has(bypass.statement.range.join(":"))) continue;
          const entryPoint = entryPoints.find((definition) => definition.fn === bypass.fn);
          if (!entryPoint || !analysis.routes.some((route) => route.entryPoint === entryPoint.name)) continue;
          const earlier = analysis.routes.filter((route) => route.endpoint && route.entryPoint === entryPoint.name).flatMap((route) => route.outcomes.map((outcome) => ({ route, outcome }))).filter(({ outcome }) => outcome.returnRange !== void 0 && outcome.returnRange[0] < bypass.statement.range[0]);
          const decider = earlier.find(({ outcome }) => outcome.failure !== void 0 || proxiedFirst(outcome) !== void 0);
          if (earlier.length > 0 && !decider) continue;
          if (decider?.outcome.returnRange) {
            context.report({
              messageId: "shadowed",
              node: bypass.statement,
              data: {
                host: decider.route.host,
                line: positionAt(context.source, decider.outcome.returnRange[0]).line,
                result: quoteResult(decider.outcome.result)
              }
            });
          } else {
            context.report({ messageId: "neverReached", node: bypass.statement });
          }
        }
      }
    };
  }
});

// ../../../tmp/sbx/base/src/lint/rules/regex-engine-limits.ts
init_regex_captures();
init_source_file();
var regex_engine_limits_default = defineRule({
  id: "regex-engine-limits",
  meta: {
    type: "problem",
    docs: { description: "Regexes must compile in every client's engine: QuickJS (pac-resolver) rejects more than 254 capture groups." },
    messages: {
      evaluated: `This regex has {{captures}} capture groups: QuickJS rejects more than {{max}} ("SyntaxError: too many captures"), so pac-resolver (the node profile) fails to load the whole PAC; Chromium's V8 compiles it; Windows' JScript is unverified. pac-do evaluates it with non-capturing groups, since the PAC never reads them; write (?:...) to load everywhere`,
      kept: `This regex has {{captures}} capture groups: QuickJS rejects more than {{max}} ("SyntaxError: too many captures"), so pac-resolver and pac-do's sandbox fail to load the whole PAC while Chromium's V8 compiles it; pac-do cannot make the groups non-capturing because {{why}}{{where}}; write (?:...) for groups nobody reads`
    },
    defaultSeverity: "warning"
  },
  create(context) {
    return {
      "Program:exit"() {
        for (const regex of findOversizedRegexes(context.program)) {
          const data = { captures: String(regex.captures), max: String(QUICKJS_MAX_CAPTURES) };
          if (regex.rewrite) {
            context.report({ messageId: "evaluated", node: regex.node, data });
          } else {
            const at = regex.kept?.at;
            const where = at === void 0 || at === regex.node.range[0] ? "" : ` (line ${positionAt(context.source, at).line})`;
            context.report({ messageId: "kept", node: regex.node, data: { ...data, why: regex.kept?.why ?? "", where }, severity: "error" });
          }
        }
      }
    };
  }
});

// ../../../tmp/sbx/base/src/lint/rules/valid-return-string.ts
init_proxy_string();

// ../../../tmp/sbx/base/src/lint/proxy-string-check.ts
init_hosted_variables();
var KEYWORDS2 = /* @__PURE__ */ new Set(["DIRECT", "PROXY", "HTTP", "HTTPS", "SOCKS", "SOCKS4", "SOCKS5", "QUIC"]);
function checkProxyString(result) {
  const problems = [];
  const macro = macrosIn(result).find((found) => found.variable === void 0)?.text ?? /\{\{[^}]*\}\}/.exec(result)?.[0];
  if (macro !== void 0) problems.push({ id: "templateMacro", severity: "error", data: { macro } });
  const entries = result.split(";").map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  if (entries.length === 0) problems.push({ id: "emptyResult", severity: "warning", data: {} });
  for (const entry of entries) problems.push(...checkEntry(entry));
  return problems;
}
function checkEntry(entry) {
  const [keyword2 = "", hostPort, ...rest] = entry.split(/\s+/);
  const upper = keyword2.toUpperCase();
  if (!KEYWORDS2.has(upper)) return [{ id: "unknownKeyword", severity: "error", data: { entry, keyword: keyword2 } }];
  const problems = [];
  if (keyword2 !== upper) problems.push({ id: "lowercaseKeyword", severity: "warning", data: { entry, keyword: keyword2, upper } });
  if (upper === "HTTP") problems.push({ id: "httpKeyword", severity: "error", data: { entry } });
  if (upper === "DIRECT") {
    if (hostPort !== void 0) problems.push({ id: "directWithHost", severity: "error", data: { entry } });
    return problems;
  }
  if (hostPort === void 0) return [...problems, { id: "emptyHost", severity: "error", data: { entry } }];
  if (rest.length > 0) problems.push({ id: "extraText", severity: "error", data: { entry, extra: rest.join(" ") } });
  if (hostPort.includes("@")) return [...problems, { id: "credentials", severity: "error", data: { entry } }];
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(hostPort);
  const colon = hostPort.lastIndexOf(":");
  const host = bracketed ? bracketed[1] ?? "" : colon === -1 ? hostPort : hostPort.slice(0, colon);
  const port = bracketed ? bracketed[2] : colon === -1 ? void 0 : hostPort.slice(colon + 1);
  if (host.length === 0) problems.push({ id: "emptyHost", severity: "error", data: { entry } });
  if (port === void 0) problems.push({ id: "missingPort", severity: "warning", data: { entry } });
  else if (!/^\d{1,5}$/.test(port) || Number(port) === 0 || Number(port) > 65535) {
    problems.push({ id: "badPort", severity: "error", data: { entry, port } });
  }
  return problems;
}

// ../../../tmp/sbx/base/src/lint/rules/valid-return-string.ts
var valid_return_string_default = defineRule({
  id: "valid-return-string",
  meta: {
    type: "problem",
    docs: { description: "Entry points must return proxy strings that every client reads the same way." },
    messages: {
      templateMacro: 'The result contains the template macro "{{macro}}", which no hosted-PAC server pac-do knows fills in (Zscaler\'s are ${GATEWAY}, ${SECONDARY_GATEWAY}, ${GATEWAY_HOST}, ...); served as written, clients drop the entry',
      emptyResult: 'The result is empty: Chromium reads it as DIRECT, other clients may fail; return "DIRECT" explicitly',
      unknownKeyword: '"{{entry}}": "{{keyword}}" is not a PAC keyword (DIRECT, PROXY, HTTPS, SOCKS, SOCKS4, SOCKS5); clients drop the entry',
      httpKeyword: '"{{entry}}": Chromium and Edge do not know the HTTP keyword and drop the entry; use PROXY',
      lowercaseKeyword: '"{{entry}}": write the keyword "{{keyword}}" in upper case ({{upper}}); vendors and older clients expect upper case',
      directWithHost: '"{{entry}}": DIRECT takes no host; clients drop the entry',
      emptyHost: '"{{entry}}" has no proxy host; clients drop the entry',
      extraText: '"{{entry}}": unexpected "{{extra}}" after the proxy; separate entries with ";"',
      credentials: '"{{entry}}": credentials in the proxy address are not allowed; clients drop the entry',
      badPort: '"{{entry}}": "{{port}}" is not a valid port (1-65535); clients drop the entry',
      missingPort: '"{{entry}}" has no port; clients then guess one (80 for PROXY, 1080 for SOCKS), so write it',
      unsupported: '"{{entry}}": {{reason}}, so the {{profile}} client may drop the entry',
      nonString: "{{entryPoint}} returns {{what}}, not a string; Chromium fails the request (ERR_PAC_SCRIPT_FAILED) and other clients differ",
      actual: '{{entryPoint}} returns "{{result}}" for {{host}} when {{environment}}: {{problem}}'
    },
    defaultSeverity: "error",
    usesAnalysis: true
  },
  create(context) {
    const returns = [];
    const problemsOf = /* @__PURE__ */ new Map();
    const literalProblems = (value) => {
      let found = problemsOf.get(value);
      if (found === void 0) {
        const problems = checkProxyString(value).map(({ id, data, severity }) => ({ messageId: id, data, severity }));
        if (problems.length === 0) {
          for (const entry of parseProxyList(value, context.profile)) {
            if (entry.invalid === void 0) continue;
            problems.push({ messageId: "unsupported", data: { entry: entry.text, reason: entry.invalid, profile: context.profile }, severity: "warning" });
          }
        }
        found = problems;
        problemsOf.set(value, found);
      }
      return found;
    };
    const checked = /* @__PURE__ */ new Set();
    const checkLiteral = (expression, entryPoint) => {
      if (expression.type === "ConditionalExpression") {
        const both = checkLiteral(expression.consequent, entryPoint);
        return checkLiteral(expression.alternate, entryPoint) && both;
      }
      if (expression.type === "Literal" && typeof expression.value === "string") {
        for (const { messageId, data, severity } of literalProblems(expression.value)) context.report({ messageId, node: expression, data, severity });
        return true;
      }
      const what2 = nonStringKind(expression);
      if (what2) context.report({ messageId: "nonString", node: expression, data: { entryPoint, what: what2 } });
      return what2 !== void 0;
    };
    return {
      ReturnStatement: (node) => void returns.push(node),
      async "Program:exit"() {
        const entryPoints = findEntryPoints(context.program);
        const entryPointOf = (node) => {
          const fn = functionOf2(node, context);
          return entryPoints.find((definition) => definition.fn === fn)?.name;
        };
        for (const statement of returns) {
          const entryPoint = entryPointOf(statement);
          if (!entryPoint) continue;
          if (statement.argument === null) {
            context.report({ messageId: "nonString", node: statement, data: { entryPoint, what: "undefined" } });
            checked.add(statement.range.join(":"));
          } else if (checkLiteral(statement.argument, entryPoint)) {
            checked.add(statement.range.join(":"));
          }
        }
        const analysis = await context.analysis();
        const seen = /* @__PURE__ */ new Set();
        for (const route of analysis.routes) {
          for (const outcome of route.outcomes) {
            const range = outcome.returnRange;
            if (!range || checked.has(range.join(":"))) continue;
            if (outcome.failure?.kind === "not-a-string") {
              const key = `${range.join(":")}|nonString`;
              if (seen.has(key)) continue;
              seen.add(key);
              context.report({ messageId: "nonString", range, data: { entryPoint: route.entryPoint, what: outcome.failure.message } });
              continue;
            }
            if (outcome.result === null) continue;
            for (const problem of checkProxyString(outcome.result)) {
              const key = `${range.join(":")}|${problem.id}`;
              if (seen.has(key)) continue;
              seen.add(key);
              context.report({
                messageId: "actual",
                range,
                severity: problem.severity,
                data: {
                  entryPoint: route.entryPoint,
                  result: outcome.result,
                  host: route.host,
                  environment: outcome.witness.label,
                  problem: formatMessage(PROBLEM_TEXT[problem.id], problem.data)
                }
              });
            }
          }
        }
      }
    };
  }
});
var PROBLEM_TEXT = {
  templateMacro: 'template macro "{{macro}}" that no hosted-PAC server fills in',
  emptyResult: "an empty result",
  unknownKeyword: '"{{keyword}}" is not a PAC keyword',
  httpKeyword: "Chromium and Edge drop the HTTP keyword",
  lowercaseKeyword: 'lower-case keyword "{{keyword}}"',
  directWithHost: "DIRECT takes no host",
  emptyHost: "no proxy host",
  extraText: 'unexpected "{{extra}}" after the proxy',
  credentials: "credentials in the proxy address",
  badPort: '"{{port}}" is not a valid port',
  missingPort: '"{{entry}}" has no port'
};
function nonStringKind(expression) {
  switch (expression.type) {
    case "Literal":
      return expression.regex ? "a regular expression" : expression.value === null ? "null" : `a ${typeof expression.value}`;
    case "ObjectExpression":
      return "an object";
    case "ArrayExpression":
      return "an array";
    case "FunctionExpression":
    case "ArrowFunctionExpression":
      return "a function";
    case "Identifier":
      return expression.name === "undefined" ? "undefined" : void 0;
    case "UnaryExpression":
      return expression.operator === "void" ? "undefined" : expression.operator === "!" ? "a boolean" : void 0;
    default:
      return void 0;
  }
}

// ../../../tmp/sbx/base/src/lint/rules/index.ts
var rules = {
  "ascii-only": ascii_only_default,
  "do-content-proxied": do_content_proxied_default,
  "do-entry-points-agree": do_entry_points_agree_default,
  "do-service-direct": do_service_direct_default,
  "entry-point-defined": entry_point_defined_default,
  "jscript-compatible": jscript_compatible_default,
  "max-size": max_size_default,
  "no-environment-dependent-bypass": no_environment_dependent_bypass_default,
  "no-leaky-host-pattern": no_leaky_host_pattern_default,
  "no-runtime-error": no_runtime_error_default,
  "no-unreachable-bypass": no_unreachable_bypass_default,
  "regex-engine-limits": regex_engine_limits_default,
  "valid-return-string": valid_return_string_default
};
var ruleList = Object.values(rules);

// ../../../tmp/sbx/base/src/lint/linter.ts
function effectiveSetting(rule, profile, settings = {}) {
  return (Object.hasOwn(settings, rule.id) ? settings[rule.id] : void 0) ?? rule.meta.profiles?.[profile] ?? rule.meta.defaultSeverity;
}
async function lint(input, options = {}) {
  const source = typeof input === "string" ? createSourceFile(input) : input;
  const profile = options.profile ?? "winhttp";
  const modules = options.ruleModules ?? ruleList;
  const needsSandbox = options.analysis !== false && !options.analyze && modules.some((rule) => rule.meta.usesAnalysis && effectiveSetting(rule, profile, options.rules) !== "off");
  if (needsSandbox) await Promise.resolve().then(() => (init_quickjs(), quickjs_exports)).then(({ quickJSModule: quickJSModule2 }) => void quickJSModule2().catch(() => void 0));
  const parsed = options.parsed ?? parse(source);
  if (!parsed.ok) {
    const diagnostics2 = parsed.errors.map(
      (error) => ({ ruleId: null, severity: "error", message: error.message, range: error.range, start: error.start, end: error.end })
    );
    return summarize(source, diagnostics2, false, []);
  }
  const diagnostics = [];
  let analysis;
  const parents = /* @__PURE__ */ new Map();
  const oversized = options.analysis !== false && !options.analyze && effectiveSetting(max_size_default, profile, options.rules) !== "off" && sourceBytes(source) > HARD_LIMIT;
  const runAnalysis = () => {
    if (options.analysis === false) return Promise.resolve(skippedAnalysis(profile));
    if (oversized) return Promise.resolve({ ...skippedAnalysis(profile), notes: [OVERSIZED_NOTE] });
    if (options.analyze) return options.analyze(source, parsed, profile);
    return Promise.resolve().then(() => (init_analyze(), analyze_exports)).then(
      ({ analyze: analyze2, LINT_BUDGET: LINT_BUDGET2 }) => analyze2(source, {
        profile,
        program: parsed.program,
        otherHosts: false,
        coverage: false,
        budget: options.budget ?? LINT_BUDGET2,
        ...options.limits ? { limits: options.limits } : {}
      })
    );
  };
  const listeners = [];
  for (const rule of modules) {
    const setting = effectiveSetting(rule, profile, options.rules);
    if (setting === "off") continue;
    const configured = options.rules?.[rule.id] !== void 0;
    const context = {
      id: rule.id,
      source,
      program: parsed.program,
      comments: parsed.comments,
      // Read on demand: the parse converts its tokens only when asked, and for 1 MB that costs about as
      // much as the parse itself; only jscript-compatible reads them, at a trailing comma.
      get tokens() {
        return parsed.tokens;
      },
      profile,
      parentOf: (node) => parents.get(node) ?? null,
      analysis: () => analysis ??= runAnalysis(),
      report: (descriptor) => {
        const range = descriptor.range ?? descriptor.node?.range ?? [0, 0];
        const template = rule.meta.messages[descriptor.messageId] ?? descriptor.messageId;
        diagnostics.push({
          ruleId: rule.id,
          messageId: descriptor.messageId,
          severity: configured ? setting : descriptor.severity ?? setting,
          message: formatMessage(template, descriptor.data),
          range,
          start: positionAt(source, range[0]),
          end: positionAt(source, range[1]),
          ...rule.meta.fixable ? { fixable: true } : {}
        });
      }
    };
    listeners.push(rule.create(context));
  }
  dispatch(parsed.program, listeners, parents);
  await Promise.all(listeners.map((listener) => listener["Program:exit"]?.()));
  const directives = readDirectives(source, parsed.comments);
  const kept = diagnostics.filter((d) => d.ruleId === null || !directives.suppresses(d.ruleId, d.start.line));
  return summarize(source, kept, true, analysis ? coverageNotes(await analysis) : []);
}
var OVERSIZED_NOTE = "the routes were not analysed: the file is over 1 MB, which WinHTTP and Chromium reject (see max-size)";
function skippedAnalysis(profile) {
  return { profile, entryPoints: [], environments: [], routes: [], coverage: { total: 0, taken: 0, unreached: [] } };
}
function dispatch(root, listeners, parents) {
  const byType = /* @__PURE__ */ new Map();
  for (const listener of listeners) {
    for (const [type, handler] of Object.entries(listener)) {
      if (type === "Program:exit" || typeof handler !== "function") continue;
      byType.set(type, [...byType.get(type) ?? [], handler]);
    }
  }
  const merged = /* @__PURE__ */ new Map();
  for (const [type, handlers] of byType) {
    merged.set(type, handlers.length === 1 && handlers[0] ? handlers[0] : (node, parent) => handlers.forEach((handler) => handler(node, parent)));
  }
  const keysOf = VISITOR_KEYS;
  const stack = [root];
  for (let node = stack.pop(); node !== void 0; node = stack.pop()) {
    merged.get(node.type)?.(node, parents.get(node) ?? null);
    const keys = keysOf[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = Reflect.get(node, keys[k] ?? "");
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const item = value[i];
          if (isNode2(item)) {
            parents.set(item, node);
            stack.push(item);
          }
        }
      } else if (isNode2(value)) {
        parents.set(value, node);
        stack.push(value);
      }
    }
  }
}
function isNode2(value) {
  return typeof value === "object" && value !== null && "type" in value && "range" in value;
}
var SEVERITY_RANK = { error: 0, warning: 1, info: 2 };
function coverageNotes(analysis) {
  const notes = [...analysis.notes ?? []];
  const total = analysis.environmentsTotal;
  if (total !== void 0 && total > analysis.environments.length && !analysis.sampled) {
    notes.unshift(`the route analysis evaluated ${analysis.environments.length} of ${total} environment classes (capped)`);
  }
  return notes;
}
function summarize(source, diagnostics, parsed, notes) {
  diagnostics.sort(
    (a, b) => a.range[0] - b.range[0] || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.ruleId ?? "").localeCompare(b.ruleId ?? "") || a.range[1] - b.range[1]
  );
  const count = (severity) => diagnostics.filter((d) => d.severity === severity).length;
  return {
    filePath: source.path,
    source,
    diagnostics,
    errorCount: count("error"),
    warningCount: count("warning"),
    infoCount: count("info"),
    fixableCount: diagnostics.filter((d) => d.fixable).length,
    parsed,
    notes
  };
}

// ../../../tmp/sbx/pair/base.ts
var what = process.argv[2];
var cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
if (what === "resolve") {
  const out = {};
  for (const [name, text] of [["10k", typicalPac()], ["1m", largePac()]]) {
    const source = createSourceFile(text, "b.pac");
    const parsed = parse(source);
    const loaded = await loadProfile(source, "winhttp", { program: parsed.program });
    const list = urls(4e4);
    const env = defaultEnvironment({ now: Date.UTC(2026, 0, 1) });
    await resolveWith(loaded.evaluator, list.slice(0, 4e3), { environment: env });
    const c0 = cpu(), t0 = performance.now();
    await resolveWith(loaded.evaluator, list, { environment: env });
    out[name + "_urls_per_s_wall"] = list.length / ((performance.now() - t0) / 1e3);
    out[name + "_urls_per_s_cpu"] = list.length / ((cpu() - c0) / 1e3);
  }
  console.log(JSON.stringify(out));
} else {
  const source = createSourceFile(enterprisePac(1024 * 1024), "e.pac");
  const c0 = cpu(), t0 = performance.now();
  const parsed = parse(source);
  const analysis = await analyze(source, { program: parsed.program, otherHosts: false, coverage: false });
  await lint(source, { parsed, analyze: async () => analysis });
  console.log(JSON.stringify({ lint1m_wall_ms: performance.now() - t0, lint1m_cpu_ms: cpu() - c0 }));
}
