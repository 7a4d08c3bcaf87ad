import type { AnalysisBudget } from "../analyze/index.js";
import type { EnvironmentClass } from "../analyze/types.js";
import type { Endpoint } from "../do/types.js";
import type { EntryPointName, Environment, EvaluationFailure, Limits, ProfileName, ProxyEntry } from "../evaluate/types.js";
import type { Range } from "../types.js";

export interface DiffOptions {
  readonly profile?: ProfileName;
  /** Hosts or URLs to compare besides the catalogue, the generic sample and the PACs' own names. */
  readonly hosts?: readonly string[];
  readonly limits?: Partial<Limits>;
  /** IANA zone of the PACs' local time (default UTC). */
  readonly timeZone?: string;
  /** Cap on the number of environment classes of the union (default 400). */
  readonly maxClasses?: number;
  /** What each PAC's analysis may spend (default `DEFAULT_BUDGET`, as for `routes`). */
  readonly budget?: AnalysisBudget;
}

/** How one PAC answers in one cell, as a diff shows it. */
export interface DiffAnswer {
  /** The result string, or null when the PAC failed (see `failure`). */
  readonly result: string | null;
  /** The entries of `result` as the profile's client reads them. */
  readonly entries: readonly ProxyEntry[];
  readonly failure?: EvaluationFailure;
  /** The client never calls the PAC for this host (Chromium's loopback bypass). */
  readonly implicitBypass?: string;
  /** The `return` that decided (or where the failure happened). */
  readonly range?: Range;
  /** 1-based line of `range`, or null. */
  readonly line: number | null;
}

/** One (host, entry point, before -> after) change, with every environment class it happens in. */
export interface RouteDifference {
  readonly host: string;
  readonly url: string;
  /** The catalogue endpoint the host stands for; absent for other hosts. */
  readonly endpoint?: Endpoint;
  /**
   * The caller: `FindProxyForURL` is what clients that only know that function get;
   * `FindProxyForURLEx` is what WinHTTP gets (FindProxyForURLEx where the PAC defines it, else
   * FindProxyForURL).
   */
  readonly entryPoint: EntryPointName;
  readonly before: DiffAnswer;
  readonly after: DiffAnswer;
  /** The first environment class (in analysis order) where the change happens. */
  readonly witness: EnvironmentClass;
  /** The witness as a concrete environment for this host: replay it to see both answers. */
  readonly environment: Environment;
  /** Every class where the host gets exactly this change. */
  readonly environmentIds: readonly string[];
  /** Those classes in words: "client 10.20.0.1 (in 10.20.0.0/16 from line 14 of NEW), any time". */
  readonly covers: string;
  /**
   * For DO service hosts: `violation` when the host went DIRECT first before and does not after,
   * `fixed` for the reverse.
   */
  readonly doEffect?: "violation" | "fixed";
}

export interface PacDiff {
  readonly profile: ProfileName;
  /** The callers compared (see `RouteDifference.entryPoint`). */
  readonly entryPoints: readonly EntryPointName[];
  readonly changes: readonly RouteDifference[];
  /** (host, entry point, class) cells in which both PACs answer alike. */
  readonly unchanged: number;
  /** Cells not compared because the machine was too busy to finish an evaluation (failure kind `busy`); absent when none. */
  readonly undecided?: number;
  readonly environments: readonly EnvironmentClass[];
  /**
   * How many classes the full union product has: more than `environments.length` when capped, or
   * when a PAC's analysis budget ran out (then `notes` says so).
   */
  readonly environmentsTotal: number;
  /** Hosts compared. */
  readonly hosts: number;
  /** Host names from the PACs left out of the comparison (a large PAC has thousands). */
  readonly hostsOmitted: number;
  /** Evaluations run, both PACs together. */
  readonly evaluations: number;
  /** What the analysis could not follow, each prefixed with the PAC it is about. */
  readonly notes: readonly string[];
  /** A PAC that does not parse: nothing is compared. */
  readonly unparsable?: { readonly side: "old" | "new"; readonly failure: EvaluationFailure };
}
