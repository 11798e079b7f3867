// The "verify a visa letter" form and its answer (ADR 0014): a GET form (it
// works without JavaScript and a reload asks again), then genuine or not,
// valid or why not, and the letter's facts as the hospital issued it for the
// nurse to compare with the paper.
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { beijingFormat, regionNames } from "@/components/ui/formats";
import { formatTime } from "@/lib/i18n/time-format";
import type { VisaLetterCheck } from "@/lib/booking/verify-visa-letter";

type Typed = { number: string; code: string };

/** The two fields, as typed, with a problem under each one that did not parse. */
export async function VerifyLetterForm({
  typed,
  errors,
}: {
  typed: Typed;
  errors: Partial<Record<keyof Typed, string>>;
}) {
  const t = await getTranslations("Staff.verifyLetter");
  const tl = await getTranslations("VisaLetter");
  return (
    <form method="get" className="max-w-lg space-y-3" aria-label={t("title")}>
      <Field
        id="number"
        name="number"
        label={tl("number")}
        hint={t("numberHint")}
        error={errors.number}
        defaultValue={typed.number}
        required
        maxLength={60}
        autoComplete="off"
        spellCheck={false}
        dir="ltr"
      />
      <Field
        id="code"
        name="code"
        label={tl("verificationCode")}
        hint={t("codeHint")}
        error={errors.code}
        defaultValue={typed.code}
        required
        maxLength={40}
        autoComplete="off"
        spellCheck={false}
        dir="ltr"
      />
      <Button type="submit">{t("submit")}</Button>
    </form>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-x-4 sm:grid-cols-[14rem_1fr]">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

/** Genuine or not; when genuine, valid or why not, and the letter's facts. */
export async function VisaLetterCheckResult({ check, locale }: { check: VisaLetterCheck; locale: string }) {
  const t = await getTranslations("Staff.verifyLetter");
  const tl = await getTranslations("VisaLetter");
  const tf = await getTranslations("Staff.field");
  const ts = await getTranslations("Staff.status");
  if (!check.genuine)
    return (
      <Notice role="alert" tone="bad">
        {t("notGenuine")}
      </Notice>
    );
  const day = beijingFormat(locale, "long");
  const dbDay = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        <Notice role="status" tone="good">
          {t("genuine")}
        </Notice>
        {check.invalidBecause ? (
          <Notice role="alert" tone="bad">
            {t(`invalid.${check.invalidBecause}`)}
          </Notice>
        ) : (
          <Notice role="status" tone="good">
            {t("valid")}
          </Notice>
        )}
      </div>
      <Section id="verify-facts" title={t("facts")} intro={t("compare")}>
        <dl className="space-y-2">
          <Fact label={tl("number")}>
            <span dir="ltr">{check.number}</span>
          </Fact>
          <Fact label={tl("issued")}>{day.format(check.issuedAt)}</Fact>
          {check.issuedBy && <Fact label={tl("issuedBy")}>{check.issuedBy}</Fact>}
          <Fact label={tf("status")}>{ts(check.status)}</Fact>
          <Fact label={tl("reference")}>
            <span dir="ltr">{check.reference}</span>
          </Fact>
          {check.patient ? (
            <>
              <Fact label={tl("patientName")}>{check.patient.name}</Fact>
              {check.patient.latinName && <Fact label={tl("latinName")}>{check.patient.latinName}</Fact>}
              <Fact label={tl("nationality")}>
                {regionNames(locale).of(check.patient.nationality) ?? check.patient.nationality}
              </Fact>
              <Fact label={tl("dateOfBirth")}>{dbDay(check.patient.dateOfBirth)}</Fact>
            </>
          ) : (
            <Fact label={tl("patientName")}>{t("erased")}</Fact>
          )}
          <Fact label={tl("service")}>{check.service}</Fact>
          <Fact label={tl("appointment")}>{formatTime(check.appointment, locale, { date: true })}</Fact>
          <Fact label={tl("stay")}>
            {tl("stayRange", { from: dbDay(check.stayFrom), to: dbDay(check.stayTo) })}
          </Fact>
        </dl>
      </Section>
    </div>
  );
}
