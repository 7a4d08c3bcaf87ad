import type { Range } from "../../types.js";
import { defineRule } from "../define-rule.js";
import { proxiedFirst } from "../do-hosts.js";
import { addToGroup, hostSlots, type HostGroup } from "../host-groups.js";

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
        const groups = new Map<string, HostGroup<{ proxy: string; environment: string; range: Range }>>();
        for (const route of analysis.routes) {
          if (route.endpoint?.role !== "content") continue;
          for (const outcome of route.outcomes) {
            const entry = proxiedFirst(outcome);
            const range = outcome.returnRange;
            if (!entry || !range) continue;
            addToGroup(groups, range.join(":"), route.host, () => ({ proxy: entry.text.trim(), environment: outcome.witness.label, range }));
          }
        }
        for (const { hosts, first } of groups.values()) {
          context.report({
            messageId: "proxied",
            range: first.range,
            data: { ...hostSlots(hosts, "DO content host"), proxy: `"${first.proxy}"`, environment: first.environment },
          });
        }
      },
    };
  },
});
