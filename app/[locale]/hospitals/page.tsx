import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FinderLayout, NoResults } from "@/components/finder/finder-layout";
import { HospitalCard } from "@/components/finder/hospital-card";
import { HospitalFilters } from "@/components/finder/hospital-filters";
import { Pagination } from "@/components/finder/pagination";
import { searchLeniently } from "@/lib/catalogue/drop-unknown";
import { findHospitals } from "@/lib/catalogue/find-hospitals";
import { hospitalQuerySchema, hospitalQueryToParams } from "@/lib/catalogue/hospital-filters";
import { catalogueDb } from "@/app/[locale]/_catalogue/read-db";
import { localeAlternates } from "@/lib/i18n/alternates";
import { getPathname } from "@/lib/i18n/navigation";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Finder" });
  return { title: t("title"), alternates: localeAlternates(locale, "/hospitals") };
}

export default async function HospitalsPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const t = await getTranslations("Finder");
  const db = await catalogueDb();
  const { result, query, dropped } = await searchLeniently(hospitalQuerySchema, await searchParams, (q) =>
    findHospitals(db, q, locale),
  );
  const pathname = "/hospitals";
  const action = getPathname({ href: pathname, locale });
  return (
    <FinderLayout
      title={t("title")}
      intro={t("intro")}
      dropped={dropped}
      action={action}
      filtersTitle={t("filtersTitle")}
      filters={<HospitalFilters result={result} query={query} locale={locale} action={action} />}
      resultCount={
        result.moreThanTotal
          ? t("resultCountMoreThan", { count: result.total })
          : t("resultCount", { count: result.total })
      }
    >
      {result.total === 0 ? (
        <NoResults title={t("noResultsTitle")}>
          {result.suggestions.length > 0 && (
            <>
              <p className="mt-2">{t("noResultsText")}</p>
              <ul className="mt-2 list-disc ps-6">
                {result.suggestions.map((s) => {
                  const params = hospitalQueryToParams(s.query);
                  return (
                    <li key={s.filter}>
                      <a
                        href={`${action}${params.size ? `?${params}` : ""}`}
                        className="text-brand-700 underline"
                      >
                        {t("relax", {
                          filter: s.filter === "q" ? t("searchLabel") : t(`filter.${s.filter}`),
                          count: s.total,
                        })}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </NoResults>
      ) : (
        <ul className="mt-4 space-y-4">
          {result.items.map((hospital) => (
            <li key={hospital.slug}>
              <HospitalCard hospital={hospital} insurer={query.insurer} />
            </li>
          ))}
        </ul>
      )}
      <Pagination
        pathname={pathname}
        page={result.page}
        pageCount={result.pageCount}
        params={hospitalQueryToParams(query)}
      />
    </FinderLayout>
  );
}
