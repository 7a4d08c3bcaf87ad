/**
 * src/evaluate/node-profile.ts in the browser. The node profile is pac-resolver running in Node: its
 * helpers call Node's resolver (`dns.lookup`) and its clock follows `process.env.TZ`, neither of which
 * a page has, so a port would answer differently from the CLI. The page offers winhttp and chromium.
 */
import type { EvaluationFailure, PacEvaluator } from "../../src/evaluate/types.js";

export const NODE_PROFILE_UNAVAILABLE =
  "the node profile is pac-resolver running in Node (Node's DNS resolver, process.env.TZ for the clock); a browser has neither, so the playground offers winhttp and chromium";

export function createNodeEvaluator(_options: unknown): { ok: true; evaluator: PacEvaluator } | { ok: false; failure: EvaluationFailure } {
  return { ok: false, failure: { kind: "exception", message: NODE_PROFILE_UNAVAILABLE } };
}
