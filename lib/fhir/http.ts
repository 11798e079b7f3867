// The FHIR API's HTTP edge (ADR 0020): answers as application/fhir+json, and
// every error as an OperationOutcome with the status of its code and a
// message in the request's language. Route handlers under app/fhir/r4 are
// wrapped in withFhirErrors and answer with fhirJson.
import type { OperationOutcome, OperationOutcomeIssue } from "@medplum/fhirtypes";
import { AppError, toAppError, type ErrorCode } from "../errors";
import type { Locale } from "../i18n/locales";
import {
  apiLocale,
  localizeError,
  logInternalError,
  withApiErrors,
  type ErrorSerializer,
} from "../http/errors";
import { API_BODY_LIMIT_BYTES, readJsonBounded } from "../http/read-body";
import { systems } from "./systems";

export const FHIR_JSON = "application/fhir+json; charset=utf-8";
export const FHIR_NDJSON = "application/fhir+ndjson";

/**
 * The largest FHIR request body: a hospital system's transaction Bundle of a
 * few weeks of slots. Next keeps at most the server actions' 256 KiB of a body
 * for the proxy (next.config.ts), so this is that limit, not more.
 */
export const FHIR_BODY_LIMIT_BYTES = 256 * 1024;

/** The language of a FHIR request's messages: ?locale=, then Accept-Language, then English. */
export function fhirLocale(request: Request): Locale {
  return apiLocale(request);
}

/** A FHIR JSON response; not cached unless the caller says so. */
export function fhirJson(body: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", FHIR_JSON);
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
}

/** OperationOutcome.issue.code (http://hl7.org/fhir/issue-type) for each of our error codes. */
const issueType: Record<ErrorCode, OperationOutcomeIssue["code"]> = {
  VALIDATION_FAILED: "invalid",
  UNAUTHENTICATED: "login",
  INVALID_CREDENTIALS: "login",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not-found",
  METHOD_NOT_ALLOWED: "not-supported",
  NOT_ACCEPTABLE: "not-supported",
  CONFLICT: "conflict",
  SLOT_FULL: "business-rule",
  QUOTA_EXCEEDED: "business-rule",
  HOLD_EXPIRED: "expired",
  HOLD_ALREADY_EXTENDED: "business-rule",
  CANCELLATION_WINDOW_CLOSED: "business-rule",
  BOOKING_CHANGED: "conflict",
  INVALID_TRANSITION: "business-rule",
  LINK_INVALID: "expired",
  VOLUME_LOCKED: "business-rule",
  VOLUME_BELOW_USED: "business-rule",
  DIRECT_BILLING_UNAVAILABLE: "business-rule",
  GUARANTEE_NOT_DENIED: "business-rule",
  STANDARD_NOT_MET: "business-rule",
  GUIDE_INCOMPLETE: "business-rule",
  OFFERING_RETIRED: "business-rule",
  OFFERING_HAS_BOOKINGS: "business-rule",
  PAYLOAD_TOO_LARGE: "too-long",
  IMPORT_FILE_REJECTED: "invalid",
  IMPORT_NOT_PLANNED: "conflict",
  IMPORT_STALE: "conflict",
  IMPORT_HAS_ERRORS: "business-rule",
  IDEMPOTENCY_MISMATCH: "duplicate",
  RATE_LIMITED: "throttled",
  INTERNAL: "exception",
  DATABASE_UNAVAILABLE: "transient",
  NOT_READY: "transient",
};

/**
 * The OperationOutcome of an error, in `locale`: one issue for the error (its
 * code in our error-code system, the localized message as text), then one per
 * field problem with the FHIR element or parameter it names in `expression`.
 */
/**
 * A parameter or element name as an OperationOutcome can carry it (FHIR strings
 * are never blank and hold no control character): blanks, controls and lone
 * surrogates percent-encoded, an empty name shown as ∅. Other names as they are.
 */
export function shownFieldName(field: string): string {
  const odd = /[\p{Cc}\p{Cf}\p{Cs}\s]/gu;
  if (field.trim() !== "" && !/[\p{Cc}\p{Cf}\p{Cs}]/u.test(field)) return field;
  const shown = field.replace(
    odd,
    (c) => `%${c.codePointAt(0)!.toString(16).toUpperCase().padStart(2, "0")}`,
  );
  return shown || "\u2205";
}

export async function operationOutcome(error: unknown, locale: Locale): Promise<OperationOutcome> {
  const appError = toAppError(error);
  const localized = await localizeError(appError, locale, shownFieldName);
  const code = issueType[appError.code] ?? "processing";
  const severity = appError.status >= 500 ? "fatal" : "error";
  const issues: OperationOutcomeIssue[] = [
    {
      severity,
      code,
      details: {
        coding: [{ system: systems.errorCode(), code: appError.code }],
        text: localized.message,
      },
      diagnostics: localized.message,
    },
  ];
  for (const [field, message] of Object.entries(localized.fields ?? {})) {
    issues.push({
      severity: "error",
      code: code === "invalid" ? "invalid" : code,
      details: { text: message },
      diagnostics: message,
      expression: [shownFieldName(field)],
    });
  }
  return { resourceType: "OperationOutcome", issue: issues };
}

/** The error as an OperationOutcome response: status of its code, Retry-After and WWW-Authenticate where they apply. */
export async function fhirErrorResponse(error: unknown, locale: Locale): Promise<Response> {
  const appError = toAppError(error);
  if (appError.code === "INTERNAL") logInternalError(error);
  const headers: Record<string, string> = { "Content-Language": locale };
  if (appError.retryAfterSeconds) headers["Retry-After"] = String(appError.retryAfterSeconds);
  if (appError.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="fhir"';
  if (appError.code === "METHOD_NOT_ALLOWED" && appError.values?.allowed)
    headers.Allow = String(appError.values.allowed);
  return fhirJson(await operationOutcome(appError, locale), { status: appError.status, headers });
}

export const fhirErrorSerializer: ErrorSerializer = (error, request) =>
  fhirErrorResponse(error, fhirLocale(request));

const JSON_TYPES = ["application/fhir+json", "application/json", "application/json+fhir"];
const FORMAT_VALUES = new Set(["json", ...JSON_TYPES]);

/**
 * NOT_ACCEPTABLE (406) when the client asks only for a format we do not
 * serve: `_format` other than JSON, or an Accept header that allows no JSON.
 */
export function requireJsonFormat(request: Request): void {
  const format = new URL(request.url).searchParams.get("_format");
  if (format !== null && !FORMAT_VALUES.has(format.split(";")[0]!.trim().toLowerCase()))
    throw new AppError("NOT_ACCEPTABLE");
  const accept = request.headers.get("accept");
  if (!accept) return;
  const ranges = accept.split(",").map((r) => r.split(";")[0]!.trim().toLowerCase());
  const ok = ranges.some(
    (r) => r === "*/*" || r === "application/*" || JSON_TYPES.includes(r) || r === "application/fhir+ndjson",
  );
  if (!ok) throw new AppError("NOT_ACCEPTABLE");
}

/** Wraps a FHIR route handler: the format is checked first, and anything thrown becomes an OperationOutcome. */
export function withFhirErrors<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Promise<Response>,
): (request: Request, ...args: Args) => Promise<Response> {
  return withApiErrors(async (request: Request, ...args: Args) => {
    requireJsonFormat(request);
    return handler(request, ...args);
  }, fhirErrorSerializer);
}

/** A FHIR request's JSON body (application/fhir+json or application/json), at most `limitBytes` (413 past it). */
export function readFhirJson(request: Request, limitBytes: number = API_BODY_LIMIT_BYTES): Promise<unknown> {
  return readJsonBounded(request, limitBytes);
}

/** The resource a body must be: VALIDATION_FAILED naming `resourceType` otherwise. */
export function requireResourceType<T extends { resourceType: string }>(
  body: unknown,
  type: T["resourceType"],
): T {
  if (!body || typeof body !== "object" || (body as { resourceType?: unknown }).resourceType !== type)
    throw new AppError("VALIDATION_FAILED", { fields: { resourceType: "invalid" } });
  return body as T;
}
