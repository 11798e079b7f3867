import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CheckerForm } from "@/components/payment/checker-form";
import { PaymentResults } from "@/components/payment/payment-results";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { localizeError } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/request";
import { localeAlternates } from "@/lib/i18n/alternates";
import { checkerOptions } from "@/lib/payment/checker-options";
import { defaultCurrency } from "@/lib/payment/codes";
import { paymentOptions, paymentQuerySchema, type PaymentOptions } from "@/lib/payment/payment-options";
import { addDays, calendarDateOf, isoDate } from "@/lib/time/zone";
import { openPage, type PageProps } from "@/app/[locale]/page-props";
import { PageHeader } from "@/components/ui/page-header";

type Props = PageProps;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Payment" });
  return { title: t("title"), alternates: localeAlternates(locale, "/payment") };
}

const one = (v: string | string[] | undefined) => (typeof v === "string" && v !== "" ? v : undefined);

export default async function PaymentPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const sp = await searchParams;
  const t = await getTranslations("Payment");
  const options = await checkerOptions(getDb(), locale);
  const today = calendarDateOf(new Date());
  const chosen = {
    insurer: one(sp.insurer),
    visit: one(sp.visit) ?? "OUTPATIENT",
    city: one(sp.city) ?? options.cities.find((c) => c.slug === "beijing")?.slug ?? options.cities[0]?.slug,
    date: one(sp.date) ?? isoDate(addDays(today, 7)),
    currency: one(sp.currency) ?? defaultCurrency[locale],
  };
  const label = (field: string) => {
    const key = `field.${field}` as Parameters<typeof t>[0];
    return t.has(key) ? t(key) : field;
  };
  let result: PaymentOptions | null = null;
  let problem: Awaited<ReturnType<typeof localizeError>> | null = null;
  if (chosen.insurer) {
    try {
      result = await paymentOptions(getDb(), parseInput(paymentQuerySchema, chosen), locale);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "VALIDATION_FAILED") throw error;
      problem = await localizeError(error, locale, label);
    }
  }

  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} intro={t("intro")} lead />
      <CheckerForm options={options} chosen={chosen} today={isoDate(today)} locale={locale} label={label} />
      {problem && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          <p>{problem.message}</p>
          <ul className="mt-1 list-disc ps-5">
            {Object.entries(problem.fields ?? {}).map(([name, message]) => (
              <li key={name}>{message}</li>
            ))}
          </ul>
        </div>
      )}

      {result && <PaymentResults result={result} locale={locale} />}

      <aside
        aria-labelledby="social-insurance"
        className="rounded border-s-4 border-brand-600 bg-brand-50 p-4"
      >
        <h2 id="social-insurance" className="font-semibold">
          {t("socialInsurance.title")}
        </h2>
        <p className="mt-1">{t("socialInsurance.text")}</p>
      </aside>
      <p className="text-sm text-slate-600">{t("demoNote")}</p>
    </div>
  );
}
