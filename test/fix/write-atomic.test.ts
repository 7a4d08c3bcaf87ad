import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, lstatSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { AtomicWriteError, nodeFs, writeFileAtomic, type AtomicFs, type WritableHandle } from "../../src/fix/write-atomic.js";

type Step = "open" | "writeFile" | "chmod" | "sync" | "close" | "rename";

function errno(code: string): Error {
  return Object.assign(new Error(`${code}: injected`), { code });
}

/** The real file system, except that `step` fails with `code`. */
function failingAt(step: Step, code = "EIO"): AtomicFs {
  const wrap = (handle: WritableHandle): WritableHandle => ({
    writeFile: async (data) => {
      if (step === "writeFile") {
        // Fail halfway, as a full disk does: part of the data is already in the temporary file.
        await handle.writeFile(data.subarray(0, data.length >> 1));
        throw errno(code);
      }
      await handle.writeFile(data);
    },
    chmod: async (mode) => (step === "chmod" ? Promise.reject(errno(code)) : handle.chmod(mode)),
    chown: async (uid, gid) => handle.chown(uid, gid),
    sync: async () => (step === "sync" ? Promise.reject(errno(code)) : handle.sync()),
    close: async () => {
      await handle.close();
      if (step === "close") throw errno(code);
    },
  });
  return {
    ...nodeFs,
    open: async (path, flags, mode) => {
      if (step === "open" && flags !== "r") throw errno(code);
      return wrap(await nodeFs.open(path, flags, mode));
    },
    rename: async (from, to) => (step === "rename" ? Promise.reject(errno(code)) : nodeFs.rename(from, to)),
  };
}

function folderWith(name: string, content: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "pac-do-fix-"));
  const file = join(dir, name);
  writeFileSync(file, content);
  return { dir, file };
}

describe("writeFileAtomic", () => {
  test("replaces the contents and keeps the file mode", async () => {
    const { dir, file } = folderWith("proxy.pac", "old");
    chmodSync(file, 0o640);
    await writeFileAtomic(file, Buffer.from("new"));
    expect(readFileSync(file, "utf8")).toBe("new");
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["proxy.pac"]);
  });

  test.each<[Step, string]>([
    ["open", "EACCES"],
    ["open", "EROFS"],
    ["writeFile", "ENOSPC"],
    ["chmod", "EPERM"],
    ["sync", "EIO"],
    ["close", "EIO"],
    ["rename", "EACCES"],
  ])("leaves the original intact and no temporary file when %s fails with %s", async (step, code) => {
    const { dir, file } = folderWith("proxy.pac", "original bytes\r\n");
    const failure = writeFileAtomic(file, Buffer.from("new bytes that must not appear"), failingAt(step, code));
    await expect(failure).rejects.toBeInstanceOf(AtomicWriteError);
    await expect(failure).rejects.toMatchObject({ cause: { code } });
    expect(readFileSync(file, "utf8")).toBe("original bytes\r\n");
    expect(readdirSync(dir)).toEqual(["proxy.pac"]);
  });

  test("keeps the owner and group of the file it replaces", async () => {
    const { file } = folderWith("proxy.pac", "old");
    chownSync(file, 1234, 5678);
    await writeFileAtomic(file, Buffer.from("new"));
    expect(statSync(file)).toMatchObject({ uid: 1234, gid: 5678 });
  });

  test("writes through a symlink: the link stays a link and its target gets the bytes", async () => {
    const { dir, file } = folderWith("real.pac", "old");
    const link = join(dir, "proxy.pac");
    symlinkSync("real.pac", link);
    await writeFileAtomic(link, Buffer.from("new"));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(file, "utf8")).toBe("new");
    expect(readdirSync(dir).sort()).toEqual(["proxy.pac", "real.pac"]);
  });

  test("refuses to replace a symlink whose target is missing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pac-do-fix-"));
    symlinkSync("missing.pac", join(dir, "proxy.pac"));
    await expect(writeFileAtomic(join(dir, "proxy.pac"), Buffer.from("x"))).rejects.toThrow(/symbolic link to a missing file/);
    expect(lstatSync(join(dir, "proxy.pac")).isSymbolicLink()).toBe(true);
  });

  test("refuses a directory as the target", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pac-do-fix-"));
    mkdirSync(join(dir, "out.pac"));
    await expect(writeFileAtomic(join(dir, "out.pac"), Buffer.from("x"))).rejects.toMatchObject({ cause: { code: "EISDIR" } });
    expect(readdirSync(dir)).toEqual(["out.pac"]);
  });

  test("creates a new file when the target does not exist", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pac-do-fix-"));
    await writeFileAtomic(join(dir, "out.pac"), Buffer.from("x"));
    expect(readFileSync(join(dir, "out.pac"), "utf8")).toBe("x");
    expect(readdirSync(dir)).toEqual(["out.pac"]);
  });
});
