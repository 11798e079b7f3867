// The payment checker's answer: per institution, whether the insurer bills it
// directly on that date (and what to bring), else why not, then the self-pay
// price with an estimate in the chosen currency.
import { getTranslations } from "next-intl/server";
import { NotTakingBookingsLine } from "@/components/catalogue/not-taking-bookings";
import { Section } from "@/components/ui/section";
import { Link } from "@/lib/i18n/navigation";
import { formatMoneyRange } from "@/lib/payment/money";
import type { PaymentOptions } from "@/lib/payment/payment-options";
import { LocalizedText } from "@/components/ui/localized-text";

type Props = { result: PaymentOptions; locale: string };

const dayFormat = (locale: string) => {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  return (iso: string) => format.format(new Date(`${iso}T00:00:00Z`));
};

async function DirectBilling({
  result,
  locale,
  billing,
}: Props & { billing: PaymentOptions["institutions"][number]["directBilling"] }) {
  if (!billing) return null;
  const t = await getTranslations("Payment");
  const day = dayFormat(locale);
  if (billing.available)
    return (
      <div className="mt-2 rounded border border-emerald-300 bg-emerald-50 p-3 text-emerald-950">
        <p className="font-semibold">{t("direct.yes", { insurer: result.insurer!.name })}</p>
        {billing.preauthRequired && <p>{t("direct.preauth", { days: billing.leadDays })}</p>}
        {billing.holidaysUnknown && <p data-testid="holidays-unknown">{t("direct.holidaysUnknown")}</p>}
        {billing.documents.length > 0 && (
          <p>
            {t("direct.bring", {
              documents: billing.documents.map((d) => t(`document.${d as "passport"}`)).join(", "),
            })}
          </p>
        )}
      </div>
    );
  return (
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
      {billing.holidaysUnknown && <p data-testid="holidays-unknown">{t("direct.holidaysUnknown")}</p>}
      <p>{t("direct.fallback")}</p>
    </div>
  );
}

export async function PaymentResults({ result, locale }: Props) {
  const t = await getTranslations("Payment");
  const day = dayFormat(locale);
  const visit = t(`visit.${result.visit}`);
  return (
    <Section
      id="results"
      className="space-y-4"
      title={
        result.insurer
          ? t("resultsInsurer", { insurer: result.insurer.name, date: day(result.date), visit })
          : t("resultsSelf", { date: day(result.date), visit })
      }
    >
      {result.institutions.length === 0 && <p>{t("none")}</p>}
      <ul className="space-y-4">
        {result.institutions.map((inst) => (
          <li
            key={inst.slug}
            data-testid={`payment-${inst.slug}`}
            className="rounded border border-slate-200 p-4"
          >
            <h3 className="text-lg font-semibold">
              <Link href={`/hospitals/${inst.slug}`} className="text-brand-700 underline">
                <LocalizedText value={inst.name} locale={inst.nameLocale} />
              </Link>
            </h3>
            {!inst.takesOnlineBookings && (
              <div className="mt-2 rounded border border-amber-300 bg-amber-50 p-2">
                <NotTakingBookingsLine phone={inst.phone} />
              </div>
            )}
            <DirectBilling result={result} locale={locale} billing={inst.directBilling} />
            <div className="mt-3">
              <p className="font-medium">{t(`selfPay.${result.visit}`)}</p>
              {inst.selfPay ? (
                <p data-testid="self-pay">
                  <span className="text-lg font-semibold">
                    {formatMoneyRange(inst.selfPay.fromFen / 100, inst.selfPay.toFen / 100, "CNY", locale)}
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
              {result.currency && !result.rate && <p className="text-sm text-slate-600">{t("noRate")}</p>}
            </div>
            {inst.acceptedPayments.length > 0 && (
              <p className="mt-2 text-sm">
                {t("accepted", {
                  methods: inst.acceptedPayments.map((m) => t(`method.${m as "visa"}`)).join(", "),
                })}
              </p>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
