import { useTranslations } from "next-intl";

/** The finders' sort choice, submit button and "clear all" link. */
export function SortAndSubmit({
  action,
  value,
  options,
}: {
  action: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  const t = useTranslations("Finder");
  return (
    <>
      <div>
        <label htmlFor="filter-sort" className="block text-sm font-medium">
          {t("sortLabel")}
        </label>
        <select
          id="filter-sort"
          name="sort"
          defaultValue={value}
          className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5"
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <button
          type="submit"
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
        >
          {t("apply")}
        </button>
        <a href={action} className="text-sm text-brand-700 underline">
          {t("clear")}
        </a>
      </div>
    </>
  );
}
