"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState, useSyncExternalStore } from "react";
import { bookingInputSchema } from "@/lib/booking/booking-input";
import { validationError } from "@/lib/errors";

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
  summary: { when: string; what: string; where: string; price: string };
  insurers: { slug: string; name: string; preauthRequired: boolean }[];
  countries: { code: string; name: string }[];
  languages: { code: string; name: string }[];
  chooseAgainHref: string;
}

type Values = {
  name: string;
  nationality: string;
  dateOfBirth: string;
  email: string;
  phone: string;
  preferredLanguage: string;
  reasonForVisit: string;
  interpreterWanted: boolean;
  visaLetterWanted: boolean;
  passportNumber: string;
  paymentMethod: "SELF_PAY" | "DIRECT_BILLING";
  insurer: string;
  policyNumber: string;
  memberName: string;
  consentTerms: boolean;
  consentSensitive: boolean;
};

const FIELDS = [
  "name",
  "nationality",
  "dateOfBirth",
  "email",
  "phone",
  "preferredLanguage",
  "reasonForVisit",
  "passportNumber",
  "insurer",
  "policyNumber",
  "memberName",
] as const;

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
  const [values, setValues] = useState<Values>({
    name: "",
    nationality: "",
    dateOfBirth: "",
    email: "",
    phone: "",
    preferredLanguage: props.languages.some((l) => l.code === props.locale) ? props.locale : "en",
    reasonForVisit: "",
    interpreterWanted: false,
    visaLetterWanted: false,
    passportNumber: "",
    paymentMethod: "SELF_PAY",
    insurer: "",
    policyNumber: "",
    memberName: "",
    consentTerms: false,
    consentSensitive: false,
  });
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
  const label = (field: string) => t(`field.${field}` as "field.name");
  const payload = () => {
    const { passportNumber, insurer, policyNumber, memberName, ...rest } = values;
    return {
      ...rest,
      slotId: props.slotId,
      holdToken: props.holdToken,
      locale: props.locale,
      ...(passportNumber.trim() ? { passportNumber } : {}),
      ...(values.paymentMethod === "DIRECT_BILLING"
        ? {
            ...(insurer ? { insurer } : {}),
            ...(policyNumber.trim() ? { policyNumber } : {}),
            ...(memberName.trim() ? { memberName } : {}),
          }
        : {}),
    };
  };
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
          te(`fields.${problem}`, { field: label(field) }),
        ]),
      ),
    );
  };
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValues((v) => ({ ...v, [key]: value }));
  const describedBy = (field: string) => (errors[field] ? `${field}-error` : undefined);
  const fieldError = (field: string) =>
    errors[field] ? (
      <p id={`${field}-error`} className="mt-1 text-sm text-red-700">
        {errors[field]}
      </p>
    ) : null;
  const input = "mt-1 w-full rounded border border-slate-300 px-2 py-1.5 aria-[invalid=true]:border-red-600";
  const chosenInsurer = props.insurers.find((i) => i.slug === values.insurer);

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
        <form
          noValidate
          aria-busy={!hydrated}
          onSubmit={(event) => {
            event.preventDefault();
            review();
          }}
          className="space-y-6"
        >
          <fieldset disabled={!hydrated} className="space-y-4 rounded border border-slate-200 p-4">
            <legend className="px-1 text-lg font-semibold">{t("sectionYou")}</legend>
            <div>
              <label htmlFor="f-name" className="block font-medium">
                {label("name")}
              </label>
              <input
                id="f-name"
                autoComplete="name"
                className={input}
                value={values.name}
                onChange={(e) => set("name")(e.target.value)}
                aria-invalid={!!errors.name}
                aria-describedby={describedBy("name")}
              />
              {fieldError("name")}
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <div>
                <label htmlFor="f-nationality" className="block font-medium">
                  {label("nationality")}
                </label>
                <select
                  id="f-nationality"
                  className={input}
                  value={values.nationality}
                  onChange={(e) => set("nationality")(e.target.value)}
                  aria-invalid={!!errors.nationality}
                  aria-describedby={describedBy("nationality")}
                >
                  <option value="" />
                  {props.countries.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
                </select>
                {fieldError("nationality")}
              </div>
              <div>
                <label htmlFor="f-dateOfBirth" className="block font-medium">
                  {label("dateOfBirth")}
                </label>
                <input
                  id="f-dateOfBirth"
                  type="date"
                  autoComplete="bday"
                  className={input}
                  value={values.dateOfBirth}
                  onChange={(e) => set("dateOfBirth")(e.target.value)}
                  aria-invalid={!!errors.dateOfBirth}
                  aria-describedby={describedBy("dateOfBirth")}
                />
                {fieldError("dateOfBirth")}
              </div>
              <div>
                <label htmlFor="f-email" className="block font-medium">
                  {label("email")}
                </label>
                <input
                  id="f-email"
                  type="email"
                  autoComplete="email"
                  dir="ltr"
                  className={input}
                  value={values.email}
                  onChange={(e) => set("email")(e.target.value)}
                  aria-invalid={!!errors.email}
                  aria-describedby={describedBy("email")}
                />
                {fieldError("email")}
              </div>
              <div>
                <label htmlFor="f-phone" className="block font-medium">
                  {label("phone")}
                </label>
                <input
                  id="f-phone"
                  type="tel"
                  autoComplete="tel"
                  dir="ltr"
                  className={input}
                  value={values.phone}
                  onChange={(e) => set("phone")(e.target.value)}
                  aria-invalid={!!errors.phone}
                  aria-describedby={describedBy("phone")}
                />
                {fieldError("phone")}
              </div>
              <div>
                <label htmlFor="f-preferredLanguage" className="block font-medium">
                  {label("preferredLanguage")}
                </label>
                <select
                  id="f-preferredLanguage"
                  className={input}
                  value={values.preferredLanguage}
                  onChange={(e) => set("preferredLanguage")(e.target.value)}
                >
                  {props.languages.map((l) => (
                    <option key={l.code} value={l.code}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="f-passportNumber" className="block font-medium">
                  {label("passportNumber")}
                </label>
                <input
                  id="f-passportNumber"
                  dir="ltr"
                  className={input}
                  value={values.passportNumber}
                  onChange={(e) => set("passportNumber")(e.target.value)}
                  aria-invalid={!!errors.passportNumber}
                  aria-describedby={describedBy("passportNumber")}
                />
                {fieldError("passportNumber")}
              </div>
            </div>
          </fieldset>

          <fieldset disabled={!hydrated} className="space-y-4 rounded border border-slate-200 p-4">
            <legend className="px-1 text-lg font-semibold">{t("sectionVisit")}</legend>
            <div>
              <label htmlFor="f-reasonForVisit" className="block font-medium">
                {label("reasonForVisit")}
              </label>
              <textarea
                id="f-reasonForVisit"
                rows={3}
                className={input}
                value={values.reasonForVisit}
                onChange={(e) => set("reasonForVisit")(e.target.value)}
                aria-invalid={!!errors.reasonForVisit}
                aria-describedby={describedBy("reasonForVisit")}
              />
              {fieldError("reasonForVisit")}
            </div>
            <div className="flex items-center gap-2">
              <input
                id="f-interpreterWanted"
                type="checkbox"
                className="size-4"
                checked={values.interpreterWanted}
                onChange={(e) => set("interpreterWanted")(e.target.checked)}
              />
              <label htmlFor="f-interpreterWanted">{label("interpreterWanted")}</label>
            </div>
            <div className="flex items-center gap-2">
              <input
                id="f-visaLetterWanted"
                type="checkbox"
                className="size-4"
                checked={values.visaLetterWanted}
                onChange={(e) => set("visaLetterWanted")(e.target.checked)}
                aria-describedby="f-visaLetterWanted-hint"
              />
              <label htmlFor="f-visaLetterWanted">{label("visaLetterWanted")}</label>
            </div>
            <p id="f-visaLetterWanted-hint" className="text-sm text-slate-600">
              {t("visaLetterHint")}
            </p>
          </fieldset>

          <fieldset disabled={!hydrated} className="space-y-3 rounded border border-slate-200 p-4">
            <legend className="px-1 text-lg font-semibold">{t("sectionPayment")}</legend>
            <p className="font-medium">{label("paymentMethod")}</p>
            <div className="flex items-center gap-2">
              <input
                id="f-pay-self"
                type="radio"
                name="paymentMethod"
                className="size-4"
                checked={values.paymentMethod === "SELF_PAY"}
                onChange={() => set("paymentMethod")("SELF_PAY")}
              />
              <label htmlFor="f-pay-self">{t("selfPay")}</label>
            </div>
            {props.insurers.length > 0 ? (
              <>
                <div className="flex items-center gap-2">
                  <input
                    id="f-pay-direct"
                    type="radio"
                    name="paymentMethod"
                    className="size-4"
                    checked={values.paymentMethod === "DIRECT_BILLING"}
                    onChange={() => set("paymentMethod")("DIRECT_BILLING")}
                  />
                  <label htmlFor="f-pay-direct">{t("directBilling")}</label>
                </div>
                {values.paymentMethod === "DIRECT_BILLING" && (
                  <div>
                    <label htmlFor="f-insurer" className="block font-medium">
                      {label("insurer")}
                    </label>
                    <select
                      id="f-insurer"
                      className={input}
                      value={values.insurer}
                      onChange={(e) => set("insurer")(e.target.value)}
                      aria-invalid={!!errors.insurer}
                      aria-describedby={describedBy("insurer")}
                    >
                      <option value="" />
                      {props.insurers.map((i) => (
                        <option key={i.slug} value={i.slug}>
                          {i.name}
                        </option>
                      ))}
                    </select>
                    {fieldError("insurer")}
                    {chosenInsurer?.preauthRequired && (
                      <p className="mt-1 text-sm text-slate-700">{t("preauthNote")}</p>
                    )}
                    {(["policyNumber", "memberName"] as const).map((field) => (
                      <div key={field} className="mt-3">
                        <label htmlFor={`f-${field}`} className="block font-medium">
                          {label(field)}
                        </label>
                        <input
                          id={`f-${field}`}
                          className={input}
                          value={values[field]}
                          onChange={(e) => set(field)(e.target.value)}
                          autoComplete={field === "memberName" ? "name" : "off"}
                          aria-invalid={!!errors[field]}
                          aria-describedby={describedBy(field)}
                        />
                        {fieldError(field)}
                      </div>
                    ))}
                  </div>
                )}
              </>
            ) : (
              <p className="text-sm text-slate-700">{t("noDirectBilling")}</p>
            )}
          </fieldset>

          <fieldset disabled={!hydrated} className="space-y-3 rounded border border-slate-200 p-4">
            <legend className="px-1 text-lg font-semibold">{t("sectionConsent")}</legend>
            {(["consentTerms", "consentSensitive"] as const).map((field) => (
              <div key={field}>
                <div className="flex items-start gap-2">
                  <input
                    id={`f-${field}`}
                    type="checkbox"
                    className="mt-1 size-4 shrink-0"
                    checked={values[field]}
                    onChange={(e) => set(field)(e.target.checked)}
                    aria-invalid={!!errors[field]}
                    aria-describedby={describedBy(field)}
                  />
                  <label htmlFor={`f-${field}`}>{label(field)}</label>
                </div>
                {fieldError(field)}
              </div>
            ))}
          </fieldset>
          <button
            type="submit"
            disabled={!hydrated}
            className="rounded bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
          >
            {t("review")}
          </button>
        </form>
      ) : (
        <form action={submit} className="space-y-4">
          <h2 className="text-xl font-semibold">{t("reviewTitle")}</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded border border-slate-200 p-4">
            <dt className="font-medium">{t("when")}</dt>
            <dd>{props.summary.when}</dd>
            <dt className="font-medium">{t("what")}</dt>
            <dd dir="auto">{props.summary.what}</dd>
            <dt className="font-medium">{t("where")}</dt>
            <dd dir="auto">{props.summary.where}</dd>
            <dt className="font-medium">{t("fee")}</dt>
            <dd>{props.summary.price}</dd>
            {FIELDS.filter(
              (f) =>
                f !== "insurer" &&
                values[f] &&
                (values.paymentMethod === "DIRECT_BILLING" || (f !== "policyNumber" && f !== "memberName")),
            ).map((field) => (
              <div key={field} className="contents">
                <dt className="font-medium">{label(field)}</dt>
                <dd dir="auto">
                  {field === "nationality"
                    ? props.countries.find((c) => c.code === values.nationality)?.name
                    : field === "preferredLanguage"
                      ? props.languages.find((l) => l.code === values.preferredLanguage)?.name
                      : values[field]}
                </dd>
              </div>
            ))}
            <dt className="font-medium">{label("interpreterWanted")}</dt>
            <dd>{values.interpreterWanted ? t("yes") : t("no")}</dd>
            <dt className="font-medium">{label("visaLetterWanted")}</dt>
            <dd>{values.visaLetterWanted ? t("yes") : t("no")}</dd>
            <dt className="font-medium">{label("paymentMethod")}</dt>
            <dd>
              {values.paymentMethod === "SELF_PAY"
                ? t("selfPay")
                : `${t("directBilling")}: ${chosenInsurer?.name ?? ""}`}
            </dd>
          </dl>
          <input type="hidden" name="payload" value={JSON.stringify(payload())} />
          <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
          <input type="hidden" name="locale" value={props.locale} />
          <div className="flex flex-wrap gap-4">
            <button
              type="submit"
              disabled={pending}
              className="rounded bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
            >
              {pending ? t("sending") : t("confirm")}
            </button>
            <button
              type="button"
              onClick={() => setStep("form")}
              className="rounded border border-slate-300 px-5 py-2.5"
            >
              {t("edit")}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
