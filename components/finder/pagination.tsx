import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

export function Pagination({
  pathname,
  page,
  pageCount,
  params,
}: {
  pathname: string;
  page: number;
  pageCount: number;
  params: URLSearchParams;
}) {
  const t = useTranslations("Finder");
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const next = new URLSearchParams(params);
    if (p === 1) next.delete("page");
    else next.set("page", String(p));
    return { pathname, query: Object.fromEntries(next) };
  };
  return (
    <nav aria-label={t("pagination")} className="mt-6 flex flex-wrap items-center gap-4">
      {page > 1 && (
        <Link href={href(page - 1)} rel="prev" className="rounded border border-slate-300 px-3 py-1">
          {t("previous")}
        </Link>
      )}
      <span aria-current="page">{t("pageOf", { page, pages: pageCount })}</span>
      {page < pageCount && (
        <Link href={href(page + 1)} rel="next" className="rounded border border-slate-300 px-3 py-1">
          {t("next")}
        </Link>
      )}
    </nav>
  );
}
