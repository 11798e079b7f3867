import type { Metadata } from "next";
import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { FilterCheckbox, FilterSelect } from "@/components/finder/filter-select";
import { DroppedFiltersNotice } from "@/components/finder/dropped-filters-notice";
import { FinderForm } from "@/components/finder/finder-form";
import { SortAndSubmit } from "@/components/finder/sort-and-submit";
import { HospitalCard } from "@/components/finder/hospital-card";
import { Pagination } from "@/components/finder/pagination";
import { accreditations, ownerships, serviceLanguages, services, specialties } from "@/lib/catalogue/codes";
import { languageName } from "@/lib/catalogue/format";
import {
  hospitalFilterKeys,
  hospitalQuerySchema,
  hospitalQueryToParams,
  type HospitalFacetKey,
} from "@/lib/catalogue/hospital-filters";
import { searchHospitals } from "@/lib/catalogue/search-hospitals";
import { searchLeniently } from "@/lib/catalogue/drop-unknown";
import { getDb } from "@/lib/db/client";
import { localeAlternates } from "@/lib/i18n/alternates";
import { getPathname } from "@/lib/i18n/navigation";

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Finder" });
  return { title: t("title"), alternates: localeAlternates(locale, "/hospitals") };
}

export default async function HospitalsPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("Finder");
  const tc = await getTranslations("Catalogue");
  const { result, query, dropped } = await searchLeniently(hospitalQuerySchema, await searchParams, (q) =>
    searchHospitals(getDb(), q, locale),
  );
  const pathname = "/hospitals";
  const action = getPathname({ href: pathname, locale });
  const count = (key: HospitalFacetKey, value: string) =>
    result.facets[key].find((f) => f.value === value)?.count ?? 0;

  const active = hospitalFilterKeys.filter((key) => query[key] !== undefined);
  const filterLabel = (key: HospitalFacetKey) => t(`filter.${key}`);
  const relaxations =
    result.total === 0 && (active.length > 0 || query.q)
      ? await Promise.all(
          [...active, ...(query.q ? (["q"] as const) : [])].map(async (key) => {
            const without = { ...query, [key]: undefined, page: 1 };
            const { total } = await searchHospitals(getDb(), without, locale, new Date(), { facets: false });
            return { key, total, params: hospitalQueryToParams(without) };
          }),
        )
      : [];

  const selectOptions = (
    key: HospitalFacetKey,
    values: readonly string[],
    label: (value: string) => string,
  ) =>
    values
      .map((value) => ({ value, label: label(value), count: count(key, value) }))
      .filter((o) => o.count > 0 || query[key] === o.value);

  return (
    <div>
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("intro")}</p>
      <DroppedFiltersNotice fields={dropped} />
      <div className="mt-6 grid gap-8 lg:grid-cols-[18rem_1fr]">
        <section aria-labelledby="filters-heading">
          <h2 id="filters-heading" className="sr-only">
            {t("filtersTitle")}
          </h2>
          <FinderForm action={action} label={t("filtersTitle")}>
            <div>
              <label htmlFor="filter-q" className="block text-sm font-medium">
                {t("searchLabel")}
              </label>
              <input
                id="filter-q"
                name="q"
                type="search"
                defaultValue={query.q ?? ""}
                maxLength={200}
                aria-describedby="filter-q-hint"
                className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5"
              />
              <p id="filter-q-hint" className="mt-1 text-xs text-slate-600">
                {t("searchHint")}
              </p>
            </div>
            <FilterSelect
              name="city"
              label={filterLabel("city")}
              value={query.city}
              options={result.cities
                .map((c) => ({ value: c.slug, label: c.name, count: count("city", c.slug) }))
                .filter((o) => o.count > 0 || o.value === query.city)}
            />
            <FilterSelect
              name="language"
              label={filterLabel("language")}
              value={query.language}
              options={selectOptions("language", serviceLanguages, (v) => languageName(v, locale))}
            />
            <FilterSelect
              name="specialty"
              label={filterLabel("specialty")}
              value={query.specialty}
              options={selectOptions("specialty", specialties, (v) =>
                tc(`specialty.${v as (typeof specialties)[number]}`),
              )}
            />
            <FilterSelect
              name="insurer"
              label={filterLabel("insurer")}
              value={query.insurer}
              options={result.insurers
                .map((s) => ({ value: s.slug, label: s.name, count: count("insurer", s.slug) }))
                .filter((o) => o.count > 0 || o.value === query.insurer)}
            />
            <FilterSelect
              name="payment"
              label={filterLabel("payment")}
              value={query.payment}
              options={(["direct", "self"] as const).map((v) => ({
                value: v,
                label: t(`payment.${v}`),
                count: count("payment", v),
              }))}
            />
            <FilterSelect
              name="ownership"
              label={filterLabel("ownership")}
              value={query.ownership}
              options={selectOptions("ownership", ownerships, (v) =>
                tc(`ownership.${v as (typeof ownerships)[number]}`),
              )}
            />
            <FilterSelect
              name="accreditation"
              label={filterLabel("accreditation")}
              value={query.accreditation}
              options={selectOptions("accreditation", accreditations, (v) => v)}
            />
            <FilterSelect
              name="service"
              label={filterLabel("service")}
              value={query.service}
              options={selectOptions("service", services, (v) =>
                tc(`service.${v as (typeof services)[number]}`),
              )}
            />
            <FilterCheckbox
              name="tcm"
              label={filterLabel("tcm")}
              checked={query.tcm === true}
              count={count("tcm", "true")}
            />
            <FilterCheckbox
              name="emergency"
              label={filterLabel("emergency")}
              checked={query.emergency === true}
              count={count("emergency", "true")}
            />
            <SortAndSubmit
              action={action}
              value={query.sort}
              options={(["relevance", "name", "city"] as const).map((v) => ({
                value: v,
                label: t(`sort.${v}`),
              }))}
            />
          </FinderForm>
        </section>
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="text-xl font-semibold" aria-live="polite">
            {t("resultCount", { count: result.total })}
          </h2>
          {result.total === 0 ? (
            <div className="mt-4 rounded border border-slate-200 p-4">
              <p className="font-medium">{t("noResultsTitle")}</p>
              {relaxations.length > 0 && (
                <>
                  <p className="mt-2">{t("noResultsText")}</p>
                  <ul className="mt-2 list-disc ps-6">
                    {relaxations.map((r) => (
                      <li key={r.key}>
                        <a
                          href={`${action}${r.params.size ? `?${r.params}` : ""}`}
                          className="text-brand-700 underline"
                        >
                          {t("relax", {
                            filter: r.key === "q" ? t("searchLabel") : filterLabel(r.key),
                            count: r.total,
                          })}
                        </a>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
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
        </section>
      </div>
    </div>
  );
}
