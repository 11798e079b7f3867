import { getTranslations } from "next-intl/server";

/** For an admin of several cities (a system admin): which city the page shows. */
export async function CityPicker({
  cities,
  current,
}: {
  cities: { slug: string; name: string }[];
  current: string;
}) {
  if (cities.length < 2) return null;
  const t = await getTranslations("Admin.quota");
  return (
    <form method="get" className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="city" className="block font-medium">
          {t("city")}
        </label>
        <select
          id="city"
          name="city"
          defaultValue={current}
          className="mt-1 block rounded border border-slate-400 px-3 py-2"
        >
          {cities.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-50">
        {t("show")}
      </button>
    </form>
  );
}
