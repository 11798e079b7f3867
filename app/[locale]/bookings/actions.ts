"use server";

// Server actions of the patient's booking pages under /bookings: thin edges
// over the booking use cases (the manage page's own actions are in ../book/actions.ts).
import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { resendManageLink, resendManageLinkSchema } from "@/lib/booking/resend-manage-link";
import { getDb } from "@/lib/db/client";
import { toAppError } from "@/lib/errors";
import { localizeError } from "@/lib/http/errors";
import { addressFromHeaders, parseInput } from "@/lib/http/request";
import { isLocale } from "@/lib/i18n/locales";
import type { ResendLinkState } from "@/components/booking/resend-link-form";

/** "Send me my booking link again": the same answer whether or not a booking matches. */
export async function resendManageLinkAction(
  _previous: ResendLinkState | null,
  formData: FormData,
): Promise<ResendLinkState> {
  const raw = formData.get("locale");
  const locale = isLocale(raw) ? raw : "en";
  const t = await getTranslations({ locale, namespace: "Booking.find" });
  try {
    const input = parseInput(resendManageLinkSchema, {
      reference: String(formData.get("reference") ?? ""),
      email: String(formData.get("email") ?? ""),
    });
    await resendManageLink(getDb(), input, { address: addressFromHeaders(await headers()) });
  } catch (error) {
    if (toAppError(error).code === "INTERNAL") console.error(error);
    const label = (field: string) => (field === "email" ? t("email") : t("reference"));
    const { code, message, fields = {} } = await localizeError(error, locale, label);
    return { status: "error", code, message, fields, at: Date.now() };
  }
  return { status: "ok", message: t("sent"), fields: {}, at: Date.now() };
}
