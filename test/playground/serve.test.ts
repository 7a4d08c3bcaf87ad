import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servePlayground } from "../../playground/build.mjs";

/** A raw request (fetch would normalise `..` away). */
function raw(url: string, path: string, method = "GET"): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, method }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"], body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("servePlayground", () => {
  let dir: string;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "pac-do-serve-"));
    mkdirSync(join(dir, "site"));
    writeFileSync(join(dir, "site/index.html"), "<!doctype html><title>t</title>");
    writeFileSync(join(dir, "site/emscripten-module.wasm"), "\0asm");
    writeFileSync(join(dir, "secret.txt"), "outside");
    server = await servePlayground(join(dir, "site"));
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves index.html for the folder and files with their types, on 127.0.0.1", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await raw(server.url, "/")).toMatchObject({ status: 200, type: "text/html; charset=utf-8" });
    expect(await raw(server.url, "/emscripten-module.wasm")).toMatchObject({ status: 200, type: "application/wasm" });
  });

  it("serves nothing outside its folder and only GET and HEAD", async () => {
    expect((await raw(server.url, "/../secret.txt")).status).toBe(404);
    expect((await raw(server.url, "/%2e%2e/secret.txt")).status).toBe(404);
    expect((await raw(server.url, "/missing.js")).status).toBe(404);
    expect((await raw(server.url, "/index.html", "POST")).status).toBe(405);
    expect((await raw(server.url, "/%E0%A4%A")).status).toBe(400);
    expect((await raw(server.url, "/")).status).toBe(200);
  });
});
