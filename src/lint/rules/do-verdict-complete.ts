import { verdictGaps } from "../../analyze/gaps.js";
import { defineRule } from "../define-rule.js";

export default defineRule({
  id: "do-verdict-complete",
  meta: {
    type: "problem",
    docs: { description: "The route analysis must be able to show DO service hosts DIRECT first in every environment, not just in the ones it tried." },
    messages: {
      incomplete:
        "{{what}}: DO service hosts are shown DIRECT first only in the environments the analysis tried; `pac-do fix` puts a bypass first that reads nothing but the host",
      blockDefeated:
        "{{what}}, and the PAC replaces part of the library (String, RegExp, a prototype) that pac-do's block relies on: the block cannot vouch for DO service hosts on later calls; remove the replacement",
    },
    fixable: true,
    defaultSeverity: "warning",
    usesAnalysis: true,
  },
  create(context) {
    return {
      async "Program:exit"() {
        const analysis = await context.analysis();
        for (const gap of verdictGaps(analysis, context.program, context.source.text, context.comments)) {
          context.report({ messageId: gap.blockDefeated ? "blockDefeated" : "incomplete", range: gap.range, data: { what: gap.what } });
        }
      },
    };
  },
});
