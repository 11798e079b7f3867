"use server";

// Server actions of the booking pages: thin edges over the booking use cases.
import { safeLocalPath } from "@/lib/http/safe-redirect";
import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { bookingInputSchema } from "@/lib/booking/booking-input";
import { createBooking, findReplay, requireIdempotencyKey } from "@/lib/booking/create-booking";
import { extendHold, extendHoldSchema } from "@/lib/booking/extend-hold";
import { createHold, holdInputSchema } from "@/lib/booking/holds";
import { releaseHold, releaseHoldSchema } from "@/lib/booking/release-hold";
import { cancelBooking } from "@/lib/booking/manage-booking";
import { chooseSelfPay } from "@/lib/booking/choose-self-pay";
import { erasePersonalData } from "@/lib/booking/personal-data";
import { rescheduleBooking, rescheduleInputSchema } from "@/lib/booking/reschedule-booking";
import { getDb } from "@/lib/db/client";
import { toAppError, validationError } from "@/lib/errors";
import { localizeError } from "@/lib/http/errors";
import { withManageTokenLimit } from "@/lib/rate-limit/manage-limit";
import { limitBookings, limitHolds } from "@/lib/rate-limit/rate-limit";
import { addressFromHeaders, parseInput } from "@/lib/http/request";
import { isLocale } from "@/lib/i18n/locales";
import type { BookingFormState, HoldState } from "@/components/booking/booking-form";
import { fieldMessages } from "@/components/booking/booking-values";
import { browserKey, lastHoldToken, rememberHold } from "./browser-key";

const requestAddress = async () => addressFromHeaders(await headers());

/** A manage-link use case under the limit on wrong tokens (lib/rate-limit/manage-limit.ts). */
const manageLimited = async <T>(reference: string, token: string, run: () => Promise<T>) =>
  withManageTokenLimit(getDb(), await requestAddress(), { reference, token }, run);

const localeOf = (formData: FormData) => {
  const locale = formData.get("locale");
  return isLocale(locale) ? locale : "en";
};

/** Same-site relative paths only, so the form cannot send anyone elsewhere. */
const safeBack = (value: FormDataEntryValue | null, fallback: string) => safeLocalPath(value, fallback);

/** Lets go of this browser's hold named by `token`, if it still has it (a bad or stale token: nothing). */
async function letGo(token: string | null, clientKey: string): Promise<void> {
  const input = releaseHoldSchema.safeParse({ holdToken: token ?? "" });
  if (input.success) await releaseHold(getDb(), input.data, clientKey);
}

/**
 * Holds a slot for this browser. The hold it placed before is let go first: a patient who
 * chooses another time (or the same one again) does not keep the time they left.
 */
async function holdForBrowser(slotIdValue: FormDataEntryValue | null) {
  await limitHolds(getDb(), await requestAddress());
  const input = parseInput(holdInputSchema, { slotId: String(slotIdValue ?? "") });
  const clientKey = await browserKey();
  await letGo(await lastHoldToken(), clientKey);
  const hold = await createHold(getDb(), input, clientKey);
  await rememberHold(hold.token);
  return hold;
}

const withError = (path: string, error: unknown) =>
  `${path}${path.includes("?") ? "&" : "?"}error=${toAppError(error).code}`;

export async function holdSlotAction(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
  const back = safeBack(formData.get("back"), `/${locale}`);
  let target: string;
  try {
    const hold = await holdForBrowser(formData.get("slotId"));
    target = `/${locale}/book/details?slot=${encodeURIComponent(hold.slotId)}&hold=${encodeURIComponent(hold.token)}`;
  } catch (error) {
    target = withError(back, error);
  }
  redirect(target);
}

/** "Choose another time" on the details page (a plain form): lets go of the hold, back to the times. */
export async function releaseHoldAction(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
  const back = safeBack(formData.get("back"), `/${locale}`);
  const token = String(formData.get("hold") ?? "");
  let target = back;
  try {
    await letGo(token, await browserKey());
    if ((await lastHoldToken()) === token) await rememberHold(null);
  } catch (error) {
    target = withError(back, error);
  }
  redirect(target);
}

/** What the hold actions answer the details form: the hold as it now is, or why not. */
async function holdAnswer(locale: string, run: () => Promise<Omit<HoldState, "error">>): Promise<HoldState> {
  try {
    return await run();
  } catch (error) {
    if (toAppError(error).code === "INTERNAL") console.error(error);
    const { code, message } = await localizeError(error, isLocale(locale) ? locale : "en");
    return { error: { code, message } };
  }
}

/** "Keep this time for 10 more minutes": once, while the hold is live. */
export async function extendHoldAction(_previous: HoldState | null, formData: FormData): Promise<HoldState> {
  return holdAnswer(localeOf(formData), async () => {
    const input = parseInput(extendHoldSchema, { holdToken: String(formData.get("hold") ?? "") });
    const hold = await extendHold(getDb(), input, await browserKey());
    return { expiresAt: hold.expiresAt.toISOString(), extended: true };
  });
}

/** After the hold ran out: hold the same time again, if it is still free, without leaving the form. */
export async function holdAgainAction(_previous: HoldState | null, formData: FormData): Promise<HoldState> {
  return holdAnswer(localeOf(formData), async () => {
    const hold = await holdForBrowser(formData.get("slotId"));
    return { token: hold.token, expiresAt: hold.expiresAt.toISOString(), extended: false };
  });
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
        replayChecked: true,
      });
    }
    target = `/${locale}/bookings/${confirmation.reference}?token=${encodeURIComponent(confirmation.manageToken)}&new=1`;
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "INTERNAL") console.error(error);
    const tb = await getTranslations({ locale, namespace: "Booking" });
    const te = await getTranslations({ locale, namespace: "Errors" });
    const label = (field: string) => {
      const key = `field.${field}` as Parameters<typeof tb>[0];
      return tb.has(key) ? tb(key) : field;
    };
    const { code, message } = await localizeError(appError, locale);
    // Each field's sentence as the form itself says it (a consent not given: what to do).
    const fields = fieldMessages(appError.fields ?? {}, {
      problem: (problem, field) => te(`fields.${problem}`, { field: label(field) }),
      consent: (field) => tb(`consentMissing.${field}`),
    });
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
