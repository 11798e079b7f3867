import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FilterSelect } from "@/components/finder/filter-select";
import { FinderField, FinderLayout, NoResults } from "@/components/finder/finder-layout";
import { SortAndSubmit } from "@/components/finder/sort-and-submit";
import { Pagination } from "@/components/finder/pagination";
import { Cell, Row, Table } from "@/components/ui/table";
import { conditions, therapies } from "@/lib/catalogue/codes";
import { searchLeniently } from "@/lib/catalogue/drop-unknown";
import { formatCny } from "@/lib/catalogue/format";
import { packageDayOptions, packageQuerySchema } from "@/lib/catalogue/package-filters";
import { queryToParams } from "@/lib/catalogue/search-params";
import { searchPackages } from "@/lib/catalogue/search-packages";
import { getDb } from "@/lib/db/client";
import { localeAlternates } from "@/lib/i18n/alternates";
import { getPathname, Link } from "@/lib/i18n/navigation";
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
  const { result, query, dropped } = await searchLeniently(packageQuerySchema, await searchParams, (q) =>
    searchPackages(getDb(), q, locale),
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
  const number = "py-3 text-end tabular-nums";

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
        <div className="mt-4">
          <Table
            scroll
            caption={t("title")}
            className="w-full min-w-[40rem]"
            cell="py-2 text-sm"
            columns={[
              { label: t("package") },
              { label: t("institution") },
              { label: t("sessions"), end: true },
              { label: t("days"), end: true },
              { label: t("price"), end: true },
            ]}
          >
            {result.items.map((p) => (
              <Row key={p.slug} className="align-top">
                <Cell className="py-3 pe-4">
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
                </Cell>
                <Cell className="py-3 pe-4 text-sm">
                  <span dir="auto">{p.institution.name}</span>
                  <span className="block text-slate-600">{p.city.name}</span>
                </Cell>
                <Cell className={number}>{p.sessions}</Cell>
                <Cell className={number}>{p.durationDays}</Cell>
                <Cell className={number}>{formatCny(p.priceFen, locale)}</Cell>
              </Row>
            ))}
          </Table>
        </div>
      )}
      <Pagination pathname="/packages" page={result.page} pageCount={result.pageCount} params={params_} />
    </FinderLayout>
  );
}
