import "server-only";
// How the translation routes answer: a browser's own form post (it accepts
// HTML) is sent on with 303, to the next page or back to the translations
// page with the problem's code and reason in the query, which that page says
// in the admin's language; a script gets the status and the localized JSON error.
import { AppError, errorCodes, toAppError, type FieldProblem } from "@/lib/errors";
import { errorResponse, localizeError } from "@/lib/http/errors";
import { isLocale, type Locale } from "@/lib/i18n/locales";

export function routeLocale(raw: string): Locale {
  return isLocale(raw) ? raw : "en";
}

export function wantsPage(request: Request): boolean {
  return /\btext\/html\b/.test(request.headers.get("accept") ?? "");
}

export function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
}

/** The problem as it travels in a query string: code, reason and the numbers its message states. */
export function problemQuery(error: AppError): URLSearchParams {
  const q = new URLSearchParams({ problem: error.code });
  if (error.reason) q.set("reason", error.reason);
  for (const [k, v] of Object.entries(error.values ?? {})) q.set(`v_${k}`, String(v));
  return q;
}

/** The problem a translations page was sent back with, or null. */
export function problemFromQuery(query: Record<string, string | string[] | undefined>): AppError | null {
  const code = query.problem;
  if (typeof code !== "string" || !(errorCodes as string[]).includes(code)) return null;
  const reason =
    typeof query.reason === "string" && /^[A-Za-z]{1,64}$/.test(query.reason) ? query.reason : undefined;
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(query))
    if (k.startsWith("v_") && typeof v === "string" && v.length <= 40) values[k.slice(2)] = v;
  return new AppError(code as AppError["code"], {
    reason,
    values,
    fields: reason ? undefined : ({ file: "invalid" } as Record<string, FieldProblem>),
  });
}

export async function refusal(request: Request, locale: Locale, page: string, error: unknown) {
  const e = toAppError(error);
  if (e.code === "INTERNAL") return errorResponse(error, locale);
  if (!wantsPage(request))
    return Response.json(
      { error: await localizeError(e, locale) },
      { status: e.status, headers: { "Content-Language": locale, "Cache-Control": "no-store" } },
    );
  return seeOther(`${page}?${problemQuery(e)}`);
}
