"use client";

// The booking form: holds the place's countdown, the values and the step
// (details, then review), checks the values with the booking schema before
// the review, and sends the patient back to the details with the server's
// field errors. Each step is its own component.
import { useTranslations } from "next-intl";
import { useActionState, useState, useSyncExternalStore } from "react";
import { bookingInputSchema } from "@/lib/booking/booking-input";
import { validationError } from "@/lib/errors";
import { BookingDetailsStep } from "./booking-details-step";
import { BookingReviewStep, type BookingSummary } from "./booking-review-step";
import { bookingPayload, emptyValues, type BookingValues } from "./booking-values";

/** What the booking server action answers when it cannot book: the error and the fields it names. */
export interface BookingFormState {
  code: string;
  message: string;
  fields: Record<string, string>;
}

export interface BookingFormProps {
  /** The server action that books (app/[locale]/book/actions.ts createBookingAction), given by the page. */
  action: (previous: BookingFormState | null, formData: FormData) => Promise<BookingFormState | null>;
  locale: string;
  slotId: string;
  holdToken: string;
  expiresAt: string;
  /** When the server rendered the page: the countdown's start, the same in its HTML and at hydration. */
  renderedAt: string;
  idempotencyKey: string;
  summary: BookingSummary;
  insurers: { slug: string; name: string; preauthRequired: boolean }[];
  countries: { code: string; name: string }[];
  languages: { code: string; name: string }[];
  chooseAgainHref: string;
}

const noSubscription = () => () => {};
/**
 * False in the server's HTML and while React hydrates it, true from then on. The details form
 * is React state only (it has no names and no action of its own): typed before hydration, a
 * value shows but is not kept, and "Review" would submit the bare form as a GET and leave the
 * page. Until hydrated, its fields and button are disabled, so a slow phone cannot lose input.
 */
const useHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

/** A clock for the hold's countdown, ticking every second. */
const subscribeClock = (tick: () => void) => {
  const timer = setInterval(tick, 1000);
  return () => clearInterval(timer);
};
const clock = () => Math.floor(Date.now() / 1000) * 1000;

function remaining(expiresAt: string, now: number): string {
  const seconds = Math.max(0, Math.floor((Date.parse(expiresAt) - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

export function BookingForm(props: BookingFormProps) {
  const t = useTranslations("Booking");
  const te = useTranslations("Errors");
  const [values, setValues] = useState<BookingValues>(() =>
    emptyValues(props.languages.some((l) => l.code === props.locale) ? props.locale : "en"),
  );
  const hydrated = useHydrated();
  const [step, setStep] = useState<"form" | "review">("form");
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The server's clock while hydrating (so both renders show the same countdown), then the browser's.
  const now = useSyncExternalStore(subscribeClock, clock, () => Date.parse(props.renderedAt));
  const [serverState, submit, pending] = useActionState<BookingFormState | null, FormData>(
    props.action,
    null,
  );

  // A new answer from the server naming fields sends the patient back to the form, values kept.
  const [consumed, setConsumed] = useState<BookingFormState | null>(null);
  if (serverState && serverState !== consumed) {
    setConsumed(serverState);
    if (Object.keys(serverState.fields).length) {
      setErrors(serverState.fields);
      setStep("form");
    }
  }

  const expired = Date.parse(props.expiresAt) <= now || serverState?.code === "HOLD_EXPIRED";
  const payload = () =>
    bookingPayload(values, { slotId: props.slotId, holdToken: props.holdToken, locale: props.locale });
  const review = () => {
    const parsed = bookingInputSchema.safeParse(payload());
    if (parsed.success) {
      setErrors({});
      setStep("review");
      return;
    }
    const problems = validationError(parsed.error).fields ?? {};
    setErrors(
      Object.fromEntries(
        Object.entries(problems).map(([field, problem]) => [
          field,
          te(`fields.${problem}`, { field: t(`field.${field}` as "field.name") }),
        ]),
      ),
    );
  };
  const set =
    <K extends keyof BookingValues>(key: K) =>
    (value: BookingValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }));

  if (expired) {
    return (
      <div role="alert" className="rounded border border-amber-300 bg-amber-50 p-4">
        <p>{t("holdExpired")}</p>
        <a href={props.chooseAgainHref} className="mt-2 inline-block text-brand-700 underline">
          {t("chooseAgain")}
        </a>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <p role="timer" className="rounded bg-brand-50 p-3 font-medium text-brand-800">
        {t("heldFor", { remaining: remaining(props.expiresAt, now) })}
      </p>
      {serverState && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {serverState.message}
        </p>
      )}
      {Object.keys(errors).length > 0 && step === "form" && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          <p className="font-medium">{t("fixFields")}</p>
          <ul className="list-disc ps-5">
            {Object.entries(errors).map(([field, message]) => (
              <li key={field}>
                <a href={`#f-${field}`} className="underline">
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {step === "form" ? (
        <BookingDetailsStep
          values={values}
          set={set}
          errors={errors}
          hydrated={hydrated}
          insurers={props.insurers}
          countries={props.countries}
          languages={props.languages}
          onReview={review}
        />
      ) : (
        <BookingReviewStep
          values={values}
          summary={props.summary}
          countries={props.countries}
          languages={props.languages}
          insurerName={props.insurers.find((i) => i.slug === values.insurer)?.name}
          hidden={{
            payload: JSON.stringify(payload()),
            idempotencyKey: props.idempotencyKey,
            locale: props.locale,
          }}
          action={submit}
          pending={pending}
          onEdit={() => setStep("form")}
        />
      )}
    </div>
  );
}
