import { HOSTED_UPLOAD_LIMIT, hostingVendor } from "../../pac/hosted-variables.js";
import { utf8Length, type SourceFile } from "../../source/source-file.js";
import { defineRule } from "../define-rule.js";

const KB = 1024;
/** WinHTTP (XP SP2/2003 docs) and Chromium reject PAC files over 1 MB (research §2.5, §3.5). */
export const HARD_LIMIT = 1024 * KB;
/** Zscaler's upload limit, the smallest vendor limit in the research (§6). */
const SOFT_LIMIT = 256 * KB;

/** The file's size in bytes as stored: UTF-8, with its BOM. */
export function sourceBytes(source: SourceFile): number {
  return utf8Length(source.text) + (source.bom ? 3 : 0);
}

export default defineRule({
  id: "max-size",
  meta: {
    type: "problem",
    docs: { description: "PAC files must stay under 1 MB, the limit of WinHTTP and Chromium, and should stay under 256 KB." },
    messages: {
      tooLarge: "The file is {{size}}; WinHTTP and Chromium reject PAC files over 1 MB",
      large: "The file is {{size}}; some proxy vendors reject PAC files over 256 KB (Zscaler), and every request pays for the size",
      hostedTooLarge: "The file is {{size}} and uses {{vendor}}'s PAC variables ({{variable}}), but {{vendor}} rejects PAC uploads over {{limit}}",
    },
    defaultSeverity: "error",
  },
  create(context) {
    return {
      "Program:exit"() {
        const bytes = sourceBytes(context.source);
        const size = bytes >= 1024 * KB ? `${(bytes / (1024 * KB)).toFixed(2)} MB` : `${(bytes / KB).toFixed(0)} KB`;
        const vendor = hostingVendor(context.source.text);
        const hostedLimit = vendor === undefined ? undefined : HOSTED_UPLOAD_LIMIT[vendor];
        if (bytes > HARD_LIMIT) context.report({ messageId: "tooLarge", range: [0, 0], data: { size } });
        else if (vendor !== undefined && hostedLimit !== undefined && bytes > hostedLimit) {
          const variable = context.source.text.match(/\$\{[^{}\r\n]*\}/)?.[0] ?? "";
          context.report({ messageId: "hostedTooLarge", range: [0, 0], data: { size, vendor, variable, limit: `${hostedLimit / KB} KB` } });
        }
        else if (bytes > SOFT_LIMIT) context.report({ messageId: "large", range: [0, 0], data: { size }, severity: "warning" });
      },
    };
  },
});
