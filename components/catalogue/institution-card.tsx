import { useLocale, useTranslations } from "next-intl";
import { languageName } from "@/lib/catalogue/format";
import type { HomeInstitution } from "@/lib/catalogue/get-home-catalogue";
import { Link } from "@/lib/i18n/navigation";
import { LocalizedText, languageAttributes } from "@/components/ui/localized-text";

export function InstitutionCard({ institution }: { institution: HomeInstitution }) {
  const t = useTranslations("Home");
  const tc = useTranslations("Catalogue");
  const locale = useLocale();
  return (
    <article className="flex h-full flex-col rounded-lg border border-slate-200 p-4 shadow-sm">
      <h3 className="text-lg font-semibold" dir="auto">
        <Link
          href={`/hospitals/${institution.slug}`}
          className="text-brand-800 hover:underline"
          {...languageAttributes(institution.nameLocale, locale)}
        >
          {institution.name}
        </Link>
      </h3>
      {institution.name !== institution.nameZh && (
        <p lang="zh" className="text-slate-600">
          {institution.nameZh}
        </p>
      )}
      {institution.nameIsFallback && (
        <p className="mt-1 text-xs text-slate-500">
          {t("fallbackNotice", {
            language: languageName(institution.nameLocale, locale),
          })}
        </p>
      )}
      <p className="mt-2 text-sm text-slate-700">
        <LocalizedText value={institution.cityName} locale={institution.cityNameLocale} /> ·{" "}
        {tc(`ownership.${institution.ownership}`)} · {tc(`grade.${institution.grade}`)}
        {institution.accreditations.length > 0 && ` · ${institution.accreditations.join(", ")}`}
      </p>
      <p className="mt-2 text-sm">
        <span className="font-medium">{t("languages")}: </span>
        {institution.languages.map((code) => languageName(code, locale)).join(", ")}
      </p>
      <ul className="mt-auto flex flex-wrap gap-2 pt-3 text-xs">
        {institution.emergency24h && (
          <li className="rounded bg-red-50 px-2 py-1 text-red-800">{t("emergency24h")}</li>
        )}
        {institution.packageCount > 0 && (
          <li className="rounded bg-brand-100 px-2 py-1 text-brand-800">
            {t("packagesCount", { count: institution.packageCount })}
          </li>
        )}
      </ul>
    </article>
  );
}
