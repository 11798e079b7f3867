"use client";

// The booking form: holds the hold (its token, expiry and one extension),
// the values and the step (details, then review). It checks the values with
// the booking schema before the review and names every problem at once in a
// summary that takes the focus; it sends the patient back to the details with
// the server's field errors. The schema (zod, libphonenumber) is loaded on the
// patient's first input, not with the page (check-booking.ts, ADR 0031). When the hold runs out the form stays filled;
// the values (not the passport or policy number) are also kept in the tab's
// sessionStorage, so choosing another time loses nothing typed. Each step is
// its own component; the hold's countdown and actions are HoldStatus.
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { BookingDetailsStep, type PreauthTooSoon } from "./booking-details-step";
import type { bookingProblems as BookingProblems } from "./check-booking";
import { HoldStatus } from "./hold-status";
import { BookingReviewStep, type BookingSummary } from "./booking-review-step";
import {
  bookingPayload,
  draftOf,
  emptyValues,
  fieldMessages,
  valuesFromDraft,
  type BookingValues,
} from "./booking-values";

/** What the booking server action answers when it cannot book: the error and the fields it names. */
export interface BookingFormState {
  code: string;
  message: string;
  fields: Record<string, string>;
}

/** What the hold actions answer (extend, hold again): the hold as it now is, or why not. */
export interface HoldState {
  token?: string;
  expiresAt?: string;
  extended?: boolean;
  error?: { code: string; message: string };
}

type HoldAction = (previous: HoldState | null, formData: FormData) => Promise<HoldState>;

export interface BookingFormProps {
  /** The server action that books (app/[locale]/book/actions.ts createBookingAction), given by the page. */
  action: (previous: BookingFormState | null, formData: FormData) => Promise<BookingFormState | null>;
  locale: string;
  slotId: string;
  holdToken: string;
  expiresAt: string;
  /** The hold was already extended once. */
  holdExtended: boolean;
  /** Server actions of the hold: extend it once, hold the same time again, let it go (a plain form). */
  extendAction: HoldAction;
  holdAgainAction: HoldAction;
  releaseAction: (formData: FormData) => Promise<void>;
  /** When the server rendered the page: the countdown's start, the same in its HTML and at hydration. */
  renderedAt: string;
  idempotencyKey: string;
  summary: BookingSummary;
  insurers: { slug: string; name: string; preauthRequired: boolean }[];
  /** Insurers that bill here directly, but need pre-authorization longer ahead than this visit. */
  preauthTooSoon: PreauthTooSoon[];
  countries: { code: string; name: string }[];
  languages: { code: string; name: string }[];
  chooseAgainHref: string;
}

/**
 * The check before the review, fetched once: on the first input, or at "Review" at the latest.
 * Should it fail to load (the connection dropped), the review opens unchecked: the server checks
 * the same schema when booking and sends the patient back with the fields it names.
 */
let checker: Promise<{ bookingProblems: typeof BookingProblems } | null> | undefined;
const loadChecker = () =>
  (checker ??= import("./check-booking").catch(() => {
    checker = undefined;
    return null;
  }));

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

/**
 * The tab's draft of the form, in sessionStorage (gone when the tab closes). Without storage
 * (refused, full, private mode) or with a damaged draft, the form simply starts empty.
 */
const DRAFT_KEY = "ipp-booking-draft";
const draftStore = {
  read(): unknown {
    try {
      return JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? "null");
    } catch {
      return null;
    }
  },
  write(values: BookingValues) {
    try {
      sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draftOf(values)));
    } catch {
      // The form still holds the values.
    }
  },
  clear() {
    try {
      sessionStorage.removeItem(DRAFT_KEY);
    } catch {
      // Nothing was kept.
    }
  },
};

export function BookingForm(props: BookingFormProps) {
  const t = useTranslations("Booking");
  const te = useTranslations("Errors");
  const [values, setValues] = useState<BookingValues>(() =>
    emptyValues(props.languages.some((l) => l.code === props.locale) ? props.locale : "en"),
  );
  const hydrated = useHydrated();
  const [step, setStep] = useState<"form" | "review">("form");
  // Back from the review ("Change details"): the focus goes to the first field, not to the body.
  const [editRound, setEditRound] = useState(0);
  const detailsRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (editRound > 0)
      detailsRef.current?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea")?.focus();
  }, [editRound]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Every check that finds problems moves the focus to the summary naming them.
  const [errorRound, setErrorRound] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  // The server's clock while hydrating (so both renders show the same countdown), then the browser's.
  const now = useSyncExternalStore(subscribeClock, clock, () => Date.parse(props.renderedAt));
  const [serverState, submit, pending] = useActionState<BookingFormState | null, FormData>(
    props.action,
    null,
  );
  const [hold, setHold] = useState({
    token: props.holdToken,
    expiresAt: props.expiresAt,
    extended: props.holdExtended,
  });
  const [justExtended, setJustExtended] = useState(false);
  // Extending the hold and holding the time again answer the same way: the hold as it now is.
  const [holdAnswer, holdAction] = useActionState<HoldState | null, FormData>(
    (previous, formData) =>
      formData.get("intent") === "extend"
        ? props.extendAction(previous, formData)
        : props.holdAgainAction(previous, formData),
    null,
  );

  // A new answer from the server naming fields sends the patient back to the form, values kept.
  const [consumed, setConsumed] = useState<BookingFormState | null>(null);
  if (serverState && serverState !== consumed) {
    setConsumed(serverState);
    if (Object.keys(serverState.fields).length) {
      setErrors(serverState.fields);
      setStep("form");
      setErrorRound((n) => n + 1);
    }
    if (serverState.code === "HOLD_EXPIRED") setHold((h) => ({ ...h, expiresAt: new Date(0).toISOString() }));
  }
  const [seenHoldAnswer, setSeenHoldAnswer] = useState<HoldState | null>(null);
  if (holdAnswer && holdAnswer !== seenHoldAnswer) {
    setSeenHoldAnswer(holdAnswer);
    const { token, expiresAt, extended } = holdAnswer;
    if (expiresAt) {
      setHold((h) => ({ token: token ?? h.token, expiresAt, extended: extended ?? h.extended }));
      setJustExtended(!token);
    }
  }

  useEffect(() => {
    if (errorRound > 0) summaryRef.current?.focus();
  }, [errorRound]);
  // A hold placed again has a new token: the address follows, so a reload finds it.
  useEffect(() => {
    if (hold.token === props.holdToken) return;
    const query = new URLSearchParams({ slot: props.slotId, hold: hold.token });
    window.history.replaceState(window.history.state, "", `?${query}`);
  }, [hold.token, props.holdToken, props.slotId]);

  // The draft: restored once hydrated (never in the server's HTML, so hydration matches), then
  // kept as it changes.
  const [restored, setRestored] = useState(false);
  if (hydrated && !restored) {
    setRestored(true);
    const stored = draftStore.read();
    if (stored)
      setValues((v) => {
        const draft = valuesFromDraft(v, stored);
        // Another time may have other insurers: one not offered for it is not kept.
        if (props.insurers.some((i) => i.slug === draft.insurer)) return draft;
        return {
          ...draft,
          insurer: "",
          paymentMethod: props.insurers.length ? draft.paymentMethod : "SELF_PAY",
        };
      });
  }
  useEffect(() => {
    if (restored) draftStore.write(values);
  }, [restored, values, serverState]);

  const secondsLeft = Math.max(0, Math.floor((Date.parse(hold.expiresAt) - now) / 1000));
  const expired = secondsLeft <= 0;
  const payload = () =>
    bookingPayload(values, { slotId: props.slotId, holdToken: hold.token, locale: props.locale });
  const review = async () => {
    const problems = (await loadChecker())?.bookingProblems(payload()) ?? null;
    if (!problems) {
      setErrors({});
      setStep("review");
      return;
    }
    setErrors(
      fieldMessages(problems, {
        problem: (problem, field) => te(`fields.${problem}`, { field: t(`field.${field}` as "field.name") }),
        consent: (field) => t(`consentMissing.${field}`),
      }),
    );
    setErrorRound((n) => n + 1);
  };
  const set =
    <K extends keyof BookingValues>(key: K) =>
    (value: BookingValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }));
  const chosenInsurer = props.insurers.find((i) => i.slug === values.insurer);

  return (
    <div className="space-y-6">
      <HoldStatus
        secondsLeft={secondsLeft}
        extended={hold.extended}
        justExtended={justExtended}
        holdToken={hold.token}
        slotId={props.slotId}
        locale={props.locale}
        chooseAgainHref={props.chooseAgainHref}
        holdAction={holdAction}
        releaseAction={props.releaseAction}
        problem={holdAnswer?.error?.message ?? null}
      />
      {serverState && serverState.code !== "HOLD_EXPIRED" && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {serverState.message}
        </p>
      )}
      {Object.keys(errors).length > 0 && step === "form" && (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          aria-labelledby="error-summary-title"
          className="rounded border border-red-300 bg-red-50 p-3 text-red-900 focus-visible:outline-2 focus-visible:outline-offset-2"
        >
          <p id="error-summary-title" className="font-medium">
            {t("fixFields")}
          </p>
          <ul className="list-disc ps-5">
            {Object.entries(errors).map(([field, message]) => (
              <li key={field}>
                <a
                  href={`#f-${field}`}
                  className="underline"
                  onClick={(event) => {
                    // Into the field itself, not only scrolled to it.
                    const target = document.getElementById(`f-${field}`);
                    if (!target) return;
                    event.preventDefault();
                    target.focus();
                    target.scrollIntoView({ block: "center" });
                  }}
                >
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {step === "form" ? (
        <div ref={detailsRef} onFocus={() => void loadChecker()}>
          <BookingDetailsStep
            values={values}
            set={set}
            errors={errors}
            hydrated={hydrated}
            insurers={props.insurers}
            preauthTooSoon={props.preauthTooSoon}
            countries={props.countries}
            languages={props.languages}
            onReview={() => void review()}
          />
        </div>
      ) : (
        <BookingReviewStep
          values={values}
          summary={props.summary}
          countries={props.countries}
          languages={props.languages}
          insurerName={chosenInsurer?.name}
          awaitsGuarantee={
            values.paymentMethod === "DIRECT_BILLING" && Boolean(chosenInsurer?.preauthRequired)
          }
          hidden={{
            payload: JSON.stringify(payload()),
            idempotencyKey: props.idempotencyKey,
            locale: props.locale,
          }}
          action={(formData) => {
            // Booked, the draft is done with; should booking fail, the answer keeps it again.
            draftStore.clear();
            submit(formData);
          }}
          pending={pending}
          canConfirm={!expired}
          onEdit={() => {
            setStep("form");
            setEditRound((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}
