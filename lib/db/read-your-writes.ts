// Read-your-writes for read replicas (ADR 0028): a client that has just written
// (any POST, PUT, PATCH or DELETE: a hold, a booking, a console change, an API
// or FHIR write) carries a short cookie, and while it does its catalogue reads
// go to the primary, so it never sees the page from before its own change.
// No database import here: proxy.ts sets the cookie and must stay light.

/** The cookie's name. Its value is the expiry (Unix seconds); it says nothing about who wrote. */
export const READ_YOUR_WRITES_COOKIE = "portal_rw";

/** Anything with `get(name)`: a request's `Headers`, or Next's `headers()`. */
export interface HeaderSource {
  get(name: string): string | null;
}

/** The cookie to set on the answer to a write: HttpOnly, SameSite=Lax, for `seconds`. */
export function readYourWritesCookie(seconds: number, now = Date.now()) {
  return {
    name: READ_YOUR_WRITES_COOKIE,
    value: String(Math.ceil(now / 1000) + seconds),
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/",
    maxAge: seconds,
  };
}

/** The value of one cookie in a Cookie header, or undefined. */
function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * True when this request's reads must see the primary: it carries an unexpired
 * read-your-writes cookie, or it is a server action (Next renders the page it
 * returns within the POST itself, before the browser could send the cookie).
 * A forged cookie only sends its own reads to the primary.
 */
export function wroteRecently(headers: HeaderSource, now = Date.now()): boolean {
  if (headers.get("next-action")) return true;
  const value = cookieValue(headers.get("cookie"), READ_YOUR_WRITES_COOKIE);
  if (value === undefined || !/^\d{1,12}$/.test(value)) return false;
  return Number(value) * 1000 > now;
}
