import { defineRule } from "../define-rule.js";
import { ENTRY_POINTS, findDefinitions, findEntryPoints, type EntryPointDefinition } from "../../pac/entry-points.js";
import type { Expression, FunctionDeclaration, Program } from "../../syntax/ast.js";

export default defineRule({
  id: "entry-point-defined",
  meta: {
    type: "problem",
    docs: { description: "The PAC must define FindProxyForURL as a function (and may add FindProxyForURLEx for Windows)." },
    messages: {
      missing: "No FindProxyForURL function is defined; every client fails to use this PAC",
      notFunction:
        "{{name}} ends up as {{what}}: this top-level statement runs after every function declaration, so every client calls a non-function and fails",
      onlyEx:
        "Only FindProxyForURLEx is defined: Windows uses it, but Chromium, Edge and Firefox look only for FindProxyForURL and fail; define both",
    },
    defaultSeverity: "error",
  },
  create(context) {
    return {
      "Program:exit"() {
        for (const name of ENTRY_POINTS) {
          const last = lastValue(context.program, name);
          if (last !== undefined) context.report({ messageId: "notFunction", range: last.nameRange, data: { name, what: last.node.type === "AssignmentExpression" && last.node.operator !== "=" ? "a value that is not a function" : describeValue(last.value) } });
        }
        const definitions = findEntryPoints(context.program);
        if (definitions.some((definition) => definition.name === "FindProxyForURL")) return;
        const ex = definitions.find((definition) => definition.name === "FindProxyForURLEx");
        if (ex) {
          // Under WinHTTP the file works for DO; it is the other clients that break (research §2.1, §6.7).
          context.report({ messageId: "onlyEx", range: ex.nameRange, severity: context.profile === "winhttp" ? "warning" : "error" });
        } else {
          context.report({ messageId: "missing", range: [0, 0] });
        }
      },
    };
  },
});

/**
 * The definition that leaves `name` a non-function for good: the last one in source order, when
 * it runs unconditionally at top level (a statement of the script itself, so it runs after every
 * hoisted function declaration) and its value cannot be a function (`FindProxyForURL = 42`).
 */
function lastValue(program: Program, name: EntryPointDefinition["name"]): EntryPointDefinition | undefined {
  const definitions = findDefinitions(program).filter((definition) => definition.name === name);
  const last = definitions.filter((definition) => definition.node.type !== "FunctionDeclaration").pop();
  if (last === undefined || !isTopLevelStatement(program, last) || mayBeFunction(last)) return undefined;
  return last;
}

function isTopLevelStatement(program: Program, definition: EntryPointDefinition): boolean {
  return program.body.some(
    (statement) =>
      (statement.type === "ExpressionStatement" && statement.expression === definition.node) ||
      (statement.type === "VariableDeclaration" && statement.declarations.some((declarator) => declarator === definition.node)),
  );
}

function mayBeFunction(definition: EntryPointDefinition): boolean {
  const node = definition.node;
  // `F += x` gives a string or a number; `F ||= x` and its kin may keep the function.
  if (node.type === "AssignmentExpression" && node.operator !== "=") return node.operator === "||=" || node.operator === "&&=" || node.operator === "??=";
  return !NOT_FUNCTION.has(definition.value.type);
}

/** Expression kinds whose value is never a function. */
const NOT_FUNCTION: ReadonlySet<string> = new Set(["Literal", "ObjectExpression", "ArrayExpression", "TemplateLiteral", "UnaryExpression", "UpdateExpression", "BinaryExpression"]);

function describeValue(value: Expression | FunctionDeclaration): string {
  if (value.type === "UnaryExpression" && value.operator === "void") return "undefined";
  if (value.type === "Literal") return value.value === null ? "null" : typeof value.value === "string" ? "a string" : value.regex ? "a regular expression" : typeof value.value === "number" ? "a number" : typeof value.value === "boolean" ? "a boolean" : "a literal";
  if (value.type === "ObjectExpression") return "an object";
  if (value.type === "ArrayExpression") return "an array";
  if (value.type === "TemplateLiteral") return "a string";
  return "a value that is not a function";
}
