// Every route handler under /api and the methods it exports, for the proxy:
// Next answers a method a route does not export with an empty 405, and the
// API's answers must all be {"error":{code,message}}. Pure data, safe in the
// proxy (lib/openapi would bring zod and every schema into it). Two tests keep
// it true: tests/unit/bad-input-guards.test.ts fails when app/api and this list
// differ, tests/unit/openapi.test.ts when the OpenAPI document and this list do.

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Route patterns as folders under app/ name them ([param] is one path segment). */
export const apiRoutes: Readonly<Record<string, readonly Method[]>> = {
  "/api/docs": ["GET"],
  "/api/docs/[asset]": ["GET"],
  "/api/health": ["GET"],
  "/api/health/live": ["GET"],
  "/api/health/ready": ["GET"],
  "/api/metrics": ["GET"],
  "/api/v1/admin/quota-report": ["GET"],
  "/api/v1/bookings": ["POST"],
  "/api/v1/bookings/[reference]": ["GET"],
  "/api/v1/bookings/[reference]/calendar": ["GET"],
  "/api/v1/bookings/[reference]/cancel": ["POST"],
  "/api/v1/bookings/[reference]/erase": ["POST"],
  "/api/v1/bookings/[reference]/export": ["GET"],
  "/api/v1/bookings/[reference]/reschedule": ["POST"],
  "/api/v1/bookings/[reference]/visa-letter": ["GET"],
  "/api/v1/guides/[city]": ["GET"],
  "/api/v1/guides/[city]/pdf": ["GET"],
  "/api/v1/holds": ["POST"],
  "/api/v1/hospitals": ["GET"],
  "/api/v1/hospitals/[slug]": ["GET"],
  "/api/v1/openapi.json": ["GET"],
  "/api/v1/packages": ["GET"],
  "/api/v1/packages/[slug]": ["GET"],
  "/api/v1/payment-options": ["GET"],
  "/api/v1/slots": ["GET"],
  "/api/v1/staff/bookings/[reference]/visa-letter": ["GET"],
};

const isParam = (segment: string) => segment.startsWith("[") && segment.endsWith("]");

function matches(pattern: string, segments: string[]): boolean {
  const parts = pattern.split("/").filter(Boolean);
  return parts.length === segments.length && parts.every((part, i) => isParam(part) || part === segments[i]);
}

/**
 * The route of `routes` a path reaches and the methods it answers (Next adds
 * HEAD to a GET and answers OPTIONS itself), or undefined for a path no route
 * matches. A static folder wins over a [param] one, as in Next's own routing.
 * The FHIR API's table (lib/fhir/routes.ts) is read the same way.
 */
export function routeIn(
  routes: Readonly<Record<string, readonly Method[]>>,
  pathname: string,
): { pattern: string; allowed: string[] } | undefined {
  const segments = pathname.split("/").filter(Boolean);
  const candidates = Object.keys(routes).filter((pattern) => matches(pattern, segments));
  const staticness = (pattern: string) =>
    pattern
      .split("/")
      .filter(Boolean)
      .map((part) => (isParam(part) ? "0" : "1"))
      .join("");
  const pattern = candidates.sort((a, b) => staticness(b).localeCompare(staticness(a)))[0];
  if (!pattern) return undefined;
  const methods = routes[pattern]!;
  const allowed = [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
  return { pattern, allowed };
}

/** The /api route a path reaches (routeIn over apiRoutes). */
export function apiRouteFor(pathname: string): { pattern: string; allowed: string[] } | undefined {
  return routeIn(apiRoutes, pathname);
}
