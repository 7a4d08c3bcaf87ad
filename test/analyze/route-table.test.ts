import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { routeTable } from "../../src/analyze/index.js";
import type { EnvironmentClass } from "../../src/analyze/types.js";
import type { Environment, EvaluateCall, EvaluateRequest, Evaluation, PacEvaluator } from "../../src/evaluate/types.js";

/** A scripted evaluator: DIRECT for the 10.20 client, else PROXY; reports reads when `withReads`. */
function scripted(
  withReads: boolean,
  profile: PacEvaluator["profile"] = "winhttp",
  extraReads: string[] = [],
): PacEvaluator & { requests: EvaluateRequest[] } {
  const requests: EvaluateRequest[] = [];
  return {
    profile,
    entryPoints: ["FindProxyForURL"],
    branchPoints: [],
    requests,
    async evaluate(request: EvaluateRequest, env: Environment): Promise<Evaluation> {
      requests.push(request);
      const result = env.clientIps[0] === "10.20.0.1" ? "DIRECT" : "PROXY p:8080";
      const read = request.url.includes("plain") ? [...extraReads] : ["myIpAddress", ...extraReads];
      return {
        url: request.url,
        host: "",
        entryPoint: "FindProxyForURL",
        result,
        entries: [],
        ...(withReads && request.reads ? { reads: read } : {}),
        ...(request.trace ? { calls: read.map((name) => ({ name, args: [], result: null })) } : {}),
      };
    },
    evaluateMany(calls) {
      return sequentially(this, calls);
    },
    [Symbol.dispose]() {},
  };
}

/** evaluateMany as the contract defines it: consecutive evaluate calls. */
async function sequentially(evaluator: Pick<PacEvaluator, "evaluate">, calls: readonly EvaluateCall[]): Promise<Evaluation[]> {
  const out: Evaluation[] = [];
  for (const { request, env } of calls) out.push(await evaluator.evaluate(request, env));
  return out;
}

function environment(id: string, ip: string, clock: string): EnvironmentClass {
  return {
    id,
    label: id,
    witness: { clientIps: [ip], dns: new Map(), liveDns: false, now: 0, timeZone: "UTC" },
    parts: { client: ip, clock },
  };
}

const classes = [
  environment("a", "198.51.100.20", "h0"),
  environment("b", "198.51.100.20", "h1"),
  environment("c", "10.20.0.1", "h0"),
  environment("d", "10.20.0.1", "h1"),
];

describe("routeTable", () => {
  it("reuses an answer for classes that differ only in what the evaluation did not read", async () => {
    const evaluator = scripted(true);
    const { routes, evaluations } = await routeTable(evaluator, [{ host: "x", url: "http://x/" }], classes, { readsDate: false });
    expect(evaluations).toBe(2);
    expect(routes[0]?.outcomes.map((o) => [o.result, o.environmentIds])).toEqual([
      ["PROXY p:8080", ["a", "b"]],
      ["DIRECT", ["c", "d"]],
    ]);
  });

  it("evaluates once when nothing was read", async () => {
    const evaluator = scripted(true);
    const { evaluations } = await routeTable(evaluator, [{ host: "plain", url: "http://plain/" }], classes, { readsDate: false });
    expect(evaluations).toBe(1);
  });

  it("asks for a full trace only until the evaluator reports reads", async () => {
    const evaluator = scripted(true);
    await routeTable(evaluator, [{ host: "x", url: "http://x/" }], classes, { readsDate: false });
    expect(evaluator.requests.map((r) => r.trace)).toEqual([true, false]);
  });

  it("falls back to the trace when the evaluator does not report reads", async () => {
    const evaluator = scripted(false);
    const { evaluations } = await routeTable(evaluator, [{ host: "x", url: "http://x/" }], classes, { readsDate: false });
    expect(evaluations).toBe(2);
    expect(evaluator.requests.every((r) => r.trace)).toBe(true);
  });

  it("counts the whole clock as read when the evaluator reports a Date read", async () => {
    const { evaluations } = await routeTable(scripted(true, "winhttp", ["Date"]), [{ host: "plain", url: "http://plain/" }], classes, { readsDate: true });
    expect(evaluations).toBe(2);
  });

  it("trusts reported reads for Date, except under the node profile whose Date it cannot watch", async () => {
    const plain = [{ host: "plain", url: "http://plain/" }];
    expect((await routeTable(scripted(true, "winhttp"), plain, classes, { readsDate: true })).evaluations).toBe(1);
    expect((await routeTable(scripted(true, "node"), plain, classes, { readsDate: true })).evaluations).toBe(2);
    expect((await routeTable(scripted(false, "winhttp"), plain, classes, { readsDate: true })).evaluations).toBe(2);
  });

  it("stops evaluating after repeated timeouts and says which cells it skipped", async () => {
    const calls: string[] = [];
    const looping: PacEvaluator = {
      profile: "winhttp",
      entryPoints: ["FindProxyForURL"],
      branchPoints: [],
      async evaluate(request: EvaluateRequest): Promise<Evaluation> {
        calls.push(request.url);
        return {
          url: request.url,
          host: "",
          entryPoint: "FindProxyForURL",
          result: null,
          entries: [],
          failure: { kind: "timeout", message: "timed out after 1000 ms" },
          reads: [],
        };
      },
      evaluateMany(calls) {
        return sequentially(this, calls);
      },
      [Symbol.dispose]() {},
    };
    const queries = ["a", "b", "c"].map((host) => ({ host, url: `http://${host}/` }));
    const { routes, evaluations, skipped } = await routeTable(looping, queries, classes, { maxTimeouts: 2 });
    expect(evaluations).toBe(2);
    expect(calls).toEqual(["http://a/", "http://b/"]);
    expect(skipped).toBe(4);
    expect(routes[2]?.outcomes.map((o) => [o.failure?.message, o.environmentIds.length])).toEqual([
      ["not evaluated: the PAC had already timed out 2 times in this analysis", 4],
    ]);
  });
});

describe("routeTable in rounds", () => {
  /**
   * A stateless evaluator whose answer for a host depends on the client, the clock or both (what it
   * reports reading), and that times out for some (host, client, clock) cells.
   */
  function tabled(
    reads: readonly (readonly string[])[],
    answers: readonly number[],
    timeouts: ReadonlySet<string>,
  ): PacEvaluator & { cells: string[]; batches: number[] } {
    const cells: string[] = [];
    const batches: number[] = [];
    const evaluator = {
      profile: "winhttp" as const,
      entryPoints: ["FindProxyForURL" as const],
      branchPoints: [],
      cells,
      batches,
      async evaluate(request: EvaluateRequest, env: Environment): Promise<Evaluation> {
        const host = Number(new URL(request.url).hostname.slice(1));
        const read = reads[host % reads.length] ?? [];
        const client = read.includes("myIpAddress") ? (env.clientIps[0] ?? "") : "-";
        const clock = read.includes("timeRange") ? String(env.now) : "-";
        cells.push(`${host} ${env.clientIps[0]} ${env.now}`);
        const base = { url: request.url, host: "", entryPoint: "FindProxyForURL" as const, entries: [], reads: [...read] };
        if (timeouts.has(`${host} ${client} ${clock}`)) {
          return { ...base, result: null, failure: { kind: "timeout" as const, message: "timed out after 1000 ms" } };
        }
        const index = (host * 7 + (client === "10.20.0.1" ? 3 : 0) + (clock === "-" ? 0 : Number(clock) * 5)) % answers.length;
        return { ...base, result: `PROXY p${answers[index] ?? 0}:8080` };
      },
      async evaluateMany(calls: readonly EvaluateCall[]): Promise<Evaluation[]> {
        batches.push(calls.length);
        return sequentially(evaluator, calls);
      },
      [Symbol.dispose]() {},
    };
    return evaluator;
  }

  const grid: EnvironmentClass[] = ["198.51.100.20", "10.20.0.1"].flatMap((ip, c) =>
    [0, 1, 2].map((clock) => ({
      id: `c${c}.h${clock}`,
      label: `${ip} at ${clock}`,
      witness: { clientIps: [ip], dns: new Map(), liveDns: false, now: clock, timeZone: "UTC" },
      parts: { client: `c${c}`, clock: `h${clock}` },
    })),
  );
  const queries = (n: number): { host: string; url: string }[] => Array.from({ length: n }, (_, i) => ({ host: `h${i}`, url: `http://h${i}/` }));

  it("evaluates the next cell of every row in one evaluateMany per round", async () => {
    const evaluator = tabled([["myIpAddress"]], [1, 2], new Set());
    const { evaluations } = await routeTable(evaluator, queries(5), grid, { readsDate: false });
    // The first cell alone (does the evaluator report reads?), then every row's next cell, then the last row's second.
    expect(evaluator.batches).toEqual([5, 4]);
    expect(evaluations).toBe(10);
  });

  it("gives the table of evaluating row by row, and evaluates no cell twice, with and without timeouts", async () => {
    const read = fc.subarray(["myIpAddress", "timeRange"]);
    const cell = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom("-", "198.51.100.20", "10.20.0.1"), fc.constantFrom("-", "0", "1", "2"));
    await fc.assert(
      fc.asyncProperty(
        fc.array(read, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
        fc.uniqueArray(cell.map((c) => c.join(" ")), { maxLength: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 3 }),
        async (reads, answers, timeouts, hosts, maxTimeouts) => {
          const rounds = tabled(reads, answers, new Set(timeouts));
          const rowByRow = tabled(reads, answers, new Set(timeouts));
          const got = await routeTable(rounds, queries(hosts), grid, { readsDate: false, maxTimeouts });
          const expected = await routeTable(rowByRow, queries(hosts), grid, { readsDate: false, maxTimeouts, sequential: true });
          expect(got.routes).toEqual(expected.routes);
          expect([got.evaluations, got.skipped]).toEqual([expected.evaluations, expected.skipped]);
          expect(new Set(rounds.cells).size).toBe(rounds.cells.length);
          expect(rowByRow.batches).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
