import type { EvaluationFailure, ProfileName } from "../../evaluate/types.js";
import type { Identifier, Node, Pattern } from "../../syntax/ast.js";
import type { Range } from "../../types.js";
import { contains } from "../ast-utils.js";
import { defineRule } from "../define-rule.js";
import { findEntryPoints } from "../../pac/entry-points.js";
import { addToGroup, hostSlots, type HostGroup } from "../host-groups.js";

/** The standard PAC helpers every client defines (research §4). */
const PAC_HELPERS = [
  "isPlainHostName",
  "dnsDomainIs",
  "localHostOrDomainIs",
  "isResolvable",
  "isInNet",
  "dnsResolve",
  "myIpAddress",
  "dnsDomainLevels",
  "shExpMatch",
  "weekdayRange",
  "dateRange",
  "timeRange",
];

/** Microsoft's IPv6 helpers (research §2.2). Chromium defines all but getClientVersion (§3.3); pac-resolver none. */
const EX_HELPERS = ["isResolvableEx", "isInNetEx", "dnsResolveEx", "myIpAddressEx", "sortIpAddressList"];

const EX_ONLY: ReadonlySet<string> = new Set([...EX_HELPERS, "getClientVersion"]);

const HELPERS_BY_PROFILE: Readonly<Record<ProfileName, ReadonlySet<string>>> = {
  winhttp: new Set([...PAC_HELPERS, ...EX_HELPERS, "getClientVersion", "alert", "convert_addr"]),
  chromium: new Set([...PAC_HELPERS, ...EX_HELPERS, "alert", "convert_addr"]),
  node: new Set([...PAC_HELPERS, "alert"]),
};

/** ECMAScript globals a PAC may call (ES5 §15 plus later constructors the sandbox engines have). */
const JS_GLOBALS = new Set(
  "Array Boolean Date Error EvalError Function Number Object RangeError ReferenceError RegExp String SyntaxError TypeError URIError Math JSON eval isFinite isNaN parseFloat parseInt decodeURI decodeURIComponent encodeURI encodeURIComponent escape unescape Map Set Symbol Promise".split(
    " ",
  ),
);

export default defineRule({
  id: "no-runtime-error",
  meta: {
    type: "problem",
    docs: { description: "The PAC must load and run without errors for every endpoint and environment." },
    messages: {
      loadFailure: "The PAC does not load under the {{profile}} profile: {{message}}",
      failure: "{{entryPoint}} fails for {{host}}{{more}} when {{environment}}: {{message}}",
      exHelperOutsideEx:
        "{{name}}() is called from FindProxyForURL; Microsoft documents the IPv6 helpers as usable only inside FindProxyForURLEx, so Windows may not provide it here",
      undefinedHelper: "{{name}}() is not defined anywhere in this file, and the {{profile}} client does not provide it; calling it throws a ReferenceError",
    },
    defaultSeverity: "error",
    usesAnalysis: true,
  },
  create(context) {
    const defined = new Set<string>();
    const callees: Identifier[] = [];
    const declare = (pattern: Pattern | null): void => {
      if (!pattern) return;
      if (pattern.type === "Identifier") defined.add(pattern.name);
      else if (pattern.type === "AssignmentPattern") declare(pattern.left);
      else if (pattern.type === "RestElement") declare(pattern.argument);
      else if (pattern.type === "ArrayPattern") pattern.elements.forEach(declare);
      else if (pattern.type === "ObjectPattern") {
        for (const property of pattern.properties) declare(property.type === "RestElement" ? property.argument : toPattern(property.value));
      }
    };
    const declareParams = (node: { readonly params: readonly Pattern[] }): void => node.params.forEach(declare);

    return {
      FunctionDeclaration(node) {
        defined.add(node.id.name);
        declareParams(node);
      },
      FunctionExpression(node) {
        if (node.id) defined.add(node.id.name);
        declareParams(node);
      },
      ArrowFunctionExpression: declareParams,
      VariableDeclarator: (node) => declare(node.id),
      AssignmentExpression: (node) => declare(node.left),
      CatchClause: (node) => declare(node.param),
      CallExpression(node) {
        if (node.callee.type === "Identifier") callees.push(node.callee);
      },
      async "Program:exit"() {
        const helpers = HELPERS_BY_PROFILE[context.profile];
        if (context.profile === "winhttp") {
          // research §2.2: the Ex helpers "are only usable from inside FindProxyForURLEx".
          const legacy = findEntryPoints(context.program).filter((definition) => definition.name === "FindProxyForURL");
          for (const callee of callees) {
            if (!EX_ONLY.has(callee.name) || defined.has(callee.name)) continue;
            if (legacy.some((definition) => contains(definition.fn, callee))) {
              context.report({ messageId: "exHelperOutsideEx", node: callee, data: { name: callee.name }, severity: "warning" });
            }
          }
        }
        const reported = new Set<string>();
        for (const callee of callees) {
          const name = callee.name;
          if (defined.has(name) || helpers.has(name) || JS_GLOBALS.has(name) || reported.has(name)) continue;
          reported.add(name);
          context.report({ messageId: "undefinedHelper", node: callee, data: { name, profile: context.profile } });
        }

        const analysis = await context.analysis();
        if (analysis.loadFailure) {
          context.report({
            messageId: "loadFailure",
            range: analysis.loadFailure.range ?? [0, 0],
            data: { message: analysis.loadFailure.message, profile: context.profile },
          });
          return;
        }
        const entryPoints = findEntryPoints(context.program);
        const groups = new Map<string, HostGroup<{ failure: EvaluationFailure; entryPoint: string; environment: string; range: Range }>>();
        for (const route of analysis.routes) {
          for (const outcome of route.outcomes) {
            const failure = outcome.failure;
            // A non-string result is valid-return-string's finding; a missing entry point is entry-point-defined's.
            if (!failure || failure.kind === "not-a-string" || failure.kind === "no-entry-point") continue;
            // The static check above already named an undefined helper; its ReferenceError adds nothing.
            const missing = /ReferenceError: '?(\w+)'? is not defined/.exec(failure.message)?.[1];
            if (missing !== undefined && reported.has(missing)) continue;
            const entryPointRange = entryPoints.find((d) => d.name === route.entryPoint)?.nameRange;
            // Where a timeout or an exhausted limit interrupts the script varies from run to run; the entry point does not.
            const interrupted = failure.kind === "timeout" || failure.kind === "busy" || failure.kind === "memory" || failure.kind === "stack";
            const range = (interrupted ? entryPointRange : (failure.range ?? outcome.returnRange ?? entryPointRange)) ?? [0, 0];
            const key = `${route.entryPoint}|${range.join(":")}|${failure.message}`;
            addToGroup(groups, key, route.host, () => ({ failure, entryPoint: route.entryPoint, environment: outcome.witness.label, range }));
          }
        }
        for (const { hosts, first } of groups.values()) {
          context.report({
            messageId: "failure",
            range: first.range,
            data: { entryPoint: first.entryPoint, ...hostSlots(hosts, "host"), environment: first.environment, message: first.failure.message },
          });
        }
      },
    };
  },
});

function toPattern(node: Node): Pattern | null {
  switch (node.type) {
    case "Identifier":
    case "ObjectPattern":
    case "ArrayPattern":
    case "AssignmentPattern":
    case "RestElement":
      return node;
    default:
      return null;
  }
}
