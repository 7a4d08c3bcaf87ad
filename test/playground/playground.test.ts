/**
 * The playground in a real browser (headless Chromium through playwright-core): the page built by
 * playground/build.mjs into a temporary folder and served on 127.0.0.1, as `npm run playground` does.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES, buildPlayground, servePlayground } from "../../playground/build.mjs";
import { toJson } from "../../src/format/json.js";
import { lint } from "../../src/lint/linter.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { chromiumAvailable, launchChromium } from "./browser.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const VIOLATING = [
  "function FindProxyForURL(url, host) {",
  "  if (isPlainHostName(host)) return \"DIRECT\";",
  "  return \"PROXY proxy.example.com:8080\";",
  "}",
  "",
].join("\n");

const LOOPING = ["function FindProxyForURL(url, host) {", "  while (true) {}", "  return \"DIRECT\";", "}", ""].join("\n");

/** The PAC in a link the page wrote (`pac=` or deflated `pacz=`). */
function decodeLink(hash: string): string {
  const params = new URLSearchParams(hash.slice(1));
  const plain = params.get("pac");
  if (plain !== null) return Buffer.from(plain, "base64url").toString("utf8");
  return inflateRawSync(Buffer.from(params.get("pacz") ?? "", "base64url")).toString("utf8");
}

const hashFor = (text: string, extra = ""): string => `#pac=${Buffer.from(text, "utf8").toString("base64url")}${extra}`;

// CI installs Chromium (.ci/run); a developer without it gets these tests skipped, not failed.
const run = chromiumAvailable() || process.env["CI"] !== undefined;

describe.runIf(run)("the playground in headless Chromium", () => {
  let dir: string;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "pac-do-playground-"));
    await buildPlayground({ outdir: dir });
    server = await servePlayground(dir);
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 60_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  interface Opened {
    readonly page: Page;
    readonly context: BrowserContext;
    /** Every URL the page (or its worker) requested. */
    readonly requests: string[];
    readonly errors: string[];
  }

  async function open(hash = ""): Promise<Opened> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    context.on("request", (request) => requests.push(request.url()));
    const page = await context.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.url}index.html${hash}`);
    await page.waitForFunction(() => document.body.dataset.ready === "true", null, { timeout: 30_000 });
    return { page, context, requests, errors };
  }

  /** Waits until the page has analysed its current text (lint and routes). */
  async function settled(page: Page): Promise<void> {
    await page.waitForFunction(() => document.body.dataset.busy === "false", null, { timeout: 30_000 });
  }

  async function diagnostics(page: Page): Promise<string[]> {
    return page.locator("[data-testid=diagnostic]").evaluateAll((items) => items.map((item) => `${(item as HTMLElement).dataset.rule}@${(item as HTMLElement).dataset.line}`));
  }

  /** Every request went to the page's own origin (or a blob the page made). */
  function expectOwnOrigin(opened: Opened): void {
    const origin = new URL(server.url).origin;
    const foreign = opened.requests.filter((url) => !url.startsWith("blob:") && new URL(url).origin !== origin);
    expect(foreign).toEqual([]);
    expect(opened.errors).toEqual([]);
  }

  it("shows a do-service-direct diagnostic on the line of the return that proxies DO, squiggled and in the gutter", async () => {
    const opened = await open(hashFor(VIOLATING));
    const { page } = opened;
    await settled(page);
    expect(await diagnostics(page)).toContain("do-service-direct@3");
    const diagnostic = page.locator("[data-testid=diagnostic][data-rule=do-service-direct]");
    await expect.poll(() => diagnostic.locator("a.rule").getAttribute("href")).toBe("rules/do-service-direct.html");
    expect(await page.locator("[data-testid=editor] .cm-lintRange-error").count()).toBeGreaterThan(0);
    expect(await page.locator("[data-testid=editor] .cm-lint-marker-error").count()).toBeGreaterThan(0);
    // Hovering the squiggle shows the message with the rule id, linked to its page.
    await page.locator("[data-testid=editor] .cm-lintRange-error").first().hover();
    const tooltip = page.locator(".cm-tooltip-lint");
    await expect.poll(() => tooltip.locator("a.rule").allTextContents(), { timeout: 10_000 }).toContain("do-service-direct");
    expect(await tooltip.textContent()).toContain("must be DIRECT first");
    // The rule's page is shipped with the playground.
    const doc = await page.request.get(`${server.url}rules/do-service-direct.html`);
    expect(await doc.text()).toContain("<h1>do-service-direct</h1>");
    expectOwnOrigin(opened);
    await opened.context.close();
  }, 60_000);

  it("reports the same rule ids on the same lines as `pac-do lint --format json` for every bundled example", async () => {
    const opened = await open();
    const { page } = opened;
    for (const [index, example] of EXAMPLES.entries()) {
      const text = readFileSync(join(ROOT, example.file), "utf8");
      const [cli] = toJson([await lint(createSourceFile(text, "proxy.pac"))]);
      const expected = (cli?.diagnostics ?? []).map((d) => `${d.ruleId ?? "parse-error"}@${d.line}`);
      await page.selectOption("#examples", String(index));
      await expect.poll(() => page.evaluate(() => document.body.dataset.busy), { timeout: 30_000 }).toBe("false");
      expect([example.file, await diagnostics(page)]).toEqual([example.file, expected]);
    }
    // The chromium profile too, where its rules differ (FindProxyForURLEx is WinHTTP's alone).
    const ex = EXAMPLES.findIndex((e) => e.file.endsWith("findproxyforurlex.pac"));
    const exText = readFileSync(join(ROOT, EXAMPLES[ex]?.file ?? ""), "utf8");
    const [cli] = toJson([await lint(createSourceFile(exText, "proxy.pac"), { profile: "chromium" })]);
    await page.selectOption("#profile", "chromium");
    await page.selectOption("#examples", String(ex));
    await expect.poll(() => page.evaluate(() => document.body.dataset.busy), { timeout: 30_000 }).toBe("false");
    const chromium = (cli?.diagnostics ?? []).map((d) => `${d.ruleId ?? "parse-error"}@${d.line}`);
    const [winhttp] = toJson([await lint(createSourceFile(exText, "proxy.pac"))]);
    expect(chromium).not.toEqual((winhttp?.diagnostics ?? []).map((d) => `${d.ruleId ?? "parse-error"}@${d.line}`));
    expect(await diagnostics(page)).toEqual(chromium);
    expectOwnOrigin(opened);
    await opened.context.close();
  }, 120_000);

  it("clears the diagnostic once the PAC is edited to send DO DIRECT, and resolve shows the deciding line", async () => {
    const opened = await open(hashFor(VIOLATING));
    const { page } = opened;
    await settled(page);
    await page.click("[data-testid=editor] .cm-content");
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type('if (dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";');
    await expect.poll(() => diagnostics(page), { timeout: 30_000 }).not.toContain("do-service-direct@4");
    await settled(page);
    expect((await diagnostics(page)).filter((d) => d.startsWith("do-service-direct"))).toEqual([]);

    // The tabs answer the keyboard: from Problems, two steps right is Resolve.
    await page.focus("#tab-problems");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await page.locator("#panel-resolve").isVisible()).toBe(true);
    await page.fill("input[name=url]", "https://kv801.prod.do.dsp.mp.microsoft.com/");
    await page.click("#resolve-form button[type=submit]");
    const result = page.locator("[data-testid=resolve-result]");
    await expect.poll(() => result.getAttribute("data-line"), { timeout: 30_000 }).toBe("2");
    expect(await result.textContent()).toContain("DIRECT");
    expect(await page.locator(".cm-decided").textContent()).toContain('".do.dsp.mp.microsoft.com"');

    await page.fill("input[name=clientIp]", "10.0.0.300");
    await page.click("#resolve-form button[type=submit]");
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toContain('Client IP: "10.0.0.300" is not an IPv4 or IPv6 address');
    await page.fill("input[name=clientIp]", "");
    await page.fill("input[name=url]", "https://www.example.com/");
    await page.click("#resolve-form button[type=submit]");
    await expect.poll(() => result.getAttribute("data-line"), { timeout: 30_000 }).toBe("4");
    expect(await result.textContent()).toContain("PROXY proxy.example.com:8080");
    expectOwnOrigin(opened);
    await opened.context.close();
  }, 60_000);

  it("puts the PAC and the options in the hash, and that link reproduces the finding in a new page", async () => {
    const first = await open(hashFor(VIOLATING));
    await settled(first.page);
    await first.page.click("#tab-resolve");
    await first.page.fill("input[name=clientIp]", "10.1.2.3");
    await first.page.click("#resolve-form button[type=submit]");
    await expect.poll(() => first.page.locator("[data-testid=resolve-result]").getAttribute("data-state"), { timeout: 30_000 }).toBe("done");
    await first.page.click("#share");
    await expect.poll(() => first.page.evaluate(() => location.hash)).toContain("ip=10.1.2.3");
    const link = await first.page.evaluate(() => location.href);
    expect(link).toMatch(/#(pac|pacz)=[A-Za-z0-9_-]+/);
    const expected = await diagnostics(first.page);
    await first.context.close();

    const second = await open(new URL(link).hash);
    await settled(second.page);
    expect(await diagnostics(second.page)).toEqual(expected);
    expect(await second.page.inputValue("input[name=clientIp]")).toBe("10.1.2.3");
    expect(await second.page.evaluate(() => document.querySelector(".cm-content")?.textContent)).toContain('return "PROXY proxy.example.com:8080";');
    // A CRLF file keeps CRLF: the same finding on the same line, and the link holds CRLF.
    await second.page.evaluate((hash) => (location.hash = hash), hashFor(VIOLATING.replace(/\n/g, "\r\n")));
    await expect.poll(() => second.page.evaluate(() => location.hash), { timeout: 10_000 }).toMatch(/^#pacz?=/);
    await settled(second.page);
    expect(await diagnostics(second.page)).toEqual(expected);
    await second.page.click("#share");
    await expect.poll(async () => decodeLink(await second.page.evaluate(() => location.hash)), { timeout: 10_000 }).toBe(VIOLATING.replace(/\n/g, "\r\n"));
    // A broken link says so and falls back to the first example.
    await second.page.evaluate(() => (location.hash = "#pac=%FF%FE"));
    await expect.poll(() => second.page.locator("#banner").textContent()).toContain("the link's pac= is not base64url UTF-8 text");
    expect(await second.page.locator("#banner").isVisible()).toBe(true);
    expectOwnOrigin(second);
    await second.context.close();
  }, 60_000);

  it("shows the fix as a diff and takes the fixed text, after which do-service-direct is gone", async () => {
    const opened = await open(hashFor(VIOLATING));
    const { page } = opened;
    await settled(page);
    await page.click("#tab-fix");
    await page.click("#fix-button");
    const diff = page.locator("[data-testid=fix-diff]");
    await expect.poll(() => diff.getAttribute("data-status"), { timeout: 30_000 }).toBe("fixed");
    expect(await diff.textContent()).toContain("+++ b/proxy.pac");
    expect(await page.locator("[data-testid=fix-diff] .add").allTextContents()).toContainEqual(expect.stringContaining("pac-do:begin"));
    await page.click("#fix-apply");
    await expect.poll(() => page.evaluate(() => document.querySelector(".cm-content")?.textContent ?? ""), { timeout: 10_000 }).toContain("pac-do:begin");
    await expect.poll(async () => (await diagnostics(page)).filter((d) => d.startsWith("do-service-direct")), { timeout: 30_000 }).toEqual([]);
    expectOwnOrigin(opened);
    await opened.context.close();
  }, 60_000);

  it("compares the editor's PAC with a changed one as `pac-do diff` does, side by side", async () => {
    const opened = await open(hashFor(VIOLATING));
    const { page } = opened;
    await settled(page);
    await page.click("#tab-diff");
    await page.click("[data-testid=diff-editor] .cm-content");
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type('if (dnsDomainIs(host, ".do.dsp.mp.microsoft.com")) return "DIRECT";');
    await page.click("#diff-run");
    const report = page.locator("[data-testid=diff-report]");
    await expect.poll(() => report.getAttribute("data-state"), { timeout: 30_000 }).toBe("done");
    expect(Number(await report.getAttribute("data-changes"))).toBeGreaterThan(0);
    expect(await report.getAttribute("data-violations")).toBe("0");
    expect(await report.textContent()).toContain("OLD old.pac -> NEW new.pac");
    expect(await report.textContent()).toContain("kv");

    await page.click("#diff-reset");
    await page.click("#diff-run");
    await expect.poll(() => report.getAttribute("data-changes"), { timeout: 30_000 }).toBe("0");
    expect(await report.textContent()).toContain("no route differs");
    expectOwnOrigin(opened);
    await opened.context.close();
  }, 60_000);

  it("shows a timeout for a looping PAC while the page stays responsive, and stops a worker that overruns the page's deadline", async () => {
    const opened = await open(hashFor(LOOPING));
    const { page } = opened;
    // The sandbox's own deadline: no-runtime-error with the timeout.
    await expect
      .poll(() => page.locator("[data-testid=diagnostic][data-rule=no-runtime-error]").allTextContents(), { timeout: 30_000 })
      .toContainEqual(expect.stringContaining("timed out after 1000 ms"));
    // While the worker evaluates (routes are still running), the page answers at once.
    const started = Date.now();
    await page.click("#tab-routes");
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
    expect(Date.now() - started).toBeLessThan(1000);

    // The page's own deadline, shortened through the link: the worker is stopped and replaced.
    await page.evaluate((hash) => (location.hash = hash), hashFor(LOOPING, "&watchdog=300"));
    await expect
      .poll(() => page.locator("[data-testid=diagnostic]").allTextContents(), { timeout: 30_000 })
      .toContainEqual(expect.stringContaining("did not answer within 300 ms"));
    // The new worker answers the next PAC.
    await page.evaluate((hash) => (location.hash = hash), hashFor(VIOLATING));
    await expect.poll(() => diagnostics(page), { timeout: 30_000 }).toContain("do-service-direct@3");
    expectOwnOrigin(opened);
    await opened.context.close();
  }, 90_000);

  it("keeps working offline once loaded, with no request outside its origin", async () => {
    const opened = await open(hashFor(VIOLATING));
    const { page, context } = opened;
    await settled(page);
    const loaded = opened.requests.length;
    await context.setOffline(true);
    // A restarted worker (after the page's deadline) comes from what the page already holds.
    await page.evaluate((hash) => (location.hash = hash), hashFor(LOOPING, "&watchdog=200"));
    await expect.poll(() => page.locator("[data-testid=diagnostic]").allTextContents(), { timeout: 30_000 }).toContainEqual(expect.stringContaining("did not answer"));
    await page.evaluate((hash) => (location.hash = hash), hashFor(VIOLATING));
    await expect.poll(() => diagnostics(page), { timeout: 30_000 }).toContain("do-service-direct@3");
    await page.click("#tab-routes");
    await expect.poll(() => page.locator("[data-testid=routes] tr.violation").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // A route's line jumps to its return.
    await page.locator("[data-testid=routes] tr.violation .where").first().click();
    expect(await page.locator(".cm-activeLine").textContent()).toContain('return "PROXY proxy.example.com:8080";');
    expect(opened.requests.slice(loaded).filter((url) => !url.startsWith("blob:"))).toEqual([]);
    expectOwnOrigin(opened);

    // The screenshot in the README: a real finding, taken here so that it shows the page as built.
    await context.setOffline(false);
    await page.evaluate((hash) => (location.hash = hash), "#");
    await page.selectOption("#examples", "0");
    await settled(page);
    await page.click("#tab-problems");
    // Line 38's violation in the middle of the editor, beside its diagnostic.
    await page.locator("[data-testid=diagnostic] .where").first().click();
    await page.mouse.move(0, 0);
    const shot = await page.screenshot();
    expect(shot.subarray(1, 4).toString()).toBe("PNG");
    if (process.env["PAC_DO_UPDATE_SCREENSHOT"]) {
      mkdirSync(join(ROOT, "docs"), { recursive: true });
      writeFileSync(join(ROOT, "docs/playground.png"), shot);
    }
    await context.close();
  }, 90_000);
});
