import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { HomeSearch } from "@/components/catalogue/home-search";
import { InstitutionCard } from "@/components/catalogue/institution-card";
import { getHomeCatalogue } from "@/lib/catalogue/get-home-catalogue";
import { catalogueDb } from "@/app/[locale]/_catalogue/read-db";
import { localeAlternates } from "@/lib/i18n/alternates";
import { getPathname, Link } from "@/lib/i18n/navigation";
import { openPage, type PageProps } from "@/app/[locale]/page-props";
import { PageHeader } from "@/components/ui/page-header";
import { LocalizedText } from "@/components/ui/localized-text";

type Props = PageProps;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { alternates: localeAlternates(locale, "/") };
}

export default async function HomePage({ params }: Props) {
  const { locale } = await openPage(params);
  const t = await getTranslations("Home");
  const catalogue = await getHomeCatalogue(await catalogueDb(), locale);

  return (
    <div className="space-y-10">
      <PageHeader title={t("title")} intro={t("intro")} lead />

      {catalogue.cities.length === 0 ? (
        <section className="rounded border border-slate-200 p-6">
          <h2 className="text-xl font-semibold">{t("emptyTitle")}</h2>
          <p className="mt-2">{t("emptyText")}</p>
        </section>
      ) : (
        <>
          <HomeSearch
            action={getPathname({ href: "/hospitals", locale })}
            cities={catalogue.cities}
            locale={locale}
          />
          <section aria-labelledby="cities-heading">
            <h2 id="cities-heading" className="text-2xl font-semibold">
              {t("citiesTitle")}
            </h2>
            <ul className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
              {catalogue.cities.map((city) => (
                <li key={city.slug} className="rounded border border-slate-200 p-3 hover:border-brand-600">
                  <Link
                    href={{ pathname: "/hospitals", query: { city: city.slug } }}
                    className="block font-medium text-brand-800 hover:underline"
                  >
                    <LocalizedText value={city.name} locale={city.nameLocale} />
                  </Link>
                  {city.name !== city.nameZh && (
                    <span lang="zh" className="text-sm text-slate-600">
                      {city.nameZh}
                    </span>
                  )}
                  <span className="block text-sm text-slate-600">
                    {t("institutionCount", { count: city.institutionCount })}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="featured-heading">
            <h2 id="featured-heading" className="text-2xl font-semibold">
              {t("featuredTitle")}
            </h2>
            <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {catalogue.institutions.map((institution) => (
                <li key={institution.slug}>
                  <InstitutionCard institution={institution} />
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
