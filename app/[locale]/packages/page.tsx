import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FilterSelect } from "@/components/finder/filter-select";
import { FinderField, FinderLayout, NoResults } from "@/components/finder/finder-layout";
import { SortAndSubmit } from "@/components/finder/sort-and-submit";
import { Pagination } from "@/components/finder/pagination";
import { PackageComparison } from "@/components/catalogue/package-comparison";
import { conditions, therapies } from "@/lib/catalogue/codes";
import { searchLeniently } from "@/lib/catalogue/drop-unknown";
import { packageDayOptions, packageQuerySchema } from "@/lib/catalogue/package-filters";
import { queryToParams } from "@/lib/catalogue/search-params";
import { searchPackages } from "@/lib/catalogue/search-packages";
import { catalogueDb } from "@/app/[locale]/_catalogue/read-db";
import { localeAlternates } from "@/lib/i18n/alternates";
import { getPathname } from "@/lib/i18n/navigation";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Packages" });
  return { title: t("title"), alternates: localeAlternates(locale, "/packages") };
}

export default async function PackagesPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const t = await getTranslations("Packages");
  const tf = await getTranslations("Finder");
  const tc = await getTranslations("Catalogue");
  const db = await catalogueDb();
  const { result, query, dropped } = await searchLeniently(packageQuerySchema, await searchParams, (q) =>
    searchPackages(db, q, locale),
  );
  const action = getPathname({ href: "/packages", locale });
  const params_ = queryToParams(query, packageQuerySchema.parse({}));

  const price = { type: "number", min: 0, step: 100, inputMode: "numeric" } as const;
  const filters = (
    <>
      <FilterSelect
        name="city"
        label={t("filter.city")}
        value={query.city}
        options={result.cities
          .filter((c) => c.count > 0 || c.slug === query.city)
          .map((c) => ({ value: c.slug, label: c.name, count: c.count }))}
      />
      <FilterSelect
        name="condition"
        label={t("filter.condition")}
        value={query.condition}
        options={conditions.map((c) => ({ value: c, label: tc(`condition.${c}`) }))}
      />
      <FilterSelect
        name="therapy"
        label={t("filter.therapy")}
        value={query.therapy}
        options={therapies.map((c) => ({ value: c, label: tc(`therapy.${c}`) }))}
      />
      <FilterSelect
        name="maxDays"
        label={t("filter.maxDays")}
        value={query.maxDays?.toString()}
        options={packageDayOptions.map((d) => ({ value: String(d), label: t("maxDaysOption", { days: d }) }))}
      />
      <div className="grid grid-cols-2 gap-2">
        <FinderField
          name="minPrice"
          label={t("filter.minPrice")}
          {...price}
          defaultValue={query.minPrice ?? ""}
        />
        <FinderField
          name="maxPrice"
          label={t("filter.maxPrice")}
          {...price}
          defaultValue={query.maxPrice ?? ""}
        />
      </div>
      <SortAndSubmit
        action={action}
        value={query.sort}
        options={(["relevance", "price", "days", "sessions"] as const).map((v) => ({
          value: v,
          label: t(`sort.${v}`),
        }))}
      />
    </>
  );
  return (
    <FinderLayout
      title={t("title")}
      intro={t("intro")}
      dropped={dropped}
      action={action}
      filtersTitle={tf("filtersTitle")}
      idPrefix="package-"
      filters={filters}
      resultCount={t("resultCount", { count: result.total })}
    >
      {result.total === 0 ? (
        <NoResults title={t("noResultsTitle")}>
          <a href={action} className="mt-2 inline-block text-brand-700 underline">
            {tf("clear")}
          </a>
        </NoResults>
      ) : (
        <PackageComparison items={result.items} locale={locale} caption={t("title")} />
      )}
      <Pagination pathname="/packages" page={result.page} pageCount={result.pageCount} params={params_} />
    </FinderLayout>
  );
}
