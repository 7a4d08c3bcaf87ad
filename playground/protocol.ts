/**
 * Messages between the page (main.ts) and the analysis worker (worker.ts). Every answer is the JSON
 * the CLI prints for the same question (`lint --format json`, `routes --json`, `resolve --json`,
 * `fix --diff`), so the page shows what the CLI shows.
 */
import type { JsonFileResult } from "../src/format/json.js";

/** The profiles a page can run (see platform/node-profile.ts for node). */
export type PageProfile = "winhttp" | "chromium";

export interface ResolveQuestion {
  readonly url: string;
  /** Empty: the CLI's default client address. */
  readonly clientIp: string;
  /** `host=ip[,ip]` lines, as `--dns` takes them. */
  readonly dns: string;
  /** ISO 8601, as `--at` takes it; empty: now. */
  readonly at: string;
  /** IANA zone, as `--tz` takes it. */
  readonly tz: string;
}

export type Request =
  | { readonly kind: "init"; readonly wasm: WebAssembly.Module }
  | { readonly kind: "analyze"; readonly id: number; readonly text: string; readonly profile: PageProfile }
  | { readonly kind: "resolve"; readonly id: number; readonly text: string; readonly profile: PageProfile; readonly question: ResolveQuestion }
  | { readonly kind: "fix"; readonly id: number; readonly text: string; readonly profile: PageProfile }
  | { readonly kind: "diff"; readonly id: number; readonly old: string; readonly now: string; readonly profile: PageProfile };

/** `pac-do resolve --json`'s object for one URL. */
export interface ResolveJson {
  readonly url: string;
  readonly host: string;
  readonly profile: string;
  readonly entryPoint: string;
  readonly result: string | null;
  readonly error: string | null;
  readonly errorKind: string | null;
  readonly effective: string | null;
  readonly implicitBypass?: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly calls?: readonly { readonly name: string; readonly args: readonly unknown[]; readonly result: unknown; readonly line: number | null }[];
  readonly environment: { readonly clientIps: readonly string[]; readonly dns: Record<string, string[]>; readonly at: string; readonly timeZone: string };
}

/** `pac-do routes --json`, as far as the page reads it. */
export interface RoutesJson {
  readonly entryPoints: readonly string[];
  readonly loadFailure?: { readonly kind: string; readonly message: string; readonly line?: number };
  readonly environments: readonly { readonly id: string; readonly label: string }[];
  readonly environmentsTotal: number;
  readonly routes: readonly {
    readonly host: string;
    readonly endpoint: string | null;
    readonly role: string | null;
    readonly entryPoint: string;
    readonly outcomes: readonly {
      readonly result: string | null;
      readonly failure?: { readonly kind: string; readonly message: string };
      readonly return?: { readonly line: number; readonly column: number };
      readonly implicitBypass?: string;
      readonly witness: string;
      readonly environments: readonly string[];
    }[];
  }[];
  readonly coverage: { readonly total: number; readonly taken: number };
}

export type Reply =
  | { readonly kind: "lint"; readonly id: number; readonly result: JsonFileResult; readonly notes: readonly string[]; readonly ms: number }
  | { readonly kind: "routes"; readonly id: number; readonly routes: RoutesJson; readonly ms: number }
  | { readonly kind: "resolve"; readonly id: number; readonly result: ResolveJson; readonly trace: readonly string[]; readonly line: string }
  | { readonly kind: "resolve-error"; readonly id: number; readonly message: string }
  | { readonly kind: "fix"; readonly id: number; readonly status: string; readonly diff: string; readonly output: string | null; readonly message: string }
  | { readonly kind: "diff"; readonly id: number; readonly report: string; readonly changes: number; readonly violations: number }
  | { readonly kind: "diff-error"; readonly id: number; readonly message: string }
  | { readonly kind: "failed"; readonly id: number; readonly message: string };
