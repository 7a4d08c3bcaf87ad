import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { beforeAll, describe, expect, test } from "vitest";
import { removeStaleTemporaries, writeFileAtomic } from "../../src/fix/write-atomic.js";

/**
 * `fix --write` killed mid-write (issue #18): the target keeps the old or the new bytes, SIGTERM and
 * SIGINT leave nothing behind, and the temporary a SIGKILL leaves is removed by the next write, never
 * one a live process is still writing. The writer runs in a child process, bundled from the source.
 */
const TRIALS = process.env["PACDO_LARGE"] === "1" ? 30 : 4;
const OLD = "old\n";
const NEW = `${"x".repeat(4 * 1024 * 1024)}\n`;

let writer: string;
const work = mkdtempSync(join(tmpdir(), "pac-do-kill-"));

beforeAll(() => {
  const module = join(work, "write-atomic.mjs");
  buildSync({ entryPoints: [join(import.meta.dirname, "../../src/fix/write-atomic.ts")], bundle: true, platform: "node", format: "esm", outfile: module, logLevel: "silent" });
  writer = join(work, "writer.mjs");
  // Writes the target over and over until killed, and says when the first write starts.
  writeFileSync(
    writer,
    `import { nodeFs, writeFileAtomic } from ${JSON.stringify(module)};\n` +
      `const data = Buffer.from(${JSON.stringify(NEW)});\n` +
      // "stall": stop for good just before the rename, the temporary written, as a kill at that moment finds it.
      `const stall = { ...nodeFs, rename: () => { process.stdout.write("go\\n"); return new Promise(() => {}); } };\n` +
      `if (process.argv[3] === "stall") await writeFileAtomic(process.argv[2], data, stall);\n` +
      `process.stdout.write("go\\n");\n` +
      `for (;;) await writeFileAtomic(process.argv[2], data);\n`,
  );
});

function temporaries(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith(".pac-do.tmp"));
}

/** Starts the writer on `target` and kills it with `signal` after `delay` ms of writing; resolves when it has exited. */
async function killDuringWrite(target: string, signal: NodeJS.Signals, delay: number, mode = "loop"): Promise<number> {
  const child = spawn(process.execPath, [writer, target, mode], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  // Listening from the start: a writer that fails on its own must fail the test, not hang it.
  const exited = new Promise<string>((resolve) => child.once("exit", (code, by) => resolve(`exit ${code ?? by}`)));
  const started = new Promise<string>((resolve) => child.stdout.once("data", () => resolve("started")));
  if ((await Promise.race([started, exited])) !== "started") throw new Error(`the writer ended before writing: ${stderr}`);
  await new Promise((resolve) => setTimeout(resolve, delay));
  if (child.exitCode !== null) throw new Error(`the writer ended on its own: ${stderr}`);
  child.kill(signal);
  expect(await exited).toBe(`exit ${signal}`);
  return child.pid!;
}

function git(dir: string, ...args: string[]): string | undefined {
  const result = spawnSync("git", args, { cwd: dir, encoding: "utf8" });
  return result.status === 0 ? result.stdout : undefined;
}

describe("an interrupted atomic write", { timeout: 120_000 }, () => {
  test("SIGKILL keeps the target whole; the next write removes the dead writer's temporary; git sees nothing new", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pac-do-kill-"));
    const target = join(dir, "proxy.pac");
    writeFileSync(target, OLD);
    const hasGit = git(dir, "init", "-q") !== undefined && git(dir, "-c", "user.email=t@example", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "base") !== undefined;
    if (hasGit) {
      git(dir, "add", "proxy.pac");
      git(dir, "-c", "user.email=t@example", "-c", "user.name=t", "commit", "-q", "-m", "pac");
    }
    // Killed with the temporary written and not yet renamed: it is left behind, and the target is untouched.
    await killDuringWrite(target, "SIGKILL", 0, "stall");
    expect(readFileSync(target, "utf8")).toBe(OLD);
    expect(temporaries(dir)).toHaveLength(1);
    await writeFileAtomic(target, Buffer.from(OLD));
    expect(temporaries(dir)).toEqual([]);
    if (hasGit) expect(git(dir, "status", "--porcelain")).toBe("");
    // Killed at any moment of a write loop: the target is always whole, and the next write leaves nothing.
    for (let trial = 0; trial < TRIALS; trial++) {
      await killDuringWrite(target, "SIGKILL", 5 + ((trial * 7) % 40));
      expect([OLD, NEW]).toContain(readFileSync(target, "utf8"));
      await writeFileAtomic(target, Buffer.from(OLD));
      expect(temporaries(dir)).toEqual([]);
      if (hasGit) expect(git(dir, "status", "--porcelain")).toBe("");
    }
  });

  test.each(["SIGTERM", "SIGINT"] as const)("%s leaves no temporary behind, and the target whole", async (signal) => {
    const dir = mkdtempSync(join(tmpdir(), "pac-do-kill-"));
    const target = join(dir, "proxy.pac");
    writeFileSync(target, OLD);
    for (let trial = 0; trial < TRIALS; trial++) {
      await killDuringWrite(target, signal, 5 + ((trial * 11) % 40));
      expect(temporaries(dir)).toEqual([]);
      expect([OLD, NEW]).toContain(readFileSync(target, "utf8"));
    }
  });

  test("a temporary whose writer is alive is never removed, one whose writer is gone is", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pac-do-kill-"));
    const target = join(dir, "proxy.pac");
    writeFileSync(target, OLD);
    // Learn this host's tag from a temporary the writer leaves when killed before it renames.
    const live = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid;
    await writeFileAtomic(target, Buffer.from(OLD), {
      ...(await import("../../src/fix/write-atomic.js")).nodeFs,
      rename: async (from) => {
        const tag = /\.([0-9a-f]{8})-\d+\.[0-9a-f]{12}\.pac-do\.tmp$/.exec(from)![1]!;
        writeFileSync(join(dir, `.proxy.pac.${tag}-${live.pid}.aaaaaaaaaaaa.pac-do.tmp`), "live");
        writeFileSync(join(dir, `.proxy.pac.${tag}-${dead}.bbbbbbbbbbbb.pac-do.tmp`), "dead");
        writeFileSync(join(dir, `.proxy.pac.00000000-${dead}.cccccccccccc.pac-do.tmp`), "other host");
        writeFileSync(join(dir, `.other.pac.${tag}-${dead}.dddddddddddd.pac-do.tmp`), "other file");
        throw Object.assign(new Error("stop"), { code: "EIO" });
      },
    }).catch(() => undefined);
    try {
      const removed = await removeStaleTemporaries(target);
      expect(removed.map((path) => path.slice(dir.length + 1))).toEqual([expect.stringMatching(/bbbbbbbbbbbb/)]);
      expect(temporaries(dir).sort()).toEqual([
        expect.stringMatching(/^\.other\.pac\./),
        expect.stringMatching(/^\.proxy\.pac\.00000000-/),
        expect.stringMatching(/aaaaaaaaaaaa/),
      ]);
    } finally {
      live.kill();
    }
  });
});
