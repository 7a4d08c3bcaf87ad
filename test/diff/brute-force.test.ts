import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { collect } from "../../src/analyze/collect.js";
import type { HostQuery } from "../../src/analyze/hosts.js";
import { diffPacs, routeKey } from "../../src/diff/diff.js";
import { planDiffHosts } from "../../src/diff/hosts.js";
import type { PacDiff } from "../../src/diff/types.js";
import { createEvaluator } from "../../src/evaluate/index.js";
import type { EntryPointName, Environment, Evaluation, PacEvaluator } from "../../src/evaluate/types.js";
import { createSourceFile, type SourceFile } from "../../src/source/source-file.js";
import { parse } from "../../src/syntax/parse.js";

const PAIRS = [
  "reordered-rules",
  "renamed-vars",
  "extracted-helpers",
  "subnet-change",
  "time-window-change",
  "dns-dependent-change",
  "do-bypass-removed",
  "failure-introduced",
  "ex-entry-point-added",
] as const;

function read(name: string, side: "old" | "new"): SourceFile {
  const path = `fixtures/diff/${name}.${side}.pac`;
  return createSourceFile(readFileSync(new URL(`../../${path}`, import.meta.url), "utf8"), path);
}

/**
 * A dense grid of environments, independent of the analysis's classes: many client addresses around
 * and between the fixtures' networks, DNS answers likewise, the probe host resolving or not, and the
 * clock every half hour and at every hh:59 of a whole week. Dimensions neither PAC reads keep one value.
 */
function grid(old: SourceFile, now: SourceFile): Environment[] {
  const read = [old, now].map((source) => {
    const parsed = parse(source);
    if (!parsed.ok) throw new Error("fixture does not parse");
    return collect(parsed.program);
  });
  const usesClient = read.some((c) => c.usesClient);
  const usesDns = read.some((c) => c.usesHostDns);
  const probes = [...new Set(read.flatMap((c) => c.probeHosts.map((p) => p.host)))];
  const usesTime = read.some((c) => c.usesTime);
  const clients = usesClient
    ? ["198.51.100.20", "10.0.0.10", "10.20.0.1", "10.20.0.200", "10.20.1.1", "10.20.255.254", "10.21.0.1", "10.30.5.5", "10.40.0.1", "10.40.255.1", "172.16.0.10", "192.168.0.10", "100.64.0.10", "2001:db8::10"]
    : ["198.51.100.20"];
  const answers: (string | undefined)[] = usesDns
    ? [undefined, "203.0.113.10", "10.0.0.20", "10.200.1.1", "172.16.0.1", "172.31.255.255", "172.32.0.1", "192.168.1.1"]
    : [undefined];
  const probeSets: string[][] = probes.length > 0 ? [[], probes] : [[]];
  const times: number[] = [];
  if (usesTime) {
    for (let day = 23; day <= 29; day++) {
      for (let hour = 0; hour < 24; hour++) for (const minute of [0, 30, 59]) times.push(Date.UTC(2026, 10, day, hour, minute));
    }
  } else {
    times.push(Date.UTC(2026, 10, 25, 10, 30));
  }
  const out: Environment[] = [];
  for (const client of clients) {
    for (const answer of answers) {
      for (const resolving of probeSets) {
        for (const now of times) {
          const dns = new Map<string, string[]>(resolving.map((h) => [h, ["10.0.0.30"]]));
          // The asked host's answer is filled in per host (HOST stands for it).
          if (answer !== undefined) dns.set("HOST", [answer]);
          out.push({ clientIps: [client], dns, liveDns: false, now, timeZone: "UTC" });
        }
      }
    }
  }
  return out;
}

function forHost(env: Environment, host: string): Environment {
  const answer = env.dns.get("HOST");
  if (answer === undefined) return env;
  const dns = new Map(env.dns);
  dns.delete("HOST");
  dns.set(host.toLowerCase(), answer);
  return { ...env, dns };
}

async function evaluator(source: SourceFile): Promise<PacEvaluator> {
  const created = await createEvaluator(source, { profile: "winhttp" });
  if (!created.ok) throw new Error(created.failure.message);
  return created.evaluator;
}

/** What a caller gets: FindProxyForURLEx falls back to FindProxyForURL where the PAC lacks it (WinHTTP). */
function answering(pac: PacEvaluator, caller: EntryPointName): EntryPointName | undefined {
  if (pac.entryPoints.includes(caller)) return caller;
  return caller === "FindProxyForURLEx" && pac.entryPoints.includes("FindProxyForURL") ? "FindProxyForURL" : undefined;
}

async function answers(pac: PacEvaluator, caller: EntryPointName, calls: readonly { url: string; env: Environment }[]): Promise<string[]> {
  const entryPoint = answering(pac, caller);
  if (!entryPoint) return calls.map(() => "failure");
  const results: Evaluation[] = await pac.evaluateMany(calls.map(({ url, env }) => ({ request: { url, entryPoint }, env })));
  return results.map((e) => routeKey(e));
}

describe("pac-do diff against brute force", { timeout: 240_000 }, () => {
  it.each(PAIRS)("%s: every difference on a dense grid is reported, and every witness reproduces", async (name) => {
    const old = read(name, "old");
    const now = read(name, "new");
    const diff: PacDiff = await diffPacs(old, now);
    expect(diff.unparsable).toBeUndefined();

    const sides = [old, now].map((source) => {
      const parsed = parse(source);
      if (!parsed.ok) throw new Error("fixture does not parse");
      return { source, program: parsed.program, collected: collect(parsed.program) };
    });
    const [a, b] = sides;
    if (!a || !b) throw new Error("two sides");
    const { queries } = planDiffHosts(a, b, []);
    // Catalogue hosts of one endpoint route alike in these fixtures: a few stand for the rest.
    const hosts: HostQuery[] = queries.filter((q) => q.endpoint === undefined || /^(geo|kv801|dl|download)\./.test(q.host));
    const environments = grid(old, now);
    const reported = new Set(diff.changes.map((c) => `${c.url}\n${c.entryPoint}\n${routeKey(asOutcome(c.before))}\n${routeKey(asOutcome(c.after))}`));

    using before = await evaluator(old);
    using after = await evaluator(now);
    const missed: string[] = [];
    let differing = 0;
    for (const caller of diff.entryPoints) {
      for (const query of hosts) {
        const calls = environments.map((env) => ({ url: query.url, env: forHost(env, query.host) }));
        const was = await answers(before, caller, calls);
        const is = await answers(after, caller, calls);
        for (const [i, call] of calls.entries()) {
          if (was[i] === is[i]) continue;
          differing++;
          const key = `${query.url}\n${caller}\n${was[i]}\n${is[i]}`;
          if (!reported.has(key) && missed.length < 5) missed.push(`${key.replace(/\n/g, " | ")} at ${JSON.stringify({ ...call.env, dns: [...call.env.dns] })}`);
        }
      }
    }
    expect(missed).toEqual([]);
    expect(differing === 0).toBe(diff.changes.length === 0);

    for (const change of diff.changes) {
      const [was] = await answers(before, change.entryPoint, [{ url: change.url, env: change.environment }]);
      const [is] = await answers(after, change.entryPoint, [{ url: change.url, env: change.environment }]);
      expect([was, is], `${change.host} ${change.entryPoint}`).toEqual([routeKey(asOutcome(change.before)), routeKey(asOutcome(change.after))]);
    }
  });
});

function asOutcome(answer: PacDiff["changes"][number]["before"]) {
  return answer;
}
