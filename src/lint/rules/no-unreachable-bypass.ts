import type { Node, ReturnStatement, Statement } from "../../syntax/ast.js";
import { positionAt } from "../../source/source-file.js";
import { alwaysExits, contains } from "../ast-utils.js";
import { findDoBypasses, type Declaration } from "../bypass.js";
import { defineRule } from "../define-rule.js";
import { proxiedFirst, quoteResult } from "../do-hosts.js";
import { findEntryPoints } from "../../pac/entry-points.js";

export default defineRule({
  id: "no-unreachable-bypass",
  meta: {
    type: "problem",
    docs: { description: "A Delivery Optimization bypass must be reachable: not after an unconditional return, not shadowed by an earlier rule." },
    messages: {
      afterExit: "This DO bypass never runs: the {{exit}} on line {{line}} always leaves the function first",
      shadowed: "This DO bypass never takes effect: no analysed host or environment reaches it; {{host}} is decided by line {{line}} ({{result}}) first",
      neverReached: "This DO bypass never takes effect: no analysed host or environment reaches it",
    },
    defaultSeverity: "error",
    usesAnalysis: true,
  },
  create(context) {
    const returns: ReturnStatement[] = [];
    const declarations: Declaration[] = [];
    /** Statements that follow an unconditional exit in the same list, with that exit. */
    const dead: { statement: Statement; exit: Statement }[] = [];
    const scan = (body: readonly Statement[]): void => {
      const exit = body.find(alwaysExits);
      if (!exit) return;
      // Function declarations are hoisted, so they are not dead code even after a return.
      for (const statement of body.slice(body.indexOf(exit) + 1)) {
        if (statement.type !== "FunctionDeclaration") dead.push({ statement, exit });
      }
    };
    const exitName = (statement: Statement): string =>
      statement.type === "ThrowStatement" ? "throw" : statement.type === "ReturnStatement" ? "return" : "statement";

    return {
      ReturnStatement: (node) => void returns.push(node),
      FunctionDeclaration: (node) => void declarations.push(node),
      VariableDeclarator: (node) => void declarations.push(node),
      BlockStatement: (node) => scan(node.body),
      Program: (node) => scan(node.body),
      SwitchCase: (node) => scan(node.consequent),
      async "Program:exit"() {
        const bypasses = findDoBypasses(context, returns, declarations);
        if (bypasses.length === 0) return;
        const staticallyDead = new Set<Node>();
        for (const bypass of bypasses) {
          const hit = dead.find(({ statement }) => contains(statement, bypass.statement));
          if (!hit) continue;
          staticallyDead.add(bypass.statement);
          context.report({
            messageId: "afterExit",
            node: bypass.statement,
            data: { exit: exitName(hit.exit), line: positionAt(context.source, hit.exit.range[0]).line },
          });
        }

        const analysis = await context.analysis();
        if (analysis.loadFailure) return;
        const reached = new Set<string>();
        for (const route of analysis.routes) {
          for (const outcome of route.outcomes) if (outcome.returnRange) reached.add(outcome.returnRange.join(":"));
        }
        const entryPoints = findEntryPoints(context.program);
        for (const bypass of bypasses) {
          if (staticallyDead.has(bypass.statement) || reached.has(bypass.statement.range.join(":"))) continue;
          const entryPoint = entryPoints.find((definition) => definition.fn === bypass.fn);
          // Only returns of an entry point the analysis ran decide routes; helpers' returns are not tracked.
          if (!entryPoint || !analysis.routes.some((route) => route.entryPoint === entryPoint.name)) continue;
          const earlier = analysis.routes
            .filter((route) => route.endpoint && route.entryPoint === entryPoint.name)
            .flatMap((route) => route.outcomes.map((outcome) => ({ route, outcome })))
            .filter(({ outcome }) => outcome.returnRange !== undefined && outcome.returnRange[0] < bypass.statement.range[0]);
          // Shadowed by an earlier DIRECT for the same hosts (say, pac-do's own block) is redundant, not broken.
          const decider = earlier.find(({ outcome }) => outcome.failure !== undefined || proxiedFirst(outcome) !== undefined);
          if (earlier.length > 0 && !decider) continue;
          if (decider?.outcome.returnRange) {
            context.report({
              messageId: "shadowed",
              node: bypass.statement,
              data: {
                host: decider.route.host,
                line: positionAt(context.source, decider.outcome.returnRange[0]).line,
                result: quoteResult(decider.outcome.result),
              },
            });
          } else {
            context.report({ messageId: "neverReached", node: bypass.statement });
          }
        }
      },
    };
  },
});
