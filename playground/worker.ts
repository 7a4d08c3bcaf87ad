/**
 * The analysis worker: the library, as the CLI runs it, off the page's thread. Each question is
 * answered with the CLI's own JSON for it. The QuickJS sandbox keeps its own deadline per evaluation;
 * the page adds a hard one over the whole worker (it terminates and restarts a worker that overruns).
 */
import { analyze } from "../src/analyze/index.js";
import { routesToJson } from "../src/analyze/format.js";
import { compileForResolve } from "../src/cache/compiled.js";
import { diffPacs } from "../src/diff/diff.js";
import { diffToStylish, failureAt } from "../src/diff/format.js";
import { unifiedDiff } from "../src/fix/diff.js";
import { fixPac } from "../src/fix/fix.js";
import { fixFailure, fixSummary } from "../src/fix/report.js";
import { toJson } from "../src/format/json.js";
import { lint } from "../src/lint/linter.js";
import { buildEnvironment, OptionError } from "../src/resolve/environment-options.js";
import { jsonLine, traceLines, humanLine } from "../src/resolve/format.js";
import { resolveProbes, resolveUrls } from "../src/resolve/resolve.js";
import { createSourceFile } from "../src/source/source-file.js";
import { useQuickJSWasm } from "./platform/quickjs.js";
import type { Reply, Request, ResolveJson, RoutesJson } from "./protocol.js";

/** The name the page's PAC goes by in messages, the diff and replay commands. */
const FILE = "proxy.pac";

interface WorkerScope {
  postMessage(message: Reply): void;
  addEventListener(type: "message", listener: (event: MessageEvent<Request>) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

const queue: Request[] = [];
let running = false;

scope.addEventListener("message", (event) => {
  const request = event.data;
  if (request.kind === "init") {
    useQuickJSWasm(request.wasm);
    return;
  }
  queue.push(request);
  if (!running) void drain();
});

async function drain(): Promise<void> {
  running = true;
  while (queue.length > 0) {
    const request = queue.shift();
    if (!request || request.kind === "init") continue;
    // An edit made while this waited supersedes it: only the newest text's analysis is worth running.
    if (request.kind === "analyze" && queue.some((later) => later.kind === "analyze")) continue;
    try {
      await answer(request);
    } catch (error) {
      scope.postMessage({ kind: "failed", id: request.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  running = false;
}

async function answer(request: Exclude<Request, { kind: "init" }>): Promise<void> {
  const profile = request.profile;
  if (request.kind === "diff") {
    // `pac-do diff OLD NEW`: the page's editor is OLD, the diff panel's is NEW.
    const names = { old: "old.pac", new: "new.pac" };
    const old = createSourceFile(request.old, names.old);
    const now = createSourceFile(request.now, names.new);
    const diff = await diffPacs(old, now, { profile });
    if (diff.unparsable) {
      const side = diff.unparsable.side;
      const at = failureAt(side === "old" ? old : now, names[side], diff.unparsable.failure.range);
      scope.postMessage({ kind: "diff-error", id: request.id, message: `${at}: cannot parse: ${diff.unparsable.failure.message}` });
      return;
    }
    const violations = new Set(diff.changes.filter((c) => c.doEffect === "violation").map((c) => c.host)).size;
    scope.postMessage({ kind: "diff", id: request.id, report: diffToStylish(diff, names), changes: diff.changes.length, violations });
    return;
  }
  const source = createSourceFile(request.text, FILE);
  switch (request.kind) {
    case "analyze": {
      const started = performance.now();
      const result = await lint(source, { profile });
      const [json] = toJson([result]);
      if (!json) throw new Error("lint returned no result");
      scope.postMessage({ kind: "lint", id: request.id, result: json, notes: result.notes, ms: performance.now() - started });
      if (!result.parsed) return;
      // Let an edit made meanwhile arrive (messages wait for a task boundary): its lint comes first, and these routes would be stale.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (queue.some((later) => later.kind === "analyze")) return;
      const routesStarted = performance.now();
      const routes = routesToJson(await analyze(source, { profile }), source) as RoutesJson;
      scope.postMessage({ kind: "routes", id: request.id, routes, ms: performance.now() - routesStarted });
      return;
    }
    case "resolve": {
      const q = request.question;
      let environment;
      try {
        environment = buildEnvironment({
          clientIps: q.clientIp.trim() === "" ? [] : [q.clientIp.trim()],
          dns: q.dns.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#")),
          ...(q.at.trim() === "" ? {} : { at: q.at.trim() }),
          timeZone: q.tz.trim() === "" ? "UTC" : q.tz.trim(),
        });
      } catch (error) {
        if (error instanceof OptionError) {
          scope.postMessage({ kind: "resolve-error", id: request.id, message: fieldMessage(error.message) });
          return;
        }
        throw error;
      }
      const url = q.url.trim();
      if (url === "") {
        scope.postMessage({ kind: "resolve-error", id: request.id, message: "no URL to resolve" });
        return;
      }
      const { compilation } = await compileForResolve(source, resolveProbes(true));
      const [item] = await resolveUrls(source, [url], {
        profiles: [profile],
        environment,
        trace: true,
        ...(compilation.ok ? { compiled: compilation.compiled } : { parseFailure: compilation.failure }),
      });
      if (!item) throw new Error("resolve returned no result");
      scope.postMessage({
        kind: "resolve",
        id: request.id,
        result: JSON.parse(jsonLine(source, item, environment)) as ResolveJson,
        line: humanLine(source, item),
        trace: traceLines(source, item),
      });
      return;
    }
    case "fix": {
      const result = await fixPac(source, { profile });
      const failure = fixFailure(FILE, result);
      const output = result.status === "fixed" ? result.output : null;
      scope.postMessage({
        kind: "fix",
        id: request.id,
        status: result.status,
        diff: output === null ? "" : unifiedDiff(source.text, output, { fromFile: `a/${FILE}`, toFile: `b/${FILE}` }),
        output,
        message: failure ?? fixSummary(result),
      });
      return;
    }
  }
}

/** The CLI's option errors name the flag ("--tz: unknown time zone ..."); the page names its field. */
const FIELDS: Readonly<Record<string, string>> = { "--client-ip": "Client IP", "--dns": "DNS answers", "--at": "Clock", "--tz": "Time zone" };

function fieldMessage(message: string): string {
  return message.replace(/^(--[a-z-]+):/, (flag, name: string) => (FIELDS[name] ? `${FIELDS[name]}:` : flag));
}
