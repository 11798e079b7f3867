// The one place where an error becomes an HTTP response: status from its code,
// message in the request's locale, and the API shape {"error":{code,message,fields}}.
import { createTranslator } from "next-intl";
import { toAppError, type AppError, type ErrorCode } from "../errors";
import { isLocale, negotiateLocale, type Locale } from "../i18n/locales";
import { loadMessages } from "../i18n/messages";
import { childLog } from "../observability/log";
import { currentRequestId } from "../observability/request-context";

const errorLog = childLog({ component: "http" });
const dbLog = childLog({ component: "db" });

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: Record<string, string>;
    details?: Readonly<Record<string, string | number>>;
  };
}

/** The locale of an API request: ?locale= first, then Accept-Language, then English. */
export function apiLocale(request: Request): Locale {
  const fromQuery = new URL(request.url).searchParams.get("locale");
  if (isLocale(fromQuery)) return fromQuery;
  return negotiateLocale(request.headers.get("accept-language"));
}

/**
 * An error's code, message and per-field sentences in `locale`; `label` names
 * a field in the user's language (API answers keep the parameter's own name).
 */
export async function localizeError(
  error: unknown,
  locale: Locale,
  label: (field: string) => string = (field) => field,
): Promise<ApiErrorBody["error"]> {
  const appError = toAppError(error);
  const t = createTranslator({ locale, messages: await loadMessages(locale), namespace: "Errors" });
  // A reason with its own message says more than the code's (INVALID_TRANSITION: "check-in opens on the visit's day").
  const reason = appError.reason && `reasons.${appError.reason}`;
  const localized: ApiErrorBody["error"] = {
    code: appError.code,
    message:
      reason && t.has(reason as Parameters<typeof t>[0])
        ? t(reason as Parameters<typeof t>[0], appError.values)
        : t(appError.code, appError.values),
  };
  if (appError.values) localized.details = appError.values;
  if (appError.fields) {
    localized.fields = Object.fromEntries(
      Object.entries(appError.fields).map(([field, problem]) => [
        field,
        t(`fields.${problem}`, { field: label(field) }),
      ]),
    );
  }
  return localized;
}

export async function errorBody(
  error: unknown,
  locale: Locale,
): Promise<{ status: number; body: ApiErrorBody }> {
  return { status: toAppError(error).status, body: { error: await localizeError(error, locale) } };
}

const OUTAGE_LOG_INTERVAL_MS = 5_000;
let lastOutageLog = 0;

/** One line about a database outage or timeout, at most every few seconds (an outage fails every request). */
function logOutage(error: AppError): void {
  const now = Date.now();
  if (now - lastOutageLog < OUTAGE_LOG_INTERVAL_MS) return;
  lastOutageLog = now;
  const cause = error.cause instanceof Error ? error.cause.message : String(error.cause ?? error.message);
  dbLog.warn(
    { requestId: currentRequestId(), cause: cause.replace(/\s+/g, " ").trim().slice(0, 300) },
    "answering 503 DATABASE_UNAVAILABLE",
  );
}

/** The log line of an unexpected error answered 500 INTERNAL (any API's serializer calls it). */
export function logInternalError(error: unknown): void {
  errorLog.error({ err: error, requestId: currentRequestId() }, "answering 500 INTERNAL");
}

/**
 * The JSON error response: status from the code, the localized message, and
 * Retry-After when a retry can succeed later (RATE_LIMITED, DATABASE_UNAVAILABLE).
 */
export async function errorResponse(error: unknown, locale: Locale): Promise<Response> {
  const appError = toAppError(error);
  const { status, body } = await errorBody(appError, locale);
  if (appError.code === "INTERNAL") logInternalError(error);
  if (appError.code === "DATABASE_UNAVAILABLE") logOutage(appError);
  const retryAfter = appError.retryAfterSeconds;
  return Response.json(body, {
    status,
    headers: {
      "Content-Language": locale,
      "Cache-Control": "no-store",
      ...(retryAfter ? { "Retry-After": String(retryAfter) } : {}),
    },
  });
}

/**
 * How an API answers an error: the v1 JSON shape by default (`errorResponse`);
 * another API (FHIR's OperationOutcome, …) passes its own.
 */
export type ErrorSerializer = (error: unknown, request: Request) => Promise<Response>;

/** The v1 serializer: errorResponse in the request's locale. */
export const v1ErrorSerializer: ErrorSerializer = (error, request) =>
  errorResponse(error, apiLocale(request));

/** Wraps a route handler so that anything it throws is answered by `serialize` (v1 JSON unless told). */
export function withApiErrors<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Promise<Response>,
  serialize: ErrorSerializer = v1ErrorSerializer,
): (request: Request, ...args: Args) => Promise<Response> {
  return async (request, ...args) => {
    try {
      return await handler(request, ...args);
    } catch (error) {
      return serialize(error, request);
    }
  };
}
