/**
 * When the fix's proof may skip re-evaluating the hosts its block leaves alone. The block
 * (`if (/…/.test(String(host).toLowerCase())) return "DIRECT";`) changes three things a guest could
 * see: the text of the functions it goes into (Function.prototype.toString, implicit string
 * conversion), the line numbers of everything below it (error stacks), and, for the hosts it
 * bypasses, the state the skipped body would have left behind for later calls. It calls `String`,
 * `String.prototype.toLowerCase` and `RegExp.prototype.test`, so a guest that rebinds or patches one
 * of those runs its own code inside the block, on every host. A PAC that can do none of these gets,
 * for every host the block does not bypass, the answer it got without the block, call for call: the
 * interpreter is deterministic and each call starts from the state the load left.
 *
 * This check is an allowlist over the syntax tree, deliberately coarse: anything it does not know to
 * be harmless sends the proof the long way (both analyses in full), which still catches every PAC the
 * full proof catches. It answers for the program given; the caller checks the PAC as its author wrote
 * it (a managed block already in it is our own code and passes).
 */
import type { Expression, FunctionDeclaration, FunctionExpression, ArrowFunctionExpression, Identifier, Node, Pattern, Program } from "../syntax/ast.js";
import { forEachChild } from "../syntax/walk.js";
import type { BlockStatement } from "../syntax/ast.js";

type FunctionNode = FunctionDeclaration | FunctionExpression | ArrowFunctionExpression;

export type Observability = { readonly unobservable: true } | { readonly unobservable: false; readonly reason: string };

/**
 * Methods that read their receiver and arguments and change nothing (strings, dates, numbers, plain
 * objects): a call `x.m(…)` is allowed only with one of these names. Mutators (`push`, `sort`,
 * `splice`), reflection (`call`, `apply`, `bind`, `toString`, `valueOf`, `defineProperty`) and
 * `Math.random` are not.
 */
const METHODS: ReadonlySet<string> = new Set([
  "test", "exec", "toLowerCase", "toUpperCase", "indexOf", "lastIndexOf", "substring", "substr", "slice", "split",
  "charAt", "charCodeAt", "replace", "match", "search", "concat", "join", "trim", "startsWith", "endsWith", "includes",
  "hasOwnProperty", "getDay", "getDate", "getMonth", "getFullYear", "getYear", "getHours", "getMinutes", "getSeconds",
  "getMilliseconds", "getTime", "getTimezoneOffset", "getUTCDay", "getUTCDate", "getUTCMonth", "getUTCFullYear",
  "getUTCHours", "getUTCMinutes", "getUTCSeconds", "floor", "ceil", "round", "abs", "min", "max", "toFixed",
]);

/**
 * Global functions a PAC may call by name when it does not bind the name itself: the PAC helpers
 * (answered from the environment, the same with and without the block) and conversions.
 */
const GLOBAL_FUNCTIONS: ReadonlySet<string> = new Set([
  "isPlainHostName", "dnsDomainIs", "localHostOrDomainIs", "isResolvable", "isResolvableEx", "isInNet", "isInNetEx",
  "dnsResolve", "dnsResolveEx", "myIpAddress", "myIpAddressEx", "dnsDomainLevels", "shExpMatch", "weekdayRange",
  "dateRange", "timeRange", "sortIpAddressList", "getClientVersion", "convert_addr", "alert",
  "String", "Number", "Boolean", "parseInt", "parseFloat", "isNaN", "isFinite", "Date", "RegExp", "Array", "Object",
  "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI", "escape", "unescape", "Error", "TypeError", "RangeError",
]);

/** Names that reach the global object, code from strings, function text or the call stack. */
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  "arguments", "eval", "Function", "globalThis", "window", "self", "global", "Reflect", "Proxy", "Symbol",
]);

/** Properties that reach prototypes, constructors, callers, stacks, a RegExp's state or a random generator. */
const FORBIDDEN_PROPERTIES: ReadonlySet<string> = new Set([
  "constructor", "prototype", "__proto__", "caller", "callee", "arguments", "stack", "lineNumber", "columnNumber",
  "fileName", "lastIndex", "toSource", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
  // Math.random keeps its generator's state between calls; read as a value it can still be called (a replacer).
  "random",
]);

/** Constructors of error objects, whose `stack` holds line numbers that the block shifts. */
const ERROR_CONSTRUCTORS: ReadonlySet<string> = new Set([
  "Error", "TypeError", "RangeError", "ReferenceError", "SyntaxError", "EvalError", "URIError", "InternalError", "AggregateError",
]);

/** Globals whose properties the check judges by name; they may only be called or have a property named. */
const NAMESPACES: ReadonlySet<string> = new Set(["Math", "RegExp", "Object"]);

/** What the block itself calls: a PAC that binds these names would run its own code inside the block. */
const BLOCK_DEPENDS_ON: ReadonlySet<string> = new Set(["String", "RegExp"]);

/**
 * Whether `program` can tell the functions whose bodies are `blockBodies` with the block from
 * without it, for the hosts the block does not bypass (see the module comment). `entryNames` are the
 * global names clients call.
 */
export function blockObservability(program: Program, blockBodies: readonly BlockStatement[], entryNames: readonly string[]): Observability {
  const bodies = new Set<Node>(blockBodies);
  const blockFns = new Set<FunctionNode>();
  // Names under which a function that receives the block can be reached: its own, and what holds it.
  const blockNames = new Set<string>(entryNames);
  const fnDeclared = new Set<string>();
  const otherwiseBound = new Set<string>();
  const localsOf = new Map<FunctionNode | null, Set<string>>([[null, new Set()]]);
  // An error object is in reach when the PAC catches one or names an error constructor.
  let errorsInReach = false;

  // First pass: bindings, which functions receive the block, and the names that hold them.
  const nodes: Node[] = [program];
  const fns: (FunctionNode | null)[] = [null];
  const bindPattern = (pattern: Pattern, fn: FunctionNode | null): boolean => {
    if (pattern.type !== "Identifier") return false;
    otherwiseBound.add(pattern.name);
    localsOf.get(fn)?.add(pattern.name);
    return true;
  };
  const receives = (value: Node | null): boolean => isFunction(value) && bodies.has(value.body);
  for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
    const fn = fns.pop() ?? null;
    if (isFunction(node)) {
      localsOf.set(node, new Set());
      if (node.type === "FunctionDeclaration") {
        fnDeclared.add(node.id.name);
        localsOf.get(fn)?.add(node.id.name);
      } else if (node.type === "FunctionExpression" && node.id) {
        otherwiseBound.add(node.id.name);
      }
      if (receives(node)) {
        blockFns.add(node);
        if (node.type !== "ArrowFunctionExpression" && node.id) blockNames.add(node.id.name);
      }
      for (const param of node.params) if (!bindPattern(param, node)) return no(`a parameter at offset ${param.range[0]} is a pattern`);
      nodes.push(node.body);
      fns.push(node);
      continue;
    }
    switch (node.type) {
      case "VariableDeclaration":
        if (node.kind === "var") break;
        // let/const are block-scoped: an assignment after the block would reach an outer name.
        for (const d of node.declarations) {
          if (d.id.type !== "Identifier") return no(`a declaration at offset ${d.range[0]} is a pattern`);
          otherwiseBound.add(d.id.name);
          if (d.init) {
            nodes.push(d.init);
            fns.push(fn);
          }
        }
        continue;
      case "VariableDeclarator":
        if (!bindPattern(node.id, fn)) return no(`a declaration at offset ${node.range[0]} is a pattern`);
        if (receives(node.init) && node.id.type === "Identifier") blockNames.add(node.id.name);
        break;
      case "CatchClause":
        errorsInReach = true;
        if (node.param && node.param.type !== "Identifier") return no("a catch parameter is a pattern");
        if (node.param) otherwiseBound.add(node.param.name);
        break;
      case "Identifier":
        if (ERROR_CONSTRUCTORS.has(node.name)) errorsInReach = true;
        break;
      case "AssignmentExpression":
        if (node.left.type === "Identifier") {
          otherwiseBound.add(node.left.name);
          if (receives(node.right)) blockNames.add(node.left.name);
        }
        break;
      default:
        break;
    }
    const before = nodes.length;
    forEachChild(node, (child) => void nodes.push(child));
    for (let i = before; i < nodes.length; i++) fns.push(fn);
  }
  for (const name of BLOCK_DEPENDS_ON) {
    if (otherwiseBound.has(name) || fnDeclared.has(name)) return no(`the PAC binds ${name}, which the block calls`);
  }
  if (blockFns.size !== blockBodies.length) return no("a function that receives the block was not found");

  // Second pass: every node, with the function it runs in, whether a block function encloses it, and
  // how its parent uses it. Parallel stacks: a 1 MB PAC has hundreds of thousands of nodes.
  type Role = "callee" | "new-callee" | "assigned" | "binding" | "key" | "label" | "member-object" | undefined;
  const stack: Node[] = [program];
  const stackFn: (FunctionNode | null)[] = [null];
  const stackInBlockFn: boolean[] = [false];
  const stackRole: Role[] = [undefined];
  let fn: FunctionNode | null = null;
  let inBlockFn = false;
  const push = (child: Node | null | undefined, childRole?: Role, into: FunctionNode | null = fn, blockFn = inBlockFn): void => {
    if (!child) return;
    stack.push(child);
    stackFn.push(into);
    stackInBlockFn.push(blockFn);
    stackRole.push(childRole);
  };
  const pushPlain = (child: Node): void => push(child);
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    fn = stackFn.pop() ?? null;
    inBlockFn = stackInBlockFn.pop() ?? false;
    const role = stackRole.pop();
    const where = `at offset ${node.range[0]}`;
    switch (node.type) {
      case "ThisExpression":
        return no(`\`this\` ${where}`);
      case "WithStatement":
        return no(`\`with\` ${where}`);
      case "TaggedTemplateExpression":
        return no(`a tagged template ${where}`);
      case "ForOfStatement":
        return no(`\`for … of\` ${where}`);
      case "Literal":
        if (node.regex && /[gy]/.test(node.regex.flags)) return no(`${node.raw} keeps its lastIndex between calls`);
        continue;
      case "Identifier": {
        if (role === "key" || role === "label") continue;
        if (FORBIDDEN_NAMES.has(node.name)) return no(`\`${node.name}\` ${where}`);
        if (role === "binding") continue;
        // These namespaces hold what the check refuses by name (Math.random, RegExp's statics, Object's
        // reflection): held in a variable or read by a computed name, they would reach it unnamed.
        if (NAMESPACES.has(node.name) && role !== "member-object" && role !== "callee" && role !== "new-callee") {
          return no(`${node.name} is used as a value ${where}`);
        }
        if (blockNames.has(node.name)) {
          // Calling an entry point from inside one (FindProxyForURLEx calling FindProxyForURL) runs the
          // block again, which changes nothing; any other use could read the function's text.
          if (role === "callee" && inBlockFn) continue;
          if (role === "assigned" && fn === null) continue;
          return no(`${node.name} is used as a value ${where}`);
        }
        if (role === "callee" || role === "new-callee") {
          if (fnDeclared.has(node.name) && !otherwiseBound.has(node.name)) continue;
          if (GLOBAL_FUNCTIONS.has(node.name) && !otherwiseBound.has(node.name) && !fnDeclared.has(node.name)) continue;
          return no(`the call of ${node.name} ${where} may run code the check cannot see`);
        }
        if (role === "assigned" && fn !== null && !localsOf.get(fn)?.has(node.name)) {
          return no(`${node.name} is assigned ${where} outside the function that declares it: calls may leave state behind`);
        }
        continue;
      }
      case "FunctionDeclaration":
      case "FunctionExpression":
      case "ArrowFunctionExpression": {
        const blockFn = inBlockFn || blockFns.has(node);
        if (node.type !== "ArrowFunctionExpression" && node.id) push(node.id, "binding", node, blockFn);
        for (const param of node.params) push(param, "binding", node, blockFn);
        push(node.body, undefined, node, blockFn);
        continue;
      }
      case "VariableDeclarator":
        push(node.id, "binding");
        push(node.init);
        continue;
      case "CatchClause":
        push(node.param, "binding");
        push(node.body);
        continue;
      case "LabeledStatement":
      case "BreakStatement":
      case "ContinueStatement":
        if (node.label) push(node.label, "label");
        if (node.type === "LabeledStatement") push(node.body);
        continue;
      case "UnaryExpression":
        if (node.operator === "delete") return no(`\`delete\` ${where}`);
        break;
      case "AssignmentExpression":
        if (node.left.type !== "Identifier") return no(`an assignment to ${node.left.type === "MemberExpression" ? "a property" : "a pattern"} ${where}`);
        push(node.left, "assigned");
        push(node.right);
        continue;
      case "UpdateExpression":
        if (node.argument.type !== "Identifier") return no(`an update of a property ${where}`);
        push(node.argument, "assigned");
        continue;
      case "ForInStatement":
        if (node.left.type === "Identifier") push(node.left, "assigned");
        else if (node.left.type === "VariableDeclaration") push(node.left);
        else return no(`a \`for … in\` target ${where}`);
        push(node.right);
        push(node.body);
        continue;
      case "Property":
        if (node.kind === "init" && !node.computed && propertyName(node.key) === "__proto__") return no(`\`__proto__\` ${where}`);
        // A name that is called (a listed method, or one a conversion calls) bound to something that
        // is not a function literal could call anything; a computed key could be any of those names.
        if (node.computed) return no(`a computed property key ${where}`);
        if (node.kind === "init" && isCalledName(propertyName(node.key)) && !isFunction(node.value)) {
          return no(`the property ${propertyName(node.key)} ${where} holds a value the check cannot see`);
        }
        push(node.key, "key");
        push(node.value);
        continue;
      case "ObjectExpression":
        if (node.properties.some((p) => p.type === "SpreadElement")) return no(`a spread into an object ${where}`);
        break;
      case "MemberExpression": {
        const name = node.computed ? literalKey(node.property) : propertyName(node.property);
        if (name !== undefined && FORBIDDEN_PROPERTIES.has(name)) return no(`the property ${name} ${where}`);
        // `e[k]` with k computed at run time can be "stack" as well as `e.stack` can.
        if (errorsInReach && node.computed && node.property.type !== "Literal") {
          return no(`a property read by a computed name ${where}, with an error object (its stack has line numbers) in reach`);
        }
        if (node.object.type === "Identifier" && (node.object.name === "RegExp" || node.object.name === "Object")) {
          return no(`a property of ${node.object.name} ${where}`);
        }
        if (role === "callee" || role === "new-callee") {
          if (node.computed || name === undefined || !METHODS.has(name)) return no(`the call of a method ${name ?? "with a computed name"} ${where}`);
        }
        push(node.object, node.computed ? undefined : "member-object");
        if (node.computed) push(node.property);
        else push(node.property, "key");
        continue;
      }
      case "CallExpression":
      case "NewExpression": {
        const callee = node.callee;
        // Generated domain lists look names up with `Object.prototype.hasOwnProperty.call(table, name)`:
        // nothing here can replace either builtin (prototypes are never written), so the call only reads.
        if (node.type === "CallExpression" && isOwnPropertyCall(callee) && !otherwiseBound.has("Object") && !fnDeclared.has("Object")) {
          for (const arg of node.arguments) push(arg);
          continue;
        }
        if (callee.type === "Identifier" && callee.name === "RegExp" && !constantFlags(node.arguments[1])) {
          return no(`a RegExp built ${where} whose flags may keep a lastIndex`);
        }
        if (callee.type === "Identifier" || callee.type === "MemberExpression") push(callee, node.type === "CallExpression" ? "callee" : "new-callee");
        else if (callee.type === "FunctionExpression" || callee.type === "ArrowFunctionExpression") push(callee);
        else return no(`a call of a computed function ${where}`);
        for (const arg of node.arguments) push(arg);
        continue;
      }
      case "ChainExpression":
        break;
      default:
        break;
    }
    forEachChild(node, pushPlain);
  }
  return { unobservable: true };
}

/** `Object.prototype.hasOwnProperty.call`, spelled out with plain property names. */
function isOwnPropertyCall(callee: Node): boolean {
  const names: string[] = [];
  let node: Node = callee;
  while (node.type === "MemberExpression" && !node.computed && node.property.type === "Identifier") {
    names.unshift(node.property.name);
    node = node.object;
  }
  return node.type === "Identifier" && node.name === "Object" && names.join(".") === "prototype.hasOwnProperty.call";
}

/** Property names a call reaches: the listed methods, and what string and number conversion call. */
function isCalledName(name: string | undefined): boolean {
  return name !== undefined && (METHODS.has(name) || name === "toString" || name === "valueOf" || name === "toJSON" || name === "toLocaleString");
}

function no(reason: string): Observability {
  return { unobservable: false, reason };
}

function isFunction(node: Node | null | undefined): node is FunctionNode {
  return node?.type === "FunctionDeclaration" || node?.type === "FunctionExpression" || node?.type === "ArrowFunctionExpression";
}

function propertyName(key: Expression | Node): string | undefined {
  if (key.type === "Identifier") return (key as Identifier).name;
  if (key.type === "Literal") return String(key.value);
  return undefined;
}

/** The key of `o["name"]`; undefined when it is computed at run time (numbers are harmless). */
function literalKey(property: Expression | Node): string | undefined {
  return property.type === "Literal" && typeof property.value === "string" ? property.value : undefined;
}

/** `RegExp(p)` or `RegExp(p, "i")`: flags absent or a literal without g or y. */
function constantFlags(flags: Node | undefined): boolean {
  if (flags === undefined) return true;
  return flags.type === "Literal" && typeof flags.value === "string" && !/[gy]/.test(flags.value);
}
