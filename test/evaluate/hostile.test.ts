/**
 * The sandbox's contract against hostile PACs (docs/sandbox.md): every evaluation ends, with its own
 * failure, whatever the guest does while it runs or while the host reads what it left; memory ends as
 * memory; nothing of the harness is in reach. Each case runs under a 300 ms deadline and must end well
 * within a bound that only a hang would break (BOUND_MS); the measured overruns are in
 * docs/performance.md ("Sandbox"), from test/bench/sandbox.ts.
 */
import { describe, expect, it } from "vitest";
import { analyze, MAX_TIMEOUTS } from "../../src/analyze/index.js";
import { createEvaluator } from "../../src/evaluate/index.js";
import { countsCpu, deadlineClock, wallLimit, wallStretch } from "../../src/evaluate/cpu-time.js";
import { BACKSTOP_GRACE_MS } from "../../src/evaluate/sandbox.js";
import type { Environment, EvaluationFailure, PacEvaluator } from "../../src/evaluate/types.js";
import { fixPac } from "../../src/fix/fix.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { HOSTILE, LOOP, type HostileCase } from "./hostile-cases.js";
import { parseForTest } from "./parse-for-test.js";

const limits = { timeoutMs: 300, memoryBytes: 16 * 1024 * 1024 };
/**
 * Only a hang breaks this. The contract (docs/sandbox.md) is the deadline plus 100 ms on a quiet machine;
 * on a loaded one the backstop's wall clock stretches with the load up to MAX_STRETCH times the deadline,
 * and a crossing cut off before it had its CPU time runs once more at that stretch: twice the longest
 * crossing, plus room for the rebuild on a loaded CI machine.
 */
const BOUND_MS = 2 * wallLimit(limits.timeoutMs, BACKSTOP_GRACE_MS, true) + 1700;
const env: Environment = { clientIps: ["10.1.2.3"], dns: new Map(), liveDns: false, now: Date.UTC(2026, 0, 1), timeZone: "UTC" };
const FINE = 'if (host == "fine.example") return "PROXY fine.example:8080";';

async function load(text: string, within = limits): Promise<{ evaluator?: PacEvaluator; failure?: EvaluationFailure; ms: number }> {
  const started = performance.now();
  const loaded = await createEvaluator(createSourceFile(text, "hostile.pac"), { limits: within, program: parseForTest(text) });
  const ms = performance.now() - started;
  return loaded.ok ? { evaluator: loaded.evaluator, ms } : { failure: loaded.failure, ms };
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

/**
 * The kinds a hostile call may end as. On a loaded machine (wallStretch above 1) a call may also end
 * as busy: the backstop's wall clock ran out before the machine gave the thread its CPU deadline.
 */
function allowed(kinds: readonly string[]): string[] {
  return wallStretch() > 1 ? [...kinds, "busy"] : [...kinds];
}

function entryPoint(body: string): string {
  return `function FindProxyForURL(url, host) {\n  ${FINE}\n  ${body}\n}\n`;
}

describe("hostile PACs", () => {
  for (const hostile of HOSTILE.filter((c: HostileCase) => c.where === "call")) {
    it(`ends a call that ${hostile.name} as ${hostile.kinds.join(" or ")}, in bounded time, then answers the next URL`, async () => {
      const { evaluator } = await load(entryPoint(hostile.body));
      if (!evaluator) throw new Error("did not load");
      using _ = evaluator;
      const single = await timed(() => evaluator.evaluate({ url: "http://bad.example/" }, env));
      expect(single.ms).toBeLessThan(BOUND_MS);
      expect(allowed(hostile.kinds)).toContain(single.value.failure?.kind);
      if (hostile.message) expect(single.value.failure?.message).toMatch(hostile.message);
      if (single.value.failure?.kind === "exception") expect(single.value.failure.message).not.toMatch(/sandbox failed/);
      expect((await evaluator.evaluate({ url: "http://fine.example/" }, env)).result).toBe("PROXY fine.example:8080");

      // The same call inside a batch: it fails alone, the calls around it answer.
      const batch = await timed(() =>
        evaluator.evaluateMany(["fine", "bad", "fine"].map((name) => ({ request: { url: `http://${name}.example/`, trace: true }, env }))),
      );
      expect(batch.ms).toBeLessThan(2 * BOUND_MS);
      expect(batch.value.map((e) => e.result)).toEqual(["PROXY fine.example:8080", null, "PROXY fine.example:8080"]);
      expect(allowed(hostile.kinds)).toContain(batch.value[1]?.failure?.kind);
    }, 30_000);
  }

  for (const hostile of HOSTILE.filter((c: HostileCase) => c.where === "top")) {
    it(`fails to load a PAC whose top level ${hostile.name}, as ${hostile.kinds.join(" or ")}, in bounded time`, async () => {
      const { failure, evaluator, ms } = await load(`${hostile.body}\nfunction FindProxyForURL(url, host) { return "DIRECT"; }\n`);
      evaluator?.[Symbol.dispose]();
      expect(ms).toBeLessThan(BOUND_MS);
      expect(allowed(hostile.kinds)).toContain(failure?.kind);
      if (hostile.message) expect(failure?.message).toMatch(hostile.message);
    }, 30_000);
  }

  it("reports a thrown 30 MB message as one short line", async () => {
    const { evaluator } = await load(entryPoint('throw new Error("m".repeat(30 * 1024 * 1024));'), { timeoutMs: 20_000, memoryBytes: 64 * 1024 * 1024 });
    if (!evaluator) throw new Error("did not load");
    using _ = evaluator;
    const failure = (await evaluator.evaluate({ url: "http://bad.example/" }, env)).failure;
    expect(failure?.kind).toBe("exception");
    expect(failure?.message).toMatch(/^Error: m{200}/);
    expect(failure?.message.length ?? 0).toBeLessThanOrEqual(300);
  }, 30_000);

  it("says a result over 64 K characters is too long instead of copying it", async () => {
    const { evaluator } = await load(entryPoint('return new Array(100001).join("PROXY a:1;");'));
    if (!evaluator) throw new Error("did not load");
    using _ = evaluator;
    const failure = (await evaluator.evaluate({ url: "http://bad.example/" }, env)).failure;
    expect(failure).toMatchObject({ kind: "too-long", message: "FindProxyForURL returned a string of 1,000,000 characters, over the limit of 65,536" });
  });
});

/*
 * The node profile runs pac-resolver in a worker thread that a watchdog terminates (node-worker.ts).
 * Each case: the hostile call ends in bounded time with its own failure, and the next URL answers
 * (after a termination, in a new worker, whose start is not part of the bound). One case of each
 * class, two of the slow native steps only the watchdog stops (each termination starts a worker, about
 * a third of a second of CPU here): the sandbox bench (test/bench/sandbox.ts) runs every case.
 */
const NODE_CASES = new Set([
  "call:throws a value whose toJSON loops",
  "call:throws a Proxy whose traps loop",
  "call:returns an object whose toString loops",
  "call:loops for ever",
  "call:compiles a huge RegExp",
  "call:joins a large array in a loop",
  "call:doubles a string and reads it (flattening the rope)",
  "call:builds one huge string in one step",
  "call:recurses for ever",
  "top:throws a Proxy whose traps loop",
  "top:loops for ever",
  "top:allocates for ever",
]);

describe("hostile PACs under the node profile (pac-resolver in its worker)", () => {
  const loadNode = async (text: string) => {
    const started = performance.now();
    const loaded = await createEvaluator(createSourceFile(text, "hostile.pac"), { profile: "node", limits });
    return { loaded, ms: performance.now() - started };
  };

  it("has a case of each class", () => {
    expect(HOSTILE.filter((c: HostileCase) => NODE_CASES.has(`${c.where}:${c.name}`))).toHaveLength(NODE_CASES.size);
  });

  for (const hostile of HOSTILE.filter((c: HostileCase) => c.node !== null && NODE_CASES.has(`${c.where}:${c.name}`))) {
    const kinds = hostile.node ?? hostile.kinds;
    if (hostile.where === "call") {
      it(`ends a call that ${hostile.name} as ${kinds.join(" or ")}, in bounded time, then answers the next URL`, async () => {
        const { loaded } = await loadNode(entryPoint(hostile.body));
        if (!loaded.ok) throw new Error(`did not load: ${loaded.failure.message}`);
        using evaluator = loaded.evaluator;
        const single = await timed(() => evaluator.evaluate({ url: "http://bad.example/" }, env));
        expect(single.ms).toBeLessThan(BOUND_MS);
        expect(allowed(kinds)).toContain(single.value.failure?.kind);
        const failure = single.value.failure;
        if (hostile.message && failure && hostile.kinds.includes(failure.kind)) expect(failure.message).toMatch(hostile.message);
        if (failure?.kind === "exception") expect(failure.message).not.toMatch(/sandbox failed/);
        expect((await evaluator.evaluate({ url: "http://fine.example/" }, env)).result).toBe("PROXY fine.example:8080");
      }, 30_000);
    } else {
      it(`fails to load a PAC whose top level ${hostile.name}, as ${kinds.join(" or ")}, in bounded time`, async () => {
        const { loaded, ms } = await loadNode(`${hostile.body}\nfunction FindProxyForURL(url, host) { return "DIRECT"; }\n`);
        if (loaded.ok) loaded.evaluator[Symbol.dispose]();
        // The bound holds a worker's start too: the first load may have to start one.
        expect(ms).toBeLessThan(BOUND_MS + 3000);
        expect(allowed(kinds)).toContain(loaded.ok ? "loaded" : loaded.failure.kind);
        if (hostile.message && !loaded.ok) expect(loaded.failure.message).toMatch(hostile.message);
      }, 30_000);
    }
  }

  it("fails a stuck call of a batch alone, and the calls after it answer", async () => {
    const { loaded } = await loadNode(`var seen = 0;\n${entryPoint('seen++; if (host == "bad.example") { var a = []; for (var i = 0; i < 300000; i++) a.push("xy"); for (;;) a.join(","); } return "PROXY n.example:" + seen;')}`);
    if (!loaded.ok) throw new Error(`did not load: ${loaded.failure.message}`);
    using evaluator = loaded.evaluator;
    const batch = await evaluator.evaluateMany(["a", "b", "bad", "c"].map((name) => ({ request: { url: `http://${name}.example/` }, env })));
    // Terminated (the join never reaches the interrupt handler): the calls before it ran again in the new
    // worker, so the next one counts 3. Should the interrupt handler stop it in the worker after all (a
    // loaded machine), the runtime is rebuilt there and the next one counts 1.
    expect(batch.map((e) => e.failure?.kind ?? e.result).slice(0, 2)).toEqual(["PROXY n.example:1", "PROXY n.example:2"]);
    expect(allowed(["timeout"])).toContain(batch[2]?.failure?.kind);
    expect(["PROXY n.example:3", "PROXY n.example:1"]).toContain(batch[3]?.result);
  }, 30_000);

  it("times out a call whose promise the PAC never lets settle", async () => {
    // pac-resolver awaits the call through the guest's Promise.prototype.then: a no-op leaves it pending for ever, with no guest code left to interrupt.
    const { loaded } = await loadNode(`Promise.prototype.then = function () {};\n${entryPoint('return "DIRECT";')}`);
    if (!loaded.ok) throw new Error(`did not load: ${loaded.failure.message}`);
    using evaluator = loaded.evaluator;
    const single = await timed(() => evaluator.evaluate({ url: "http://bad.example/" }, env));
    expect(single.ms).toBeLessThan(BOUND_MS);
    expect(single.value.failure).toMatchObject({ kind: "timeout", message: "timed out after 300 ms" });
  }, 30_000);

  it("says a result over 64 K characters is too long, and reports a thrown 4 MB message as one short line", async () => {
    const { loaded } = await loadNode(entryPoint('if (host == "long.example") return new Array(100001).join("PROXY a:1;");\n  throw new Error("m".repeat(4 * 1024 * 1024));'));
    if (!loaded.ok) throw new Error(`did not load: ${loaded.failure.message}`);
    using evaluator = loaded.evaluator;
    const [long, thrown] = await evaluator.evaluateMany(["long", "bad"].map((name) => ({ request: { url: `http://${name}.example/` }, env })));
    expect(long?.failure).toMatchObject({ kind: "too-long", message: "FindProxyForURL returned a string of 1,000,000 characters, over the limit of 65,536" });
    expect(thrown?.failure?.kind).toBe("exception");
    expect(thrown?.failure?.message).toMatch(/^m{200}/);
    expect(thrown?.failure?.message.length ?? 0).toBeLessThanOrEqual(300);
  }, 30_000);
});

describe("the harness is out of the PAC's reach", () => {
  it("lists no harness name among the globals, and the probes' names in the PAC's own source name nothing", async () => {
    const text = entryPoint(`
      var names = Object.getOwnPropertyNames(this).join(",");
      if (names.indexOf("pacdo") >= 0) return "LISTED " + names;
      var source = FindProxyForURL.toString();
      var probe = /([A-Za-z_$][\\w$]*)\\(\\d+, /.exec(source.slice(source.indexOf("return") + 6));
      if (!probe || probe[1].indexOf("__pacdo$") !== 0) return "SOURCE " + source;
      try { eval(probe[1] + "(0, 'forged')"); return "CALLED"; } catch (e) { return "PROXY safe.example:1"; }`);
    const { evaluator } = await load(text);
    if (!evaluator) throw new Error("did not load");
    using _ = evaluator;
    expect((await evaluator.evaluate({ url: "http://x.example/" }, env)).result).toBe("PROXY safe.example:1");
  });

  it("cannot reach the environment functions or the batch: typeof of every old harness name is undefined", async () => {
    const names = ["__pacdo$run", "__pacdo$env", "__pacdo$trace", "__pacdo$entries", "__pacdo$r", "__pacdo$i", "__pacdo$b", "__pacdo$c", "__pacdo$k", "__pacdo$batch"];
    const { evaluator } = await load(entryPoint(`return [${names.map((n) => `typeof ${n}`).join(", ")}].join(",");`));
    if (!evaluator) throw new Error("did not load");
    using _ = evaluator;
    expect((await evaluator.evaluate({ url: "http://x.example/" }, env)).result).toBe(names.map(() => "undefined").join(","));
  });

  it("keeps each call's environment its own, whatever the PAC puts on the prototypes or String's symbols", async () => {
    const text = `
      Object.defineProperty(Object.prototype, "ips", { get: function () { return ["6.6.6.6"]; }, set: function () {}, configurable: true });
      String.prototype[Symbol.split] = function () { return ["[]", "0", "forged.example", "http://forged.example/"]; };
      Array.prototype.toJSON = function () { ${LOOP} };
      function FindProxyForURL(url, host) { return "PROXY " + myIpAddress() + ":1; " + host; }`;
    const { evaluator } = await load(text);
    if (!evaluator) throw new Error("did not load");
    using _ = evaluator;
    const calls = ["10.0.0.1", "10.0.0.2", "10.0.0.3"].map((ip, i) => ({ request: { url: `http://h${i}.example/`, trace: true }, env: { ...env, clientIps: [ip] } }));
    const answers = await evaluator.evaluateMany(calls);
    expect(answers.map((e) => e.result)).toEqual(["PROXY 10.0.0.1:1; h0.example", "PROXY 10.0.0.2:1; h1.example", "PROXY 10.0.0.3:1; h2.example"]);
    expect(answers[0]?.calls?.map((c) => c.name)).toEqual(["myIpAddress"]);
    const single = await evaluator.evaluate({ url: "http://solo.example/", trace: true }, { ...env, clientIps: ["10.0.0.9"] });
    expect(single.result).toBe("PROXY 10.0.0.9:1; solo.example");
  });

  it("leaves no state of one PAC in another, nor of a call before a rebuild", async () => {
    const a = await load(`var seen = 0; function FindProxyForURL(url, host) { ${FINE} seen++; if (host == "loop.example") { ${LOOP} } return "PROXY a:" + seen; }`);
    const b = await load('function FindProxyForURL(url, host) { return "PROXY b:" + (typeof seen); }');
    if (!a.evaluator || !b.evaluator) throw new Error("did not load");
    using first = a.evaluator;
    using second = b.evaluator;
    expect((await first.evaluate({ url: "http://x.example/" }, env)).result).toBe("PROXY a:1");
    expect((await second.evaluate({ url: "http://x.example/" }, env)).result).toBe("PROXY b:undefined");
    expect(allowed(["timeout"])).toContain((await first.evaluate({ url: "http://loop.example/" }, env)).failure?.kind);
    // The rebuild ran the top level again: the PAC's global starts over, as after a reload.
    expect((await first.evaluate({ url: "http://x.example/" }, env)).result).toBe("PROXY a:1");
  });
});

describe("whole commands on a PAC that times out on every call", () => {
  const looping = `function FindProxyForURL(url, host) { ${LOOP} }\n`;
  const fast = { timeoutMs: 200 };
  // 1 + MAX_TIMEOUTS deadlines at most per analysis, plus set-up: only a command that paid every cell's deadline breaks it.
  // Counted in the thread's CPU time, as the deadlines are: a loaded machine stretches the wall clock, not the work.
  const bound = fast.timeoutMs * (1 + MAX_TIMEOUTS) + 4000;
  const clock = countsCpu ? deadlineClock : () => performance.now();

  it("analyses in a bounded time: 4 timeouts, then the rest is marked not evaluated", async () => {
    const started = clock();
    const analysis = await analyze(createSourceFile(looping, "loop.pac"), { limits: fast });
    expect(clock() - started).toBeLessThan(bound);
    expect(analysis.evaluations).toBeLessThanOrEqual(1 + MAX_TIMEOUTS);
    expect(analysis.skipped).toBeGreaterThan(0);
    expect(analysis.notes?.join("\n")).toMatch(/after 4 timeouts/);
  }, 30_000);

  it("fixes without paying the timeouts again for the proof, and says the fix is unproven", async () => {
    const started = clock();
    const result = await fixPac(createSourceFile(looping, "loop.pac"), { limits: fast });
    expect(clock() - started).toBeLessThan(bound);
    expect(result.status).toBe("unverified");
    if (result.status === "unverified") expect(result.problems[0]?.message).toMatch(/ran out of time or memory 4 times while it was analysed .* higher --timeout or --memory$/);
  }, 30_000);
});
