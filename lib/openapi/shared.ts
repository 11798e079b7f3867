// What the operations of /api/v1/openapi.json share: the error shape and the
// error answers every route gives, the locale and path parameters, the
// security schemes. One file per operation (lib/openapi/<resource>/<op>.ts)
// composes these with the zod schemas its route handler uses.
import { z } from "zod";
import type {
  ZodOpenApiOperationObject,
  ZodOpenApiResponseObject,
  ZodOpenApiSecuritySchemeObject,
} from "zod-openapi";
import { REFERENCE_PATTERN } from "../booking/reference";
import { apiErrorSchema } from "../catalogue/api-schemas";
import { slugParam } from "../slug";
import { locales } from "../i18n/locales";

export type HttpMethod = "get" | "post";

/** The two bases the API's routes live under: app/api/v1 and app/api (health). */
export const API_V1 = "/api/v1";
export const API_ROOT = "/api";

/** One operation: the route it documents and what it says about it. */
export interface ApiOperation {
  method: HttpMethod;
  /** The path below `base`, with {param} for a [param] folder: /hospitals/{slug}. */
  path: string;
  /** Where the route's folder is: app/api/v1 (the default, the document's server) or app/api. */
  base?: typeof API_V1 | typeof API_ROOT;
  operation: ZodOpenApiOperationObject & { operationId: string; tags: [Tag] };
}

export const tags = [
  { name: "Catalogue", description: "Institutions with international services and TCM packages" },
  { name: "Payment", description: "Direct billing (rule 4), self-pay prices and estimates" },
  { name: "Guides", description: "Published foreigner medical guides of a city" },
  { name: "Booking", description: "Free slots, holds and bookings" },
  {
    name: "Manage booking",
    description: "A booking seen and changed with its secret manage token (no account)",
  },
  { name: "Staff", description: "For staff of an institution, with a signed-in session" },
  { name: "Admin", description: "For city and system admins, with a signed-in session" },
  { name: "Health", description: "Liveness and readiness for load balancers and monitors" },
  { name: "Meta", description: "This document and its reference page, /api/docs" },
] as const;
export type Tag = (typeof tags)[number]["name"];

// ---------------------------------------------------------------- security

export const securitySchemes = {
  manageToken: {
    type: "http",
    scheme: "bearer",
    description:
      "The booking's secret manage token, returned once when it is made: Authorization: Bearer <token>",
  },
  manageTokenQuery: {
    type: "apiKey",
    in: "query",
    name: "token",
    description:
      "The same manage token as ?token=, for the links in the booking's e-mails and manage page (downloads a browser opens)",
  },
  metricsToken: {
    type: "http",
    scheme: "bearer",
    description: "The METRICS_TOKEN setting, for GET /api/metrics: Authorization: Bearer <METRICS_TOKEN>",
  },
  staffSession: {
    type: "apiKey",
    in: "cookie",
    name: "portal.session_token",
    description:
      "The session cookie of a signed-in staff member or admin (__Secure-portal.session_token over HTTPS), set by signing in at /{locale}/sign-in",
  },
} as const satisfies Record<string, ZodOpenApiSecuritySchemeObject>;
export type SecurityScheme = keyof typeof securitySchemes;

/** Which schemes an operation takes: any one of the requirements, each naming its schemes. */
type Security = Partial<Record<SecurityScheme, string[]>>[];

/** The manage token as an Authorization header only. */
export const manageTokenHeader: Security = [{ manageToken: [] }];
/** The manage token as an Authorization header or as ?token=. */
export const manageTokenHeaderOrQuery: Security = [{ manageToken: [] }, { manageTokenQuery: [] }];
export const staffSession: Security = [{ staffSession: [] }];

// ---------------------------------------------------------------- parameters

/** ?locale=: the language of the content and of error messages. */
export const localeParameter = z
  .enum(locales)
  .optional()
  .meta({
    description: "Language of the content and of error messages; otherwise Accept-Language, then English.",
    param: { name: "locale", in: "query" },
  });

/** A [slug] folder: an institution's, a package's or a city's slug. */
export const slugPath = (name: "slug" | "city") => z.object({ [name]: slugParam });

export const referencePath = z.object({
  reference: z
    .string()
    .regex(REFERENCE_PATTERN)
    .meta({ description: "The booking's reference, e.g. IPP-7KQ2-M9XD", example: "IPP-7KQ2-M9XD" }),
});

// ---------------------------------------------------------------- responses

/** A JSON answer from a zod schema. */
export const json = (schema: z.ZodType, description: string): ZodOpenApiResponseObject => ({
  description,
  content: { "application/json": { schema } },
});

/** A download: a body of `mediaType` sent as an attachment. */
export const download = (mediaType: string, description: string): ZodOpenApiResponseObject => ({
  description,
  headers: {
    "Content-Disposition": {
      description: "attachment; filename=…",
      schema: { type: "string" },
    },
  },
  content: { [mediaType]: { schema: { type: "string", format: "binary" } } },
});

/** An error answer: {"error":{"code","message","fields"?}} with the codes it can carry. */
export const error = (description: string): ZodOpenApiResponseObject => ({
  description,
  content: { "application/json": { schema: apiErrorSchema } },
});

const retryAfter = z.object({
  "Retry-After": z
    .string()
    .regex(/^[1-9][0-9]*$/)
    .meta({ description: "Seconds to wait before the same request can succeed" }),
});

/** 429 RATE_LIMITED: an abuse limit; every operation that counts toward one answers it. */
export const tooManyRequests: ZodOpenApiResponseObject = {
  id: "TooManyRequests",
  description: "RATE_LIMITED: too many requests from this client; retry after Retry-After seconds",
  headers: retryAfter,
  content: { "application/json": { schema: apiErrorSchema } },
};

/** 503 DATABASE_UNAVAILABLE: every operation that reads the database answers it during an outage. */
export const databaseUnavailable: ZodOpenApiResponseObject = {
  id: "DatabaseUnavailable",
  description:
    "DATABASE_UNAVAILABLE: the database is down or too slow to answer now; retry after Retry-After seconds",
  headers: retryAfter,
  content: { "application/json": { schema: apiErrorSchema } },
};

/** 413 PAYLOAD_TOO_LARGE: any POST whose body passes the API's 64 KB limit. */
export const payloadTooLarge: ZodOpenApiResponseObject = {
  id: "PayloadTooLarge",
  description: "PAYLOAD_TOO_LARGE: the body is over 64 KB (the message says the limit)",
  content: { "application/json": { schema: apiErrorSchema } },
};

/**
 * 405 METHOD_NOT_ALLOWED: the answer of every path to a method it has no
 * operation for (Allow lists the ones it has, with HEAD for a GET and OPTIONS).
 * No operation answers it, so it is a component the path items' descriptions name.
 */
export const methodNotAllowed: ZodOpenApiResponseObject = {
  id: "MethodNotAllowed",
  description: "METHOD_NOT_ALLOWED: the path has no operation for this method",
  headers: z.object({
    Allow: z.string().meta({ description: "The methods the path answers", example: "GET, HEAD, OPTIONS" }),
  }),
  content: { "application/json": { schema: apiErrorSchema } },
};

/** 400 VALIDATION_FAILED for a path or query: `what` says which parameters. */
export const invalidParameters = (what = "a parameter") =>
  error(
    `VALIDATION_FAILED: ${what} is invalid, unknown, or a path segment is not valid percent-encoding; error.fields names each one`,
  );
