import "server-only";
// The one edge every console form goes through: read the form, find the
// actor, call one use case, and answer with a FormState in the user's
// language (field names translated). Signed out: back to the sign-in page.
import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { currentActor } from "@/lib/auth/current-actor";
import { signInPath } from "./page-guard";
import { toAppError } from "@/lib/errors";
import { localizeError } from "@/lib/http/errors";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import type { FormState } from "@/components/staff/form-state";

/** The form's fields, without Next's own and without empty values (so optional means absent). */
export function formInput(formData: FormData): Record<string, string> {
  const input: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key === "locale" || key.startsWith("$ACTION") || typeof value !== "string") continue;
    if (value.trim() === "") continue;
    input[key] = value;
  }
  return input;
}

export function formLocale(formData: FormData): Locale {
  const locale = formData.get("locale");
  return isLocale(locale) ? locale : "en";
}

export async function errorState(error: unknown, locale: Locale): Promise<FormState> {
  if (toAppError(error).code === "INTERNAL") console.error(error);
  const tf = await getTranslations({ locale, namespace: "Staff.field" });
  const label = (field: string) => {
    const key = field as Parameters<typeof tf>[0];
    return tf.has(key) ? tf(key) : field;
  };
  const { code, message, fields = {} } = await localizeError(error, locale, label);
  return { status: "error", code, message, fields, details: [], at: Date.now() };
}

export async function runFormAction<R>(
  formData: FormData,
  run: (actor: Actor | null, input: Record<string, string>) => Promise<R>,
  success: (result: R, locale: Locale) => Promise<{ message: string; details?: string[] }>,
): Promise<FormState> {
  const locale = formLocale(formData);
  let result: R;
  try {
    result = await run(await currentActor(), formInput(formData));
  } catch (error) {
    if (toAppError(error).code === "UNAUTHENTICATED") redirect(signInPath(locale));
    return errorState(error, locale);
  }
  revalidatePath(`/${locale}/staff`, "layout");
  revalidatePath(`/${locale}/admin`, "layout");
  const { message, details = [] } = await success(result, locale);
  return { status: "ok", message, fields: {}, details, at: Date.now() };
}
