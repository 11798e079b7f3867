// Which requests the rendered-page cache may answer or keep (ADR 0030), and
// under which key and tags. Pure: no database, no Next. The public catalogue
// pages read nothing of the request but its URL (no session, no cookie, no
// header: the shell is the same for everyone, the locale is the path's), so
// the normalized URL is the key. The tags say which changes make a page wrong
// (the triggers of migration 20261205100000_cache_tags bump them).
import { isLocale } from "../i18n/locales";

export interface CacheablePage {
  /** The normalized URL: path and query, parameters sorted by name (repeated ones kept in order). */
  key: string;
  /** The tags whose generations the page is kept under. */
  tags: string[];
}

/** Lists of the catalogue: any catalogue change and any availability change can change them. */
const LISTS = ["catalogue", "availability"];
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
/** Longer URLs are rendered and not kept (a bound on one key; the LRU bounds the count). */
const MAX_URL_LENGTH = 2_048;

/**
 * The tags of a public catalogue page's path ("/{locale}/…"), or null when the
 * path is not one. Institution pages are tagged by their slug, so an edit of
 * one institution leaves every other institution's page cached.
 */
export function pageTags(pathname: string): string[] | null {
  const parts = pathname.split("/");
  if (parts[0] !== "" || !isLocale(parts[1])) return null;
  const rest = parts.slice(2);
  if (rest.length === 1 && rest[0] === "") return null; // "/en/" is redirected by Next
  if (rest.length === 0) return LISTS;
  const [section, slug, ...more] = rest;
  if (more.length > 0 || slug === "") return null;
  switch (section) {
    case "hospitals":
      if (slug === undefined) return LISTS;
      return SLUG.test(slug) ? [`institution:${slug}`, "places", "insurers"] : null;
    case "packages":
      if (slug === undefined) return LISTS;
      return SLUG.test(slug) ? LISTS : null;
    case "guide":
      if (slug === undefined) return ["guides", "catalogue"];
      return SLUG.test(slug) ? ["guides", "catalogue"] : null;
    default:
      return null;
  }
}

/** Request headers as node:http gives them. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

/** Next's client-side navigation and prefetch requests: they answer RSC data, not the page. */
const RSC_HEADERS = ["rsc", "next-router-prefetch", "next-router-state-tree", "next-action", "next-url"];

/**
 * A cookie that may change what a request must see: a session (better-auth's
 * `portal.session_token`, `__Secure-portal.…`) or the read-your-writes mark
 * (`portal_rw`). Such requests are rendered, never answered from the cache.
 */
function hasPortalCookie(cookie: string | string[] | undefined): boolean {
  const text = Array.isArray(cookie) ? cookie.join(";") : (cookie ?? "");
  return text.split(";").some((part) => {
    const name = part.split("=")[0]!.trim();
    return (
      name.startsWith("portal") || name.startsWith("__Secure-portal") || name.startsWith("__Host-portal")
    );
  });
}

/** The public catalogue page a GET or HEAD asks for (whatever its cookies), or null. */
export function publicPageTags(method: string | undefined, url: string | undefined): string[] | null {
  if ((method !== "GET" && method !== "HEAD") || !url || url.length > MAX_URL_LENGTH) return null;
  const q = url.indexOf("?");
  return pageTags(q < 0 ? url : url.slice(0, q));
}

/** The key and tags when the cache may answer or keep this request, else null. */
export function cacheablePage(
  method: string | undefined,
  url: string | undefined,
  headers: RequestHeaders,
): CacheablePage | null {
  const tags = publicPageTags(method, url);
  if (!tags || !url) return null;
  if (RSC_HEADERS.some((name) => headers[name] !== undefined)) return null;
  if (hasPortalCookie(headers.cookie)) return null;
  const q = url.indexOf("?");
  if (q < 0) return { key: url, tags };
  const params = [...new URLSearchParams(url.slice(q + 1))];
  if (params.some(([name]) => name === "_rsc")) return null;
  // A stable sort: pages read repeated parameters in order, and the order of names never matters.
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  return { key: query ? `${url.slice(0, q)}?${query}` : url.slice(0, q), tags };
}
