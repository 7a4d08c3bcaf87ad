import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface Ran {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout then stderr, for messages that may go to either. */
  readonly output: string;
}

/**
 * Runs a command without blocking the event loop (the local registry answers from this process) and
 * resolves with its exit status and output, whatever the status.
 */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === "number" ? error.code : 127;
      resolve({ status, stdout, stderr, output: `${stdout}${stderr}` });
    });
  });
}

/** Like run(), but rejects with the command's output when it fails. */
export async function ok(command: string, args: readonly string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<Ran> {
  const result = await run(command, args, options);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.status}:\n${result.output}`);
  return result;
}

/**
 * A git repository at `target` whose one commit is this checkout's working tree as it is now (tracked and
 * untracked files, without ignored ones such as node_modules and dist): what a user clones at a tag.
 */
export async function snapshotRepository(target: string): Promise<string> {
  const listed = await ok("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT });
  mkdirSync(target, { recursive: true });
  for (const file of listed.stdout.split("\0")) {
    if (file === "") continue;
    const to = join(target, file);
    mkdirSync(dirname(to), { recursive: true });
    try {
      copyFileSync(join(ROOT, file), to);
    } catch (error) {
      // A tracked file deleted in the working tree is not part of the snapshot.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  await commitAll(target, "snapshot of the pac-do working tree");
  return (await ok("git", ["rev-parse", "HEAD"], { cwd: target })).stdout.trim();
}

/** `git init` (when needed), then commits every file in `dir`. */
export async function commitAll(dir: string, message: string): Promise<void> {
  const identity = { GIT_AUTHOR_NAME: "pac-do test", GIT_AUTHOR_EMAIL: "test@pac-do.invalid", GIT_COMMITTER_NAME: "pac-do test", GIT_COMMITTER_EMAIL: "test@pac-do.invalid" };
  await ok("git", ["init", "--quiet", "--initial-branch=main"], { cwd: dir });
  await ok("git", ["add", "--all"], { cwd: dir });
  await ok("git", ["-c", "commit.gpgsign=false", "commit", "--quiet", "--allow-empty", "-m", message], { cwd: dir, env: identity });
}
