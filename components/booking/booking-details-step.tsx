"use client";

// Step 1 of the booking form: who the patient is, the visit, how they pay and
// their consent. React state only (no names, no action): "Review" checks the
// values with the booking schema and moves on. Each field's error is tied to
// it (aria-describedby, aria-invalid); the summary above announces them. The
// payment part says which insurers would bill directly but need
// pre-authorization longer ahead than this visit, and from which day they can.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox, Field, SelectField, TextAreaField } from "@/components/ui/field";
import type { BookingValues, SetValue } from "./booking-values";

/** An insurer that bills the institution directly, but not this soon: pre-authorization first. */
export type PreauthTooSoon = {
  slug: string;
  name: string;
  /** Working days of notice it needs. */
  leadDays: number;
  /** The first visit day it can bill directly, written in the page's language. */
  from: string;
  /** That day was counted Monday to Friday: the public holidays of its year are not published yet. */
  holidaysUnknown?: boolean;
};

type Props = {
  values: BookingValues;
  set: SetValue;
  errors: Record<string, string>;
  /** False until React has hydrated: the fields stay disabled so nothing typed is lost. */
  hydrated: boolean;
  insurers: { slug: string; name: string; preauthRequired: boolean }[];
  preauthTooSoon: PreauthTooSoon[];
  countries: { code: string; name: string }[];
  languages: { code: string; name: string }[];
  onReview: () => void;
};

function Group({ legend, disabled, children }: { legend: string; disabled: boolean; children: ReactNode }) {
  return (
    <fieldset disabled={disabled} className="space-y-4 rounded border border-slate-200 p-4">
      <legend className="px-1 text-lg font-semibold">{legend}</legend>
      {children}
    </fieldset>
  );
}

export function BookingDetailsStep({
  values,
  set,
  errors,
  hydrated,
  insurers,
  preauthTooSoon,
  countries,
  languages,
  onReview,
}: Props) {
  const t = useTranslations("Booking");
  const label = (field: string) => t(`field.${field}` as "field.name");
  /** The props every text field shares: id, label, value, change and error. */
  const text = (
    field: "name" | "dateOfBirth" | "email" | "phone" | "passportNumber" | "policyNumber" | "memberName",
  ) => ({
    id: `f-${field}`,
    label: label(field),
    value: values[field],
    onChange: (e: { target: { value: string } }) => set(field)(e.target.value),
    error: errors[field],
  });
  const chosenInsurer = insurers.find((i) => i.slug === values.insurer);
  return (
    <form
      noValidate
      aria-busy={!hydrated}
      onSubmit={(event) => {
        event.preventDefault();
        onReview();
      }}
      className="space-y-6"
    >
      <Group legend={t("sectionYou")} disabled={!hydrated}>
        <Field {...text("name")} autoComplete="name" />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            id="f-nationality"
            label={label("nationality")}
            value={values.nationality}
            onChange={(e) => set("nationality")(e.target.value)}
            error={errors.nationality}
            blank
            options={countries.map((c) => ({ value: c.code, label: c.name }))}
          />
          <Field {...text("dateOfBirth")} type="date" autoComplete="bday" />
          <Field {...text("email")} type="email" autoComplete="email" dir="ltr" />
          <Field {...text("phone")} type="tel" autoComplete="tel" dir="ltr" />
          <SelectField
            id="f-preferredLanguage"
            label={label("preferredLanguage")}
            value={values.preferredLanguage}
            onChange={(e) => set("preferredLanguage")(e.target.value)}
            options={languages.map((l) => ({ value: l.code, label: l.name }))}
          />
          <Field {...text("passportNumber")} dir="ltr" />
        </div>
      </Group>

      <Group legend={t("sectionVisit")} disabled={!hydrated}>
        <TextAreaField
          id="f-reasonForVisit"
          label={label("reasonForVisit")}
          rows={3}
          value={values.reasonForVisit}
          onChange={(e) => set("reasonForVisit")(e.target.value)}
          error={errors.reasonForVisit}
        />
        <Checkbox
          id="f-interpreterWanted"
          label={label("interpreterWanted")}
          checked={values.interpreterWanted}
          onChange={(e) => set("interpreterWanted")(e.target.checked)}
        />
        <Checkbox
          id="f-visaLetterWanted"
          label={label("visaLetterWanted")}
          hint={t("visaLetterHint")}
          checked={values.visaLetterWanted}
          onChange={(e) => set("visaLetterWanted")(e.target.checked)}
        />
      </Group>

      <Group legend={t("sectionPayment")} disabled={!hydrated}>
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
        {insurers.length > 0 ? (
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
              <div className="space-y-3">
                <SelectField
                  id="f-insurer"
                  label={label("insurer")}
                  value={values.insurer}
                  onChange={(e) => set("insurer")(e.target.value)}
                  error={errors.insurer}
                  hint={chosenInsurer?.preauthRequired ? t("preauthNote") : undefined}
                  blank
                  options={insurers.map((i) => ({ value: i.slug, label: i.name }))}
                />
                <Field {...text("policyNumber")} autoComplete="off" />
                <Field {...text("memberName")} autoComplete="name" />
              </div>
            )}
          </>
        ) : (
          preauthTooSoon.length === 0 && <p className="text-sm text-slate-700">{t("noDirectBilling")}</p>
        )}
        {preauthTooSoon.length > 0 && (
          <div
            data-testid="preauth-too-soon"
            className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-amber-950"
          >
            <p className="font-medium">{t("preauthTooSoon.title")}</p>
            <ul className="list-disc space-y-1 ps-5">
              {preauthTooSoon.map((i) => (
                <li key={i.slug}>
                  {t("preauthTooSoon.insurer", { insurer: i.name, days: i.leadDays, date: i.from })}
                </li>
              ))}
            </ul>
            {preauthTooSoon.some((i) => i.holidaysUnknown) && (
              <p data-testid="holidays-unknown">{t("preauthTooSoon.estimate")}</p>
            )}
            <p>{t("preauthTooSoon.then")}</p>
          </div>
        )}
      </Group>

      <Group legend={t("sectionConsent")} disabled={!hydrated}>
        {(["consentTerms", "consentSensitive"] as const).map((field) => (
          <Checkbox
            key={field}
            id={`f-${field}`}
            label={label(field)}
            checked={values[field]}
            onChange={(e) => set(field)(e.target.checked)}
            error={errors[field]}
          />
        ))}
      </Group>
      <Button
        type="submit"
        disabled={!hydrated}
        className="rounded bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60"
      >
        {t("review")}
      </Button>
    </form>
  );
}
