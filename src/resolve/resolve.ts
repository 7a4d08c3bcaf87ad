import { createEvaluator, requestUrl, type CompiledPac, type ProbeOptions } from "../evaluate/index.js";
import type { EntryPointName, Environment, Evaluation, EvaluationFailure, Limits, ProfileName } from "../evaluate/types.js";
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

/** Evaluates every URL under every profile, in order: URLs of one profile share one sandbox. */
export async function resolveUrls(source: SourceFile, urls: readonly string[], options: ResolveOptions): Promise<ResolvedUrl[]> {
  const results: ResolvedUrl[] = [];
  for (const profile of options.profiles) {
    const loaded = options.parseFailure
      ? { ok: false as const, failure: options.parseFailure }
      : await createEvaluator(source, {
          profile,
          ...(options.limits ? { limits: options.limits } : {}),
          ...(options.program ? { program: options.program } : {}),
          ...(options.compiled ? { compiled: options.compiled } : {}),
          probes: resolveProbes(options.trace ?? false),
        });
    if (!loaded.ok) {
      for (const url of urls) results.push({ url, profile, evaluation: failedToLoad(profile, url, options.entryPoint, loaded.failure) });
      continue;
    }
    using evaluator = loaded.evaluator;
    for (const url of urls) {
      const evaluation = await evaluator.evaluate(
        { url, trace: options.trace ?? false, ...(options.entryPoint ? { entryPoint: options.entryPoint } : {}) },
        options.environment,
      );
      results.push({ url, profile, evaluation });
    }
  }
  return results;
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
