/**
 * The page's shareable state in the URL hash: `#pac=<base64url of the UTF-8 text>` (or `pacz=`, the
 * same text deflated, when that is shorter) and the options, so that a link reproduces a finding.
 * Nothing of it is sent anywhere: a hash never leaves the browser.
 */
import type { PageProfile, ResolveQuestion } from "./protocol.js";

export interface PageState {
  readonly pac: string | undefined;
  readonly profile: PageProfile;
  readonly question: ResolveQuestion;
  /** The page's hard limit on one answer of the worker, in ms (see main.ts `WATCHDOG_MS`). */
  readonly watchdogMs: number | undefined;
}

export const EMPTY_QUESTION: ResolveQuestion = { url: "https://kv801.prod.do.dsp.mp.microsoft.com/", clientIp: "", dns: "", at: "", tz: "UTC" };

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const body = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** Reads the hash; throws with a one-line message when `pac`/`pacz` is not valid base64url UTF-8. */
export async function readHash(hash: string): Promise<PageState> {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  let pac: string | undefined;
  const plain = params.get("pac");
  const packed = params.get("pacz");
  try {
    if (plain !== null) pac = new TextDecoder("utf-8", { fatal: true }).decode(fromBase64Url(plain));
    else if (packed !== null) pac = new TextDecoder("utf-8", { fatal: true }).decode(await transform(fromBase64Url(packed), new DecompressionStream("deflate-raw")));
  } catch {
    throw new Error(`the link's ${plain !== null ? "pac" : "pacz"}= is not ${plain !== null ? "" : "deflated "}base64url UTF-8 text`);
  }
  const profile: PageProfile = params.get("profile") === "chromium" ? "chromium" : "winhttp";
  const watchdog = Number(params.get("watchdog"));
  return {
    pac: pac?.replace(/^\uFEFF/, ""),
    profile,
    question: {
      url: params.get("url") ?? EMPTY_QUESTION.url,
      clientIp: params.get("ip") ?? "",
      dns: params.get("dns") ?? "",
      at: params.get("at") ?? "",
      tz: params.get("tz") ?? "UTC",
    },
    watchdogMs: Number.isFinite(watchdog) && watchdog > 0 ? watchdog : undefined,
  };
}

/** The hash for `state`: the PAC deflated when that is shorter, options only where they differ from the defaults. */
export async function writeHash(state: PageState): Promise<string> {
  const params = new URLSearchParams();
  if (state.pac !== undefined) {
    const bytes = new TextEncoder().encode(state.pac);
    const plain = toBase64Url(bytes);
    const packed = toBase64Url(await transform(bytes, new CompressionStream("deflate-raw")));
    if (packed.length < plain.length) params.set("pacz", packed);
    else params.set("pac", plain);
  }
  if (state.profile !== "winhttp") params.set("profile", state.profile);
  const q = state.question;
  if (q.url !== EMPTY_QUESTION.url) params.set("url", q.url);
  if (q.clientIp !== "") params.set("ip", q.clientIp);
  if (q.dns !== "") params.set("dns", q.dns);
  if (q.at !== "") params.set("at", q.at);
  if (q.tz !== "UTC") params.set("tz", q.tz);
  if (state.watchdogMs !== undefined) params.set("watchdog", String(state.watchdogMs));
  return `#${params.toString()}`;
}
