import { createEvaluator, requestUrl, type CompiledPac, type CreateEvaluatorResult, type ProbeOptions } from "../evaluate/index.js";
import type { EntryPointName, Environment, Evaluation, EvaluationFailure, Limits, PacEvaluator, ProfileName } from "../evaluate/types.js";
import type { SourceFile } from "../source/source-file.js";
import type { Program } from "../syntax/ast.js";

export interface ResolveOptions {
  readonly profiles: readonly ProfileName[];
  readonly environment: Environment;
  readonly limits?: Partial<Limits>;
  readonly entryPoint?: EntryPointName;
  readonly trace?: boolean;
  /** The parsed PAC (for return tracing and winhttp's syntax check). */
  readonly program?: Program;
  /** What `compilePac` made of the PAC, instead of `program`: `pac-do resolve` keeps it in a cache. */
  readonly compiled?: CompiledPac;
  /** Why the PAC cannot load in any profile (a parse error); every URL then fails with it. */
  readonly parseFailure?: EvaluationFailure;
}

export interface ResolvedUrl {
  /** The URL as the user gave it. */
  readonly url: string;
  readonly profile: ProfileName;
  readonly evaluation: Evaluation;
}

/** The probes resolve asks for (and compiles a PAC with): it reads no coverage; call-site ranges only label a --trace. */
export function resolveProbes(trace: boolean): ProbeOptions {
  return { branches: false, callSites: trace };
}

/** URLs handed to the evaluator at a time: a batch's evaluations stay bounded for any number of URLs. */
const CHUNK = 4096;

/** Evaluates every URL under every profile, in order: URLs of one profile share one sandbox. */
export async function resolveUrls(source: SourceFile, urls: readonly string[], options: ResolveOptions): Promise<ResolvedUrl[]> {
  const results: ResolvedUrl[] = [];
  for (const profile of options.profiles) {
    const loaded = await loadProfile(source, profile, options);
    if (!loaded.ok) {
      for (const url of urls) results.push({ url, profile, evaluation: failedToLoad(profile, url, options.entryPoint, loaded.failure) });
      continue;
    }
    using evaluator = loaded.evaluator;
    await resolveWith(evaluator, urls, options, results);
  }
  return results;
}

/** Loads the PAC for one profile as `resolveUrls` does (the parse failure, when there is one, is the answer). */
export async function loadProfile(source: SourceFile, profile: ProfileName, options: ResolveOptions): Promise<CreateEvaluatorResult> {
  if (options.parseFailure) return { ok: false, failure: options.parseFailure };
  return createEvaluator(source, {
    profile,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.program ? { program: options.program } : {}),
    ...(options.compiled ? { compiled: options.compiled } : {}),
    probes: resolveProbes(options.trace ?? false),
    // Each client loads the PAC itself: its top level sees the chosen client address, DNS and clock
    // (live DNS is only answered for calls, so a live-DNS load keeps the helpers' defaults).
    ...(options.environment.liveDns ? {} : { loadEnvironment: options.environment }),
  });
}

/**
 * Evaluates the URLs in order with a loaded evaluator, as `resolveUrls` does for each profile, and
 * appends them to `into`: a few thousand per `evaluateMany`, so the sandbox answers each chunk in one
 * guest crossing.
 */
export async function resolveWith(
  evaluator: PacEvaluator,
  urls: readonly string[],
  options: Pick<ResolveOptions, "environment" | "trace" | "entryPoint">,
  into: ResolvedUrl[] = [],
): Promise<ResolvedUrl[]> {
  const { environment: env, entryPoint } = options;
  const trace = options.trace ?? false;
  const profile = evaluator.profile;
  for (let start = 0; start < urls.length; start += CHUNK) {
    const chunk = urls.slice(start, start + CHUNK);
    const evaluations = await evaluator.evaluateMany(chunk.map((url) => ({ request: entryPoint ? { url, trace, entryPoint } : { url, trace }, env })));
    chunk.forEach((url, i) => {
      const evaluation = evaluations[i];
      if (evaluation) into.push({ url, profile, evaluation });
    });
  }
  return into;
}

function failedToLoad(profile: ProfileName, url: string, entryPoint: EntryPointName | undefined, failure: EvaluationFailure): Evaluation {
  const derived = requestUrl(profile, url);
  return {
    url: derived.ok ? derived.url : url,
    host: derived.ok ? derived.host : "",
    entryPoint: entryPoint ?? "FindProxyForURL",
    result: null,
    entries: [],
    failure: { ...failure, message: `the PAC failed to load: ${failure.message}` },
  };
}
