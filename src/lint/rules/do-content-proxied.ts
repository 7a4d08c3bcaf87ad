import type { Range } from "../../types.js";
import { defineRule } from "../define-rule.js";
import { proxiedFirst } from "../do-hosts.js";

export default defineRule({
  id: "do-content-proxied",
  meta: {
    type: "suggestion",
    docs: { description: "Delivery Optimization content may go through a proxy only if the proxy leaves it unmodified and allows byte ranges." },
    messages: {
      proxied:
        "{{host}}{{more}} goes through {{proxy}} when {{environment}}: allowed for DO content, but the proxy must not modify or scan the content and must allow HTTP byte-range requests (KB 3175743)",
    },
    defaultSeverity: "info",
    usesAnalysis: true,
  },
  create(context) {
    return {
      async "Program:exit"() {
        const analysis = await context.analysis();
        const groups = new Map<string, { hosts: string[]; proxy: string; environment: string; range: Range }>();
        for (const route of analysis.routes) {
          if (route.endpoint?.role !== "content") continue;
          for (const outcome of route.outcomes) {
            const entry = proxiedFirst(outcome);
            if (!entry || !outcome.returnRange) continue;
            const key = outcome.returnRange.join(":");
            const group = groups.get(key);
            if (group) {
              if (!group.hosts.includes(route.host)) group.hosts.push(route.host);
              continue;
            }
            groups.set(key, { hosts: [route.host], proxy: entry.text.trim(), environment: outcome.witness.label, range: outcome.returnRange });
          }
        }
        for (const group of groups.values()) {
          const others = group.hosts.length - 1;
          context.report({
            messageId: "proxied",
            range: group.range,
            data: {
              host: group.hosts[0] ?? "",
              more: others > 0 ? ` (and ${others} more DO content host${others === 1 ? "" : "s"})` : "",
              proxy: `"${group.proxy}"`,
              environment: group.environment,
            },
          });
        }
      },
    };
  },
});
