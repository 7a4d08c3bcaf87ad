import type { CallExpression, MemberExpression, Node } from "../../syntax/ast.js";
import type { Range } from "../../types.js";
import { defineRule } from "../define-rule.js";

/** Methods that exist only on ES5+ arrays or strings; JScript (ES3) throws "Object doesn't support this property or method". */
const ES5_METHODS: Readonly<Record<string, string>> = {
  startsWith: "ES2015",
  endsWith: "ES2015",
  includes: "ES2015",
  repeat: "ES2015",
  padStart: "ES2017",
  padEnd: "ES2017",
  trim: "ES5",
  trimStart: "ES2019",
  trimEnd: "ES2019",
  trimLeft: "ES2019",
  trimRight: "ES2019",
  forEach: "ES5",
  map: "ES5",
  filter: "ES5",
  some: "ES5",
  every: "ES5",
  reduce: "ES5",
  reduceRight: "ES5",
  find: "ES2015",
  findIndex: "ES2015",
  codePointAt: "ES2015",
};

/** Array-only methods whose names strings share in ES3, so only an array receiver is certain. */
const ARRAY_ONLY_WHEN_ARRAY: ReadonlySet<string> = new Set(["indexOf", "lastIndexOf"]);

/** A Map, not an object literal: the receiver's name comes from the PAC and may be `constructor` or `__proto__`. */
const STATIC_ES5: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["Object", new Set(["keys", "create", "defineProperty", "defineProperties", "freeze", "assign", "entries", "values", "getPrototypeOf", "getOwnPropertyNames"])],
  ["Array", new Set(["isArray", "from", "of"])],
  ["Date", new Set(["now"])],
  ["String", new Set(["fromCodePoint", "raw"])],
  ["Number", new Set(["isInteger", "isNaN", "isFinite", "parseInt", "parseFloat"])],
]);

/** ES3 §7.5.1 reserved words, which JScript rejects as property names (`a.default`, `{ class: 1 }`). */
const ES3_RESERVED = new Set(
  "break case catch continue default delete do else finally for function if in instanceof new return switch this throw try typeof var void while with abstract boolean byte char class const debugger double enum export extends final float goto implements import int interface long native package private protected public short static super synchronized throws transient volatile null true false".split(
    " ",
  ),
);

const PATTERNS: ReadonlySet<Node["type"]> = new Set(["ObjectPattern", "ArrayPattern", "AssignmentPattern", "RestElement"]);

export default defineRule({
  id: "jscript-compatible",
  meta: {
    type: "problem",
    docs: { description: "WinHTTP runs PAC files with JScript (ES3): no ES5+ syntax or library calls." },
    messages: {
      syntax: "{{what}} is {{version}} syntax; WinHTTP runs PAC files with JScript (ES3), which rejects the whole file",
      library: "{{what}} is {{version}}; WinHTTP's JScript (ES3) throws when it is called, so the PAC fails for that request",
      trailingComma: "Trailing comma in an {{what}} literal: JScript (ES3) {{effect}}",
      reservedName: '"{{name}}" is a reserved word in ES3; JScript rejects it as a property name, so write ["{{name}}"]',
    },
    defaultSeverity: "error",
    profiles: { chromium: "off", node: "off" },
  },
  create(context) {
    const arrays = new Set<string>();
    const syntax = (range: Range, what: string, version = "ES2015"): void =>
      context.report({ messageId: "syntax", range, data: { what, version } });

    /** One report per destructuring pattern, not one per nested part. */
    const outermost = (node: Node, parent: Node | null, what: string): void => {
      // In `{ a = 1 } = o` the default sits in a Property of the ObjectPattern.
      const owner = parent?.type === "Property" ? context.parentOf(parent) : parent;
      if (!owner || !PATTERNS.has(owner.type)) syntax(node.range, what);
    };

    const trailingComma = (node: Node, what: "object" | "array"): void => {
      // The text decides most literals without the token list, which the parse converts only on demand.
      if (!commaBefore(context.source.text, node.range[1] - 1, context.comments)) return;
      const closing = tokenIndexEndingAt(context.tokens, node.range[1]);
      const comma = closing > 0 ? context.tokens[closing - 1] : undefined;
      if (comma?.value !== ",") return;
      const effect = what === "array" ? "counts an extra undefined element" : "stops with a syntax error";
      context.report({ messageId: "trailingComma", range: comma.range, data: { what, effect } });
    };

    const library = (call: CallExpression, member: MemberExpression, name: string): void => {
      const receiver = member.object;
      if (Object.hasOwn(ES5_METHODS, name)) {
        context.report({ messageId: "library", node: member.property, data: { what: `.${name}()`, version: ES5_METHODS[name] ?? "ES5" } });
      } else if (
        ARRAY_ONLY_WHEN_ARRAY.has(name) &&
        (receiver.type === "ArrayExpression" || (receiver.type === "Identifier" && arrays.has(receiver.name)))
      ) {
        context.report({ messageId: "library", node: member.property, data: { what: `Array.prototype.${name}()`, version: "ES5" } });
      } else if (receiver.type === "Identifier" && STATIC_ES5.get(receiver.name)?.has(name)) {
        context.report({ messageId: "library", node: call.callee, data: { what: `${receiver.name}.${name}()`, version: "ES5" } });
      }
    };

    return {
      VariableDeclaration(node) {
        if (node.kind !== "var") syntax([node.range[0], node.range[0] + node.kind.length], `"${node.kind}"`);
      },
      VariableDeclarator(node) {
        if (node.id.type === "Identifier" && node.init?.type === "ArrayExpression") arrays.add(node.id.name);
      },
      ArrowFunctionExpression: (node) => syntax(node.range, "An arrow function"),
      TemplateLiteral: (node) => syntax(node.range, "A template string"),
      SpreadElement: (node) => syntax(node.range, "Spread (...)"),
      ForOfStatement: (node) => syntax([node.range[0], node.range[0] + 3], "for...of"),
      ChainExpression: (node) => syntax(node.range, "Optional chaining (?.)", "ES2020"),
      LogicalExpression(node) {
        if (node.operator === "??") syntax(node.range, "The ?? operator", "ES2020");
      },
      BinaryExpression(node) {
        if (node.operator === "**") syntax(node.range, "The ** operator", "ES2016");
      },
      AssignmentExpression(node) {
        if (node.operator === "**=" || node.operator === "??=" || node.operator === "||=" || node.operator === "&&=") {
          syntax(node.range, `The ${node.operator} operator`, node.operator === "**=" ? "ES2016" : "ES2021");
        }
      },
      ObjectPattern: (node, parent) => outermost(node, parent, "Destructuring"),
      ArrayPattern: (node, parent) => outermost(node, parent, "Destructuring"),
      AssignmentPattern: (node, parent) => outermost(node, parent, "A default parameter value"),
      RestElement: (node, parent) => outermost(node, parent, "A rest parameter (...)"),
      Property(node, parent) {
        if (parent?.type === "ObjectPattern") return;
        if (node.kind !== "init") syntax(node.range, `A ${node.kind}ter`, "ES5");
        else if (node.method) syntax(node.range, "A method shorthand");
        else if (node.shorthand) syntax(node.range, "A shorthand property");
        else if (node.computed) syntax(node.key.range, "A computed property name");
        if (!node.computed && node.key.type === "Identifier" && ES3_RESERVED.has(node.key.name)) {
          context.report({ messageId: "reservedName", node: node.key, data: { name: node.key.name } });
        }
      },
      MemberExpression(node) {
        if (!node.computed && node.property.type === "Identifier" && ES3_RESERVED.has(node.property.name)) {
          context.report({ messageId: "reservedName", node: node.property, data: { name: node.property.name } });
        }
        if (node.object.type === "Identifier" && node.object.name === "JSON") {
          context.report({ messageId: "library", node, data: { what: "JSON", version: "ES5" } });
        }
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier") {
          library(node, callee, callee.property.name);
        }
      },
      Literal(node) {
        if (node.regex && /[^gim]/.test(node.regex.flags)) syntax(node.range, `The regular expression flag "${node.regex.flags.replace(/[gim]/g, "")}"`);
        else if (typeof node.value === "number" && /^0[bBoO]/.test(node.raw)) syntax(node.range, "A binary or octal literal");
      },
      ObjectExpression: (node) => trailingComma(node, "object"),
      ArrayExpression: (node) => trailingComma(node, "array"),
    };
  },
});

/**
 * Whether the last token before the bracket at `closing` can be a comma: the first character before
 * it that is neither whitespace nor inside a comment is one (no other token ends in a comma).
 */
function commaBefore(text: string, closing: number, comments: readonly { readonly range: Range }[]): boolean {
  let i = closing - 1;
  while (i >= 0) {
    if (WHITESPACE.test(text[i] ?? "")) {
      i--;
      continue;
    }
    const comment = comments[lastStartingAtOrBefore(comments, i)];
    if (comment && i < comment.range[1]) {
      i = comment.range[0] - 1;
      continue;
    }
    return text[i] === ",";
  }
  return false;
}

/** WhiteSpace and LineTerminator (ES5 §7.2, §7.3): exactly what `\s` matches. */
const WHITESPACE = /\s/;

/** The index of the last comment starting at or before `offset` (comments are in source order), or -1. */
function lastStartingAtOrBefore(comments: readonly { readonly range: Range }[], offset: number): number {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((comments[mid]?.range[0] ?? 0) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The index of the token that ends exactly at `end` (a node's closing bracket), or -1. */
function tokenIndexEndingAt(tokens: readonly { readonly range: Range }[], end: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const tokenEnd = tokens[mid]?.range[1] ?? 0;
    if (tokenEnd === end) return mid;
    if (tokenEnd < end) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
