import { macrosIn } from "../pac/hosted-variables.js";
import type { Severity } from "../types.js";

/** Why a client rejects or misreads a PAC result (research §2.3, §3.2, §5, §6 vendor guidance). */
export type ResultProblemId =
  | "templateMacro"
  | "emptyResult"
  | "unknownKeyword"
  | "httpKeyword"
  | "lowercaseKeyword"
  | "directWithHost"
  | "emptyHost"
  | "extraText"
  | "credentials"
  | "badPort"
  | "missingPort";

export interface ResultProblem {
  readonly id: ResultProblemId;
  readonly severity: Severity;
  readonly data: Readonly<Record<string, string>>;
}

const KEYWORDS: ReadonlySet<string> = new Set(["DIRECT", "PROXY", "HTTP", "HTTPS", "SOCKS", "SOCKS4", "SOCKS5", "QUIC"]);

/** Checks a PAC result string entry by entry, the way Chromium's parser reads it (entries split on `;`). */
export function checkProxyString(result: string): ResultProblem[] {
  const problems: ResultProblem[] = [];
  // A variable a hosted-PAC server documents (`${GATEWAY}`) is filled in before clients read the PAC.
  const macro = macrosIn(result).find((found) => found.variable === undefined)?.text ?? /\{\{[^}]*\}\}/.exec(result)?.[0];
  if (macro !== undefined) problems.push({ id: "templateMacro", severity: "error", data: { macro } });
  const entries = result.split(";").map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  if (entries.length === 0) problems.push({ id: "emptyResult", severity: "warning", data: {} });
  for (const entry of entries) problems.push(...checkEntry(entry));
  return problems;
}

function checkEntry(entry: string): ResultProblem[] {
  const [keyword = "", hostPort, ...rest] = entry.split(/\s+/);
  const upper = keyword.toUpperCase();
  if (!KEYWORDS.has(upper)) return [{ id: "unknownKeyword", severity: "error", data: { entry, keyword } }];
  const problems: ResultProblem[] = [];
  if (keyword !== upper) problems.push({ id: "lowercaseKeyword", severity: "warning", data: { entry, keyword, upper } });
  if (upper === "HTTP") problems.push({ id: "httpKeyword", severity: "error", data: { entry } });
  if (upper === "DIRECT") {
    if (hostPort !== undefined) problems.push({ id: "directWithHost", severity: "error", data: { entry } });
    return problems;
  }
  if (hostPort === undefined) return [...problems, { id: "emptyHost", severity: "error", data: { entry } }];
  if (rest.length > 0) problems.push({ id: "extraText", severity: "error", data: { entry, extra: rest.join(" ") } });
  if (hostPort.includes("@")) return [...problems, { id: "credentials", severity: "error", data: { entry } }];
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(hostPort);
  const colon = hostPort.lastIndexOf(":");
  const host = bracketed ? (bracketed[1] ?? "") : colon === -1 ? hostPort : hostPort.slice(0, colon);
  const port = bracketed ? bracketed[2] : colon === -1 ? undefined : hostPort.slice(colon + 1);
  if (host.length === 0) problems.push({ id: "emptyHost", severity: "error", data: { entry } });
  if (port === undefined) problems.push({ id: "missingPort", severity: "warning", data: { entry } });
  else if (!/^\d{1,5}$/.test(port) || Number(port) === 0 || Number(port) > 65535) {
    problems.push({ id: "badPort", severity: "error", data: { entry, port } });
  }
  return problems;
}
