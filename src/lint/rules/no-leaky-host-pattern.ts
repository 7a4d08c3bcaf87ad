import { CATALOGUE } from "../../do/catalogue.js";
import type { Literal } from "../../syntax/ast.js";
import { isStringLiteral } from "../ast-utils.js";
import { defineRule } from "../define-rule.js";

/**
 * Whether a `*.`/leading-dot pattern's apex is itself a host DO uses: a host the endpoint catalogue
 * lists by name (`dl.delivery.mp.microsoft.com`, `download.windowsupdate.com`, ...; Microsoft added the
 * apex names in 2025, research §1.4), or `windowsupdate.com`, the apex research §6 item 5 names.
 */
function isDoApex(name: string): boolean {
  return (doApexes ??= new Set(["windowsupdate.com", ...CATALOGUE.flatMap((endpoint) => [endpoint.pattern, ...endpoint.samples])])).has(name);
}
let doApexes: ReadonlySet<string> | undefined;

/** Characters that shExpMatch passes through to a RegExp (research §4). */
const LIVE_REGEX = /[+()[\]{}|^$\\]/;

export default defineRule({
  id: "no-leaky-host-pattern",
  meta: {
    type: "suggestion",
    docs: { description: "Host patterns must match what they seem to: apex hosts too, label boundaries, no live regex syntax in shExpMatch." },
    messages: {
      missesApex:
        '"{{pattern}}" does not match {{apex}} itself, and nothing else in the file names it; DO uses the apex host too, so also test host == "{{apex}}"',
      noLabelBoundary: '{{call}} also matches "evil{{domain}}"; use "{{fixed}}" (and compare the apex with ==)',
      liveRegex:
        'shExpMatch pattern "{{pattern}}" contains "{{char}}", which clients pass to a regular expression instead of matching it literally; an unbalanced ( or [ makes the whole PAC fail',
    },
    defaultSeverity: "warning",
  },
  create(context) {
    const strings = new Set<string>();
    const apexChecks: { literal: Literal; pattern: string; apex: string }[] = [];
    return {
      Literal(node) {
        if (typeof node.value === "string") strings.add(node.value.toLowerCase());
      },
      CallExpression(node) {
        if (node.callee.type !== "Identifier") return;
        const helper = node.callee.name;
        const argument = node.arguments[1];
        if (!isStringLiteral(argument)) return;
        const pattern = argument.value;
        if (helper === "shExpMatch") {
          const live = LIVE_REGEX.exec(pattern);
          if (live) context.report({ messageId: "liveRegex", node: argument, data: { pattern, char: live[0] } });
          if (/^\*[a-z0-9]/i.test(pattern) && !/[*?]/.test(pattern.slice(1))) {
            const domain = pattern.slice(1);
            context.report({
              messageId: "noLabelBoundary",
              node: argument,
              data: { call: `shExpMatch(host, "${pattern}")`, domain, fixed: `*.${domain}` },
            });
          }
          if (pattern.startsWith("*.")) apexChecks.push({ literal: argument, pattern, apex: pattern.slice(2) });
        } else if (helper === "dnsDomainIs") {
          if (pattern.startsWith(".")) apexChecks.push({ literal: argument, pattern, apex: pattern.slice(1) });
          else if (pattern.includes(".")) {
            context.report({
              messageId: "noLabelBoundary",
              node: argument,
              data: { call: `dnsDomainIs(host, "${pattern}")`, domain: pattern, fixed: `.${pattern}` },
            });
          }
        }
      },
      "Program:exit"() {
        for (const { literal, pattern, apex } of apexChecks) {
          const name = apex.toLowerCase();
          if (!isDoApex(name) || strings.has(name)) continue;
          context.report({ messageId: "missesApex", node: literal, data: { pattern, apex } });
        }
      },
    };
  },
});
