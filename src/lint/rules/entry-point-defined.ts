import { defineRule } from "../define-rule.js";
import { findEntryPoints } from "../../pac/entry-points.js";

export default defineRule({
  id: "entry-point-defined",
  meta: {
    type: "problem",
    docs: { description: "The PAC must define FindProxyForURL as a function (and may add FindProxyForURLEx for Windows)." },
    messages: {
      missing: "No FindProxyForURL function is defined; every client fails to use this PAC",
      onlyEx:
        "Only FindProxyForURLEx is defined: Windows uses it, but Chromium, Edge and Firefox look only for FindProxyForURL and fail; define both",
    },
    defaultSeverity: "error",
  },
  create(context) {
    return {
      "Program:exit"() {
        const definitions = findEntryPoints(context.program);
        if (definitions.some((definition) => definition.name === "FindProxyForURL")) return;
        const ex = definitions.find((definition) => definition.name === "FindProxyForURLEx");
        if (ex) {
          // Under WinHTTP the file works for DO; it is the other clients that break (research §2.1, §6.7).
          context.report({ messageId: "onlyEx", range: ex.nameRange, severity: context.profile === "winhttp" ? "warning" : "error" });
        } else {
          context.report({ messageId: "missing", range: [0, 0] });
        }
      },
    };
  },
});
