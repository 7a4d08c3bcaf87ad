import { describe, expect, it } from "vitest";
import { routeTable } from "../../src/analyze/index.js";
import type { EnvironmentClass } from "../../src/analyze/types.js";
import type { Environment, EvaluateRequest, Evaluation, PacEvaluator } from "../../src/evaluate/types.js";

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
    [Symbol.dispose]() {},
  };
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
