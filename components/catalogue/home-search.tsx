// The finder's main question on the home page (issue 16): where (city), what
// (a specialty, a condition or a hospital's name, as free text) and in which
// language. A plain GET form to the finder with the finder's own parameter
// names (lib/catalogue/hospital-filters.ts), so it works without JavaScript;
// the finder ignores the fields left empty.
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { serviceLanguages } from "@/lib/catalogue/codes";
import { languageName } from "@/lib/catalogue/format";

type Props = {
  /** The finder's path in this locale. */
  action: string;
  cities: { slug: string; name: string }[];
  locale: string;
};

export function HomeSearch({ action, cities, locale }: Props) {
  const t = useTranslations("Finder");
  const any = { value: "", label: t("any") };
  const languages = serviceLanguages
    .map((code) => ({ value: code, label: languageName(code, locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  return (
    <section aria-labelledby="home-search-heading" className="rounded-lg border border-slate-200 p-4 sm:p-6">
      <h2 id="home-search-heading" className="text-2xl font-semibold">
        {t("title")}
      </h2>
      <form
        action={action}
        method="get"
        role="search"
        aria-labelledby="home-search-heading"
        className="mt-4 grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,2fr)_minmax(0,1fr)] md:items-start"
      >
        <SelectField
          id="home-city"
          name="city"
          label={t("filter.city")}
          options={[
            any,
            ...[...cities]
              .sort((a, b) => a.name.localeCompare(b.name, locale))
              .map((c) => ({ value: c.slug, label: c.name })),
          ]}
          defaultValue=""
        />
        <Field
          id="home-q"
          name="q"
          type="search"
          label={t("searchLabel")}
          hint={t("searchHint")}
          autoComplete="off"
          enterKeyHint="search"
        />
        <SelectField
          id="home-language"
          name="language"
          label={t("filter.language")}
          options={[any, ...languages]}
          defaultValue=""
        />
        <div className="md:col-span-3">
          <Button type="submit">{t("apply")}</Button>
        </div>
      </form>
    </section>
  );
}
