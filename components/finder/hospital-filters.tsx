// The hospital finder's filter column: the search text, a select per facet
// with its counts (values with none are left out unless chosen), the two
// yes/no facets, and the sort.
import { getTranslations } from "next-intl/server";
import { accreditations, ownerships, serviceLanguages, services, specialties } from "@/lib/catalogue/codes";
import { languageName } from "@/lib/catalogue/format";
import type { HospitalFacetKey, HospitalQuery } from "@/lib/catalogue/hospital-filters";
import type { HospitalSearchResult } from "@/lib/catalogue/search-hospitals";
import { FilterCheckbox, FilterSelect } from "./filter-select";
import { FinderField } from "./finder-layout";
import { SortAndSubmit } from "./sort-and-submit";

type Props = { result: HospitalSearchResult; query: HospitalQuery; locale: string; action: string };

export async function HospitalFilters({ result, query, locale, action }: Props) {
  const t = await getTranslations("Finder");
  const tc = await getTranslations("Catalogue");
  const count = (key: HospitalFacetKey, value: string) =>
    result.facets[key].find((f) => f.value === value)?.count ?? 0;
  const options = (key: HospitalFacetKey, values: readonly { value: string; label: string }[]) =>
    values
      .map((o) => ({ ...o, count: count(key, o.value) }))
      .filter((o) => o.count > 0 || query[key] === o.value);
  const codes = (values: readonly string[], label: (value: string) => string) =>
    values.map((value) => ({ value, label: label(value) }));
  const selects: [HospitalFacetKey, { value: string; label: string }[]][] = [
    ["city", result.cities.map((c) => ({ value: c.slug, label: c.name }))],
    ["language", codes(serviceLanguages, (v) => languageName(v, locale))],
    ["specialty", codes(specialties, (v) => tc(`specialty.${v as (typeof specialties)[number]}`))],
    ["insurer", result.insurers.map((s) => ({ value: s.slug, label: s.name }))],
  ];
  const more: [HospitalFacetKey, { value: string; label: string }[]][] = [
    ["ownership", codes(ownerships, (v) => tc(`ownership.${v as (typeof ownerships)[number]}`))],
    ["accreditation", codes(accreditations, (v) => v)],
    ["service", codes(services, (v) => tc(`service.${v as (typeof services)[number]}`))],
  ];
  const select = ([key, values]: [HospitalFacetKey, { value: string; label: string }[]]) => (
    <FilterSelect
      key={key}
      name={key}
      label={t(`filter.${key}`)}
      value={query[key] as string | undefined}
      options={options(key, values)}
    />
  );
  return (
    <>
      <FinderField
        name="q"
        label={t("searchLabel")}
        hint={t("searchHint")}
        type="search"
        defaultValue={query.q ?? ""}
        maxLength={200}
      />
      {selects.map(select)}
      <FilterSelect
        name="payment"
        label={t("filter.payment")}
        value={query.payment}
        options={(["direct", "self"] as const).map((v) => ({
          value: v,
          label: t(`payment.${v}`),
          count: count("payment", v),
        }))}
      />
      {more.map(select)}
      {(["tcm", "emergency"] as const).map((key) => (
        <FilterCheckbox
          key={key}
          name={key}
          label={t(`filter.${key}`)}
          checked={query[key] === true}
          count={count(key, "true")}
        />
      ))}
      <SortAndSubmit
        action={action}
        value={query.sort}
        options={(["relevance", "name", "city"] as const).map((v) => ({ value: v, label: t(`sort.${v}`) }))}
      />
    </>
  );
}
