/**
 * Chevrotain's LL(k) lookahead with a faster choice for alternations that have gates. Chevrotain
 * picks an `OR` alternative without gates through a table from the next token's type; as soon as
 * one alternative has a GATE it falls back to trying every alternative in order, matching each of
 * its lookahead paths token by token, and copies the gates into a new array on every call.
 * pac-do's hottest alternations are gated (statements, operands, arguments, the first expression
 * of a condition), so that fallback was a tenth of the parse's allocations.
 *
 * Here a gated alternation whose lookahead is one token (every alternation of the grammar, which
 * runs with `maxLookahead: 1`) gets a table from the token type to the alternatives that may
 * start with it, in order, and only their gates are asked. The choice is the same: the first
 * alternative, in order, whose gate passes and whose lookahead matches the next token. Everything
 * else is Chevrotain's own `LLkLookaheadStrategy`, through its public (experimental)
 * `lookaheadStrategy` parser option.
 */
import type { IOrAlt, IToken, TokenType } from "chevrotain";
import { getLookaheadPaths, LLkLookaheadStrategy } from "./chevrotain.js";

/** What a lookahead function sees as `this`: the parser. */
interface Lookahead {
  LA(k: number): IToken;
}

type AlternationOptions = Parameters<InstanceType<typeof LLkLookaheadStrategy>["buildLookaheadForAlternation"]>[0];

export class GatedTableLookahead extends LLkLookaheadStrategy {
  override buildLookaheadForAlternation(options: AlternationOptions): (orAlts?: IOrAlt<unknown>[]) => number | undefined {
    if (!options.hasPredicates || options.dynamicTokensEnabled) return super.buildLookaheadForAlternation(options);
    const paths = getLookaheadPaths({
      occurrence: options.prodOccurrence,
      rule: options.rule,
      prodType: "Alternation",
      maxLookahead: options.maxLookahead,
    });
    if (!paths.every((alternative) => alternative.every((path) => path.length === 1))) return super.buildLookaheadForAlternation(options);
    const candidates = alternativesByTokenType(paths.map((alternative) => alternative.flat()));
    return function (this: Lookahead, orAlts?: IOrAlt<unknown>[]): number | undefined {
      const list = candidates[this.LA(1).tokenTypeIdx];
      if (list === undefined) return undefined;
      for (let i = 0; i < list.length; i++) {
        const alternative = list[i]!;
        const gate = orAlts?.[alternative]?.GATE;
        if (gate === undefined || gate.call(this) === true) return alternative;
      }
      return undefined;
    };
  }
}

/**
 * For each token type index, the alternatives (in order) whose first token may be of that type: the
 * type itself, or a type that has it as a category (Chevrotain's `categoryMatches`).
 */
function alternativesByTokenType(firsts: TokenType[][]): (number[] | undefined)[] {
  const table: (number[] | undefined)[] = [];
  firsts.forEach((types, alternative) => {
    for (const type of types) {
      for (const index of [type.tokenTypeIdx!, ...(type.categoryMatches ?? [])]) {
        const list = (table[index] ??= []);
        if (list[list.length - 1] !== alternative) list.push(alternative);
      }
    }
  });
  return table;
}
