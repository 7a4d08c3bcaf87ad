import type { CallExpression, Node, ReturnStatement } from "../../syntax/ast.js";
import { positionAt } from "../../source/source-file.js";
import { contains, findNodes } from "../ast-utils.js";
import { findDoBypasses, type Declaration, type GuardList } from "../bypass.js";
import { defineRule } from "../define-rule.js";

/** Helpers whose answer depends on DNS, the client's address or the clock (research §4). */
const DEPENDS_ON: Readonly<Record<string, string>> = {
  isResolvable: "DNS",
  isResolvableEx: "DNS",
  dnsResolve: "DNS",
  dnsResolveEx: "DNS",
  isInNet: "DNS",
  isInNetEx: "DNS",
  myIpAddress: "the client's address",
  myIpAddressEx: "the client's address",
  timeRange: "the time",
  weekdayRange: "the time",
  dateRange: "the time",
};

function isDependentCall(node: Node): node is CallExpression {
  return node.type === "CallExpression" && node.callee.type === "Identifier" && Object.hasOwn(DEPENDS_ON, node.callee.name);
}

export default defineRule({
  id: "no-environment-dependent-bypass",
  meta: {
    type: "suggestion",
    docs: { description: "A Delivery Optimization bypass should not depend on DNS, the client's address or the time." },
    messages: {
      dependent:
        "The DO bypass on line {{line}} depends on {{what}} through {{helper}}(): it holds only in some environments, and each request pays for the lookup (KB 3140773); match the host name alone",
      publicAddress:
        "The DO bypass on line {{line}} depends on the client's public address (${SRCIP}, which Zscaler's PAC server fills in) through {{helper}}(): it holds only for some egress addresses, while DO needs DIRECT everywhere; match the host name alone",
    },
    defaultSeverity: "warning",
  },
  create(context) {
    const returns: ReturnStatement[] = [];
    const declarations: Declaration[] = [];
    return {
      ReturnStatement: (node) => void returns.push(node),
      FunctionDeclaration: (node) => void declarations.push(node),
      VariableDeclarator: (node) => void declarations.push(node),
      "Program:exit"() {
        const reported = new Set<CallExpression>();
        // Bypasses share the tails of their guard lists (an else-if chain): each guard is read once.
        const read = new Set<GuardList>();
        for (const bypass of findDoBypasses(context, returns, declarations)) {
          for (let cell: GuardList | null = bypass.guards; cell !== null && !read.has(cell); cell = cell.next) {
            read.add(cell);
            const guard = cell.guard;
            for (const call of findNodes(guard, isDependentCall).sort((a, b) => a.range[0] - b.range[0])) {
              if (call.callee.type !== "Identifier" || [...reported].some((outer) => contains(outer, call))) continue;
              reported.add(call);
              const helper = call.callee.name;
              const line = positionAt(context.source, bypass.statement.range[0]).line;
              if (helper.startsWith("isInNet") && readsPublicAddress(call, declarations)) {
                context.report({ messageId: "publicAddress", node: call, data: { line, helper } });
                continue;
              }
              // isInNet on an address literal or on myIpAddress() does no DNS lookup.
              const what = helper.startsWith("isInNet") && !mentionsHost(call) ? "the client's address" : (DEPENDS_ON[helper] ?? "the environment");
              context.report({
                messageId: "dependent",
                node: call,
                data: { line, what, helper },
              });
            }
          }
        }
      },
    };
  },
});

/** Whether an isInNet call tests `${SRCIP}`, written out or through a variable initialised with it. */
function readsPublicAddress(call: CallExpression, declarations: readonly Declaration[]): boolean {
  const first = call.arguments[0];
  const isSrcip = (node: unknown): boolean => typeof node === "object" && node !== null && "type" in node && node.type === "Literal" && "value" in node && node.value === "${SRCIP}";
  if (isSrcip(first)) return true;
  if (first?.type !== "Identifier") return false;
  return declarations.some((d) => d.type === "VariableDeclarator" && d.id.type === "Identifier" && d.id.name === first.name && isSrcip(d.init));
}

/** Whether an isInNet call tests the request's host (a DNS lookup) rather than an address. */
function mentionsHost(call: CallExpression): boolean {
  const first = call.arguments[0];
  return first !== undefined && first.type === "Identifier";
}
