/**
 * The parser's lookahead functions, built from lookahead paths computed ahead of time.
 *
 * Chevrotain's `LLkLookaheadStrategy` computes, while the parser is built, the token sequences
 * that may start each alternative of every `OR` and each `OPTION`/`MANY`/`AT_LEAST_ONE` (the
 * "lookahead paths"), by walking the grammar: about two thirds of building pac-do's parser,
 * and so of every cold `lint` and first `resolve` (docs/performance.md, "Start-up"). The paths
 * depend on the grammar alone, so `grammar/lookahead-paths.ts` holds them, generated from
 * grammar/parser.ts by `lookaheadPathsSource` (test/grammar/generated.test.ts fails when it is
 * stale), and `TableLookahead` only turns them into functions. A production the table lacks
 * gets its paths computed as before.
 *
 * The functions decide as Chevrotain's own builders do (`buildAlternativesLookAheadFunc`,
 * `buildSingleAlternativeLookaheadFunction` in its lookahead.js, which it does not export), with
 * one faster choice for gated alternations: Chevrotain picks an `OR` alternative without gates
 * through a table from the next token's type, but as soon as one alternative has a GATE it falls
 * back to trying every alternative in order, matching each of its lookahead paths token by token,
 * and copies the gates into a new array on every call. pac-do's hottest alternations are gated
 * (statements, operands, arguments, the first expression of a condition), so that fallback was a
 * tenth of the parse's allocations. A gated alternation whose lookahead is one token gets a table
 * from the token type to the alternatives that may start with it, in order, and only their gates
 * are asked: the first alternative, in order, whose gate passes and whose lookahead matches.
 * test/grammar/lookahead.test.ts holds every function to Chevrotain's on every token type.
 */
import type { IOrAlt, IToken, TokenType } from "chevrotain";
import { getLookaheadPaths, LLkLookaheadStrategy, tokenMatcher } from "./chevrotain.js";

/**
 * What a lookahead function sees as `this`: the parser. `LA_FAST` is Chevrotain's `LA` without the
 * bounds check (the token vector ends in EOF sentinels), which its own builders use.
 */
interface Lookahead {
  LA(k: number): IToken;
  LA_FAST(k: number): IToken;
}

type Strategy = InstanceType<typeof LLkLookaheadStrategy>;
export type AlternationOptions = Parameters<Strategy["buildLookaheadForAlternation"]>[0];
export type OptionalOptions = Parameters<Strategy["buildLookaheadForOptional"]>[0];
export type AlternationLookahead = (this: Lookahead, orAlts?: IOrAlt<unknown>[]) => number | undefined;
export type OptionalLookahead = (this: Lookahead) => boolean;
/** "Alternation", "Option", "Repetition"... */
export type ProductionType = Parameters<typeof getLookaheadPaths>[0]["prodType"];

/** Lookahead paths by alternative, then path, each path a list of token type names (Chevrotain's `getLookaheadPaths`, named). */
export type NamedPaths = readonly (readonly (readonly string[])[])[];

/** Paths by production: `lookaheadKey` of the rule, production type, occurrence and lookahead depth. */
export type LookaheadTable = Readonly<Record<string, NamedPaths>>;

export function lookaheadKey(rule: string, prodType: string, occurrence: number, maxLookahead: number): string {
  return `${rule} ${prodType}${occurrence} k${maxLookahead}`;
}

type Paths = TokenType[][][];

export class TableLookahead extends LLkLookaheadStrategy {
  private readonly byName: ReadonlyMap<string, TokenType>;

  constructor(
    private readonly table: LookaheadTable,
    tokens: readonly TokenType[],
    options: { maxLookahead: number },
  ) {
    super(options);
    this.byName = new Map(tokens.map((type) => [type.name, type]));
  }

  override buildLookaheadForAlternation(options: AlternationOptions): AlternationLookahead {
    const paths = this.paths(options.rule, "Alternation", options.prodOccurrence, options.maxLookahead);
    return alternationLookahead(paths, options.hasPredicates, options.dynamicTokensEnabled);
  }

  override buildLookaheadForOptional(options: OptionalOptions): OptionalLookahead {
    const paths = this.paths(options.rule, options.prodType, options.prodOccurrence, options.maxLookahead);
    return optionalLookahead(paths[0] ?? [], options.dynamicTokensEnabled);
  }

  private paths(rule: AlternationOptions["rule"], prodType: ProductionType, occurrence: number, maxLookahead: number): Paths {
    const named = this.table[lookaheadKey(rule.name, prodType, occurrence, maxLookahead)];
    const paths = named?.map((alternative) => alternative.map((path) => path.map((name) => this.byName.get(name))));
    if (paths !== undefined && paths.every((alternative) => alternative.every((path) => path.every((type) => type !== undefined)))) return paths as Paths;
    return getLookaheadPaths({ occurrence, rule, prodType, maxLookahead });
  }
}

/** The paths named, for the table: what `TableLookahead` reads back. */
export function namedPaths(paths: readonly (readonly (readonly TokenType[])[])[]): NamedPaths {
  return paths.map((alternative) => alternative.map((path) => path.map((type) => type.name)));
}

/** Chevrotain's `buildAlternativesLookAheadFunc`, with the gated one-token table described above. */
export function alternationLookahead(alternatives: Paths, hasPredicates: boolean, dynamicTokensEnabled: boolean): AlternationLookahead {
  const oneToken = !dynamicTokensEnabled && alternatives.every((alternative) => alternative.every((path) => path.length === 1));
  if (hasPredicates && oneToken) {
    const candidates = alternativesByTokenType(alternatives.map((alternative) => alternative.flat()));
    return function (orAlts) {
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
  if (oneToken) {
    const choice: Record<number, number> = {};
    alternatives.forEach((alternative, index) => {
      for (const type of alternative.flat()) {
        if (!(type.tokenTypeIdx! in choice)) choice[type.tokenTypeIdx!] = index;
        for (const category of type.categoryMatches ?? []) if (!Object.hasOwn(choice, category)) choice[category] = index;
      }
    });
    return function () {
      return choice[this.LA_FAST(1).tokenTypeIdx];
    };
  }
  return function (orAlts) {
    for (let alternative = 0; alternative < alternatives.length; alternative++) {
      const gate = hasPredicates ? orAlts?.[alternative]?.GATE : undefined;
      if (gate !== undefined && gate.call(this) === false) continue;
      if (alternatives[alternative]!.some((path) => matches(this, path))) return alternative;
    }
    return undefined;
  };
}

/** Chevrotain's `buildSingleAlternativeLookaheadFunction`: whether the next tokens start the optional production. */
export function optionalLookahead(paths: TokenType[][], dynamicTokensEnabled: boolean): OptionalLookahead {
  if (!dynamicTokensEnabled && paths.every((path) => path.length === 1)) {
    const types = paths.flat();
    const only = types[0];
    if (types.length === 1 && only !== undefined && (only.categoryMatches ?? []).length === 0) {
      const index = only.tokenTypeIdx;
      return function () {
        return this.LA_FAST(1).tokenTypeIdx === index;
      };
    }
    const starts: boolean[] = [];
    for (const type of types) {
      starts[type.tokenTypeIdx!] = true;
      for (const category of type.categoryMatches ?? []) starts[category] = true;
    }
    return function () {
      return starts[this.LA_FAST(1).tokenTypeIdx] === true;
    };
  }
  return function () {
    return paths.some((path) => matches(this, path));
  };
}

/** Whether the next tokens match `path` (an empty path matches anything). */
function matches(parser: Lookahead, path: readonly TokenType[]): boolean {
  for (let i = 0; i < path.length; i++) if (!tokenMatcher(parser.LA_FAST(i + 1), path[i]!)) return false;
  return true;
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
