import type { HostRoutes, RouteOutcome } from "../../analyze/types.js";
import { positionAt } from "../../source/source-file.js";
import type { Range } from "../../types.js";
import { defineRule } from "../define-rule.js";
import { quoteResult } from "../do-hosts.js";
import { findEntryPoints } from "../../pac/entry-points.js";
import { addToGroup, hostSlots, type HostGroup } from "../host-groups.js";

/** What a client does with an outcome: the valid entries in order, or the failure. */
function routeKey(outcome: RouteOutcome): string {
  if (outcome.failure) return `failure:${outcome.failure.kind}`;
  return outcome.entries
    .filter((entry) => entry.invalid === undefined)
    .map((entry) => (entry.type === "DIRECT" ? "DIRECT" : `${entry.type} ${entry.host ?? ""}:${entry.port ?? ""}`))
    .join(";");
}

function byEnvironment(route: HostRoutes): Map<string, RouteOutcome> {
  const map = new Map<string, RouteOutcome>();
  for (const outcome of route.outcomes) for (const id of outcome.environmentIds) map.set(id, outcome);
  return map;
}

interface Disagreement {
  readonly ex: RouteOutcome;
  readonly legacy: RouteOutcome;
  readonly environment: string;
}

export default defineRule({
  id: "do-entry-points-agree",
  meta: {
    type: "problem",
    docs: { description: "FindProxyForURLEx and FindProxyForURL must route Delivery Optimization endpoints the same way." },
    messages: {
      disagree:
        "FindProxyForURLEx routes {{host}}{{more}} {{exResult}} but FindProxyForURL routes it {{legacyResult}}{{legacyLine}} when {{environment}}; Windows calls FindProxyForURLEx when it is defined, Chromium and Edge only FindProxyForURL",
    },
    defaultSeverity: "error",
    usesAnalysis: true,
  },
  create(context) {
    return {
      async "Program:exit"() {
        const analysis = await context.analysis();
        if (!analysis.entryPoints.includes("FindProxyForURL") || !analysis.entryPoints.includes("FindProxyForURLEx")) return;
        const legacyRoutes = new Map<string, HostRoutes>();
        for (const route of analysis.routes) if (route.endpoint && route.entryPoint === "FindProxyForURL") legacyRoutes.set(route.url, route);

        const found = new Map<string, HostGroup<Disagreement>>();
        for (const route of analysis.routes) {
          if (!route.endpoint || route.entryPoint !== "FindProxyForURLEx") continue;
          const legacyRoute = legacyRoutes.get(route.url);
          if (!legacyRoute) continue;
          const legacyByEnv = byEnvironment(legacyRoute);
          for (const [environmentId, ex] of byEnvironment(route)) {
            const legacy = legacyByEnv.get(environmentId);
            if (!legacy || routeKey(legacy) === routeKey(ex)) continue;
            const key = `${ex.returnRange?.join(":") ?? "?"}|${legacy.returnRange?.join(":") ?? "?"}`;
            addToGroup(found, key, route.host, () => ({
              ex,
              legacy,
              environment: analysis.environments.find((env) => env.id === environmentId)?.label ?? ex.witness.label,
            }));
          }
        }

        const exDefinition = findEntryPoints(context.program).find((definition) => definition.name === "FindProxyForURLEx");
        const fallback: Range = exDefinition?.nameRange ?? [0, 0];
        for (const { hosts, first: disagreement } of found.values()) {
          const legacyReturn = disagreement.legacy.returnRange;
          context.report({
            messageId: "disagree",
            range: disagreement.ex.returnRange ?? fallback,
            data: {
              ...hostSlots(hosts, "DO host"),
              exResult: describe(disagreement.ex),
              legacyResult: describe(disagreement.legacy),
              legacyLine: legacyReturn ? ` (line ${positionAt(context.source, legacyReturn[0]).line})` : "",
              environment: disagreement.environment,
            },
          });
        }
      },
    };
  },
});

function describe(outcome: RouteOutcome): string {
  return outcome.failure ? `into a failure (${outcome.failure.message})` : quoteResult(outcome.result);
}
