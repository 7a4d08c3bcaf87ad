/**
 * Headless Chromium for the playground's tests and benchmark: Debian's /usr/bin/chromium (Playwright
 * cannot download its own browser here), driven by playwright-core, with the flags that keep it off
 * the network (no background services, no component updates, no QUIC). `chromium.launch` starts it
 * with a new, empty --user-data-dir of its own each time and removes it on close.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env["PAC_DO_CHROMIUM"] ?? "/usr/bin/chromium";

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  return { browser, close: () => browser.close() };
}
