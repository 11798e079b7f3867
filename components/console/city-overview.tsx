// The admin console's home: the city at a glance, four panels each with a
// link to where it is managed. Dates, numbers and ages in the page's locale.
import { getTranslations } from "next-intl/server";
import type { CityOverview } from "@/lib/catalogue/city-overview";
import { ADMISSION_STATUSES, RATES_STALE_AFTER_DAYS } from "@/lib/catalogue/city-overview";
import { Link } from "@/lib/i18n/navigation";
import { Notice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { StatusBadge } from "@/components/ui/status-badge";
import { beijingFormat, languageNames } from "@/components/ui/formats";

type Props = { overview: CityOverview; locale: string; canManageRates: boolean };

const panel = "space-y-3 rounded border border-slate-200 p-4";
const linkClass = "inline-block text-brand-700 underline";

export async function CityOverviewPanels({ overview, locale, canManageRates }: Props) {
  const t = await getTranslations("Admin.home");
  const { city, institutions, guide, quota, rates } = overview;
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const list = new Intl.ListFormat(locale, { type: "conjunction" });
  const languages = languageNames(locale);
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const published = beijingFormat(locale, "long");
  const monthFormat = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
  const month = (m: string) => monthFormat.format(new Date(`${m}-15T00:00:00Z`));
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const cityQuery = { city: city.slug };

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Section id="institutions" title={t("institutions")} className={panel}>
        <dl className="grid grid-cols-2 gap-3">
          {ADMISSION_STATUSES.map((s) => (
            <div key={s} className="rounded bg-slate-50 p-3">
              <dt className="text-sm text-slate-700">{t(`admission.${s}`)}</dt>
              <dd className="text-2xl font-bold" data-testid={`admission-${s}`}>
                {number.format(institutions.byStatus[s])}
              </dd>
            </div>
          ))}
        </dl>
        <p data-testid="institutions-total">{t("institutionsTotal", { count: institutions.total })}</p>
        <Link href={{ pathname: "/admin/institutions", query: cityQuery }} className={linkClass}>
          {t("manageInstitutions")}
        </Link>
      </Section>

      <Section id="guide" title={t("guide")} className={panel}>
        <p data-testid="guide-version">
          {guide.published
            ? t("guidePublished", {
                version: number.format(guide.published.version),
                date: guide.published.publishedAt ? published.format(guide.published.publishedAt) : "—",
              })
            : t("guideNone")}
        </p>
        {guide.hasDraft && <p>{t("guideDraft")}</p>}
        {guide.published && (
          <>
            <p data-testid="guide-complete">
              {t("guideComplete", {
                languages: guide.completeLanguages.length
                  ? list.format(guide.completeLanguages.map((l) => languages.of(l) ?? l))
                  : "—",
              })}
            </p>
            {guide.incompleteLanguages.length > 0 && (
              <p data-testid="guide-incomplete">
                {t("guideIncomplete", {
                  languages: list.format(guide.incompleteLanguages.map((l) => languages.of(l) ?? l)),
                })}
              </p>
            )}
          </>
        )}
        <Link href={{ pathname: "/admin/guide", query: cityQuery }} className={linkClass}>
          {t("manageGuide")}
        </Link>
      </Section>

      <Section id="quota" title={t("quota")} className={panel}>
        <p className="text-sm text-slate-700">
          {t("quotaIntro", { from: month(quota.from), to: month(quota.to), share: percent.format(0.9) })}
        </p>
        {quota.alerts.length === 0 ? (
          <p data-testid="quota-none">{t("quotaNone")}</p>
        ) : (
          <ul className="space-y-2" data-testid="quota-alerts">
            {quota.alerts.map((a) => (
              <li key={`${a.slug}-${a.month}`} className="flex flex-wrap items-center gap-2">
                <StatusBadge tone={a.over ? "bad" : "warning"}>
                  {a.over ? t("overCap") : t("nearCap")}
                </StatusBadge>
                <span>
                  {t("quotaLine", {
                    institution: a.institution,
                    month: month(a.month),
                    used: number.format(a.used),
                    cap: number.format(a.cap),
                  })}
                </span>
              </li>
            ))}
          </ul>
        )}
        <Link
          href={{ pathname: "/admin/quota", query: { ...cityQuery, from: quota.from, to: quota.to } }}
          className={linkClass}
        >
          {t("quotaLink")}
        </Link>
      </Section>

      <Section id="rates" title={t("rates")} className={panel}>
        {rates.oldestEffectiveOn === null || rates.ageDays === null ? (
          <p>{t("ratesNone")}</p>
        ) : (
          <>
            <p data-testid="rates-age">
              {t("ratesAge", {
                count: rates.currencies,
                date: day.format(new Date(`${rates.oldestEffectiveOn}T00:00:00Z`)),
                age: relative.format(-rates.ageDays, "day"),
              })}
            </p>
            {rates.stale.length > 0 ? (
              <Notice tone="warning" role="alert" className="p-3">
                {t("ratesStale", { days: RATES_STALE_AFTER_DAYS, currencies: list.format(rates.stale) })}
              </Notice>
            ) : (
              <p>{t("ratesFresh", { days: RATES_STALE_AFTER_DAYS })}</p>
            )}
          </>
        )}
        {canManageRates ? (
          <Link href="/admin/rates" className={linkClass}>
            {t("manageRates")}
          </Link>
        ) : (
          <p className="text-sm text-slate-700">{t("ratesBySystemAdmin")}</p>
        )}
      </Section>
    </div>
  );
}
