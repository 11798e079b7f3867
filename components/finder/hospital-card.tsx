import { useLocale, useTranslations } from "next-intl";
import { languageName } from "@/lib/catalogue/format";
import type { HospitalCard as Card } from "@/lib/catalogue/search-hospitals";
import { Link } from "@/lib/i18n/navigation";
import { NotTakingBookingsLine } from "@/components/catalogue/not-taking-bookings";
import { HoursList } from "./hours-list";
import { LocalizedText, languageAttributes } from "@/components/ui/localized-text";

export function HospitalCard({ hospital, insurer }: { hospital: Card; insurer?: string }) {
  const t = useTranslations("Finder.card");
  const tc = useTranslations("Catalogue");
  const th = useTranslations("Home");
  const locale = useLocale();
  const chosen = insurer ? hospital.directBilling.filter((b) => b.slug === insurer) : [];
  return (
    <article className="rounded-lg border border-slate-200 p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="text-lg font-semibold" dir="auto">
            <Link
              href={`/hospitals/${hospital.slug}`}
              className="text-brand-800 hover:underline"
              {...languageAttributes(hospital.nameLocale, locale)}
            >
              {hospital.name}
            </Link>
          </h3>
          {hospital.name !== hospital.nameZh && (
            <p lang="zh" className="text-slate-600">
              {hospital.nameZh}
            </p>
          )}
          {hospital.nameIsFallback && (
            <p className="text-xs text-slate-500">
              {th("fallbackNotice", { language: languageName(hospital.nameLocale, locale) })}
            </p>
          )}
        </div>
        {hospital.directBilling.length > 0 ? (
          <p
            className="rounded bg-emerald-50 px-2 py-1 text-sm font-medium text-emerald-800"
            data-testid="direct-billing"
          >
            {chosen.length > 0
              ? t("directBilling", { insurers: chosen.map((b) => b.name).join(", ") })
              : t("directBillingCount", { count: hospital.directBilling.length })}
          </p>
        ) : (
          <p className="rounded bg-slate-100 px-2 py-1 text-sm text-slate-700">{t("selfPay")}</p>
        )}
      </div>
      <p className="mt-2 text-sm text-slate-700">
        <LocalizedText value={hospital.city.name} locale={hospital.city.nameLocale} /> ·{" "}
        {tc(`ownership.${hospital.ownership}`)} · {tc(`grade.${hospital.grade}`)}
        {hospital.accreditations.length > 0 && ` · ${hospital.accreditations.join(", ")}`}
      </p>
      <p className="mt-1 text-sm">
        <span className="font-medium">{th("languages")}: </span>
        {hospital.languages.map((code) => languageName(code, locale)).join(", ")}
      </p>
      <div className="mt-2 text-sm">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{t("hours")}</span>
          <span
            className={`rounded px-2 py-0.5 text-xs font-semibold ${hospital.openNow ? "bg-emerald-100 text-emerald-900" : "bg-slate-200 text-slate-800"}`}
          >
            {hospital.openNow ? t("openNow") : t("closedNow")}
          </span>
        </p>
        {hospital.hours.length > 0 ? (
          <HoursList hours={hospital.hours} className="text-slate-700" />
        ) : (
          <p>{t("noHours")}</p>
        )}
      </div>
      <ul className="mt-3 flex flex-wrap gap-2 text-xs">
        {hospital.emergency24h && (
          <li className="rounded bg-red-50 px-2 py-1 text-red-800">{th("emergency24h")}</li>
        )}
        {hospital.packageCount > 0 && (
          <li className="rounded bg-brand-100 px-2 py-1 text-brand-800">
            {th("packagesCount", { count: hospital.packageCount })}
          </li>
        )}
        {hospital.services.map((s) => (
          <li key={s} className="rounded bg-slate-100 px-2 py-1 text-slate-800">
            {tc(`service.${s}`)}
          </li>
        ))}
      </ul>
      {!hospital.takesOnlineBookings && (
        <div className="mt-3 rounded border border-amber-300 bg-amber-50 p-2">
          <NotTakingBookingsLine phone={hospital.intlDeptPhone} />
        </div>
      )}
    </article>
  );
}
