/**
 * WinHTTP runs PACs with Microsoft JScript (research §2.5), which stops at ES2015+ syntax: the whole
 * PAC then fails to load, and Windows falls back as if there were no PAC (field report: `const` made
 * IE11 ignore a PAC that Chrome and Firefox ran). This finds the first such construct.
 */
import type { Node, Program } from "../syntax/ast.js";
import type { Range } from "../types.js";
import { preorder } from "../syntax/walk.js";

export interface ModernSyntax {
  /** What it is, as a reader would name it: "`const` declaration", "arrow function". */
  readonly construct: string;
  readonly range: Range;
}

/** The first ES2015+ construct in source order, or undefined when the program is ES5. */
export function findModernSyntax(program: Program): ModernSyntax | undefined {
  let found: ModernSyntax | undefined;
  preorder(program, (node) => {
    if (found) return false;
    const construct = describe(node);
    if (construct !== undefined) found = { construct, range: node.range };
    return found === undefined;
  });
  return found;
}

function describe(node: Node): string | undefined {
  switch (node.type) {
    case "VariableDeclaration":
      return node.kind === "var" ? undefined : `\`${node.kind}\` declaration`;
    case "ArrowFunctionExpression":
      return "arrow function";
    case "TemplateLiteral":
      return "template literal";
    case "TaggedTemplateExpression":
      return "tagged template";
    case "ObjectPattern":
    case "ArrayPattern":
      return "destructuring";
    case "AssignmentPattern":
      return "default parameter value";
    case "RestElement":
      return "rest parameter";
    case "SpreadElement":
      return "spread `...`";
    case "ForOfStatement":
      return "`for...of` loop";
    case "ChainExpression":
      return "optional chaining `?.`";
    case "LogicalExpression":
      return node.operator === "??" ? "nullish coalescing `??`" : undefined;
    case "BinaryExpression":
      return node.operator === "**" ? "exponent operator `**`" : undefined;
    case "AssignmentExpression":
      return node.operator === "**=" || node.operator === "??=" || node.operator === "||=" || node.operator === "&&="
        ? `\`${node.operator}\` assignment`
        : undefined;
    case "Property":
      if (node.shorthand) return "shorthand property";
      if (node.method) return "method shorthand";
      if (node.computed) return "computed property name";
      return undefined;
    case "Literal":
      if (node.regex && /[uysdv]/.test(node.regex.flags)) return `regular expression flag \`${node.regex.flags}\``;
      if (typeof node.value === "number" && /^0[bBoO]/.test(node.raw)) return "binary or octal literal";
      return undefined;
    default:
      return undefined;
  }
}
