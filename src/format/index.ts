export { formatJson, toJson, type JsonDiagnostic, type JsonFileResult } from "./json.js";
export { artifactUri, formatSarif, PARSE_ERROR_RULE_ID, type SarifOptions } from "./sarif.js";
export { formatStylish, type StylishOptions } from "./stylish.js";

/** The output formats `pac-do lint --format` accepts. */
export const FORMAT_NAMES = ["stylish", "json", "sarif"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
