// The rendered-page cache of the public catalogue pages (issue 21 item 2, ADR
// 0030), in front of Next in scripts/server.ts. A GET of a page
// lib/cache/page-cache-key.ts allows, from a visitor without a session or
// read-your-writes cookie, is answered from memory when its tags' generations
// on the primary are still those the page was rendered under (one statement
// per hit: an edit committed through any instance is never served stale by
// another). Otherwise Next renders it, and a 200 HTML answer without
// Set-Cookie (but next-intl's locale cookie, the same for every visitor of the
// page) is kept (least recently used go past PAGE_CACHE_MAX_ENTRIES).
//
// Every answer gets a fresh CSP nonce, written over the one the page was
// rendered with, and is gzip-encoded for a visitor who accepts it without
// compressing the page again (gzipParts: the pieces between the nonces are
// deflated once, when the page is kept; ADR 0030). What Next rendered
// compressed for the first visitor is decoded once to be kept.
//
// Public catalogue pages (cached or not) answer `Cache-Control: private,
// no-cache` instead of Next's no-store, so browsers may restore them from the
// back/forward cache; consoles, booking and manage pages keep no-store.
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  brotliDecompressSync,
  constants as zlibConstants,
  crc32,
  deflateRawSync,
  gunzipSync,
  inflateSync,
} from "node:zlib";
import Negotiator from "negotiator";
import pg from "pg";
import { Counter, Gauge } from "prom-client";
import type { Env } from "../env";
import { childLog } from "../observability/log";
import { metricsRegistry } from "../observability/metrics";
import { requestContext } from "../observability/request-context";
import { cacheablePage, publicPageTags, type CacheablePage } from "./page-cache-key";
import { PageCapture, runWithPageCapture, type PageSnapshot } from "./page-cache-render";

/** What a public page answers instead of no-store: revalidate every time, but the bfcache may keep it. */
export const PUBLIC_PAGE_CACHE_CONTROL = "private, no-cache";
/** A page bigger than this is sent and not kept. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Headers never kept: per answer (id, nonce policy, date, framing) or never shared (cookies). */
const PER_ANSWER = new Set([
  "set-cookie",
  "content-security-policy",
  "x-request-id",
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
]);

export interface CachedPage {
  status: number;
  headers: [string, string | string[]][];
  /** The body cut at each occurrence of the nonce it was rendered with. */
  parts: Buffer[];
  /** `parts`, each deflated on its own (gzipParts), for answers in gzip. */
  deflated: Buffer[];
  /** The nonce it was rendered with (also in a Link preload header). */
  nonce: string;
  /** next-intl's locale cookie for the page's locale, sent again to a visitor whose cookie differs. */
  localeCookie?: string;
  tags: string[];
  generations: Map<string, string>;
  validUntil: number;
  bytes: number;
}

export type LookupResult = "hit" | "miss" | "stale";

/** Reads the current generation of tags (the primary's); a missing tag is "0". */
export type GenerationReader = (tags: string[]) => Promise<Map<string, string>>;

interface CacheMetrics {
  lookups: Counter<"result">;
  invalidations: Counter<"reason">;
  entries: Gauge;
}

const metricsKey = Symbol.for("portal.pageCacheMetrics");
const metricsHolder = globalThis as unknown as { [metricsKey]?: CacheMetrics };

function cacheMetrics(): CacheMetrics {
  if (!metricsHolder[metricsKey]) {
    const registers = [metricsRegistry()];
    metricsHolder[metricsKey] = {
      lookups: new Counter({
        name: "portal_page_cache_lookups_total",
        help: "Rendered-page cache lookups of cacheable requests: hit, miss (rendered), stale (a tag changed or the page expired; rendered)",
        labelNames: ["result"],
        registers,
      }),
      invalidations: new Counter({
        name: "portal_page_cache_invalidations_total",
        help: "Kept pages dropped: tag (a generation changed), expired (clock-bound content), evicted (least recently used)",
        labelNames: ["reason"],
        registers,
      }),
      entries: new Gauge({
        name: "portal_page_cache_entries",
        help: "Pages kept by this instance",
        registers,
      }),
    };
  }
  return metricsHolder[metricsKey];
}

const log = childLog({ component: "page-cache" });

/** A generation reader on the primary, one statement per call, on a small pool of its own. */
export function primaryGenerations(databaseUrl: string): {
  read: GenerationReader;
  close: () => Promise<void>;
} {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 4,
    idleTimeoutMillis: 30_000,
    allowExitOnIdle: true,
    application_name: "portal-page-cache",
  });
  pool.on("error", () => {});
  return {
    read: async (tags) => {
      const result = await pool.query<{ tag: string; generation: string }>(
        "SELECT tag, generation::text AS generation FROM cache_tag WHERE tag = ANY($1::text[])",
        [tags],
      );
      return new Map(result.rows.map((r) => [r.tag, r.generation]));
    },
    close: () => pool.end(),
  };
}

/** The body with `nonce` written where the page's own nonce was. */
export function bodyWithNonce(parts: readonly Buffer[], nonce: string): Buffer {
  if (parts.length === 1) return parts[0]!;
  const glue = Buffer.from(nonce);
  const pieces: Buffer[] = [];
  parts.forEach((part, i) => {
    if (i > 0) pieces.push(glue);
    pieces.push(part);
  });
  return Buffer.concat(pieces);
}

function splitOn(body: Buffer, nonce: string): Buffer[] {
  const needle = Buffer.from(nonce);
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(needle, from); at >= 0; at = body.indexOf(needle, from)) {
    parts.push(body.subarray(from, at));
    from = at + needle.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

/**
 * Each part deflated on its own, ending on a byte boundary (a sync flush; the last one ends the stream):
 * raw deflate streams joined so are one stream, so a nonce deflated per answer can go between them.
 */
export function gzipParts(parts: readonly Buffer[]): Buffer[] {
  return parts.map((part, i) =>
    deflateRawSync(part, {
      finishFlush: i === parts.length - 1 ? zlibConstants.Z_FINISH : zlibConstants.Z_SYNC_FLUSH,
    }),
  );
}

/** gzip's fixed member header (RFC 1952): deflate, no name or time, operating system unknown. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/**
 * The body with `nonce` written where the page's own nonce was, gzip-encoded from the parts deflated
 * when it was kept: the nonce is the only text deflated per answer; the trailer's CRC-32 and length
 * are those of the whole body.
 */
export function gzipWithNonce(parts: readonly Buffer[], deflated: readonly Buffer[], nonce: string): Buffer {
  const glue = Buffer.from(nonce);
  const deflatedGlue =
    parts.length > 1 ? deflateRawSync(glue, { finishFlush: zlibConstants.Z_SYNC_FLUSH }) : undefined;
  const pieces: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let length = 0;
  parts.forEach((part, i) => {
    if (i > 0) {
      pieces.push(deflatedGlue!);
      crc = crc32(glue, crc);
      length += glue.length;
    }
    pieces.push(deflated[i]!);
    // Not asked of an empty part: Node 20's crc32 answers 0 for one that zlib has read (any start value).
    if (part.length > 0) crc = crc32(part, crc);
    length += part.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  pieces.push(trailer);
  return Buffer.concat(pieces);
}

/** The answer's body as the page's own bytes, whatever encoding Next chose for it; undefined for one not known. */
function decoded(body: Buffer, encoding: string | undefined): Buffer | undefined {
  switch ((encoding ?? "identity").toLowerCase()) {
    case "identity":
      return body;
    case "gzip":
      return gunzipSync(body);
    case "deflate":
      return inflateSync(body);
    case "br":
      return brotliDecompressSync(body);
    default:
      return undefined;
  }
}

/** Whether the request takes gzip (Accept-Encoding, with its q-values, read by negotiator). */
function acceptsGzip(req: IncomingMessage): boolean {
  return new Negotiator(req).encoding(["gzip", "identity"]) === "gzip";
}

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();

  constructor(
    private readonly maxEntries: number,
    private readonly generations: GenerationReader,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * The kept page for `key` if every tag's generation is unchanged on the primary and it has not
   * expired (hit); else none kept (miss) or one dropped now (stale).
   */
  async lookup(key: string): Promise<{ result: LookupResult; entry?: CachedPage }> {
    const m = cacheMetrics();
    const entry = this.entries.get(key);
    if (!entry) {
      m.lookups.inc({ result: "miss" });
      return { result: "miss" };
    }
    if (this.now() >= entry.validUntil) {
      this.drop(key, "expired");
      m.lookups.inc({ result: "stale" });
      return { result: "stale" };
    }
    const current = await this.generations(entry.tags);
    const fresh = entry.tags.every((tag) => (current.get(tag) ?? "0") === entry.generations.get(tag));
    // Another request may have replaced the entry meanwhile: drop only the one checked.
    if (!fresh) {
      if (this.entries.get(key) === entry) this.drop(key, "tag");
      m.lookups.inc({ result: "stale" });
      return { result: "stale" };
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    m.lookups.inc({ result: "hit" });
    return { result: "hit", entry };
  }

  /** Keeps a rendered page (most recently used; the least recently used go past the bound). */
  store(key: string, entry: CachedPage): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) this.drop(this.entries.keys().next().value!, "evicted");
    cacheMetrics().entries.set(this.entries.size);
  }

  private drop(key: string, reason: "tag" | "expired" | "evicted"): void {
    if (!this.entries.delete(key)) return;
    const m = cacheMetrics();
    m.invalidations.inc({ reason });
    m.entries.set(this.entries.size);
  }

  /** Drops every kept page (tests). */
  clear(): void {
    this.entries.clear();
    cacheMetrics().entries.set(0);
  }
}

/** Marks the request's access-log line (lib/observability/http-log.ts). */
function markAccessLog(result: LookupResult): void {
  const context = requestContext();
  if (context) context.pageCache = result;
}

/**
 * Public pages may stay in the back/forward cache: Next's no-store becomes
 * PUBLIC_PAGE_CACHE_CONTROL when the headers go out (Next sets them late).
 */
function allowBackForwardCache(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const value = this.getHeader("cache-control");
    if (typeof value === "string" && value.includes("no-store"))
      this.setHeader("cache-control", PUBLIC_PAGE_CACHE_CONTROL);
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}

function send(req: IncomingMessage, res: ServerResponse, entry: CachedPage, nonce: string): void {
  const gzip = acceptsGzip(req);
  const body = gzip ? gzipWithNonce(entry.parts, entry.deflated, nonce) : bodyWithNonce(entry.parts, nonce);
  res.statusCode = entry.status;
  const renonce = (value: string) => value.split(entry.nonce).join(nonce);
  for (const [name, value] of entry.headers)
    res.setHeader(name, typeof value === "string" ? renonce(value) : value.map(renonce));
  if (gzip) res.setHeader("content-encoding", "gzip");
  if (entry.localeCookie && cookieValue(req.headers.cookie, LOCALE_COOKIE) !== localeOf(req.url))
    res.setHeader("set-cookie", entry.localeCookie);
  res.setHeader("content-length", body.length);
  res.end(req.method === "HEAD" ? undefined : body);
}

/** The Vary header's value with Accept-Encoding in it (once). */
function varyWithAcceptEncoding(value: number | string | string[] | undefined): string {
  const names = (Array.isArray(value) ? value.join(",") : String(value ?? ""))
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (!names.some((name) => name.toLowerCase() === "accept-encoding")) names.push("Accept-Encoding");
  return names.join(", ");
}

/** next-intl's cookie: the last locale a visitor saw, for redirecting a path without one. */
const LOCALE_COOKIE = "NEXT_LOCALE";

function localeOf(url: string | undefined): string | undefined {
  return url?.split(/[/?]/)[1];
}

function cookieValue(header: string | string[] | undefined, name: string): string | undefined {
  const text = Array.isArray(header) ? header.join(";") : (header ?? "");
  for (const part of text.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The answer's Set-Cookie when it is only next-intl's locale cookie for the page's own
 * locale (the same for every visitor of that page), "" when there is none, undefined for any
 * other cookie: such an answer is never kept.
 */
function localeCookieOnly(res: ServerResponse, url: string | undefined): string | undefined {
  const header = res.getHeader("set-cookie");
  if (header === undefined) return "";
  const cookies = Array.isArray(header) ? header : [String(header)];
  if (cookies.length !== 1) return undefined;
  const match = /^NEXT_LOCALE=([a-z]{2}(?:-[A-Za-z]{2,4})?);/.exec(cookies[0]!);
  return match && match[1] === localeOf(url) ? cookies[0] : undefined;
}

/** Collects what Next writes, and keeps it when the answer is one the cache may keep. */
function capture(
  cache: PageCache,
  page: CacheablePage,
  req: IncomingMessage,
  res: ServerResponse,
  nonce: string,
): PageCapture {
  const rendering = new PageCapture(page.tags);
  const chunks: Buffer[] = [];
  let bytes = 0;
  let tooBig = false;
  const collect = (chunk: unknown, encoding: unknown) => {
    if (tooBig || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer =
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : Buffer.from(chunk as Uint8Array);
    bytes += buffer.length;
    if (bytes > MAX_BODY_BYTES) tooBig = true;
    else chunks.push(buffer);
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (args.length > 0 && typeof args[0] !== "function") collect(args[0], args[1]);
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.end;

  res.once("finish", () => {
    const snapshot: PageSnapshot | undefined = rendering.snapshot;
    const type = String(res.getHeader("content-type") ?? "");
    const localeCookie = localeCookieOnly(res, req.url);
    if (
      tooBig ||
      !snapshot ||
      rendering.failed ||
      res.statusCode !== 200 ||
      localeCookie === undefined ||
      !type.startsWith("text/html")
    )
      return;
    const body = decoded(Buffer.concat(chunks), res.getHeader("content-encoding")?.toString());
    if (!body || body.length > MAX_BODY_BYTES) return;
    const headers: [string, string | string[]][] = [];
    for (const [name, value] of Object.entries(res.getHeaders()))
      if (value !== undefined && !PER_ANSWER.has(name) && name !== "vary")
        headers.push([name, typeof value === "number" ? String(value) : value]);
    // Every hit may be sent in gzip or plain: said once here, not per answer.
    headers.push(["vary", varyWithAcceptEncoding(res.getHeader("vary"))]);
    const parts = splitOn(body, nonce);
    cache.store(page.key, {
      status: 200,
      headers,
      parts,
      deflated: gzipParts(parts),
      nonce,
      ...(localeCookie ? { localeCookie } : {}),
      tags: [...page.tags],
      generations: snapshot.generations,
      validUntil: snapshot.validUntil,
      bytes: body.length,
    });
  });
  return rendering;
}

/**
 * Answers a request from the cache, or runs `render` (Next's handler) and keeps
 * its answer when it may. `nonce`: the one scripts/server.ts put in this
 * request's Content-Security-Policy. `cache` undefined: PAGE_CACHE=off (public
 * pages still allow the back/forward cache).
 */
export async function servePage(
  cache: PageCache | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  nonce: string,
  render: () => Promise<void>,
): Promise<void> {
  if (!publicPageTags(req.method, req.url)) return render();
  allowBackForwardCache(res);
  const page = cache ? cacheablePage(req.method, req.url, req.headers) : null;
  if (!cache || !page) return render();
  let found: Awaited<ReturnType<PageCache["lookup"]>> = { result: "miss" };
  try {
    found = await cache.lookup(page.key);
  } catch (error) {
    // The primary did not answer: render (which will meet the same database and say so).
    log.warn({ err: error }, "page cache: could not read tag generations");
  }
  markAccessLog(found.result);
  if (found.entry) {
    send(req, res, found.entry, nonce);
    return;
  }
  if (req.method !== "GET") return render();
  const rendering = capture(cache, page, req, res, nonce);
  return runWithPageCapture(rendering, render);
}

/** The process's cache per PAGE_CACHE and PAGE_CACHE_MAX_ENTRIES (undefined when off or without a database). */
export function pageCacheFromEnv(
  settings: Pick<Env, "PAGE_CACHE" | "PAGE_CACHE_MAX_ENTRIES" | "DATABASE_URL">,
): { cache: PageCache; close: () => Promise<void> } | undefined {
  if (settings.PAGE_CACHE === "off" || !settings.DATABASE_URL) return undefined;
  const primary = primaryGenerations(settings.DATABASE_URL);
  return { cache: new PageCache(settings.PAGE_CACHE_MAX_ENTRIES, primary.read), close: primary.close };
}
