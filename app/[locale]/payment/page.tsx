import type { Metadata } from "next";
import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { localizeError } from "@/lib/http/errors";
import { localeAlternates } from "@/lib/i18n/alternates";
import { Link } from "@/lib/i18n/navigation";
import { checkerOptions } from "@/lib/payment/checker-options";
import { currencies, defaultCurrency, visitKinds } from "@/lib/payment/codes";
import { formatMoneyRange } from "@/lib/payment/money";
import { paymentOptions, type PaymentOptions } from "@/lib/payment/payment-options";
import { addDays, calendarDateOf, isoDate } from "@/lib/time/zone";

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Payment" });
  return { title: t("title"), alternates: localeAlternates(locale, "/payment") };
}

const one = (v: string | string[] | undefined) => (typeof v === "string" && v !== "" ? v : undefined);

export default async function PaymentPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
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
      result = await paymentOptions(getDb(), chosen, locale);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "VALIDATION_FAILED") throw error;
      problem = await localizeError(error, locale, label);
    }
  }
  const field = "mt-1 block w-full rounded border border-slate-400 px-3 py-2";
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const day = (iso: string) => dateFormat.format(new Date(`${iso}T00:00:00Z`));
  const currencyName = new Intl.DisplayNames([locale], { type: "currency" });

  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
        <p className="mt-2 max-w-3xl text-lg text-slate-700">{t("intro")}</p>
      </header>

      <form
        method="get"
        className="grid gap-4 rounded border border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-5"
      >
        <div>
          <label htmlFor="insurer" className="block font-medium">
            {label("insurer")}
          </label>
          <select id="insurer" name="insurer" defaultValue={chosen.insurer ?? "self"} className={field}>
            <option value="self">{t("selfPayOption")}</option>
            {options.insurers.map((i) => (
              <option key={i.slug} value={i.slug}>
                {i.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="visit" className="block font-medium">
            {label("visit")}
          </label>
          <select id="visit" name="visit" defaultValue={chosen.visit} className={field}>
            {visitKinds.map((v) => (
              <option key={v} value={v}>
                {t(`visit.${v}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="city" className="block font-medium">
            {label("city")}
          </label>
          <select id="city" name="city" defaultValue={chosen.city} className={field}>
            {options.cities.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="date" className="block font-medium">
            {label("date")}
          </label>
          <input
            id="date"
            name="date"
            type="date"
            required
            min={isoDate(today)}
            defaultValue={chosen.date}
            className={field}
          />
        </div>
        <div>
          <label htmlFor="currency" className="block font-medium">
            {label("currency")}
          </label>
          <select id="currency" name="currency" defaultValue={chosen.currency} className={field}>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {currencyName.of(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="sm:col-span-2 lg:col-span-5">
          <button
            type="submit"
            className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800"
          >
            {t("submit")}
          </button>
        </div>
      </form>

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

      {result && (
        <section aria-labelledby="results" className="space-y-4">
          <h2 id="results" className="text-xl font-semibold">
            {result.insurer
              ? t("resultsInsurer", {
                  insurer: result.insurer.name,
                  date: day(result.date),
                  visit: t(`visit.${result.visit}`),
                })
              : t("resultsSelf", { date: day(result.date), visit: t(`visit.${result.visit}`) })}
          </h2>
          {result.institutions.length === 0 && <p>{t("none")}</p>}
          <ul className="space-y-4">
            {result.institutions.map((inst) => {
              const billing = inst.directBilling;
              return (
                <li
                  key={inst.slug}
                  data-testid={`payment-${inst.slug}`}
                  className="rounded border border-slate-200 p-4"
                >
                  <h3 className="text-lg font-semibold">
                    <Link href={`/hospitals/${inst.slug}`} className="text-brand-700 underline">
                      {inst.name}
                    </Link>
                  </h3>
                  {billing &&
                    (billing.available ? (
                      <div className="mt-2 rounded border border-emerald-300 bg-emerald-50 p-3 text-emerald-950">
                        <p className="font-semibold">{t("direct.yes", { insurer: result.insurer!.name })}</p>
                        {billing.preauthRequired && <p>{t("direct.preauth", { days: billing.leadDays })}</p>}
                        {billing.documents.length > 0 && (
                          <p>
                            {t("direct.bring", {
                              documents: billing.documents
                                .map((d) => t(`document.${d as "passport"}`))
                                .join(", "),
                            })}
                          </p>
                        )}
                      </div>
                    ) : (
                      <div className="mt-2 rounded border border-amber-300 bg-amber-50 p-3 text-amber-950">
                        <p className="font-semibold">
                          {t(`direct.no.${billing.reason}`, {
                            insurer: result.insurer!.name,
                            visit: t(`visit.${result.visit}`),
                            date: day(result.date),
                            days: billing.leadDays ?? 0,
                            earliest: billing.earliestDate ? day(billing.earliestDate) : "",
                          })}
                        </p>
                        <p>{t("direct.fallback")}</p>
                      </div>
                    ))}
                  <div className="mt-3">
                    <p className="font-medium">{t(`selfPay.${result.visit}`)}</p>
                    {inst.selfPay ? (
                      <p data-testid="self-pay">
                        <span className="text-lg font-semibold">
                          {formatMoneyRange(
                            inst.selfPay.fromFen / 100,
                            inst.selfPay.toFen / 100,
                            "CNY",
                            locale,
                          )}
                        </span>
                        {inst.estimate && result.rate && (
                          <span className="ms-2 text-slate-700">
                            {t("estimate", {
                              amount: formatMoneyRange(
                                inst.estimate.from,
                                inst.estimate.to,
                                result.rate.currency,
                                locale,
                              ),
                              date: day(result.rate.effectiveOn),
                            })}
                          </span>
                        )}
                      </p>
                    ) : (
                      <p>{t("inpatientPrice")}</p>
                    )}
                    {result.currency && !result.rate && (
                      <p className="text-sm text-slate-600">{t("noRate")}</p>
                    )}
                  </div>
                  {inst.acceptedPayments.length > 0 && (
                    <p className="mt-2 text-sm">
                      {t("accepted", {
                        methods: inst.acceptedPayments.map((m) => t(`method.${m as "visa"}`)).join(", "),
                      })}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}

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
