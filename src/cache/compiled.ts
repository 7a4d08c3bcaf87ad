/**
 * `pac-do resolve`'s compilation of a PAC (its first syntax error, or the probed script and the first
 * ES2015+ construct), kept in the cache. Scripts resolve one URL per run, over and over; the parser
 * (Chevrotain's start-up and the parse, about half of a cold `resolve`) then runs once per PAC
 * text, probe set and build of pac-do, and a repeated run loads no parser at all.
 *
 * An entry is trusted only after it is checked against the question in hand, so that a key that
 * collides or an entry that was tampered with reads as a miss: the same build of pac-do and probe
 * set, the shape of every field, every range inside the PAC, and the probed script equal to the
 * PAC's text plus its recorded insertions (an entry for a PAC that does not parse holds the text).
 */
import { compilePac, type CompiledPac, type Instrumented, type ModernSyntax, type ProbeOptions } from "../evaluate/index.js";
import type { BranchPoint, EvaluationFailure } from "../evaluate/types.js";
import type { OversizedRegexNote } from "../evaluate/regex-captures.js";
import type { SourceFile } from "../source/source-file.js";
import type { Range } from "../types.js";
import { build } from "../version.js";
import { CacheStore, cacheDirectory, checksum } from "./store.js";

/** What resolve makes of a PAC before any sandbox starts. */
export type Compilation = { readonly ok: true; readonly compiled: CompiledPac } | { readonly ok: false; readonly failure: EvaluationFailure };

/** Where compilations are kept, and the build of pac-do that made them (src/version.ts `build`). */
export interface CompilationCache {
  readonly store: CacheStore;
  readonly build: string;
}

/** The store's subfolder, and the kind in each entry's header. */
export const COMPILED_KIND = "compiled";

/**
 * The cache in its usual folder (`cacheDirectory`) for this build of pac-do; undefined when pac-do
 * runs unbundled (no build id) or there is no folder to use.
 */
export function defaultCompilationCache(env: NodeJS.ProcessEnv = process.env): CompilationCache | undefined {
  const directory = build === undefined ? undefined : cacheDirectory(env);
  return directory === undefined || build === undefined ? undefined : { store: new CacheStore(directory, COMPILED_KIND), build };
}

/** Compiles `source` with `probes`, or takes the compilation from `cache`; `cached` says which. */
export async function compileForResolve(
  source: SourceFile,
  probes: ProbeOptions,
  cache?: CompilationCache,
): Promise<{ readonly compilation: Compilation; readonly cached: boolean }> {
  const stored = cache ? readCompilation(source, probes, cache) : undefined;
  return stored ? { compilation: stored, cached: true } : { compilation: await compileAndStore(source, probes, cache), cached: false };
}

/** The compilation `cache` holds for `source` and `probes`, when it holds one that can be trusted. */
function readCompilation(source: SourceFile, probes: ProbeOptions, cache: CompilationCache): Compilation | undefined {
  const { key, question } = entryFor(source, probes, cache);
  const payload = cache.store.read(key);
  return payload === undefined ? undefined : decodeEntry(payload, question, source.text);
}

/** Compiles `source` with `probes` (loading the parser) and stores the result in `cache`, if given. */
async function compileAndStore(source: SourceFile, probes: ProbeOptions, cache?: CompilationCache): Promise<Compilation> {
  const compilation = await compile(source, { branches: probes.branches ?? true, callSites: probes.callSites ?? true });
  if (cache) {
    const { key, question } = entryFor(source, probes, cache);
    cache.store.write(key, JSON.stringify({ ...question, compilation, ...(compilation.ok ? {} : { text: source.text }) }));
  }
  return compilation;
}

/** The entry's key and the question it must answer: this build, this probe set, this text. */
function entryFor(source: SourceFile, probes: ProbeOptions, cache: CompilationCache): { key: string; question: { build: string; probes: string } } {
  const question = { build: cache.build, probes: `${(probes.branches ?? true) ? "b" : ""}${(probes.callSites ?? true) ? "c" : ""}` };
  const key = `${checksum(`${question.build} ${question.probes}`)}-${checksum(source.text)}-${source.text.length.toString(16)}`;
  return { key, question };
}

/** The compilation in an entry's `payload`, when the entry answers `question` for `text`. */
export function decodeEntry(payload: string, question: { readonly build: string; readonly probes: string }, text: string): Compilation | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (!isRecord(entry) || entry["build"] !== question.build || entry["probes"] !== question.probes) return undefined;
  const compilation = decodeCompilation(entry["compilation"], text);
  // A failure has no script to hold the text up against: it holds the text itself.
  return compilation?.ok === false && entry["text"] !== text ? undefined : compilation;
}

async function compile(source: SourceFile, probes: ProbeOptions): Promise<Compilation> {
  // Loaded only on a miss: the parser is the cost the cache saves.
  const { parse } = await import("../syntax/parse.js");
  const parsed = parse(source);
  if (parsed.ok) return { ok: true, compiled: compilePac(source.text, parsed.program, probes) };
  const first = parsed.errors[0];
  return first ? { ok: false, failure: { kind: "syntax", message: first.message, range: first.range } } : { ok: true, compiled: {} };
}

/** `value` as a compilation of `text`, when it is one and fits the text; undefined otherwise. */
function decodeCompilation(value: unknown, text: string): Compilation | undefined {
  if (!isRecord(value)) return undefined;
  const isRange = (range: unknown): range is Range =>
    Array.isArray(range) && range.length === 2 && isOffset(range[0], text) && isOffset(range[1], text) && range[0] <= range[1];
  if (value["ok"] === false) {
    const failure = value["failure"];
    if (!isRecord(failure) || failure["kind"] !== "syntax" || typeof failure["message"] !== "string") return undefined;
    if (failure["range"] !== undefined && !isRange(failure["range"])) return undefined;
    return { ok: false, failure: { kind: "syntax", message: failure["message"], ...(failure["range"] ? { range: failure["range"] } : {}) } };
  }
  const compiled = value["compiled"];
  if (value["ok"] !== true || !isRecord(compiled)) return undefined;
  const { instrumented, modern } = compiled;
  let fittedScript: Instrumented | undefined;
  let fittedModern: ModernSyntax | undefined;
  if (instrumented !== undefined) {
    if (!isRecord(instrumented)) return undefined;
    const { text: script, insertions, returns, branchPoints, sites, oversizedRegexes } = instrumented;
    if (typeof script !== "string" || !Array.isArray(insertions) || !isInsertionList(insertions, script, text)) return undefined;
    if (!isArrayOf(returns, isRange) || !isArrayOf(sites, isRange) || !isArrayOf(branchPoints, (b) => isBranchPoint(b, isRange))) return undefined;
    if (oversizedRegexes !== undefined && !isArrayOf(oversizedRegexes, (r) => isOversizedRegexNote(r, isRange, text))) return undefined;
    fittedScript = { text: script, insertions, returns, branchPoints, sites, ...(oversizedRegexes ? { oversizedRegexes } : {}) };
  }
  if (modern !== undefined) {
    if (!isRecord(modern) || typeof modern["construct"] !== "string" || !isRange(modern["range"])) return undefined;
    fittedModern = { construct: modern["construct"], range: modern["range"] };
  }
  return { ok: true, compiled: { ...(fittedScript ? { instrumented: fittedScript } : {}), ...(fittedModern ? { modern: fittedModern } : {}) } };
}

/** True when `script` is `text` with an insertion of the given length at each (ascending) offset. */
function isInsertionList(insertions: unknown[], script: string, text: string): insertions is [number, number][] {
  let previous = 0;
  let shift = 0;
  for (const insertion of insertions) {
    if (!Array.isArray(insertion) || insertion.length !== 2) return false;
    const [offset, length] = insertion as unknown[];
    if (!isOffset(offset, text) || offset < previous || !Number.isSafeInteger(length) || typeof length !== "number" || length < 0) return false;
    if (!script.startsWith(text.slice(previous, offset), previous + shift)) return false;
    shift += length;
    previous = offset;
  }
  return script.length === text.length + shift && script.endsWith(text.slice(previous));
}

const BRANCH_KINDS: ReadonlySet<string> = new Set<BranchPoint["kind"]>(["if-then", "if-else", "cond-then", "cond-else", "case", "logical-left", "logical-right"]);

function isBranchPoint(value: unknown, isRange: (range: unknown) => range is Range): value is BranchPoint {
  return isRecord(value) && Number.isSafeInteger(value["id"]) && typeof value["kind"] === "string" && BRANCH_KINDS.has(value["kind"]) && isRange(value["range"]);
}

function isOversizedRegexNote(value: unknown, isRange: (range: unknown) => range is Range, text: string): value is OversizedRegexNote {
  if (!isRecord(value) || !isRange(value["range"]) || !Number.isSafeInteger(value["captures"]) || typeof value["rewritten"] !== "boolean") return false;
  return (value["why"] === undefined || typeof value["why"] === "string") && (value["at"] === undefined || isOffset(value["at"], text));
}

function isOffset(value: unknown, text: string): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value <= text.length;
}

function isArrayOf<T>(value: unknown, guard: (item: unknown) => item is T): value is T[] {
  return Array.isArray(value) && value.every(guard);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
