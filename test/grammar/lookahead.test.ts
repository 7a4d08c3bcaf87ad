import type { IOrAlt, IToken, TokenType } from "chevrotain";
import { describe, expect, test } from "vitest";
import { EOF, LLkLookaheadStrategy } from "../../grammar/chevrotain.js";
import { RecordingLookahead } from "../../grammar/generate.js";
import { lookaheadKey, TableLookahead, type AlternationLookahead, type OptionalLookahead } from "../../grammar/lookahead.js";
import { lookaheadPaths } from "../../grammar/lookahead-paths.js";
import { PacParser } from "../../grammar/parser.js";
import { allTokens } from "../../grammar/tokens.js";

const types: TokenType[] = [...allTokens, EOF];
const recorder = new RecordingLookahead({ maxLookahead: 1 });
new PacParser({ lookaheadStrategy: recorder });
const chevrotain = new LLkLookaheadStrategy({ maxLookahead: 1 });
const table = new TableLookahead(lookaheadPaths, types, { maxLookahead: 1 });

/** A parser as a lookahead function sees it, over a fixed run of tokens (EOF after them). */
function at(...next: TokenType[]): { LA(k: number): IToken; LA_FAST(k: number): IToken } {
  const token = (k: number): IToken => {
    const type = next[k - 1] ?? EOF;
    return { image: "", tokenType: type, tokenTypeIdx: type.tokenTypeIdx!, startOffset: 0 } as IToken;
  };
  return { LA: token, LA_FAST: token };
}

/**
 * The runs of tokens that can tell a production's choices apart: each token type its paths name,
 * each type those categories stand for, EOF and one type they do not name (an empty path matches
 * any), one per position up to the production's depth (every pair for the k=2 else-if). Every other
 * type takes the same branch of a lookahead function as the unnamed one.
 */
function inputs(key: string, k: number): TokenType[][] {
  const named = new Set((lookaheadPaths[key] ?? []).flat(2));
  const relevant = types.filter((type) => named.has(type.name) || types.some((other) => named.has(other.name) && (other.categoryMatches ?? []).includes(type.tokenTypeIdx!)));
  const unnamed = types.find((type) => !relevant.includes(type) && type !== EOF);
  const candidates = [...new Set([...relevant, EOF, ...(unnamed ? [unnamed] : [])])];
  const singles = candidates.map((type) => [type]);
  return k === 1 ? singles : candidates.flatMap((first) => candidates.map((second) => [first, second]));
}

/** Gates for `count` alternatives: none, all passing, all failing, and each one failing alone. */
function gateSets(count: number): IOrAlt<unknown>[][] {
  const alternatives = (gate: (i: number) => boolean | undefined): IOrAlt<unknown>[] =>
    Array.from({ length: count }, (_, i) => {
      const passes = gate(i);
      return passes === undefined ? { ALT: () => undefined } : { ALT: () => undefined, GATE: () => passes };
    });
  const sets = [alternatives(() => undefined), alternatives(() => true), alternatives(() => false)];
  for (let off = 0; off < count; off++) sets.push(alternatives((i) => i !== off));
  return sets;
}

describe("the precomputed lookahead", () => {
  test("has a path table entry for every production of the grammar", () => {
    const keys = [...recorder.alternations.map((o) => lookaheadKey(o.rule.name, "Alternation", o.prodOccurrence, o.maxLookahead))];
    keys.push(...recorder.optionals.map((o) => lookaheadKey(o.rule.name, o.prodType, o.prodOccurrence, o.maxLookahead)));
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((key) => lookaheadPaths[key] === undefined)).toEqual([]);
  });

  test("chooses every alternation's alternative as Chevrotain does, for every next token and set of gates", () => {
    const differences: string[] = [];
    for (const options of recorder.alternations) {
      const ours = table.buildLookaheadForAlternation(options);
      const theirs = chevrotain.buildLookaheadForAlternation(options) as AlternationLookahead;
      const key = lookaheadKey(options.rule.name, "Alternation", options.prodOccurrence, options.maxLookahead);
      const gates = options.hasPredicates ? gateSets(lookaheadPaths[key]?.length ?? 0) : [undefined];
      for (const next of inputs(key, options.maxLookahead)) {
        for (const orAlts of gates) {
          const parser = at(...next);
          if (ours.call(parser, orAlts) !== theirs.call(parser, orAlts)) differences.push(`${options.rule.name} OR${options.prodOccurrence} at ${next.map((t) => t.name).join(" ")}`);
        }
      }
    }
    expect(differences).toEqual([]);
  });

  test("enters every option and repetition as Chevrotain does, for every next token", () => {
    const differences: string[] = [];
    for (const options of recorder.optionals) {
      const ours = table.buildLookaheadForOptional(options);
      const theirs = chevrotain.buildLookaheadForOptional(options) as OptionalLookahead;
      for (const next of inputs(lookaheadKey(options.rule.name, options.prodType, options.prodOccurrence, options.maxLookahead), options.maxLookahead)) {
        const parser = at(...next);
        if (ours.call(parser) !== theirs.call(parser)) differences.push(`${options.rule.name} ${options.prodType}${options.prodOccurrence} at ${next.map((t) => t.name).join(" ")}`);
      }
    }
    expect(differences).toEqual([]);
  });

  test("computes the paths of a production the table lacks", () => {
    const empty = new TableLookahead({}, types, { maxLookahead: 1 });
    const options = recorder.alternations[0]!;
    const ours = empty.buildLookaheadForAlternation(options);
    const theirs = chevrotain.buildLookaheadForAlternation(options) as AlternationLookahead;
    for (const type of types) expect(ours.call(at(type), gateSets(8)[1])).toBe(theirs.call(at(type), gateSets(8)[1]));
  });
});
