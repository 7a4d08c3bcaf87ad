/**
 * Replaces a file's contents so that readers see either the old bytes or the new ones, never a mix
 * or nothing: write a temporary file beside the target, fsync it, rename it over the target, fsync
 * the folder. A symlink is followed and its target replaced, so the link stays a link. The file
 * system is an interface so tests can make any step fail.
 */
import { createHash, randomBytes } from "node:crypto";
import { close, fchmod, fchown, fsync, openSync, unlinkSync, writeFile } from "node:fs";
import * as fsp from "node:fs/promises";
import { constants, hostname } from "node:os";
import { basename, dirname, join } from "node:path";

export interface WritableHandle {
  writeFile(data: Uint8Array): Promise<void>;
  chmod(mode: number): Promise<void>;
  chown(uid: number, gid: number): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system calls an atomic write needs; `node:fs/promises` provides them all. */
export interface AtomicFs {
  realpath(path: string): Promise<string>;
  stat(path: string): Promise<{ readonly mode: number; readonly uid: number; readonly gid: number; isDirectory(): boolean }>;
  lstat(path: string): Promise<{ isSymbolicLink(): boolean }>;
  open(path: string, flags: string, mode?: number): Promise<WritableHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Names in a folder, to find the temporaries a killed run left (optional: without it none are cleaned). */
  readdir?(path: string): Promise<string[]>;
}

/**
 * A file opened synchronously: the temporary then exists exactly when the write has registered it
 * for removal on a signal (both happen in one turn of the event loop), never later from a
 * thread-pool open still in flight when the signal's listener runs.
 */
function openNow(path: string, flags: string, mode?: number): WritableHandle {
  const fd = openSync(path, flags, mode);
  const call = <A extends unknown[]>(fn: (fd: number, ...rest: [...A, (error: NodeJS.ErrnoException | null) => void]) => void, ...args: A): Promise<void> =>
    new Promise((resolve, reject) => fn(fd, ...args, (error) => (error ? reject(error) : resolve())));
  return {
    writeFile: (data) => call(writeFile as (fd: number, data: Uint8Array, cb: (error: NodeJS.ErrnoException | null) => void) => void, data),
    chmod: (m) => call(fchmod, m),
    chown: (uid, gid) => call(fchown, uid, gid),
    sync: () => call(fsync),
    close: () => call(close),
  };
}

export const nodeFs: AtomicFs = {
  realpath: (path) => fsp.realpath(path),
  stat: (path) => fsp.stat(path),
  lstat: (path) => fsp.lstat(path),
  open: async (path, flags, mode) => openNow(path, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  readdir: (path) => fsp.readdir(path),
};

/**
 * Who writes a temporary: a hash of the host name and the process id, in its name
 * (`.proxy.pac.<host>-<pid>.<random>.pac-do.tmp`), so that a later run can tell a temporary whose
 * writer is gone (killed with SIGKILL, or the machine went down) from one another process is writing now.
 */
const HOST = createHash("sha256").update(hostname()).digest("hex").slice(0, 8);

function temporaryName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${HOST}-${process.pid}.${randomBytes(6).toString("hex")}.pac-do.tmp`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether process `pid` of this host is running (or exists under another user, which `kill 0` cannot signal). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) !== "ESRCH";
  }
}

/**
 * Removes the temporaries of `target` that a pac-do run on this host left when it was killed:
 * only those whose writing process no longer exists, never one a live process is writing. Best effort.
 */
export async function removeStaleTemporaries(target: string, fs: AtomicFs = nodeFs): Promise<string[]> {
  if (!fs.readdir) return [];
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(target))}\\.([0-9a-f]{8})-(\\d+)\\.[0-9a-f]{12}\\.pac-do\\.tmp$`);
  const names = await fs.readdir(dirname(target)).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match || match[1] !== HOST || alive(Number(match[2]))) continue;
    const path = join(dirname(target), name);
    if (await fs.unlink(path).then(() => true, () => false)) removed.push(path);
  }
  return removed;
}

const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** The temporaries being written now, which a signal removes. */
const active = new Set<string>();
let listening = false;

/**
 * SIGINT, SIGTERM and SIGHUP remove the temporaries being written, then end the process as the
 * signal would (unless the program has its own listener, which then decides). The listener stays
 * once installed: Node delivers a signal to listeners a moment after it arrives, so a listener
 * removed when a write ends could swallow a signal that came just before. SIGKILL cannot be caught;
 * `removeStaleTemporaries` cleans up after it on the next write.
 */
function onSignal(signal: NodeJS.Signals): void {
  for (const temporary of active) {
    try {
      unlinkSync(temporary);
    } catch {
      // Already renamed or removed.
    }
  }
  active.clear();
  if (process.listenerCount(signal) > 1) return;
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
  // Still here: the signal was ignored when the process started (a background job's SIGINT), so
  // its default action does not apply; end the way a shell reports that signal, before another write starts.
  process.exit(128 + (constants.signals[signal] ?? 0));
}

function removeOnSignal(temporary: string): () => void {
  if (!listening) {
    for (const s of SIGNALS) process.on(s, onSignal);
    listening = true;
  }
  active.add(temporary);
  return () => void active.delete(temporary);
}

/** Thrown with the path and the step that failed; `cause` is the file system's error. */
export class AtomicWriteError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly step: "resolve" | "create" | "write" | "sync" | "rename",
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

function errorCode(error: unknown): string {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
}

/**
 * Writes `data` to `path` atomically. An existing file keeps its permission bits and, where the
 * process may set it, its owner; a new file gets
 * 0666 minus the umask, as `fs.writeFile` would. On failure the target is untouched and the
 * temporary file is removed.
 */
export async function writeFileAtomic(path: string, data: Uint8Array, fs: AtomicFs = nodeFs): Promise<void> {
  let target: string;
  let mode: number | undefined;
  let owner: { readonly uid: number; readonly gid: number } | undefined;
  try {
    target = await fs.realpath(path);
    const stats = await fs.stat(target);
    if (stats.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    mode = stats.mode & 0o7777;
    owner = { uid: stats.uid, gid: stats.gid };
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw new AtomicWriteError(`cannot write ${path}`, path, "resolve", error);
    const link = await fs.lstat(path).then((stats) => stats.isSymbolicLink(), () => false);
    if (link) throw new AtomicWriteError(`${path} is a symbolic link to a missing file; not replacing the link`, path, "resolve", error);
    target = path;
  }

  await removeStaleTemporaries(target, fs);
  const temporary = temporaryName(target);
  // Listening before the file exists: a signal while open() runs must find the handler in place.
  const release = fs === nodeFs ? removeOnSignal(temporary) : () => undefined;
  let handle: WritableHandle;
  try {
    handle = await fs.open(temporary, "wx", mode ?? 0o666);
  } catch (error) {
    release();
    throw new AtomicWriteError(`cannot create a temporary file in ${dirname(target)}`, path, "create", error);
  }

  let step: AtomicWriteError["step"] = "write";
  let open = true;
  try {
    await handle.writeFile(data);
    // Keep the owner where we may (root editing someone's file); an unprivileged user cannot give
    // files away, and then the new file is theirs, as with any editor that saves by rename.
    if (owner) await handle.chown(owner.uid, owner.gid).catch(() => undefined);
    // open()'s mode is filtered by the umask; chmod restores the original bits exactly. It runs after
    // chown, which may clear set-user-ID bits.
    if (mode !== undefined) await handle.chmod(mode);
    step = "sync";
    await handle.sync();
    open = false;
    await handle.close();
    step = "rename";
    await fs.rename(temporary, target);
  } catch (error) {
    if (open) await handle.close().catch(() => undefined);
    await fs.unlink(temporary).catch(() => undefined);
    throw new AtomicWriteError(`cannot write ${path}`, path, step, error);
  } finally {
    release();
  }
  await syncFolder(fs, dirname(target));
}

/** Makes the rename durable. Best effort: some file systems refuse to fsync a folder. */
async function syncFolder(fs: AtomicFs, folder: string): Promise<void> {
  try {
    const handle = await fs.open(folder, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The data itself is already synced and renamed; only durability across a power cut is at stake.
  }
}
