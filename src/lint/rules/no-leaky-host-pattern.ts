import type { Literal } from "../../syntax/ast.js";
import { isStringLiteral } from "../ast-utils.js";
import { defineRule } from "../define-rule.js";

/**
 * DO domains whose apex a `*.` pattern misses: hosts DO uses by their apex name (research §1.2–§1.4;
 * Microsoft added the apex names to its list in 2025) and the domains the FAQ lists as `*.` forms.
 */
const APEX_HOSTS = new Set([
  "dl.delivery.mp.microsoft.com",
  "tlu.dl.delivery.mp.microsoft.com",
  "delivery.mp.microsoft.com",
  "download.windowsupdate.com",
  "ctldl.windowsupdate.com",
  "windowsupdate.com",
  "do.dsp.mp.microsoft.com",
  "emdl.ws.microsoft.com",
]);

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
      noLabelBoundary:
        '{{helper}}(host, "{{domain}}") also matches "evil{{domain}}"; use ".{{domain}}" (and compare the apex with ==)',
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
            context.report({ messageId: "noLabelBoundary", node: argument, data: { helper: "shExpMatch", domain: pattern.slice(1) } });
          }
          if (pattern.startsWith("*.")) apexChecks.push({ literal: argument, pattern, apex: pattern.slice(2) });
        } else if (helper === "dnsDomainIs") {
          if (pattern.startsWith(".")) apexChecks.push({ literal: argument, pattern, apex: pattern.slice(1) });
          else if (pattern.includes(".")) {
            context.report({ messageId: "noLabelBoundary", node: argument, data: { helper: "dnsDomainIs", domain: pattern } });
          }
        }
      },
      "Program:exit"() {
        for (const { literal, pattern, apex } of apexChecks) {
          const name = apex.toLowerCase();
          if (!APEX_HOSTS.has(name) || strings.has(name)) continue;
          context.report({ messageId: "missesApex", node: literal, data: { pattern, apex } });
        }
      },
    };
  },
});
