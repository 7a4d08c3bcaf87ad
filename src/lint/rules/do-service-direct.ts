import { serviceViolations } from "../../analyze/findings.js";
import type { EntryPointName, ProxyEntry } from "../../evaluate/types.js";
import { hostedProxyNote } from "../../pac/hosted-variables.js";
import { positionAt } from "../../source/source-file.js";
import type { Range } from "../../types.js";
import { defineRule } from "../define-rule.js";
import { quoteResult } from "../do-hosts.js";
import { findEntryPoints } from "../../pac/entry-points.js";
import { addToGroup, hostSlots, type HostGroup } from "../host-groups.js";

interface Violation {
  readonly result: string | null;
  readonly entries: readonly ProxyEntry[];
  readonly entryPoint: EntryPointName;
  readonly environment: string;
  readonly returnRange: Range | undefined;
}

export default defineRule({
  id: "do-service-direct",
  meta: {
    type: "problem",
    docs: { description: "Delivery Optimization service endpoints must be DIRECT as the first entry in every environment." },
    messages: {
      notDirect:
        "{{host}}{{more}} gets {{result}}{{via}} from {{entryPoint}}{{line}} when {{environment}}; DO service endpoints pin their certificates and group peers by the client's public IP, so they must be DIRECT first",
    },
    fixable: true,
    defaultSeverity: "error",
    usesAnalysis: true,
  },
  create(context) {
    return {
      async "Program:exit"() {
        const analysis = await context.analysis();
        // Chromium and pac-resolver only call FindProxyForURL; WinHTTP may call either (research §2.1, §3.3).
        const checked = (entryPoint: EntryPointName): boolean => context.profile === "winhttp" || entryPoint === "FindProxyForURL";
        const violations = new Map<string, HostGroup<Violation>>();
        // A failed evaluation is no-runtime-error's finding; here only routes that reach a proxy or nothing usable.
        for (const violation of serviceViolations(analysis)) {
          if (violation.reason === "failed" || !checked(violation.entryPoint)) continue;
          const key = `${violation.entryPoint}@${violation.returnRange?.join(":") ?? "?"}`;
          addToGroup(violations, key, violation.host, () => ({
            result: violation.outcome.result,
            entries: violation.outcome.entries,
            entryPoint: violation.entryPoint,
            environment: violation.witness.label,
            returnRange: violation.returnRange,
          }));
        }
        const definitions = findEntryPoints(context.program);
        for (const { hosts, first: violation } of violations.values()) {
          const fallback = definitions.find((definition) => definition.name === violation.entryPoint)?.nameRange ?? [0, 0];
          context.report({
            messageId: "notDirect",
            range: violation.returnRange ?? fallback,
            data: {
              ...hostSlots(hosts, "DO service host"),
              result: quoteResult(violation.result),
              via: hostedProxyNote(violation.entries),
              entryPoint: violation.entryPoint,
              line: violation.returnRange ? ` (line ${positionAt(context.source, violation.returnRange[0]).line})` : "",
              environment: violation.environment,
            },
          });
        }
      },
    };
  },
});
