import type { RouteOutcome } from "../analyze/types.js";
import type { ProxyEntry } from "../evaluate/types.js";
import type { Literal, Node } from "../syntax/ast.js";

/**
 * Domain names that select Delivery Optimization traffic (research §1.2–§1.4): the DO service
 * `*.do.dsp.mp.microsoft.com`, the content CDNs `*.delivery.mp.microsoft.com` and `*.windowsupdate.com`,
 * the legacy `emdl.ws.microsoft.com`, and `microsoft.com` itself, which a wide bypass uses.
 */
const DO_NAME_FRAGMENTS = ["do.dsp.mp.microsoft", "delivery.mp.microsoft", "windowsupdate.com", "emdl.ws.microsoft", "microsoft.com"];

/** Whether a string or regex literal names (part of) a DO host: `"*.do.dsp.mp.microsoft.com"`, `/\.windowsupdate\.com$/`. */
export function namesDoHost(node: Node): node is Literal {
  if (node.type !== "Literal") return false;
  const text = node.regex ? node.regex.pattern : typeof node.value === "string" ? node.value : undefined;
  if (text === undefined) return false;
  const plain = text.replace(/\\/g, "").toLowerCase();
  return DO_NAME_FRAGMENTS.some((fragment) => plain.includes(fragment));
}

/** The entry a client uses first: invalid entries are dropped (research §3.2). */
function firstValidEntry(entries: readonly ProxyEntry[]): ProxyEntry | undefined {
  return entries.find((entry) => entry.invalid === undefined);
}

/**
 * Whether an outcome sends the request through a proxy first. A failed evaluation is not a route
 * (no-runtime-error reports it); a result with no valid entry is DIRECT in Chromium (research §3.2).
 */
export function proxiedFirst(outcome: RouteOutcome): ProxyEntry | undefined {
  if (outcome.failure || outcome.result === null) return undefined;
  const first = firstValidEntry(outcome.entries);
  return first && first.type !== "DIRECT" ? first : undefined;
}

/** Shortens a PAC result for a one-line message. */
export function quoteResult(result: string | null): string {
  if (result === null) return "no result";
  const text = result.length > 60 ? `${result.slice(0, 57)}...` : result;
  return JSON.stringify(text);
}
