// Helpers for the JSON API's route handlers.
import { AppError } from "../errors";
import { isLocale, type Locale } from "../i18n/locales";
import { apiLocale } from "./errors";

/** The request's locale; an unsupported ?locale= is a 400 naming the parameter. */
export function requireApiLocale(request: Request): Locale {
  const requested = new URL(request.url).searchParams.get("locale");
  if (requested !== null && !isLocale(requested))
    throw new AppError("VALIDATION_FAILED", { fields: { locale: "invalid" } });
  return apiLocale(request);
}

export function jsonOk(body: unknown, locale: Locale): Response {
  return Response.json(body, {
    headers: {
      "Content-Language": locale,
      "Cache-Control": "public, max-age=60, stale-while-revalidate=300",
      Vary: "Accept-Language",
    },
  });
}

/** A generated PDF as a private download. */
export function pdfResponse({ pdf, filename }: { pdf: Uint8Array; filename: string }): Response {
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}
