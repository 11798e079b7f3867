// A request path → the route template that served it ("/[locale]/hospitals/[slug]",
// "/api/v1/bookings/[reference]"), for the access log and the metrics' route
// label. The raw path is never logged: a manage link's path names a booking and
// its query carries the token; a template names neither, and the set of
// templates is small (bounded label cardinality).
//
// The table comes from the production build's .next/routes-manifest.json: its
// static routes by exact page, its dynamic routes by Next's own regexes, in
// Next's own priority order. Anything else (no build, an unknown path) is OTHER.
import { readFileSync } from "node:fs";
import path from "node:path";

export const OTHER_ROUTE = "other";
/** Next's built assets (/_next/static/…, /_next/image): one label each. */
export const NEXT_STATIC_ROUTE = "/_next/static";
export const NEXT_IMAGE_ROUTE = "/_next/image";

interface ManifestRoute {
  page: string;
  regex: string;
}

export interface RouteManifest {
  basePath?: string;
  staticRoutes?: ManifestRoute[];
  dynamicRoutes?: ManifestRoute[];
}

export interface RouteTable {
  basePath: string;
  staticPages: ReadonlySet<string>;
  dynamic: readonly { page: string; regex: RegExp }[];
}

export const EMPTY_ROUTE_TABLE: RouteTable = { basePath: "", staticPages: new Set(), dynamic: [] };

/** The table of a parsed routes-manifest.json (dynamic routes kept in the manifest's order: Next's priority). */
export function routeTable(manifest: RouteManifest): RouteTable {
  const dynamic: { page: string; regex: RegExp }[] = [];
  for (const route of manifest.dynamicRoutes ?? []) {
    try {
      dynamic.push({ page: route.page, regex: new RegExp(route.regex) });
    } catch {
      // A regex this runtime cannot compile: that route is logged as OTHER.
    }
  }
  return {
    basePath: manifest.basePath ?? "",
    staticPages: new Set((manifest.staticRoutes ?? []).map((route) => route.page)),
    dynamic,
  };
}

/** The table of `<dir>/.next/routes-manifest.json`, or EMPTY_ROUTE_TABLE when there is no build (dev, tests). */
export function loadRouteTable(dir: string): RouteTable {
  try {
    const text = readFileSync(path.join(dir, ".next", "routes-manifest.json"), "utf8");
    return routeTable(JSON.parse(text) as RouteManifest);
  } catch {
    return EMPTY_ROUTE_TABLE;
  }
}

/**
 * The template of `url` (a request target: path with or without a query). An
 * RSC request's suffix (`.rsc`, `.segments/….segment.rsc`) is the same route.
 */
export function routeOf(url: string | undefined, table: RouteTable): string {
  if (!url) return OTHER_ROUTE;
  let pathname = url.split(/[?#]/, 1)[0]!;
  if (!pathname.startsWith("/")) return OTHER_ROUTE;
  if (table.basePath) {
    if (pathname !== table.basePath && !pathname.startsWith(`${table.basePath}/`)) return OTHER_ROUTE;
    pathname = pathname.slice(table.basePath.length) || "/";
  }
  if (pathname.startsWith("/_next/static/")) return NEXT_STATIC_ROUTE;
  if (pathname === "/_next/image") return NEXT_IMAGE_ROUTE;
  pathname = pathname.replace(/\.segments\/.*$/, "").replace(/\.rsc$/, "");
  if (pathname === "/index") pathname = "/";
  if (pathname.length > 1 && pathname.endsWith("/")) pathname = pathname.slice(0, -1);
  if (table.staticPages.has(pathname)) return pathname;
  for (const route of table.dynamic) if (route.regex.test(pathname)) return route.page;
  return OTHER_ROUTE;
}
