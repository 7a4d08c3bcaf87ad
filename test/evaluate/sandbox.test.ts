import { DEBUG_SYNC, newQuickJSWASMModuleFromVariant, TestQuickJSWASMModule } from "quickjs-emscripten";
import { describe, expect, it } from "vitest";
import { createEvaluator, defaultEnvironment, inlineBackstop, type EvaluatorOptions } from "../../src/evaluate/index.js";
import type { PacEvaluator, ProfileName } from "../../src/evaluate/types.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { parseForTest } from "./parse-for-test.js";

const env = defaultEnvironment({ now: Date.UTC(2026, 10, 27, 10, 0, 0), timeZone: "UTC" });
const fast = { timeoutMs: 150, memoryBytes: 16 * 1024 * 1024 };
/** Allocation is slow near a memory limit (QuickJS collects garbage more and more often): give it time. */
const roomy = { timeoutMs: 60_000, memoryBytes: 16 * 1024 * 1024 };

async function load(text: string, options: EvaluatorOptions = {}): Promise<PacEvaluator> {
  const profile = options.profile ?? "winhttp";
  const program = profile === "node" ? undefined : parseForTest(text);
  const loaded = await createEvaluator(createSourceFile(text, "test.pac"), { limits: fast, ...(program ? { program } : {}), ...options });
  if (!loaded.ok) throw new Error(`did not load: ${loaded.failure.message}`);
  return loaded.evaluator;
}

async function loadFailure(text: string, options: EvaluatorOptions = {}) {
  const loaded = await createEvaluator(createSourceFile(text, "test.pac"), { limits: fast, ...options });
  if (loaded.ok) {
    loaded.evaluator[Symbol.dispose]();
    throw new Error("loaded, but should not have");
  }
  return loaded.failure;
}

const hostile = `
function FindProxyForURL(url, host) {
  if (host == "loop.example") { while (true) {} }
  if (host == "recurse.example") { var f = function () { return f() + 1; }; return f(); }
  if (host == "alloc.example") { var a = []; while (true) a.push({ n: a.length, s: new Array(64).join("x") + a.length }); }
  if (host == "throw.example") throw new Error("thrown");
  return "PROXY ok.example:8080";
}`;

const profiles: readonly ProfileName[] = ["winhttp", "chromium", "node"];

describe("resource limits", () => {
  for (const profile of profiles) {
    describe(profile, () => {
      it("stops an endless loop in FindProxyForURL at the deadline, then answers the next URL", async () => {
        using evaluator = await load(hostile, { profile });
        const looped = await evaluator.evaluate({ url: "http://loop.example/" }, env);
        expect(looped.failure).toMatchObject({ kind: "timeout", message: "timed out after 150 ms" });
        expect((await evaluator.evaluate({ url: "http://fine.example/" }, env)).result).toBe("PROXY ok.example:8080");
      });

      it("reports endless recursion as a stack overflow and stays usable", async () => {
        using evaluator = await load(hostile, { profile });
        expect((await evaluator.evaluate({ url: "http://recurse.example/" }, env)).failure).toMatchObject({ kind: "stack", message: "stack overflow" });
        expect((await evaluator.evaluate({ url: "http://fine.example/" }, env)).result).toBe("PROXY ok.example:8080");
      });

      it("reports endless allocation as out of memory, naming the limit, and stays usable", async () => {
        using evaluator = await load(hostile, { profile, limits: roomy });
        expect((await evaluator.evaluate({ url: "http://alloc.example/" }, env)).failure).toMatchObject({ kind: "memory", message: "memory limit of 16 MB exceeded" });
        expect((await evaluator.evaluate({ url: "http://fine.example/" }, env)).result).toBe("PROXY ok.example:8080");
      }, 90_000);

      it("fails to load a PAC whose top level never ends", async () => {
        expect(await loadFailure("while (true) {}\nfunction FindProxyForURL() { return 'DIRECT'; }", { profile })).toMatchObject({ kind: "timeout" });
      });

      it("fails to load a PAC whose top level exhausts memory or stack", async () => {
        expect(await loadFailure('var a = []; while (true) a.push([a.length, new Array(64).join("x") + a.length]);', { profile, limits: roomy })).toMatchObject({ kind: "memory" });
        expect(await loadFailure("function r() { return r(); } r();", { profile })).toMatchObject({ kind: "stack" });
      }, 90_000);
    });
  }

  it("keeps other evaluators working while one times out", async () => {
    using bad = await load(hostile);
    using good = await load("function FindProxyForURL(u, h) { return 'DIRECT'; }");
    expect((await bad.evaluate({ url: "http://loop.example/" }, env)).failure?.kind).toBe("timeout");
    expect((await good.evaluate({ url: "http://a.example/" }, env)).result).toBe("DIRECT");
  });
});

describe("isolation", () => {
  const probe = `
function attempt(f) { try { var v = f(); return v === undefined ? "undefined" : typeof v; } catch (e) { return "threw"; } }
function FindProxyForURL(url, host) {
  // No call of a call's result: pac-resolver's degenerator cannot name such callees and refuses the PAC.
  var seen = [
    attempt(function () { var make = this.constructor.constructor; var f = make("return process"); return f(); }),
    attempt(function () { var make = ({}).constructor.constructor; var f = make("return typeof require == 'undefined' ? undefined : require"); return f(); }),
    attempt(function () { var f = Function("return this"); return f().process; }),
    attempt(function () { return eval("typeof process == 'undefined' ? undefined : process"); }),
    attempt(function () { var self = function () { return this; }; return self().require; }),
    attempt(function () { return typeof setTimeout == "undefined" ? undefined : setTimeout; }),
    attempt(function () { return typeof fetch == "undefined" ? undefined : fetch; }),
    attempt(function () { return typeof XMLHttpRequest == "undefined" ? undefined : XMLHttpRequest; }),
    attempt(function () { return typeof std == "undefined" ? undefined : std; }),
    attempt(function () { return typeof os == "undefined" ? undefined : os; }),
    attempt(function () { return typeof WebAssembly == "undefined" ? undefined : WebAssembly; }),
    attempt(function () { return typeof globalThis.Buffer == "undefined" ? undefined : Buffer; })
  ];
  return "PROXY " + seen.join("-") + ".example:1";
}`;

  for (const profile of profiles) {
    it(`reaches no host object through constructor chains, Function or eval (${profile})`, async () => {
      using evaluator = await load(probe, { profile });
      const result = (await evaluator.evaluate({ url: "http://x.example/" }, env)).result ?? "";
      const seen = result.slice("PROXY ".length, -".example:1".length).split("-");
      expect(seen).toHaveLength(12);
      for (const outcome of seen) expect(["undefined", "threw"]).toContain(outcome);
    });
  }

  it("keeps the PAC's prototype pollution inside the guest", async () => {
    using evaluator = await load(`
Object.prototype.polluted = "yes";
Array.prototype.join = function () { return "hijacked"; };
String.prototype.split = function () { return ["hijacked"]; };
JSON.stringify = function () { return "hijacked"; };
function FindProxyForURL(url, host) { return shExpMatch(host, "*.example") ? "DIRECT" : "PROXY p.example:1"; }`);
    const evaluation = await evaluator.evaluate({ url: "http://a.example/", trace: true }, env);
    expect(evaluation.result).toBe("DIRECT");
    expect(evaluation.calls).toEqual([{ name: "shExpMatch", args: ["a.example", "*.example"], result: true, range: expect.any(Array) }]);
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(["a", "b"].join("-")).toBe("a-b");
  });

  it("gives the PAC no batch entry point, so it cannot reset its own deadline", async () => {
    using evaluator = await load(`
var seen = [];
for (var name in this) seen.push(name);
var names = Object.getOwnPropertyNames(this).concat(seen);
function FindProxyForURL(url, host) {
  for (var i = 0; i < names.length; i++) if (/batch|finished|rethrow|progress/i.test(names[i])) return "PROXY " + names[i] + ".example:1";
  return "DIRECT";
}`);
    const batch = await evaluator.evaluateMany([{ request: { url: "http://a.example/" }, env }]);
    expect(batch[0]?.result).toBe("DIRECT");
  });

  it("keeps the harness out of the PAC's reach", async () => {
    using evaluator = await load(`
var found = [];
for (var name in this) if (name.indexOf("__pacdo") === 0) found.push(name);
try { __pacdo$run = null; } catch (e) {}
try { delete __pacdo$r; } catch (e) {}
function FindProxyForURL(url, host) { return found.length ? "PROXY found.example:1" : "DIRECT"; }`);
    const evaluation = await evaluator.evaluate({ url: "http://a.example/" }, env);
    expect(evaluation.result).toBe("DIRECT");
    expect(evaluation.returnRange).toBeDefined();
  });
});

describe("handles", () => {
  it("frees every QuickJS allocation, including after a timeout and a rebuild", async () => {
    const module = new TestQuickJSWASMModule(await newQuickJSWASMModuleFromVariant(DEBUG_SYNC));
    for (const profile of ["winhttp", "chromium"] as const) {
      // No recursion here: the debug build's wasm frames are so large that V8's stack overflows before
      // any QuickJS stack limit triggers (seen down to 64 KB). No backstop either: the slow debug build
      // can outlast its grace, and a runtime cut off is dropped, not freed.
      const evaluator = await load(hostile, { profile, module, backstop: inlineBackstop });
      await evaluator.evaluate({ url: "http://fine.example/", trace: true, coverage: true }, env);
      await evaluator.evaluate({ url: "http://loop.example/" }, env);
      await evaluator.evaluate({ url: "http://fine.example/", trace: true }, { ...env, clientIps: ["10.0.0.1"] });
      // A batch: its request and answer strings, the progress reads, a rethrown exception, a timeout that ends it, the answers it finished.
      const batch = await evaluator.evaluateMany(
        ["fine", "throw", "fine", "loop", "fine"].map((name) => ({ request: { url: `http://${name}.example/`, trace: true, coverage: true }, env })),
      );
      expect(batch.map((e) => e.failure?.kind ?? e.result)).toEqual(["PROXY ok.example:8080", "exception", "PROXY ok.example:8080", "timeout", "PROXY ok.example:8080"]);
      evaluator[Symbol.dispose]();
      const failed = await createEvaluator(createSourceFile("syntax error (", "bad.pac"), { profile, module });
      expect(failed.ok).toBe(false);
    }
    // quickjs-emscripten 0.32.0: TestQuickJSWASMModule.newRuntime drops its ownedLifetimes, so disposed
    // runtimes are never removed from `runtimes`; check those by hand, then run the leak sanitizer.
    expect(module.runtimes.size).toBeGreaterThan(0);
    for (const runtime of module.runtimes) expect(runtime.alive).toBe(false);
    module.runtimes.clear();
    module.assertNoMemoryAllocated();
  }, 60_000);
});

describe("live DNS", () => {
  it("resolves names the PAC asked for after the call and replays it, once per new name", async () => {
    const asked: string[] = [];
    const liveResolver = async (host: string): Promise<readonly string[]> => {
      asked.push(host);
      return host === "intranet.example" ? ["10.9.8.7"] : [];
    };
    const text = 'function FindProxyForURL(url, host) {\n  if (isInNet(host, "10.0.0.0", "255.0.0.0")) return "DIRECT";\n  return dnsResolve("other.example") ? "PROXY a.example:1" : "PROXY b.example:2";\n}\n';
    const loaded = await createEvaluator(createSourceFile(text), { profile: "chromium", program: parseForTest(text), liveResolver });
    if (!loaded.ok) throw new Error(loaded.failure.message);
    using evaluator = loaded.evaluator;
    const live = { ...env, liveDns: true, dns: new Map([["listed.example", ["192.0.2.1"]]]) };
    expect((await evaluator.evaluate({ url: "http://intranet.example/" }, live)).result).toBe("DIRECT");
    expect((await evaluator.evaluate({ url: "http://listed.example/" }, live)).result).toBe("PROXY b.example:2");
    expect((await evaluator.evaluate({ url: "http://intranet.example/" }, live)).calls).toBeUndefined();
    expect(asked).toEqual(["intranet.example", "other.example"]);
  });
});
