import createMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { readYourWritesCookie } from "./lib/db/read-your-writes";
import { env } from "./lib/env";
import { AppError } from "./lib/errors";
import { apiRouteFor } from "./lib/http/api-routes";
import { apiLocale, errorResponse } from "./lib/http/errors";
import {
  ACTION_BODY_LIMIT_BYTES,
  API_BODY_LIMIT_BYTES,
  declaresMoreThan,
  payloadTooLarge,
} from "./lib/http/read-body";
import { FHIR_BODY_LIMIT_BYTES, fhirErrorResponse, fhirLocale } from "./lib/fhir/http";
import { fhirRouteFor } from "./lib/fhir/routes";
import { isForeignOrigin } from "./lib/http/same-origin";
import { isLocale, negotiateLocale, type Locale } from "./lib/i18n/locales";
import { routing } from "./lib/i18n/routing";

// Locale negotiation and the /{locale} prefix for every page (not the API), and
// the answers Next itself would get wrong (rule 6): a path that is not valid
// percent-encoding (Next: a bare 500), a method a route does not export (Next:
// an empty 405), a body bigger than the limit (Next: read whole), a server
// action posted from another site (Next: 500).
const intl = createMiddleware(routing);

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const CONTROL = /\p{Cc}/u;

/** The path decoded, or null when it is not valid percent-encoded UTF-8 or decodes to a control character. */
function decodedPath(pathname: string): string | null {
  try {
    const decoded = decodeURIComponent(pathname);
    return CONTROL.test(decoded) ? null : decoded;
  } catch {
    return null;
  }
}

/** The page's language: its /{locale} prefix, else the visitor's cookie or Accept-Language. */
function pageLocale(request: NextRequest, pathname: string): Locale {
  const first = pathname.split("/")[1];
  if (isLocale(first)) return first;
  const cookie = request.cookies.get("NEXT_LOCALE")?.value;
  if (isLocale(cookie)) return cookie;
  return negotiateLocale(request.headers.get("accept-language"));
}

function api(request: NextRequest, pathname: string): Promise<Response> | NextResponse {
  const locale = apiLocale(request);
  if (decodedPath(pathname) === null)
    return errorResponse(new AppError("VALIDATION_FAILED", { fields: { path: "invalid" } }), locale);
  const route = apiRouteFor(pathname);
  if (route && !route.allowed.includes(request.method)) {
    const allowed = route.allowed.join(", ");
    return errorResponse(new AppError("METHOD_NOT_ALLOWED", { values: { allowed } }), locale).then(
      (response) => {
        response.headers.set("Allow", allowed);
        return response;
      },
    );
  }
  if (!SAFE_METHODS.has(request.method) && declaresMoreThan(request.headers, API_BODY_LIMIT_BYTES))
    return errorResponse(payloadTooLarge(API_BODY_LIMIT_BYTES), locale);
  return NextResponse.next();
}

/**
 * The FHIR API's answers before any route runs, as OperationOutcome (ADR 0020):
 * a path that does not decode, a path no FHIR route serves (Next would answer
 * its HTML 404 page), a method the route lacks, a body over the limit.
 */
function fhir(request: NextRequest, pathname: string): Promise<Response> | NextResponse {
  const locale = fhirLocale(request);
  if (decodedPath(pathname) === null)
    return fhirErrorResponse(new AppError("VALIDATION_FAILED", { fields: { path: "invalid" } }), locale);
  const route = fhirRouteFor(pathname);
  if (!route) return fhirErrorResponse(new AppError("NOT_FOUND"), locale);
  if (!route.allowed.includes(request.method))
    return fhirErrorResponse(
      new AppError("METHOD_NOT_ALLOWED", { values: { allowed: route.allowed.join(", ") } }),
      locale,
    );
  if (!SAFE_METHODS.has(request.method) && declaresMoreThan(request.headers, FHIR_BODY_LIMIT_BYTES))
    return fhirErrorResponse(payloadTooLarge(FHIR_BODY_LIMIT_BYTES), locale);
  return NextResponse.next();
}

/** Paths the locale routing serves: everything but the APIs, Next's own files and files with an extension. */
const LOCALIZED = /^\/(?!api(?:\/|$)|fhir(?:\/|$)|_next(?:\/|$)|_vercel(?:\/|$)|.*\.)/;

function page(request: NextRequest, pathname: string): Promise<Response> | NextResponse {
  const locale = pageLocale(request, pathname);
  if (decodedPath(pathname) === null) {
    // The localized "page not found" ([locale]/[...rest] answers 404 for any path). A redirect,
    // not a rewrite: Next matches the page's [params] against the original path again, and
    // decoding it there is the very 500 this avoids. 303: whatever the method, the browser GETs it.
    return NextResponse.redirect(new URL(`/${locale}/not-found`, request.url), 303);
  }
  if (!SAFE_METHODS.has(request.method)) {
    if (isForeignOrigin(request)) return errorResponse(new AppError("FORBIDDEN"), locale);
    if (declaresMoreThan(request.headers, ACTION_BODY_LIMIT_BYTES))
      return errorResponse(payloadTooLarge(ACTION_BODY_LIMIT_BYTES), locale);
  }
  if (!LOCALIZED.test(pathname)) return NextResponse.next();
  return intl(request);
}

/**
 * A write (any method but GET, HEAD, OPTIONS) that goes on to a page, action or route marks
 * its client for READ_YOUR_WRITES_SECONDS: its catalogue reads then go to the primary, never
 * to a replica that may not have the write yet (lib/db/replicas.ts, ADR 0028). An answer
 * given here (404, 405, 413) wrote nothing. Without replicas no cookie is set.
 */
function markWrite(request: NextRequest, response: Promise<Response> | NextResponse) {
  if (SAFE_METHODS.has(request.method) || !(response instanceof NextResponse)) return response;
  const settings = env();
  if (settings.DATABASE_REPLICA_URLS.length > 0)
    response.cookies.set(readYourWritesCookie(settings.READ_YOUR_WRITES_SECONDS));
  return response;
}

export default function proxy(request: NextRequest): Promise<Response> | NextResponse {
  const pathname = new URL(request.url).pathname;
  if (pathname === "/api" || pathname.startsWith("/api/")) return markWrite(request, api(request, pathname));
  if (pathname === "/fhir" || pathname.startsWith("/fhir/"))
    return markWrite(request, fhir(request, pathname));
  return markWrite(request, page(request, pathname));
}

export const config = {
  matcher: [
    "/api/:path*",
    // Not the catalogue and translation uploads (app/[locale]/admin/{import,translations}/upload/route.ts):
    // Next copies a body for the proxy only up to proxyClientMaxBodySize (an action's limit) and
    // hands the route that cut copy, so a 10 MiB spreadsheet would arrive truncated. The routes
    // check the origin and their own limit (lib/http/same-origin.ts, readBodyBytes).
    "/((?!api|_next|_vercel|.*\\..*|[a-z][a-z]/admin/(?:import|translations)/upload$).*)",
    // Any path with a percent sign, so one that does not decode is answered here, not by a bare 500.
    "/(.*%.*)",
  ],
};
