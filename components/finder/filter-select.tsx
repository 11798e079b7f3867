import { useTranslations } from "next-intl";

export interface Option {
  value: string;
  label: string;
  count?: number;
}

export function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value?: string;
  options: Option[];
}) {
  const t = useTranslations("Finder");
  const id = `filter-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={value ?? ""}
        className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5"
      >
        <option value="">{t("any")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.count === undefined ? o.label : t("option", { label: o.label, count: o.count })}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterCheckbox({
  name,
  label,
  checked,
  count,
}: {
  name: string;
  label: string;
  checked: boolean;
  count?: number;
}) {
  const t = useTranslations("Finder");
  const id = `filter-${name}`;
  return (
    <div className="flex items-center gap-2">
      <input id={id} type="checkbox" name={name} value="1" defaultChecked={checked} className="size-4" />
      <label htmlFor={id} className="text-sm">
        {count === undefined ? label : t("option", { label, count })}
      </label>
    </div>
  );
}
