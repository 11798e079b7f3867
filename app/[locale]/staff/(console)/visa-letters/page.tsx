import { getTranslations } from "next-intl/server";
import { pageError, staffPage } from "@/app/[locale]/_console/page-guard";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { openPage, type PageProps } from "@/app/[locale]/page-props";
import { VerifyLetterForm, VisaLetterCheckResult } from "@/components/staff/visa-letter-check";
import { PageHeader } from "@/components/ui/page-header";
import { verifyVisaLetter, verifyVisaLetterSchema } from "@/lib/booking/verify-visa-letter";
import { getDb } from "@/lib/db/client";
import { validationError } from "@/lib/errors";

type Props = PageProps;

export const generateMetadata = staffTitle("Staff.verifyLetter");

// Staff of the issuing hospital check a visa letter's number and verification code (ADR 0014).
export default async function VerifyVisaLetterPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const path = `/${locale}/staff/visa-letters`;
  const scope = await staffPage("booking.read", locale, path);
  const sp = await searchParams;
  const typed = {
    number: typeof sp.number === "string" ? sp.number : "",
    code: typeof sp.code === "string" ? sp.code : "",
  };
  const t = await getTranslations("Staff.verifyLetter");
  const tl = await getTranslations("VisaLetter");
  const te = await getTranslations("Errors.fields");
  const asked = typed.number !== "" || typed.code !== "";
  const parsed = asked ? verifyVisaLetterSchema.safeParse(typed) : null;
  const errors: { number?: string; code?: string } = {};
  if (parsed && !parsed.success) {
    const fields = validationError(parsed.error).fields ?? {};
    if (fields.number) errors.number = te(fields.number, { field: tl("number") });
    if (fields.code) errors.code = te(fields.code, { field: tl("verificationCode") });
  }
  const check = parsed?.success
    ? await verifyVisaLetter(getDb(), scope.actor, parsed.data, locale).catch((error: unknown) =>
        pageError(error, locale, path),
      )
    : null;
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      <VerifyLetterForm typed={typed} errors={errors} />
      {check && <VisaLetterCheckResult check={check} locale={locale} />}
    </div>
  );
}
