import type { Expression, Node, ReturnStatement } from "../../syntax/ast.js";
import type { Range, Severity } from "../../types.js";
import { functionOf } from "../bypass.js";
import { defineRule, formatMessage } from "../define-rule.js";
import { findEntryPoints } from "../../pac/entry-points.js";
import { parseProxyList } from "../../pac/proxy-string.js";
import { checkProxyString, type ResultProblemId } from "../proxy-string-check.js";

export default defineRule({
  id: "valid-return-string",
  meta: {
    type: "problem",
    docs: { description: "Entry points must return proxy strings that every client reads the same way." },
    messages: {
      templateMacro:
        'The result contains the template macro "{{macro}}", which no hosted-PAC server pac-do knows fills in (Zscaler\'s are ${GATEWAY}, ${SECONDARY_GATEWAY}, ${GATEWAY_HOST}, ...); served as written, clients drop the entry',
      emptyResult: "The result is empty: Chromium reads it as DIRECT, other clients may fail; return \"DIRECT\" explicitly",
      unknownKeyword: '"{{entry}}": "{{keyword}}" is not a PAC keyword (DIRECT, PROXY, HTTPS, SOCKS, SOCKS4, SOCKS5); clients drop the entry',
      httpKeyword: '"{{entry}}": Chromium and Edge do not know the HTTP keyword and drop the entry; use PROXY',
      lowercaseKeyword: '"{{entry}}": write the keyword "{{keyword}}" in upper case ({{upper}}); vendors and older clients expect upper case',
      directWithHost: '"{{entry}}": DIRECT takes no host; clients drop the entry',
      emptyHost: '"{{entry}}" has no proxy host; clients drop the entry',
      extraText: '"{{entry}}": unexpected "{{extra}}" after the proxy; separate entries with ";"',
      credentials: '"{{entry}}": credentials in the proxy address are not allowed; clients drop the entry',
      badPort: '"{{entry}}": "{{port}}" is not a valid port (1-65535); clients drop the entry',
      missingPort: '"{{entry}}" has no port; clients then guess one (80 for PROXY, 1080 for SOCKS), so write it',
      unsupported: '"{{entry}}": {{reason}}, so the {{profile}} client may drop the entry',
      nonString: "{{entryPoint}} returns {{what}}, not a string; Chromium fails the request (ERR_PAC_SCRIPT_FAILED) and other clients differ",
      actual: '{{entryPoint}} returns "{{result}}" for {{host}} when {{environment}}: {{problem}}',
    },
    defaultSeverity: "error",
    usesAnalysis: true,
  },
  create(context) {
    const returns: ReturnStatement[] = [];
    /** A 1 MB PAC returns the same few strings thousands of times: each is checked once. */
    const problemsOf = new Map<string, readonly LiteralProblem[]>();
    const literalProblems = (value: string): readonly LiteralProblem[] => {
      let found = problemsOf.get(value);
      if (found === undefined) {
        const problems: LiteralProblem[] = checkProxyString(value).map(({ id, data, severity }) => ({ messageId: id, data, severity }));
        // Well-formed entries the profile's client still drops, e.g. SOCKS5 under WinHTTP (research §2.3).
        if (problems.length === 0) {
          for (const entry of parseProxyList(value, context.profile)) {
            if (entry.invalid === undefined) continue;
            problems.push({ messageId: "unsupported", data: { entry: entry.text, reason: entry.invalid, profile: context.profile }, severity: "warning" });
          }
        }
        found = problems;
        problemsOf.set(value, found);
      }
      return found;
    };
    /** Returns whose argument was fully checked from the source. */
    const checked = new Set<string>();

    const checkLiteral = (expression: Expression, entryPoint: string): boolean => {
      if (expression.type === "ConditionalExpression") {
        const both = checkLiteral(expression.consequent, entryPoint);
        return checkLiteral(expression.alternate, entryPoint) && both;
      }
      if (expression.type === "Literal" && typeof expression.value === "string") {
        for (const { messageId, data, severity } of literalProblems(expression.value)) context.report({ messageId, node: expression, data, severity });
        return true;
      }
      const what = nonStringKind(expression);
      if (what) context.report({ messageId: "nonString", node: expression, data: { entryPoint, what } });
      return what !== undefined;
    };

    return {
      ReturnStatement: (node) => void returns.push(node),
      async "Program:exit"() {
        const entryPoints = findEntryPoints(context.program);
        const entryPointOf = (node: Node): string | undefined => {
          const fn = functionOf(node, context);
          return entryPoints.find((definition) => definition.fn === fn)?.name;
        };
        for (const statement of returns) {
          const entryPoint = entryPointOf(statement);
          if (!entryPoint) continue;
          if (statement.argument === null) {
            context.report({ messageId: "nonString", node: statement, data: { entryPoint, what: "undefined" } });
            checked.add(statement.range.join(":"));
          } else if (checkLiteral(statement.argument, entryPoint)) {
            checked.add(statement.range.join(":"));
          }
        }

        // Computed results ("PROXY " + gateway) are checked as the analysis saw them.
        const analysis = await context.analysis();
        const seen = new Set<string>();
        for (const route of analysis.routes) {
          for (const outcome of route.outcomes) {
            const range: Range | undefined = outcome.returnRange;
            if (!range || checked.has(range.join(":"))) continue;
            if (outcome.failure?.kind === "not-a-string") {
              const key = `${range.join(":")}|nonString`;
              if (seen.has(key)) continue;
              seen.add(key);
              context.report({ messageId: "nonString", range, data: { entryPoint: route.entryPoint, what: outcome.failure.message } });
              continue;
            }
            if (outcome.result === null) continue;
            for (const problem of checkProxyString(outcome.result)) {
              const key = `${range.join(":")}|${problem.id}`;
              if (seen.has(key)) continue;
              seen.add(key);
              context.report({
                messageId: "actual",
                range,
                severity: problem.severity,
                data: {
                  entryPoint: route.entryPoint,
                  result: outcome.result,
                  host: route.host,
                  environment: outcome.witness.label,
                  problem: formatMessage(PROBLEM_TEXT[problem.id], problem.data),
                },
              });
            }
          }
        }
      },
    };
  },
});

/** A report a returned string literal gets, whichever return it is. */
interface LiteralProblem {
  readonly messageId: ResultProblemId | "unsupported";
  readonly data: Readonly<Record<string, string>>;
  readonly severity: Severity;
}

/** Short forms of the problems for results the analysis computed. */
const PROBLEM_TEXT: Readonly<Record<ResultProblemId, string>> = {
  templateMacro: 'template macro "{{macro}}" that no hosted-PAC server fills in',
  emptyResult: "an empty result",
  unknownKeyword: '"{{keyword}}" is not a PAC keyword',
  httpKeyword: "Chromium and Edge drop the HTTP keyword",
  lowercaseKeyword: 'lower-case keyword "{{keyword}}"',
  directWithHost: "DIRECT takes no host",
  emptyHost: "no proxy host",
  extraText: 'unexpected "{{extra}}" after the proxy',
  credentials: "credentials in the proxy address",
  badPort: '"{{port}}" is not a valid port',
  missingPort: '"{{entry}}" has no port',
};

/** What a returned expression is when it is certainly not a string. */
function nonStringKind(expression: Expression): string | undefined {
  switch (expression.type) {
    case "Literal":
      return expression.regex ? "a regular expression" : expression.value === null ? "null" : `a ${typeof expression.value}`;
    case "ObjectExpression":
      return "an object";
    case "ArrayExpression":
      return "an array";
    case "FunctionExpression":
    case "ArrowFunctionExpression":
      return "a function";
    case "Identifier":
      return expression.name === "undefined" ? "undefined" : undefined;
    case "UnaryExpression":
      return expression.operator === "void" ? "undefined" : expression.operator === "!" ? "a boolean" : undefined;
    default:
      return undefined;
  }
}
