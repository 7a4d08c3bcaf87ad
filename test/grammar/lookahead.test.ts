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

/** Every run of tokens a production of depth `k` can tell apart: each type, or each pair of types. */
function inputs(k: number): TokenType[][] {
  const singles = types.map((type) => [type]);
  return k === 1 ? singles : types.flatMap((first) => types.map((second) => [first, second]));
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
    for (const options of recorder.alternations) {
      const ours = table.buildLookaheadForAlternation(options);
      const theirs = chevrotain.buildLookaheadForAlternation(options) as AlternationLookahead;
      const count = lookaheadPaths[lookaheadKey(options.rule.name, "Alternation", options.prodOccurrence, options.maxLookahead)]?.length ?? 0;
      const gates = options.hasPredicates ? gateSets(count) : [undefined];
      for (const next of inputs(options.maxLookahead)) {
        for (const orAlts of gates) {
          const parser = at(...next);
          expect(ours.call(parser, orAlts), `${options.rule.name} OR${options.prodOccurrence} at ${next.map((t) => t.name).join(" ")}`).toBe(theirs.call(parser, orAlts));
        }
      }
    }
  });

  test("enters every option and repetition as Chevrotain does, for every next token", () => {
    for (const options of recorder.optionals) {
      const ours = table.buildLookaheadForOptional(options);
      const theirs = chevrotain.buildLookaheadForOptional(options) as OptionalLookahead;
      for (const next of inputs(options.maxLookahead)) {
        const parser = at(...next);
        expect(ours.call(parser), `${options.rule.name} ${options.prodType}${options.prodOccurrence} at ${next.map((t) => t.name).join(" ")}`).toBe(theirs.call(parser));
      }
    }
  });

  test("computes the paths of a production the table lacks", () => {
    const empty = new TableLookahead({}, types, { maxLookahead: 1 });
    const options = recorder.alternations[0]!;
    const ours = empty.buildLookaheadForAlternation(options);
    const theirs = chevrotain.buildLookaheadForAlternation(options) as AlternationLookahead;
    for (const [type] of inputs(1)) expect(ours.call(at(type!), gateSets(8)[1])).toBe(theirs.call(at(type!), gateSets(8)[1]));
  });
});
