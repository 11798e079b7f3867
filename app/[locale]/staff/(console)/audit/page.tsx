import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { pageError, staffPage } from "@/app/[locale]/_console/page-guard";
import { listInstitutionAudit } from "@/lib/audit/list-audit";
import { getDb } from "@/lib/db/client";
import { Link } from "@/lib/i18n/navigation";
import { staffTitle } from "@/app/[locale]/_console/page-title";

type AuditKey = Parameters<Awaited<ReturnType<typeof getTranslations<"Staff.auditAction">>>>[0];

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const generateMetadata = staffTitle("Staff.audit");

const show = (value: unknown) => (value === null || value === undefined ? "—" : JSON.stringify(value));

export default async function AuditPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const path = `/${locale}/staff/audit`;
  const scope = await staffPage("audit.read", locale, path);
  const sp = await searchParams;
  const trail = await listInstitutionAudit(getDb(), scope.actor, {
    ...(typeof sp.page === "string" ? { page: sp.page } : {}),
  }).catch((e: unknown) => pageError(e, locale, path));
  const t = await getTranslations("Staff.audit");
  const tr = await getTranslations("Staff.role");
  const tau = await getTranslations("Staff.auditAction");
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: "Asia/Shanghai",
  });
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p className="text-slate-700">{t("intro", { total: trail.total })}</p>
      {trail.events.length === 0 ? (
        <p className="rounded border border-slate-200 bg-slate-50 p-4">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{t("title")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2 text-start">
                  {t("when")}
                </th>
                <th scope="col" className="p-2 text-start">
                  {t("who")}
                </th>
                <th scope="col" className="p-2 text-start">
                  {t("what")}
                </th>
                <th scope="col" className="p-2 text-start">
                  {t("before")}
                </th>
                <th scope="col" className="p-2 text-start">
                  {t("after")}
                </th>
              </tr>
            </thead>
            <tbody>
              {trail.events.map((e) => (
                <tr key={e.id} className="border-b border-slate-200 align-top">
                  <td className="p-2 whitespace-nowrap">{when.format(e.createdAt)}</td>
                  <td className="p-2">
                    {e.actor?.name ?? t("system")}
                    {e.actorRole && <span className="block text-slate-600">{tr(e.actorRole)}</span>}
                  </td>
                  <td className="p-2">
                    {tau.has(e.action as AuditKey) ? tau(e.action as AuditKey) : e.action}
                    <span className="block font-mono text-xs text-slate-600">
                      {e.entityType} {e.entityId}
                    </span>
                  </td>
                  <td className="p-2 font-mono text-xs break-all">{show(e.before)}</td>
                  <td className="p-2 font-mono text-xs break-all">{show(e.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("pages")} className="flex gap-4">
        {trail.page > 1 && (
          <Link href={`/staff/audit?page=${trail.page - 1}`} className="text-brand-700 underline">
            {t("newer")}
          </Link>
        )}
        <span>{t("page", { page: trail.page, pages: trail.pages })}</span>
        {trail.page < trail.pages && (
          <Link href={`/staff/audit?page=${trail.page + 1}`} className="text-brand-700 underline">
            {t("older")}
          </Link>
        )}
      </nav>
    </div>
  );
}
