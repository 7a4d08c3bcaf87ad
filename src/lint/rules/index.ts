import type { RuleModule } from "../define-rule.js";
import asciiOnly from "./ascii-only.js";
import doContentProxied from "./do-content-proxied.js";
import doEntryPointsAgree from "./do-entry-points-agree.js";
import doServiceDirect from "./do-service-direct.js";
import doVerdictComplete from "./do-verdict-complete.js";
import entryPointDefined from "./entry-point-defined.js";
import jscriptCompatible from "./jscript-compatible.js";
import maxSize from "./max-size.js";
import noEnvironmentDependentBypass from "./no-environment-dependent-bypass.js";
import noLeakyHostPattern from "./no-leaky-host-pattern.js";
import noRuntimeError from "./no-runtime-error.js";
import noUnreachableBypass from "./no-unreachable-bypass.js";
import regexEngineLimits from "./regex-engine-limits.js";
import validReturnString from "./valid-return-string.js";

/** Every built-in rule by id, alphabetised. */
export const rules = {
  "ascii-only": asciiOnly,
  "do-content-proxied": doContentProxied,
  "do-entry-points-agree": doEntryPointsAgree,
  "do-service-direct": doServiceDirect,
  "do-verdict-complete": doVerdictComplete,
  "entry-point-defined": entryPointDefined,
  "jscript-compatible": jscriptCompatible,
  "max-size": maxSize,
  "no-environment-dependent-bypass": noEnvironmentDependentBypass,
  "no-leaky-host-pattern": noLeakyHostPattern,
  "no-runtime-error": noRuntimeError,
  "no-unreachable-bypass": noUnreachableBypass,
  "regex-engine-limits": regexEngineLimits,
  "valid-return-string": validReturnString,
} satisfies Record<string, RuleModule<never>>;

export type RuleId = keyof typeof rules;

/** The rules as a list, in id order. */
export const ruleList: readonly RuleModule[] = Object.values(rules);
