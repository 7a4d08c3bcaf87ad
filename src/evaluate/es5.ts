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

/**
 * The first ES2015+ construct in source order, or undefined when the program is ES5. With the
 * script's `text`, also a statement after `do ... while (...)` on the same line without `;`: ES5
 * inserts no semicolon there (ES2015 added that rule, §12.10.1), and acorn's ES5 mode rejects it.
 */
export function findModernSyntax(program: Program, text?: string): ModernSyntax | undefined {
  let found: ModernSyntax | undefined;
  preorder(program, (node) => {
    if (found) return false;
    const construct = (text !== undefined ? describeInText(node, text) : undefined) ?? describe(node);
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

/** What only the text shows: a trailing comma in parameters or arguments (ES2017), a do-while without `;` before more on its line. */
function describeInText(node: Node, text: string): string | undefined {
  switch (node.type) {
    case "DoWhileStatement":
      return sameLineAfterDoWhile(text, node.range[1]) ? "statement after `do ... while (...)` on the same line without `;`" : undefined;
    case "FunctionDeclaration":
    case "FunctionExpression":
    case "ArrowFunctionExpression": {
      const last = node.params[node.params.length - 1];
      return last !== undefined && text[afterTrivia(text, last.range[1])] === "," ? "trailing comma after the last parameter" : undefined;
    }
    case "CallExpression":
    case "NewExpression": {
      const last = node.arguments[node.arguments.length - 1];
      return last !== undefined && text[afterTrivia(text, last.range[1])] === "," ? "trailing comma after the last argument" : undefined;
    }
    default:
      return undefined;
  }
}

/** The offset of the first character at or after `offset` that is not whitespace or in a comment. */
function afterTrivia(text: string, offset: number): number {
  let at = offset;
  for (;;) {
    if (/\s/.test(text[at] ?? "")) at++;
    else if (text.startsWith("//", at)) {
      while (at < text.length && !/[\n\r\u2028\u2029]/.test(text[at]!)) at++;
    } else if (text.startsWith("/*", at)) {
      const close = text.indexOf("*/", at + 2);
      at = close < 0 ? text.length : close + 2;
    } else return at;
  }
}

/** Whether a `do ... while (...)` ending at `end` without `;` has another token after it on the same line (not `}`). */
function sameLineAfterDoWhile(text: string, end: number): boolean {
  if (text[end - 1] !== ")") return false;
  let at = end;
  for (;;) {
    const c = text[at];
    if (c === undefined || c === "}" || c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029") return false;
    if (c === "/" && text[at + 1] === "/") return false;
    if (c === "/" && text[at + 1] === "*") {
      const close = text.indexOf("*/", at + 2);
      if (close < 0 || /[\n\r\u2028\u2029]/.test(text.slice(at + 2, close))) return false;
      at = close + 2;
      continue;
    }
    if (!/\s/.test(c)) return true;
    at++;
  }
}
