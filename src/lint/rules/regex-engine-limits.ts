import { findOversizedRegexes, QUICKJS_MAX_CAPTURES } from "../../evaluate/regex-captures.js";
import { positionAt } from "../../source/source-file.js";
import { defineRule } from "../define-rule.js";

export default defineRule({
  id: "regex-engine-limits",
  meta: {
    type: "problem",
    docs: { description: "Regexes must compile in every client's engine: QuickJS (pac-resolver) rejects more than 254 capture groups." },
    messages: {
      evaluated:
        "This regex has {{captures}} capture groups: QuickJS rejects more than {{max}} (\"SyntaxError: too many captures\"), so pac-resolver (the node profile) fails to load the whole PAC; Chromium's V8 compiles it; Windows' JScript is unverified. pac-do evaluates it with non-capturing groups, since the PAC never reads them; write (?:...) to load everywhere",
      kept:
        "This regex has {{captures}} capture groups: QuickJS rejects more than {{max}} (\"SyntaxError: too many captures\"), so pac-resolver and pac-do's sandbox fail to load the whole PAC while Chromium's V8 compiles it; pac-do cannot make the groups non-capturing because {{why}}{{where}}; write (?:...) for groups nobody reads",
    },
    defaultSeverity: "warning",
  },
  create(context) {
    return {
      "Program:exit"() {
        for (const regex of findOversizedRegexes(context.program)) {
          const data = { captures: String(regex.captures), max: String(QUICKJS_MAX_CAPTURES) };
          if (regex.rewrite) {
            context.report({ messageId: "evaluated", node: regex.node, data });
          } else {
            const at = regex.kept?.at;
            const where = at === undefined || at === regex.node.range[0] ? "" : ` (line ${positionAt(context.source, at).line})`;
            context.report({ messageId: "kept", node: regex.node, data: { ...data, why: regex.kept?.why ?? "", where }, severity: "error" });
          }
        }
      },
    };
  },
});
