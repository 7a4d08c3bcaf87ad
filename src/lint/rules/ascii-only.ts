import type { ReturnStatement } from "../../syntax/ast.js";
import { positionAt } from "../../source/source-file.js";
import { defineRule } from "../define-rule.js";
import { contains } from "../ast-utils.js";

const NON_ASCII = /[^\x00-\x7f]+/g;

export default defineRule({
  id: "ascii-only",
  meta: {
    type: "problem",
    docs: { description: "PAC files should be plain ASCII; a non-ASCII result string fails outright." },
    messages: {
      text: 'Non-ASCII text "{{text}}": clients decode PAC files differently (Chromium as ISO-8859-1 without a BOM or charset), and vendors accept ASCII only',
      result: 'Non-ASCII text "{{text}}" in a returned string: Chromium fails the request when the result is not ASCII',
    },
    defaultSeverity: "warning",
  },
  create(context) {
    const returns: ReturnStatement[] = [];
    return {
      ReturnStatement: (node) => void returns.push(node),
      "Program:exit"() {
        const text = context.source.text;
        let lastLine = 0;
        for (const match of text.matchAll(NON_ASCII)) {
          const range = [match.index, match.index + match[0].length] as const;
          const inResult = returns.some((statement) => statement.argument !== null && contains(statement.argument, { range }));
          const line = positionAt(context.source, range[0]).line;
          // One report per line is enough to find them; a returned string is always reported.
          if (!inResult && line === lastLine) continue;
          lastLine = line;
          const shown = match[0].length > 20 ? `${match[0].slice(0, 20)}...` : match[0];
          context.report(
            inResult
              ? { messageId: "result", range, data: { text: shown }, severity: "error" }
              : { messageId: "text", range, data: { text: shown } },
          );
        }
      },
    };
  },
});
