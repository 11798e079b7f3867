import { useTranslations } from "next-intl";

/** Names the query-string filters a finder page could not use and ignored. */
export function DroppedFiltersNotice({ fields }: { fields: string[] }) {
  const t = useTranslations("Finder");
  if (fields.length === 0) return null;
  return (
    <p role="status" className="mt-4 rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
      {t("dropped", { fields: fields.join(", ") })}
    </p>
  );
}
