import "server-only";
// How the console's file routes (the catalogue import's and the translation
// import's upload, apply, downloads) read an upload and answer a browser and a
// script: a form the browser posted (it accepts HTML) is sent on with 303 — to
// the next page, or back to the upload page carrying the problem, which that
// page says in the admin's language; anything else (fetch from the upload
// form, a test, curl) gets the status and the localized JSON error.
import { z } from "zod";
import { AppError, errorCodes, toAppError, type FieldProblem } from "@/lib/errors";
import { createTranslator } from "next-intl";
import { errorResponse, localizeError } from "@/lib/http/errors";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";

export function routeLocale(raw: string): Locale {
  return isLocale(raw) ? raw : "en";
}

/** A browser's own form submission (navigation), not a script: it wants a page back. */
export function wantsPage(request: Request): boolean {
  return /\btext\/html\b/.test(request.headers.get("accept") ?? "");
}

/** 303 to a path of this site (relative: right behind any proxy, whatever host the server sees). */
export function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
}

const problemSchema = z.object({
  code: z.enum(errorCodes as [string, ...string[]]),
  reason: z.string().max(64).optional(),
  fields: z.record(z.string().max(64), z.string().max(64)).optional(),
  values: z.record(z.string().max(64), z.union([z.string().max(200), z.number()])).optional(),
});

/** An error as the query parameter `problem` of the page the browser is sent back to. */
export function problemParam(error: unknown): string {
  const e = toAppError(error);
  return JSON.stringify({ code: e.code, reason: e.reason, fields: e.fields, values: e.values });
}

/** The error a `problem` query parameter carries, or null when it is absent or not one of ours. */
export function problemFromQuery(raw: unknown): AppError | null {
  if (typeof raw !== "string" || raw.length > 2000) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = problemSchema.safeParse(json);
  if (!parsed.success) return null;
  const { code, reason, fields, values } = parsed.data;
  return new AppError(code as AppError["code"], {
    reason,
    fields: fields as Record<string, FieldProblem> | undefined,
    values,
  });
}

/** Where an upload form's file field has its label: `<namespace>.file`. */
export type FileLabelNamespace = "Import.upload" | "Admin.translations";

/** The form's one file part, from a body already read within its limit; 400 naming `file` otherwise. */
export async function uploadedForm(
  request: Request,
  body: Uint8Array,
): Promise<{ form: FormData; file: File }> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type))
    throw new AppError("VALIDATION_FAILED", { fields: { file: "required" } });
  let form: FormData;
  try {
    // readBodyBytes's own buffer (an ArrayBuffer), read by the platform's multipart parser.
    form = await new Response(body as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": type },
    }).formData();
  } catch {
    throw new AppError("VALIDATION_FAILED", { fields: { file: "invalid" } });
  }
  const file = form.get("file");
  // A browser sends an empty part (no name, no bytes) when no file was chosen.
  if (!(file instanceof File) || file.size === 0)
    throw new AppError("VALIDATION_FAILED", { fields: { file: "required" } });
  return { form, file };
}

/**
 * An error in the admin's language, its fields named as the upload form names
 * them; a refusal with its own reason (the file is a zip bomb…) says it all in
 * its message, without "the file is not valid" after it.
 */
export async function uploadError(
  error: unknown,
  locale: Locale,
  labels: FileLabelNamespace = "Import.upload",
) {
  const t = createTranslator({ locale, messages: await loadMessages(locale), namespace: labels });
  const localized = await localizeError(error, locale, (field) =>
    field === "file" || field === "fileName" ? t("file") : field,
  );
  if (toAppError(error).reason) delete localized.fields;
  return localized;
}

/** The error answered: back to `page` with it for a browser, the localized JSON error otherwise. */
export async function refusal(
  request: Request,
  locale: Locale,
  page: string,
  error: unknown,
  labels: FileLabelNamespace = "Import.upload",
) {
  const e = toAppError(error);
  if (e.code === "INTERNAL") return errorResponse(error, locale);
  if (!wantsPage(request))
    return Response.json(
      { error: await uploadError(e, locale, labels) },
      { status: e.status, headers: { "Content-Language": locale, "Cache-Control": "no-store" } },
    );
  const url = new URL(page, request.url);
  url.searchParams.set("problem", problemParam(e));
  return seeOther(url.pathname + url.search);
}
