import type { RouteAnalysis } from "../analyze/types.js";
import type { ProfileName } from "../evaluate/types.js";
import type { SourceFile } from "../source/source-file.js";
import type { Comment, Token } from "../syntax/parse.js";
import type { Node, Program } from "../syntax/ast.js";
import type { Range, Severity } from "../types.js";
import { homepage } from "../version.js";

/** `problem`: the PAC misroutes traffic or fails somewhere; `suggestion`: it works but is fragile. */
export type RuleType = "problem" | "suggestion";

/** A rule's severity as configured; `off` disables it. */
export type RuleSetting = Severity | "off";

export interface RuleMeta<MessageId extends string> {
  readonly type: RuleType;
  readonly docs: { readonly description: string };
  /** Message templates keyed by messageId, with `{{placeholder}}` slots. */
  readonly messages: Readonly<Record<MessageId, string>>;
  /** `pac-do fix` (and `lint --fix`) can repair what this rule reports. */
  readonly fixable?: boolean;
  readonly defaultSeverity: Severity;
  /** Per-profile defaults that replace `defaultSeverity`, e.g. JScript syntax only matters to WinHTTP. */
  readonly profiles?: Partial<Readonly<Record<ProfileName, RuleSetting>>>;
  /** The rule reads the route analysis (it needs the sandbox, so it is slower than a syntax rule). */
  readonly usesAnalysis?: boolean;
}

type NodeOfType<T extends Node["type"]> = Extract<Node, { readonly type: T }>;

/** Listeners keyed by AST node type, as in ESLint; `Program:exit` runs after the walk and may be async. */
export type RuleListeners = {
  readonly [T in Node["type"]]?: (node: NodeOfType<T>, parent: Node | null) => void;
} & {
  readonly "Program:exit"?: () => void | Promise<void>;
};

export interface ReportDescriptor<MessageId extends string> {
  readonly messageId: MessageId;
  /** Where: a node or a half-open range of UTF-16 offsets. */
  readonly node?: { readonly range: Range };
  readonly range?: Range;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Overrides the rule's default severity for this report (ignored when the user configured one). */
  readonly severity?: Severity;
}

/** What a rule sees of the file being linted. */
export interface RuleContext<MessageId extends string = string> {
  readonly id: string;
  readonly source: SourceFile;
  readonly program: Program;
  readonly comments: readonly Comment[];
  readonly tokens: readonly Token[];
  readonly profile: ProfileName;
  /** The parent of a node (null for the Program), from one traversal shared by all rules. */
  parentOf(node: Node): Node | null;
  /** The route analysis of this file under the lint profile, computed once and shared by all rules. */
  analysis(): Promise<RouteAnalysis>;
  report(descriptor: ReportDescriptor<MessageId>): void;
}

export interface RuleModule<MessageId extends string = string> {
  readonly id: string;
  readonly meta: RuleMeta<MessageId>;
  create(context: RuleContext<MessageId>): RuleListeners;
}

/** Declares a rule; the messageId union is inferred from `meta.messages`, so a typo does not compile. */
export function defineRule<MessageId extends string>(rule: RuleModule<MessageId>): RuleModule<MessageId> {
  return rule;
}

/**
 * The URL of a rule's documentation (`docs/rules/<id>.md`) under package.json's `homepage`; undefined
 * while the package has none (there is no published repository to link to).
 */
export function ruleDocsUrl(id: string): string | undefined {
  return homepage === undefined ? undefined : new URL(`docs/rules/${id}.md`, homepage.endsWith("/") ? homepage : `${homepage}/`).href;
}

/** Fills `{{name}}` slots of a message template. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (slot, name: string) => {
    const value = data[name];
    return value === undefined ? slot : String(value);
  });
}
