import type { Endpoint } from "../do/types.js";
import type { EntryPointName, Environment, EvaluationFailure, ProfileName, ProxyEntry } from "../evaluate/types.js";
import type { Range } from "../types.js";

/** A class of environments the PAC cannot tell apart, with one concrete member to replay it. */
export interface EnvironmentClass {
  readonly id: string;
  /** "client 10.20.0.1 (in 10.20.0.0/16 from line 14), host resolves to 203.0.113.10 (public), Sat 23:30 UTC" */
  readonly label: string;
  readonly witness: Environment;
  /** What `${SRCIP}` (Zscaler's public address of the client) was rendered to, for PACs that use it. */
  readonly publicAddress?: string;
  /**
   * What DNS answers for the host being asked about (empty: it does not resolve). The witness holds
   * only the other hosts' answers, since the asked host changes from row to row.
   */
  readonly hostAnswer?: readonly string[];
  /**
   * Which value of each dimension the class takes (opaque keys). Two classes with the same key in
   * every dimension an evaluation read give the same answer, so the analysis evaluates once.
   */
  readonly parts?: Readonly<Partial<Record<EnvironmentDimension, string>>>;
  /**
   * The value the class takes in each dimension the PACs read, in the order client, host DNS,
   * probe hosts, clock: keys start with c, d, p and t, labels are the parts of `label`. Lets a
   * set of classes be described by dimension ("any time").
   */
  readonly values?: readonly { readonly key: string; readonly label: string }[];
}

/**
 * The independent parts of an environment a PAC can read: the clock splits into date and time of
 * day. `instant` is the clock reading as a whole: classes never carry it, the analysis compares by it
 * when `day` and `clock` say only how a reading answers the PAC's time tests (see routeTable).
 */
export type EnvironmentDimension = "client" | "dns" | "day" | "clock" | "instant";

/** One distinct answer for one host and entry point, with every environment class that gives it. */
export interface RouteOutcome {
  readonly result: string | null;
  readonly entries: readonly ProxyEntry[];
  readonly failure?: EvaluationFailure;
  readonly returnRange?: Range;
  /** The client never called the PAC for this host (Chromium's implicit bypass of loopback hosts). */
  readonly implicitBypass?: string;
  readonly environmentIds: readonly string[];
  /**
   * The first environment class (in analysis order) that gives this outcome; replay it with
   * `environmentFor(witness, host)`.
   */
  readonly witness: EnvironmentClass;
}

export interface HostRoutes {
  readonly host: string;
  readonly url: string;
  /** The catalogue endpoint this sample host stands for; absent for non-DO hosts. */
  readonly endpoint?: Endpoint;
  readonly entryPoint: EntryPointName;
  readonly outcomes: readonly RouteOutcome[];
  /**
   * Some evaluation of this row read the clock through the PAC's own `Date` (`new Date()`,
   * `Date.now()`), which the classes only sample at a few readings (see `verdictGaps`).
   */
  readonly readsDate?: true;
}

export interface Coverage {
  readonly total: number;
  readonly taken: number;
  /** Branch outcomes no analysed environment reached. */
  readonly unreached: readonly Range[];
}

export interface RouteAnalysis {
  readonly profile: ProfileName;
  /** Entry points the script defines. */
  readonly entryPoints: readonly EntryPointName[];
  readonly environments: readonly EnvironmentClass[];
  /**
   * Every catalogue sample host, extra host asked for and (unless `otherHosts: false`) generic and
   * PAC-literal host, under each defined entry point.
   */
  readonly routes: readonly HostRoutes[];
  readonly coverage: Coverage;
  /**
   * How many environment classes the full product of the PAC's dimensions has; more than
   * `environments.length` when the product was capped.
   */
  readonly environmentsTotal?: number;
  /** Non-catalogue hosts left out because there were too many (the PAC's own literals beyond the cap). */
  readonly hostsOmitted?: number;
  /**
   * Evaluations actually run. Of hosts x entry points x classes, an evaluation is skipped when an
   * earlier one for the same host and entry point read none of the dimensions in which the classes differ.
   */
  readonly evaluations?: number;
  /**
   * Cells (host, entry point, class) not evaluated because the PAC had already timed out
   * MAX_TIMEOUTS times in this analysis; absent when none.
   */
  readonly skipped?: number;
  /** Where the PAC keeps state between calls (from `collect`): answers may depend on earlier calls. */
  readonly statefulSites?: readonly { readonly what: string; readonly range: Range }[];
  /** What the analysis could not follow, one sentence each (e.g. environment reads at load time). */
  readonly notes?: readonly string[];
  /**
   * The analysis budget ran out (see `AnalysisBudget`): only the first `classes` environment classes
   * were analysed (`environments` lists them), of `of` in the full product.
   */
  readonly sampled?: { readonly classes: number; readonly of: number; readonly stoppedBy: "evaluations" | "time" };
  /** The script could not be loaded at all (syntax error, top-level throw, timeout). */
  readonly loadFailure?: EvaluationFailure;
}
