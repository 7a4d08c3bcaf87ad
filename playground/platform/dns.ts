/**
 * `node:dns/promises` in the browser. A page has no resolver to ask: `Environment.liveDns` is never
 * set by the playground (it sends DNS answers the user typed), so this only answers a caller that
 * asks anyway, with the failure the sandbox reports for a name that does not resolve.
 */
export async function lookup(host: string): Promise<never> {
  throw new Error(`${host}: live DNS is not available in the browser; give the answer as a DNS entry`);
}
