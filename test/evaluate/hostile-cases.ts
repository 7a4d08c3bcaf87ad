/**
 * Hostile PAC bodies, one per way a guest can try to outlast its deadline or its memory, for the
 * hostile test suite (hostile.test.ts) and the sandbox benchmark (test/bench/sandbox.ts). `where`:
 * the body runs in FindProxyForURL after the "fine.example" answer ("call"), or at the top level
 * ("top"). `kinds`: the failure kinds it may end with (a slow native step may end either way, by
 * the interrupt or by the backstop, depending on the machine).
 */
import type { FailureKind } from "../../src/evaluate/types.js";

export interface HostileCase {
  readonly name: string;
  readonly where: "call" | "top";
  readonly body: string;
  readonly kinds: readonly FailureKind[];
  readonly message?: RegExp;
  /**
   * Where the node profile (pac-resolver) ends otherwise: null when the case does not apply to it.
   * pac-resolver shows a non-string result as its JSON, and calls only FindProxyForURL.
   */
  readonly node?: readonly FailureKind[] | null;
}

export const LOOP = "for (;;) {}";
const loopFn = `function () { ${LOOP} }`;
const timeout = ["timeout"] as const;
const memory = ["memory"] as const;
const MEMORY_MESSAGE = /^memory limit of 16 MB exceeded$/;

/*
 * Reading a thrown value calls none of its methods or getters (it is then an exception without a
 * readable message); a Proxy's traps do run, under the call's deadline, and a result that is no
 * string is converted with String(), also under the deadline.
 */
const reads: readonly [string, string, readonly FailureKind[], (readonly FailureKind[])?][] = [
  ["throws a value whose toJSON loops", `throw { toJSON: ${loopFn} };`, ["exception"]],
  ["throws a value whose toString and valueOf loop", `throw { toString: ${loopFn}, valueOf: ${loopFn} };`, ["exception"]],
  ["throws an Error whose message getter loops", `var e = new Error("x"); Object.defineProperty(e, "message", { get: ${loopFn} }); throw e;`, ["exception"]],
  ["throws an Error whose name and stack getters loop", `var e = new TypeError("x"); Object.defineProperty(e, "name", { get: ${loopFn} }); Object.defineProperty(e, "stack", { get: ${loopFn} }); throw e;`, ["exception"]],
  ["throws a Proxy whose traps loop", `throw new Proxy({}, { get: ${loopFn}, getOwnPropertyDescriptor: ${loopFn}, getPrototypeOf: ${loopFn}, has: ${loopFn}, ownKeys: ${loopFn} });`, timeout],
  // pac-resolver shows the result as JSON, which leaves a function-valued toString out.
  ["returns an object whose toString loops", `return { toString: ${loopFn} };`, timeout, ["not-a-string"]],
  ["returns a Proxy whose traps loop", `return new Proxy({}, { get: ${loopFn}, getPrototypeOf: ${loopFn} });`, timeout],
];

export const HOSTILE: readonly HostileCase[] = [
  ...reads.map(([name, body, kinds, node]) => ({ name, where: "call" as const, body, kinds, ...(node ? { node } : {}) })),
  ...reads
    .filter(([name]) => name.startsWith("throws"))
    .map(([name, body, kinds]) => ({ name, where: "top" as const, body, kinds })),
  {
    name: "defines FindProxyForURL through a getter that loops",
    where: "top",
    body: `Object.defineProperty(this, "FindProxyForURLEx", { get: ${loopFn} });`,
    kinds: timeout,
    // pac-resolver never looks FindProxyForURLEx up.
    node: null,
  },
  { name: "loops for ever", where: "call", body: LOOP, kinds: timeout },
  { name: "compiles a huge RegExp", where: "call", body: 'var p = new Array(400001).join("(?:a|b)*"); for (;;) new RegExp(p);', kinds: [...timeout, ...memory] },
  { name: "joins a large array in a loop", where: "call", body: 'var a = []; for (var i = 0; i < 300000; i++) a.push("xy"); for (;;) a.join(",");', kinds: timeout },
  { name: "stringifies a shared-object DAG", where: "call", body: "var o = {}; for (var i = 0; i < 40; i++) o = { a: o, b: o }; JSON.stringify(o);", kinds: [...timeout, ...memory] },
  { name: "sorts a large array natively in a loop", where: "call", body: "var a = []; for (var i = 0; i < 200000; i++) a.push(String(i * 7919 % 200000)); for (;;) a.slice().sort();", kinds: [...timeout, ...memory] },
  { name: "backtracks a catastrophic RegExp (ReDoS)", where: "call", body: 'for (;;) /^(a+)+$/.test(new Array(40).join("a") + "b");', kinds: timeout },
  { name: "compares long strings with localeCompare in a loop", where: "call", body: 'var s = new Array(2000000).join("a"), t = s + "b"; for (;;) s.localeCompare(t);', kinds: [...timeout, ...memory] },
  // QuickJS keeps concatenations as ropes: doubling reaches its 2^30 length limit before the memory limit.
  { name: "doubles a string for ever (a rope)", where: "call", body: 'var s = "x"; for (;;) s += s;', kinds: ["exception", ...memory] },
  { name: "doubles a string and reads it (flattening the rope)", where: "call", body: 'var s = "x", a = []; for (;;) { s += s; a.push(s.charCodeAt(s.length - 1)); }', kinds: memory, message: MEMORY_MESSAGE },
  { name: "builds one huge string in one step", where: "call", body: 'return "x".repeat(1 << 29);', kinds: [...memory, "exception"] },
  // Under the node profile seen to reach its 300 ms deadline first on a loaded machine (load average 22).
  { name: "allocates arrays of strings for ever", where: "call", body: 'var s = "x".repeat(1 << 16), a = []; for (;;) a.push(s.slice(a.length % 64));', kinds: memory, message: MEMORY_MESSAGE, node: [...memory, ...timeout] },
  { name: "allocates typed arrays for ever", where: "call", body: "var a = []; for (;;) a.push(new Uint8Array(1 << 20));", kinds: memory, message: MEMORY_MESSAGE },
  { name: "recurses for ever", where: "call", body: "function r(n) { return r(n + 1) + 1; } return r(0);", kinds: ["stack"] },
  { name: "recurses through toString", where: "call", body: "var o = {}; o.toString = function () { return String(o); }; return String(o);", kinds: ["stack"] },
  { name: "recurses through JSON.stringify and toJSON", where: "call", body: "var o = { toJSON: function () { return [JSON.stringify(o)]; } }; return JSON.stringify(o);", kinds: ["stack"] },
  { name: "nests arrays deeply and stringifies them", where: "call", body: "var a = []; for (var i = 0; i < 200000; i++) a = [a]; return JSON.stringify(a);", kinds: ["stack", "memory", "timeout"] },
  { name: "loops for ever", where: "top", body: LOOP, kinds: timeout },
  { name: "recurses for ever", where: "top", body: "function r(n) { return r(n + 1) + 1; } r(0);", kinds: ["stack"] },
  { name: "recurses through toString", where: "top", body: "var o = {}; o.toString = function () { return String(o); }; String(o);", kinds: ["stack"] },
  { name: "allocates for ever", where: "top", body: 'var s = "x", a = []; for (;;) { s += s; a.push(s.charCodeAt(s.length - 1)); }', kinds: memory, message: MEMORY_MESSAGE },
];
