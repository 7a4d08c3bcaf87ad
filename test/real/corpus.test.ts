import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, serviceViolations } from "../../src/analyze/index.js";
import { defaultEnvironment } from "../../src/evaluate/index.js";
import type { ProfileName } from "../../src/evaluate/types.js";
import { fixPac } from "../../src/fix/fix.js";
import { lint } from "../../src/lint/linter.js";
import { resolveUrls } from "../../src/resolve/resolve.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { addressTablePac, branchHeavyPac, domainListPac } from "../helpers/real-pacs.js";

/**
 * The realistic corpus (fixtures/real/README.md): every PAC gets lint, routes, fix and resolve, each
 * within a budget, and each must give its real answer. The expected answers of `resolve` were checked
 * with the oracles (pacparser for ES3 PACs, pac-resolver for the ES5 ones), see the README.
 */
interface Case {
  readonly name: string;
  readonly text: () => string;
  readonly profile?: ProfileName;
  /** Parse errors lint must report (0 for a PAC that parses). */
  readonly parseErrors?: number;
  /** Whether some DO service host is not DIRECT first (do-service-direct's verdict). */
  readonly proxiesService?: boolean;
  /** What fix must answer. */
  readonly fix: readonly string[];
  /** URL -> the answer every oracle gives. */
  readonly resolve: Readonly<Record<string, string>>;
  /** A rule id lint must report. */
  readonly rule?: string;
}

const fixture = (name: string) => (): string => readFileSync(new URL(`../../fixtures/real/${name}`, import.meta.url), "utf8");
const DO_SERVICE = "https://geo.prod.do.dsp.mp.microsoft.com/";

const CASES: readonly Case[] = [
  {
    name: "hashing-load-balancer.pac",
    text: fixture("hashing-load-balancer.pac"),
    proxiesService: true,
    fix: ["fixed"],
    resolve: {
      [DO_SERVICE]: "PROXY cache1.campus.example.edu:3128; PROXY cache2.campus.example.edu:3128; DIRECT",
      "http://www.youtube.com/": "PROXY cache4.campus.example.edu:3128; PROXY cache1.campus.example.edu:3128; DIRECT",
      "http://intranet/": "DIRECT",
    },
  },
  {
    name: "shadowsocksr-ex-template.pac",
    text: fixture("shadowsocksr-ex-template.pac"),
    proxiesService: false,
    fix: ["compliant"],
    resolve: { [DO_SERVICE]: "DIRECT", "http://www.youtube.com/": "SOCKS5 127.0.0.1:1080; SOCKS 127.0.0.1:1080; DIRECT", "http://constructor.io/": "SOCKS5 127.0.0.1:1080; SOCKS 127.0.0.1:1080; DIRECT" },
  },
  {
    name: "es2015-result-cache.pac",
    text: fixture("es2015-result-cache.pac"),
    profile: "chromium",
    proxiesService: true,
    fix: ["fixed"],
    rule: "do-service-direct",
    resolve: {
      [DO_SERVICE]: "PROXY proxy.corp.example:8080; DIRECT",
      "http://download.windowsupdate.com/": "PROXY proxy.corp.example:8081",
      "http://www.youtube.com/": "PROXY stream.proxy.corp.example:8080",
    },
  },
  {
    name: "es2015-result-cache.pac under winhttp",
    text: fixture("es2015-result-cache.pac"),
    rule: "jscript-compatible",
    fix: ["unfixable"],
    resolve: {},
  },
  {
    name: "adblock-filter-engine.pac",
    text: fixture("adblock-filter-engine.pac"),
    profile: "chromium",
    proxiesService: false,
    fix: ["compliant"],
    resolve: {
      "http://ads.example.org/x/allowed/y": "DIRECT",
      "http://ads.example.org/banner/1/ad_x": "PROXY 127.0.0.1:8119",
      "http://tracker.example.net/a/pixel": "PROXY 127.0.0.1:8119",
      // Chromium hands the PAC an https URL without its path (research §3.1): the pixel filter cannot match.
      "https://tracker.example.net/a/pixel": "DIRECT",
      "http://constructor.example/": "PROXY 127.0.0.1:8119",
      [DO_SERVICE]: "DIRECT",
    },
  },
  {
    name: "adblock-filter-engine.pac under winhttp",
    text: fixture("adblock-filter-engine.pac"),
    rule: "jscript-compatible",
    fix: ["compliant", "fixed"],
    resolve: {},
  },
  {
    name: "regex-heavy.pac",
    text: fixture("regex-heavy.pac"),
    proxiesService: false,
    // It reads the URL's path (/api/, /graphql/), which the analysis never varies: do-verdict-complete
    // warns, and fix puts its block first rather than call it compliant.
    fix: ["fixed"],
    resolve: { [DO_SERVICE]: "DIRECT", "http://www.youtube.com/": "PROXY stream.corp.example:8080", "https://x.eu.example.org/": "PROXY eu.corp.example:8080" },
  },
  {
    name: "minified.pac",
    text: fixture("minified.pac"),
    proxiesService: false,
    fix: ["compliant"],
    resolve: {
      [DO_SERVICE]: "DIRECT",
      "http://www.youtube.com/": "PROXY p2.corp.example:8080; DIRECT",
      "https://tracker.example.net/a/pixel": "PROXY p1.corp.example:8080; PROXY p2.corp.example:8080; DIRECT",
    },
  },
  {
    name: "curly-quotes-in-comments.pac",
    text: fixture("curly-quotes-in-comments.pac"),
    proxiesService: false,
    rule: "ascii-only",
    fix: ["compliant"],
    resolve: { [DO_SERVICE]: "DIRECT", "http://www.example.com/": "PROXY proxy.corp.example:8080" },
  },
  {
    name: "curly-quotes-as-delimiters.pac",
    text: fixture("curly-quotes-as-delimiters.pac"),
    parseErrors: 3,
    fix: ["parse-error"],
    resolve: {},
  },
  {
    name: "client-subnet-at-load.pac",
    text: fixture("client-subnet-at-load.pac"),
    proxiesService: true,
    fix: ["fixed"],
    resolve: { [DO_SERVICE]: "PROXY cloud-proxy.example.net:443", "http://intranet/": "DIRECT" },
  },
  {
    name: "generated: isInNet over a table of 1,000 networks (40 KB)",
    text: () => addressTablePac(1000),
    proxiesService: true,
    fix: ["fixed"],
    resolve: { [DO_SERVICE]: "PROXY proxy.corp.example:8080; DIRECT", "http://10.212.3.4/": "DIRECT" },
  },
  {
    name: "generated: 1 MB domain dictionary",
    text: () => domainListPac(1_050_000),
    proxiesService: false,
    rule: "do-content-proxied",
    fix: ["compliant"],
    resolve: { [DO_SERVICE]: "DIRECT", "http://download.windowsupdate.com/": "SOCKS5 127.0.0.1:1080; SOCKS 127.0.0.1:1080; DIRECT" },
  },
  {
    name: "generated: 600-branch else-if chain",
    text: () => branchHeavyPac(600),
    proxiesService: true,
    fix: ["fixed"],
    resolve: { [DO_SERVICE]: "PROXY proxy.corp.example:8080; DIRECT", "http://intranet/": "DIRECT" },
  },
];

/** Small enough that the whole corpus stays well inside CI's time, large enough for a verdict. */
const BUDGET = { evaluations: 200, ms: 20_000 };
const LIMITS = { timeoutMs: 2_000 };

describe("the realistic corpus", () => {
  for (const c of CASES) {
    it(`${c.name}: lint, routes, fix and resolve each give a real answer`, async () => {
      const profile = c.profile ?? "winhttp";
      const source = createSourceFile(c.text(), "proxy.pac");

      const linted = await lint(source, { profile, limits: LIMITS, budget: BUDGET });
      expect(linted.diagnostics.filter((d) => d.ruleId === null).length).toBe(c.parseErrors ?? 0);
      if (c.rule) expect(linted.diagnostics.map((d) => d.ruleId)).toContain(c.rule);
      if (c.proxiesService !== undefined) {
        expect(linted.diagnostics.some((d) => d.ruleId === "do-service-direct"), "do-service-direct").toBe(c.proxiesService);
      }

      if (!c.parseErrors) {
        const routes = await analyze(source, { profile, limits: LIMITS, budget: BUDGET });
        if (c.proxiesService !== undefined) {
          expect(routes.loadFailure).toBeUndefined();
          expect(routes.routes.length).toBeGreaterThan(0);
          expect(serviceViolations(routes).length > 0).toBe(c.proxiesService);
        }
      }

      const fixed = await fixPac(source, { profile, limits: LIMITS, budget: BUDGET });
      expect(c.fix).toContain(fixed.status);
      if (fixed.status === "fixed") {
        const again = await lint(createSourceFile(fixed.output), { profile, limits: LIMITS, budget: BUDGET });
        expect(again.diagnostics.filter((d) => d.ruleId === "do-service-direct")).toEqual([]);
      }

      const urls = Object.keys(c.resolve);
      const resolved = await resolveUrls(source, urls, { profiles: [profile], environment: defaultEnvironment({ clientIps: ["198.51.100.20"] }), limits: LIMITS });
      expect(Object.fromEntries(resolved.map((r) => [r.url, r.evaluation.result]))).toEqual(c.resolve);
    }, 300_000);
  }
});
