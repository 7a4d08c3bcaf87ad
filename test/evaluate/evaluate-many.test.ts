import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEvaluator, defaultBackstop, defaultEnvironment, type Backstop, type EvaluatorOptions } from "../../src/evaluate/index.js";
import type { EntryPointName, Environment, EvaluateCall, EvaluateRequest, PacEvaluator, ProfileName } from "../../src/evaluate/types.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { parseForTest } from "./parse-for-test.js";
import { BACKSTOP_GRACE_MS } from "../../src/evaluate/sandbox.js";

/**
 * A PAC whose answers depend on everything evaluateMany must carry from call to call: a counter that
 * survives calls and restarts when a timeout or stack overflow rebuilds the sandbox, the environment,
 * the entry point, and calls that fail in every way a call can.
 */
const stateful = `
var n = 0;
function FindProxyForURL(url, host) {
  n++;
  if (host == "loop.example") { while (true) {} }
  if (host == "recurse.example") { var f = function () { return f() + 1; }; return f(); }
  if (host == "throw.example") throw new Error("thrown at call " + n);
  if (host == "number.example") return n;
  if (isInNet(myIpAddress(), "10.0.0.0", "255.0.0.0")) return "PROXY ten.example:" + n;
  if (dnsResolve(host)) return "PROXY " + dnsResolve(host) + ":3128; DIRECT";
  if (shExpMatch(host, "*.corp.example") && timeRange(9, 17)) return "DIRECT";
  return n % 2 ? "PROXY odd.example:8080; DIRECT" : "PROXY even.example:8080";
}
function FindProxyForURLEx(url, host) { n++; return host == "loop.example" ? FindProxyForURL(url, host) : "DIRECT; PROXY ex.example:" + n; }
`;

const hostile = `
function FindProxyForURL(url, host) {
  if (host == "loop.example") { while (true) {} }
  if (host == "recurse.example") { var f = function () { return f() + 1; }; return f(); }
  if (host == "alloc.example") { var a = []; while (true) a.push({ n: a.length, s: new Array(64).join("x") + a.length }); }
  return "PROXY ok.example:8080";
}`;

// Short, for the looping calls, yet long enough that no ordinary call of a busy CI machine reaches it (the comparison would flake).
const fast = { timeoutMs: 250, memoryBytes: 16 * 1024 * 1024 };

const base = defaultEnvironment({ clientIps: ["192.0.2.10"], now: Date.UTC(2026, 10, 27, 10), timeZone: "UTC" });
const withDns: Environment = { ...base, dns: new Map([["www.example.com", ["203.0.113.7"]], ["app.corp.example", ["10.1.2.3"]]]) };
/** Equal to withDns but another object: evaluators may compare environments by identity or by content. */
const withDnsCopy: Environment = { ...withDns, dns: new Map(withDns.dns) };
const tenNet: Environment = { ...base, clientIps: ["10.20.30.40"], now: Date.UTC(2026, 10, 27, 20), timeZone: "Europe/Berlin" };
/** Live DNS answered by a fake resolver (sandboxed profiles only: the node profile would ask the system). */
const live: Environment = { ...base, liveDns: true };
const liveResolver = async (host: string): Promise<readonly string[]> => (host === "live.example" ? ["198.51.100.1"] : []);

const sandboxEnvironments = [base, withDns, withDnsCopy, tenNet, live];
const nodeEnvironments = [base, withDns, withDnsCopy, tenNet];

const urls = [
  "http://www.example.com/a",
  "https://www.example.com/b?q=1",
  "http://app.corp.example/",
  "http://Mixed.Corp.Example:8080/x",
  "http://intranet/",
  "http://10.1.2.3/",
  "http://[2001:db8::1]/",
  "http://live.example/",
  "http://throw.example/",
  "http://number.example/",
  "http://recurse.example/",
  "http://loop.example/",
  "http://127.0.0.1/",
  "not a url",
  "file:///etc/hosts",
  "http://www.example.com/sep\u0001arated",
];

function request(profile: ProfileName): fc.Arbitrary<EvaluateRequest> {
  const entry: fc.Arbitrary<EntryPointName | undefined> = fc.constantFrom(undefined, undefined, "FindProxyForURL", "FindProxyForURLEx");
  return fc
    .record({
      url: fc.constantFrom(...urls),
      host: fc.constantFrom(undefined, undefined, undefined, "given.example", "www.example.com", "sep\u0001.example"),
      entryPoint: profile === "node" ? fc.constant(undefined) : entry,
      trace: fc.boolean(),
      coverage: fc.boolean(),
      newBranchesOnly: fc.boolean(),
      reads: fc.boolean(),
    })
    .map(({ url, host, entryPoint, ...flags }) => ({ url, ...(host ? { host } : {}), ...(entryPoint ? { entryPoint } : {}), ...flags }));
}

function calls(profile: ProfileName): fc.Arbitrary<EvaluateCall[]> {
  const environments = profile === "node" ? nodeEnvironments : sandboxEnvironments;
  return fc.array(fc.record({ request: request(profile), env: fc.constantFrom(...environments) }), { maxLength: 14 });
}

/**
 * The backstop cut off a crossing only when the interrupt handler did not stop it within its grace,
 * which a heavily loaded machine can cause (the process gets no CPU for 100 ms); a cut-off batch
 * crossing runs its calls again after a rebuild, which a PAC with state can tell (docs/sandbox.md).
 * The node profile's worker is terminated and its batch re-run alike. Here the backstop keeps a wide
 * grace (the node profile's watchdog takes the same), so that such a rare re-run cannot make the comparison flaky.
 */
const lenient: Backstop = { hard: true, graceMs: BACKSTOP_GRACE_MS + 5000, run: (ms, operation) => defaultBackstop().run(ms, operation) };

async function load(text: string, profile: ProfileName, options: EvaluatorOptions = {}): Promise<PacEvaluator> {
  const program = profile === "node" ? undefined : parseForTest(text);
  const loaded = await createEvaluator(createSourceFile(text, "test.pac"), { profile, limits: fast, liveResolver, backstop: lenient, ...(program ? { program } : {}), ...options });
  if (!loaded.ok) throw new Error(`did not load: ${loaded.failure.message}`);
  return loaded.evaluator;
}

const profiles: readonly ProfileName[] = ["winhttp", "chromium", "node"];

describe("evaluateMany", () => {
  for (const profile of profiles) {
    it(`answers exactly as consecutive evaluate calls do, failures and rebuilds included (${profile})`, async () => {
      await fc.assert(
        fc.asyncProperty(calls(profile), async (batch) => {
          using one = await load(stateful, profile);
          using many = await load(stateful, profile);
          const expected = [];
          for (const { request, env } of batch) expected.push(await one.evaluate(request, env));
          expect(await many.evaluateMany(batch)).toEqual(expected);
        }),
        { numRuns: 40 },
      );
    }, 120_000);

    it(`carries state across batches and into evaluate calls (${profile})`, async () => {
      using one = await load(stateful, profile);
      using many = await load(stateful, profile);
      const first = [{ request: { url: "http://number.example/" }, env: base }, { request: { url: "http://a.example/", coverage: true, newBranchesOnly: true }, env: base }];
      const second = [{ request: { url: "http://loop.example/" }, env: base }, { request: { url: "http://number.example/" }, env: base }];
      const expected = [];
      for (const { request, env } of [...first, ...second]) expected.push(await one.evaluate(request, env));
      expected.push(await one.evaluate({ url: "http://number.example/" }, base));
      const actual = [...(await many.evaluateMany(first)), ...(await many.evaluateMany(second)), await many.evaluate({ url: "http://number.example/" }, base)];
      expect(actual).toEqual(expected);
      // The timeout rebuilt the sandbox: the counter starts again.
      expect(actual[3]).toEqual(actual[0]);
      expect(actual[4]).not.toEqual(actual[0]);
    });

    it(`fails only the looping, recursing or allocating call of a batch, with the one-line error evaluate gives (${profile})`, async () => {
      const roomy = { timeoutMs: 60_000, memoryBytes: 16 * 1024 * 1024 };
      using evaluator = await load(hostile, profile);
      using allocating = await load(hostile, profile, { limits: roomy });
      const looped = await evaluator.evaluateMany(["fine", "loop", "fine", "recurse", "fine"].map((name) => ({ request: { url: `http://${name}.example/` }, env: base })));
      expect(looped.map((e) => e.failure?.message ?? e.result)).toEqual([
        "PROXY ok.example:8080",
        "timed out after 250 ms",
        "PROXY ok.example:8080",
        "stack overflow",
        "PROXY ok.example:8080",
      ]);
      const allocated = await allocating.evaluateMany(["fine", "alloc", "fine"].map((name) => ({ request: { url: `http://${name}.example/` }, env: base })));
      expect(allocated.map((e) => e.failure?.message ?? e.result)).toEqual(["PROXY ok.example:8080", "memory limit of 16 MB exceeded", "PROXY ok.example:8080"]);
    }, 90_000);
  }

  it("answers an empty batch with no evaluations", async () => {
    using evaluator = await load(stateful, "winhttp");
    expect(await evaluator.evaluateMany([])).toEqual([]);
  });
});
