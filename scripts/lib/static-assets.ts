// The build's static assets (/_next/static/*), compressed once at build and served from disk (ADR 0035).
//
// Next's own handler gzips each chunk again on every request: on a 2-core machine a phone's first
// load of a page made the server compress 500 KB of JavaScript (10-130 ms a chunk) while the browser,
// on the same cores, was laying the page out, and Lighthouse counted that contention as the page's own
// blocking time. The build now writes a Brotli (quality 11) and a gzip (level 9) copy beside each
// compressible file, after the compile hints (the copies are of the hinted bytes), and the server
// answers /_next/static with sirv, which picks the copy the browser accepts, with Next's long-lived
// immutable caching (the file names carry the content's hash). Anything sirv does not have (a name
// from another build) falls through to Next, which answers 404.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import sirv from "sirv";
import { NEXT_STATIC_ROUTE } from "../../lib/observability/route-of";

/** What the build compresses: text; images and fonts are compressed formats already. */
const COMPRESSIBLE = /\.(js|css|svg|json|txt|map)$/;
/** Smaller files go as they are: a response's headers weigh more than what compressing them saves. */
export const MIN_BYTES = 1024;
const ENCODINGS = [
  {
    suffix: ".br",
    compress: (data: Buffer) =>
      brotliCompressSync(data, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }),
  },
  { suffix: ".gz", compress: (data: Buffer) => gzipSync(data, { level: 9 }) },
] as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * Writes `<file>.br` and `<file>.gz` beside each compressible file of `.next/static` of at least
 * MIN_BYTES unless both copies are as new as the file (a file changed after its copies, as the compile
 * hints change chunks, is compressed again). A copy no smaller than its file is not written: the file
 * itself is served. Returns how many files got a copy.
 */
export function precompressStaticAssets(nextDir: string): number {
  const staticDir = path.join(nextDir, "static");
  let compressed = 0;
  for (const file of filesUnder(staticDir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const { size, mtimeMs: modified } = statSync(file);
    if (size < MIN_BYTES) continue;
    const upToDate = ENCODINGS.every(({ suffix }) => {
      try {
        return statSync(file + suffix).mtimeMs >= modified;
      } catch {
        return false;
      }
    });
    if (upToDate) continue;
    const data = readFileSync(file);
    let written = false;
    for (const { suffix, compress } of ENCODINGS) {
      const copy = compress(data);
      if (copy.length >= data.length) continue;
      writeFileSync(file + suffix, copy);
      written = true;
    }
    if (written) compressed++;
  }
  return compressed;
}

const PREFIX = `${NEXT_STATIC_ROUTE}/`;
const ONE_YEAR = 31_536_000;
const TEXT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

type Handler = (req: IncomingMessage, res: ServerResponse, fallThrough: () => void) => void;

/**
 * A request handler for /_next/static/* from the build's files and their compressed copies; any other
 * request, a method other than GET or HEAD, or a name the build does not have goes to `fallThrough`.
 * It reads the directory's listing once, when made: make it after the build.
 */
export function staticAssetHandler(nextDir: string): Handler {
  const serve = sirv(path.join(nextDir, "static"), {
    dev: false,
    etag: true,
    gzip: true,
    brotli: true,
    maxAge: ONE_YEAR,
    immutable: true,
    extensions: [],
    setHeaders: (res, pathname) => {
      const type = TEXT_TYPES[path.extname(pathname)];
      if (type) res.setHeader("Content-Type", type);
    },
  });
  return (req, res, fallThrough) => {
    const url = req.url ?? "";
    if (!url.startsWith(PREFIX) || (req.method !== "GET" && req.method !== "HEAD")) return fallThrough();
    // sirv resolves the path against its directory: it sees the part below /_next/static.
    req.url = url.slice(PREFIX.length - 1);
    serve(req, res, () => {
      req.url = url;
      fallThrough();
    });
  };
}
