/**
 * Where a PAC defines its entry points. WinHTTP and Chromium call whatever global
 * `FindProxyForURL` / `FindProxyForURLEx` holds once the script has run, so a definition may be a
 * function declaration, a `var`, or an assignment to the bare name or to a property of the global
 * object. Lint reads every function-valued definition; fix rewrites the top-level ones and reports
 * the rest.
 */
import type { EntryPointName } from "./types.js";
import type { AssignmentExpression, Expression, FunctionDeclaration, Node, Pattern, Program, VariableDeclarator } from "../syntax/ast.js";
import { forEachChild } from "../syntax/walk.js";
import type { Range } from "../types.js";

/** The entry points a PAC may define, classic first. */
export const ENTRY_POINTS: readonly EntryPointName[] = ["FindProxyForURL", "FindProxyForURLEx"];

export function isEntryPoint(name: string): name is EntryPointName {
  return name === "FindProxyForURL" || name === "FindProxyForURLEx";
}

/** One place that gives an entry point a value. */
export interface EntryPointDefinition {
  readonly name: EntryPointName;
  /** `function F() {}`, `var F = …` (only with an initialiser) or `… F = …` (any assignment operator). */
  readonly node: FunctionDeclaration | VariableDeclarator | AssignmentExpression;
  /** What the name is given: the declaration itself, the initialiser or the right-hand side. */
  readonly value: FunctionDeclaration | Expression;
  /** The defining name in the source (the identifier or the member key), for reports. */
  readonly nameRange: Range;
  /** For `object.F = …` and `object["F"] = …`: whether the object is `this`. Absent for a bare name. */
  readonly member?: "this" | "other";
}

const definitionsOf = new WeakMap<Program, readonly EntryPointDefinition[]>();

/**
 * Every definition of an entry point anywhere in the program, in source order of the defining name.
 * Several lint rules ask for the same tree, so the answer is kept per (immutable) program.
 */
export function findDefinitions(program: Program): readonly EntryPointDefinition[] {
  let found = definitionsOf.get(program);
  if (!found) {
    const list: EntryPointDefinition[] = [];
    collect(program, list);
    found = list.sort((a, b) => a.nameRange[0] - b.nameRange[0]);
    definitionsOf.set(program, found);
  }
  return found;
}

function collect(node: Node, found: EntryPointDefinition[]): void {
  switch (node.type) {
    case "FunctionDeclaration":
      if (isEntryPoint(node.id.name)) found.push({ name: node.id.name, node, value: node, nameRange: node.id.range });
      break;
    case "VariableDeclarator":
      if (node.id.type === "Identifier" && isEntryPoint(node.id.name) && node.init) {
        found.push({ name: node.id.name, node, value: node.init, nameRange: node.id.range });
      }
      break;
    case "AssignmentExpression": {
      const target = assignmentTarget(node.left);
      if (target) found.push({ ...target, node, value: node.right });
      break;
    }
    default:
      break;
  }
  forEachChild(node, (child) => collect(child, found));
}

/** The entry point an assignment target names: the bare name, or a member key written as a name or a string. */
function assignmentTarget(left: Pattern): Pick<EntryPointDefinition, "name" | "nameRange" | "member"> | undefined {
  if (left.type === "Identifier") return isEntryPoint(left.name) ? { name: left.name, nameRange: left.range } : undefined;
  if (left.type !== "MemberExpression") return undefined;
  const key = left.property;
  const name = !left.computed && key.type === "Identifier" ? key.name : key.type === "Literal" && typeof key.value === "string" ? key.value : undefined;
  if (name === undefined || !isEntryPoint(name)) return undefined;
  return { name, nameRange: key.range, member: left.object.type === "ThisExpression" ? "this" : "other" };
}
