import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli.js";
import { version } from "../../src/version.js";
import { memoryIo } from "../helpers/memory-io.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// Two levels under the package root, like dist/bin, where src/version.ts finds package.json.
const OUTDIR = `dist/bundle-test-${process.pid}`;
const FIXTURE = fileURLToPath(new URL("../../fixtures/pac/enterprise-typical.pac", import.meta.url));

function bundled(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [`${ROOT}${OUTDIR}/pac-do.js`, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

async function inProcess(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const io = memoryIo({ disk: true });
  const status = await run(args, io);
  return { status, stdout: io.out, stderr: io.err };
}

describe("the bundled CLI (.ci/bundle.mjs)", () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, [".ci/bundle.mjs", "--outdir", OUTDIR], { cwd: ROOT, encoding: "utf8" });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(`${ROOT}${OUTDIR}`, { recursive: true, force: true }));

  it("prints the package version, found from its folder", () => {
    expect(bundled("--version")).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("lints with the route analysis (QuickJS and its wasm loaded from node_modules) exactly as the CLI in process", async () => {
    expect(bundled("lint", "--format", "json", FIXTURE)).toEqual(await inProcess("lint", "--format", "json", FIXTURE));
  }, 60_000);

  it("resolves under every profile (pac-resolver for node) exactly as the CLI in process", async () => {
    const args = ["resolve", "--profile", "all", "--at", "2026-11-27T10:00:00Z", "--tz", "UTC", FIXTURE, "http://kv801.prod.do.dsp.mp.microsoft.com/", "http://example.com/"];
    expect(bundled(...args)).toEqual(await inProcess(...args));
  }, 60_000);
});
