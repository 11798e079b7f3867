"use server";

// Server actions of the booking pages: thin edges over the booking use cases.
import { safeLocalPath } from "@/lib/http/safe-redirect";
import { randomUUID } from "node:crypto";
import { getTranslations } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { bookingInputSchema } from "@/lib/booking/booking-input";
import { createBooking, findReplay, requireIdempotencyKey } from "@/lib/booking/create-booking";
import { createHold, holdInputSchema } from "@/lib/booking/holds";
import { cancelBooking } from "@/lib/booking/manage-booking";
import { chooseSelfPay } from "@/lib/booking/choose-self-pay";
import { erasePersonalData } from "@/lib/booking/personal-data";
import { rescheduleBooking, rescheduleInputSchema } from "@/lib/booking/reschedule-booking";
import { sha256 } from "@/lib/crypto/secrets";
import { getDb } from "@/lib/db/client";
import { toAppError, validationError } from "@/lib/errors";
import { localizeError } from "@/lib/http/errors";
import { withManageTokenLimit } from "@/lib/rate-limit/manage-limit";
import { limitBookings, limitHolds } from "@/lib/rate-limit/rate-limit";
import { addressFromHeaders, parseInput } from "@/lib/http/request";
import { isLocale } from "@/lib/i18n/locales";
import type { BookingFormState } from "@/components/booking/booking-form";

const requestAddress = async () => addressFromHeaders(await headers());

/** A manage-link use case under the limit on wrong tokens (lib/rate-limit/manage-limit.ts). */
const manageLimited = async <T>(reference: string, token: string, run: () => Promise<T>) =>
  withManageTokenLimit(getDb(), await requestAddress(), { reference, token }, run);

const CLIENT_COOKIE = "ipp_client";

/** A random id per browser (httpOnly cookie) so one browser cannot stack holds on a slot. */
async function browserKey(): Promise<string> {
  const jar = await cookies();
  let id = jar.get(CLIENT_COOKIE)?.value;
  if (!id || !/^[\w-]{20,64}$/.test(id)) {
    id = randomUUID();
    jar.set(CLIENT_COOKIE, id, {
      httpOnly: true,
      sameSite: "lax",
      secure: process.env.NODE_ENV === "production" && process.env.PUBLIC_BASE_URL?.startsWith("https:"),
      path: "/",
      maxAge: 60 * 60 * 24 * 30,
    });
  }
  return sha256(`browser:${id}`);
}

const localeOf = (formData: FormData) => {
  const locale = formData.get("locale");
  return isLocale(locale) ? locale : "en";
};

/** Same-site relative paths only, so the form cannot send anyone elsewhere. */
const safeBack = (value: FormDataEntryValue | null, fallback: string) => safeLocalPath(value, fallback);

export async function holdSlotAction(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
  const slotId = String(formData.get("slotId") ?? "");
  const back = safeBack(formData.get("back"), `/${locale}`);
  let target: string;
  try {
    await limitHolds(getDb(), await requestAddress());
    const hold = await createHold(getDb(), parseInput(holdInputSchema, { slotId }), await browserKey());
    target = `/${locale}/book/details?slot=${encodeURIComponent(slotId)}&hold=${encodeURIComponent(hold.token)}`;
  } catch (error) {
    target = `${back}${back.includes("?") ? "&" : "?"}error=${toAppError(error).code}`;
  }
  redirect(target);
}

export async function createBookingAction(
  _previous: BookingFormState | null,
  formData: FormData,
): Promise<BookingFormState | null> {
  const locale = localeOf(formData);
  let payload: unknown;
  try {
    payload = JSON.parse(String(formData.get("payload") ?? "{}"));
  } catch {
    payload = {};
  }
  let target: string;
  try {
    const parsed = bookingInputSchema.safeParse({ ...(payload as object), locale });
    const idempotencyKey = String(formData.get("idempotencyKey") ?? "");
    // A resent form (same key and body) gets its booking back, whatever the limits.
    let confirmation = parsed.success ? await findReplay(getDb(), parsed.data, idempotencyKey) : null;
    if (!confirmation) {
      await limitBookings(getDb(), await requestAddress(), payload);
      // The key is answered before the body, as ever.
      requireIdempotencyKey(idempotencyKey);
      if (!parsed.success) throw validationError(parsed.error);
      confirmation = await createBooking(getDb(), parsed.data, {
        idempotencyKey,
        clientKey: await browserKey(),
      });
    }
    target = `/${locale}/bookings/${confirmation.reference}?token=${encodeURIComponent(confirmation.manageToken)}&new=1`;
  } catch (error) {
    if (toAppError(error).code === "INTERNAL") console.error(error);
    const tb = await getTranslations({ locale, namespace: "Booking" });
    const label = (field: string) => {
      const key = `field.${field}` as Parameters<typeof tb>[0];
      return tb.has(key) ? tb(key) : field;
    };
    const { code, message, fields = {} } = await localizeError(error, locale, label);
    return { code, message, fields };
  }
  redirect(target);
}

export async function cancelBookingAction(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
  const reference = String(formData.get("reference") ?? "");
  const token = String(formData.get("token") ?? "");
  const page = `/${locale}/bookings/${encodeURIComponent(reference)}?token=${encodeURIComponent(token)}`;
  let target = `${page}&cancelled=1`;
  try {
    await manageLimited(reference, token, () => cancelBooking(getDb(), reference, token));
  } catch (error) {
    target = `${page}&error=${toAppError(error).code}`;
  }
  redirect(target);
}

/** After a denied guarantee of payment: keep the appointment and pay it oneself. */
export async function chooseSelfPayAction(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
  const reference = String(formData.get("reference") ?? "");
  const token = String(formData.get("token") ?? "");
  const page = `/${locale}/bookings/${encodeURIComponent(reference)}?token=${encodeURIComponent(token)}`;
  let target = `${page}&selfPay=1`;
  try {
    await manageLimited(reference, token, () => chooseSelfPay(getDb(), reference, token));
  } catch (error) {
    target = `${page}&error=${toAppError(error).code}`;
  }
  redirect(target);
}

export async function eraseDataAction(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
  const reference = String(formData.get("reference") ?? "");
  const token = String(formData.get("token") ?? "");
  let target = `/${locale}/bookings/erased`;
  try {
    await manageLimited(reference, token, () => erasePersonalData(getDb(), reference, token));
  } catch (error) {
    target = `/${locale}/bookings/${encodeURIComponent(reference)}?token=${encodeURIComponent(token)}&error=${toAppError(error).code}`;
  }
  redirect(target);
}

export async function rescheduleAction(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
  const reference = String(formData.get("reference") ?? "");
  const token = String(formData.get("token") ?? "");
  const back = safeBack(formData.get("back"), `/${locale}`);
  let target = `/${locale}/bookings/${encodeURIComponent(reference)}?token=${encodeURIComponent(token)}&rescheduled=1`;
  try {
    const slotId = String(formData.get("slotId") ?? "");
    await manageLimited(reference, token, () =>
      rescheduleBooking(getDb(), reference, token, parseInput(rescheduleInputSchema, { slotId })),
    );
  } catch (error) {
    target = `${back}${back.includes("?") ? "&" : "?"}error=${toAppError(error).code}`;
  }
  redirect(target);
}
