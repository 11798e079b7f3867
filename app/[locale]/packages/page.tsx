import type { Metadata } from "next";
import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { FilterSelect } from "@/components/finder/filter-select";
import { DroppedFiltersNotice } from "@/components/finder/dropped-filters-notice";
import { FinderForm } from "@/components/finder/finder-form";
import { SortAndSubmit } from "@/components/finder/sort-and-submit";
import { Pagination } from "@/components/finder/pagination";
import { conditions, therapies } from "@/lib/catalogue/codes";
import { searchLeniently } from "@/lib/catalogue/drop-unknown";
import { formatCny } from "@/lib/catalogue/format";
import { packageDayOptions, packageQuerySchema } from "@/lib/catalogue/package-filters";
import { queryToParams } from "@/lib/catalogue/search-params";
import { searchPackages } from "@/lib/catalogue/search-packages";
import { getDb } from "@/lib/db/client";
import { localeAlternates } from "@/lib/i18n/alternates";
import { getPathname, Link } from "@/lib/i18n/navigation";

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Packages" });
  return { title: t("title"), alternates: localeAlternates(locale, "/packages") };
}

export default async function PackagesPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("Packages");
  const tf = await getTranslations("Finder");
  const tc = await getTranslations("Catalogue");
  const { result, query, dropped } = await searchLeniently(packageQuerySchema, await searchParams, (q) =>
    searchPackages(getDb(), q, locale),
  );
  const action = getPathname({ href: "/packages", locale });
  const params_ = queryToParams(query, packageQuerySchema.parse({}));

  return (
    <div>
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("intro")}</p>
      <DroppedFiltersNotice fields={dropped} />
      <div className="mt-6 grid gap-8 lg:grid-cols-[18rem_1fr]">
        <section aria-labelledby="package-filters-heading">
          <h2 id="package-filters-heading" className="sr-only">
            {tf("filtersTitle")}
          </h2>
          <FinderForm action={action} label={tf("filtersTitle")}>
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
              options={packageDayOptions.map((d) => ({
                value: String(d),
                label: t("maxDaysOption", { days: d }),
              }))}
            />
            <div className="grid grid-cols-2 gap-2">
              <div>
                <label htmlFor="filter-minPrice" className="block text-sm font-medium">
                  {t("filter.minPrice")}
                </label>
                <input
                  id="filter-minPrice"
                  name="minPrice"
                  type="number"
                  min={0}
                  step={100}
                  inputMode="numeric"
                  defaultValue={query.minPrice ?? ""}
                  className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5"
                />
              </div>
              <div>
                <label htmlFor="filter-maxPrice" className="block text-sm font-medium">
                  {t("filter.maxPrice")}
                </label>
                <input
                  id="filter-maxPrice"
                  name="maxPrice"
                  type="number"
                  min={0}
                  step={100}
                  inputMode="numeric"
                  defaultValue={query.maxPrice ?? ""}
                  className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5"
                />
              </div>
            </div>
            <SortAndSubmit
              action={action}
              value={query.sort}
              options={(["relevance", "price", "days", "sessions"] as const).map((v) => ({
                value: v,
                label: t(`sort.${v}`),
              }))}
            />
          </FinderForm>
        </section>
        <section aria-labelledby="package-results-heading">
          <h2 id="package-results-heading" className="text-xl font-semibold" aria-live="polite">
            {t("resultCount", { count: result.total })}
          </h2>
          {result.total === 0 ? (
            <div className="mt-4 rounded border border-slate-200 p-4">
              <p className="font-medium">{t("noResultsTitle")}</p>
              <a href={action} className="mt-2 inline-block text-brand-700 underline">
                {tf("clear")}
              </a>
            </div>
          ) : (
            <div className="mt-4 overflow-x-auto">
              <table className="w-full min-w-[40rem]">
                <thead>
                  <tr className="border-b border-slate-300 text-sm">
                    <th scope="col" className="py-2 text-start">
                      {t("package")}
                    </th>
                    <th scope="col" className="py-2 text-start">
                      {t("institution")}
                    </th>
                    <th scope="col" className="py-2 text-end">
                      {t("sessions")}
                    </th>
                    <th scope="col" className="py-2 text-end">
                      {t("days")}
                    </th>
                    <th scope="col" className="py-2 text-end">
                      {t("price")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((p) => (
                    <tr key={p.slug} className="border-b border-slate-100 align-top">
                      <td className="py-3 pe-4">
                        <Link
                          href={`/packages/${p.slug}`}
                          className="font-medium text-brand-700 underline"
                          lang={p.nameLocale}
                          dir="auto"
                        >
                          {p.name}
                        </Link>
                        <p className="mt-1 text-sm text-slate-600">
                          {p.conditions
                            .map((c) =>
                              (conditions as readonly string[]).includes(c)
                                ? tc(`condition.${c as (typeof conditions)[number]}`)
                                : c,
                            )
                            .join(", ")}
                        </p>
                      </td>
                      <td className="py-3 pe-4 text-sm">
                        <span dir="auto">{p.institution.name}</span>
                        <span className="block text-slate-600">{p.city.name}</span>
                      </td>
                      <td className="py-3 text-end tabular-nums">{p.sessions}</td>
                      <td className="py-3 text-end tabular-nums">{p.durationDays}</td>
                      <td className="py-3 text-end tabular-nums">{formatCny(p.priceFen, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination pathname="/packages" page={result.page} pageCount={result.pageCount} params={params_} />
        </section>
      </div>
    </div>
  );
}
