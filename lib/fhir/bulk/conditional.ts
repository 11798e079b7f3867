// Conditional GETs of the bulk publication (RFC 9110 §13): a weak ETag from a
// fingerprint of the data a response is made of, a Last-Modified that is the
// time this server first saw that fingerprint, and 304 when the client's copy
// is current. A Last-Modified is an upper bound of the change time (a change
// is seen when a request looks, never before it happens), so If-Modified-Since
// never answers 304 for data changed after the client's copy; If-None-Match
// wins when both are sent, as RFC 9110 §13.2.2 orders.
import { createHash } from "node:crypto";

/** A weak ETag over the parts that make up a response (weak: the same data, not necessarily the same bytes). */
export function weakEtag(...parts: readonly (string | number)[]): string {
  return `W/"${createHash("sha256").update(parts.join("\u0000")).digest("base64url").slice(0, 27)}"`;
}

/** Whether an If-None-Match header names this ETag (weak comparison: W/ ignored) or is "*". */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

/**
 * Since when this server has seen each key's current fingerprint (bounded: the
 * oldest keys go first). The first request that sees a new fingerprint fixes
 * its time; an evicted key only makes its next answer newer, never older.
 */
export class ChangeClock {
  private readonly seen = new Map<string, { etag: string; since: Date }>();

  constructor(private readonly maxKeys = 20_000) {}

  /** The time `etag` became `key`'s current value, as first seen by this server (whole seconds, as HTTP dates are). */
  since(key: string, etag: string, now: Date): Date {
    const known = this.seen.get(key);
    if (known?.etag === etag) return known.since;
    const since = new Date(Math.floor(now.getTime() / 1000) * 1000);
    this.seen.delete(key);
    this.seen.set(key, { etag, since });
    while (this.seen.size > this.maxKeys) this.seen.delete(this.seen.keys().next().value!);
    return since;
  }
}

/** The validators and cache lifetime of a response. */
export interface Freshness {
  etag: string;
  lastModified: Date;
  maxAgeSeconds: number;
}

export function freshnessHeaders(f: Freshness): Record<string, string> {
  return {
    ETag: f.etag,
    "Last-Modified": f.lastModified.toUTCString(),
    "Cache-Control": `public, max-age=${f.maxAgeSeconds}`,
  };
}

/** Whether the client's copy (its If-None-Match, else its If-Modified-Since) is still current. */
export function notModified(request: Request, f: Freshness): boolean {
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch !== null) return etagMatches(ifNoneMatch, f.etag);
  const ifModifiedSince = request.headers.get("if-modified-since");
  if (ifModifiedSince === null) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && f.lastModified.getTime() <= since;
}

/** 304 Not Modified with the validators (RFC 9110 §15.4.5: the headers a 200 would have sent). */
export function notModifiedResponse(f: Freshness): Response {
  return new Response(null, { status: 304, headers: freshnessHeaders(f) });
}
