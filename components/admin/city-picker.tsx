import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";

/** For an admin of several cities (a system admin): which city the page shows. */
export async function CityPicker({
  cities,
  current,
  className = "flex flex-wrap items-end gap-3",
}: {
  cities: { slug: string; name: string }[];
  current: string;
  className?: string;
}) {
  if (cities.length < 2) return null;
  const t = await getTranslations("Admin.quota");
  return (
    <form method="get" className={className}>
      <SelectField
        id="city"
        name="city"
        label={t("city")}
        defaultValue={current}
        inline
        options={cities.map((c) => ({ value: c.slug, label: c.name }))}
      />
      <Button type="submit" tone="quiet">
        {t("show")}
      </Button>
    </form>
  );
}
