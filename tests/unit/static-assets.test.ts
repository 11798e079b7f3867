// The build's static assets (ADR 0035): the compressed copies the build writes, and the handler that
// serves them over a real HTTP server, read back with node:http (which does not decode for us) and
// decoded with zlib.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { precompressStaticAssets, staticAssetHandler } from "../../scripts/lib/static-assets";

let next: string;
const CHUNK = `//# allFunctionsCalledOnLoad\n${"function f(){return 'international patient portal';}\n".repeat(200)}`;
const STYLE = `${"body{margin:0;font-family:system-ui}\n".repeat(100)}`;

function write(relative: string, data: string | Buffer) {
  const file = path.join(next, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
}

beforeEach(() => {
  next = mkdtempSync(path.join(os.tmpdir(), "static-assets-"));
  write("static/chunks/app.js", CHUNK);
  write("static/chunks/app.css", STYLE);
  write("static/chunks/tiny.js", "1");
  write("static/media/logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]));
  write("server/secret.txt", "not an asset");
});

afterEach(() => rmSync(next, { recursive: true, force: true }));

describe("precompressStaticAssets", () => {
  it("writes a Brotli and a gzip copy of each text file that decode to the file", () => {
    expect(precompressStaticAssets(next)).toBe(2);
    for (const name of ["chunks/app.js", "chunks/app.css"]) {
      const file = path.join(next, "static", name);
      const original = readFileSync(file);
      expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(original)).toBe(true);
      expect(gunzipSync(readFileSync(`${file}.gz`)).equals(original)).toBe(true);
      expect(statSync(`${file}.br`).size).toBeLessThan(statSync(`${file}.gz`).size);
    }
  });

  it("writes no copy of small files or images", () => {
    precompressStaticAssets(next);
    expect(() => statSync(path.join(next, "static/chunks/tiny.js.br"))).toThrow();
    expect(() => statSync(path.join(next, "static/chunks/tiny.js.gz"))).toThrow();
    expect(() => statSync(path.join(next, "static/media/logo.png.br"))).toThrow();
  });

  it("compresses again only what changed after its copies", () => {
    precompressStaticAssets(next);
    expect(precompressStaticAssets(next)).toBe(0);
    const file = path.join(next, "static/chunks/app.js");
    const changed = `${CHUNK}console.log("changed");\n`;
    writeFileSync(file, changed);
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    expect(precompressStaticAssets(next)).toBe(1);
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(changed);
    expect(gunzipSync(readFileSync(`${file}.gz`)).toString()).toBe(changed);
  });
});

describe("staticAssetHandler", () => {
  let server: Server;
  let port: number;

  beforeEach(async () => {
    precompressStaticAssets(next);
    const assets = staticAssetHandler(next);
    server = createServer((req, res) =>
      assets(req, res, () => {
        res.statusCode = 404;
        res.end(`fell through: ${req.method} ${req.url}`);
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function get(
    pathname: string,
    headers: Record<string, string> = {},
    method = "GET",
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: pathname, method, headers }, (res) => {
        const parts: Buffer[] = [];
        res.on("data", (part: Buffer) => parts.push(part));
        res.on("end", () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }),
        );
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("answers with the Brotli copy when the browser accepts it, cached for a year, as JavaScript", async () => {
    const res = await get("/_next/static/chunks/app.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public,max-age=31536000,immutable");
    expect(res.headers.vary).toBe("Accept-Encoding");
    expect(brotliDecompressSync(res.body).toString()).toBe(CHUNK);
  });

  it("answers with the gzip copy, or the file itself, to browsers that accept only those", async () => {
    const gzip = await get("/_next/static/chunks/app.css", { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(gunzipSync(gzip.body).toString()).toBe(STYLE);
    const plain = await get("/_next/static/chunks/app.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(CHUNK);
    const tiny = await get("/_next/static/chunks/tiny.js", { "accept-encoding": "br" });
    expect(tiny.headers["content-encoding"]).toBeUndefined();
    expect(tiny.body.toString()).toBe("1");
  });

  it("answers a revalidation with its ETag with 304", async () => {
    const first = await get("/_next/static/chunks/app.js", { "accept-encoding": "br" });
    const again = await get("/_next/static/chunks/app.js", {
      "accept-encoding": "br",
      "if-none-match": String(first.headers.etag),
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("leaves other paths, other methods, unknown names and escapes to the next handler", async () => {
    for (const [pathname, method] of [
      ["/en/hospitals", "GET"],
      ["/_next/static/chunks/app.js", "POST"],
      ["/_next/static/chunks/missing.js", "GET"],
      ["/_next/static/../server/secret.txt", "GET"],
      ["/_next/static/%2e%2e/server/secret.txt", "GET"],
    ] as const) {
      const res = await get(pathname, { "accept-encoding": "br" }, method);
      expect(res.status, `${method} ${pathname}`).toBe(404);
      expect(res.body.toString()).toBe(`fell through: ${method} ${pathname}`);
    }
  });
});
