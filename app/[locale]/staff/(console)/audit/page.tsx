import { getTranslations } from "next-intl/server";
import { pageError, staffPage } from "@/app/[locale]/_console/page-guard";
import { auditQuerySchema, listInstitutionAudit } from "@/lib/audit/list-audit";
import { getDb } from "@/lib/db/client";
import { parseInput } from "@/lib/http/request";
import { Link } from "@/lib/i18n/navigation";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { PageHeader } from "@/components/ui/page-header";
import { AuditTrail } from "@/components/console/audit-trail";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Staff.audit");

export default async function AuditPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const path = `/${locale}/staff/audit`;
  const scope = await staffPage("audit.read", locale, path);
  const sp = await searchParams;
  const trail = await Promise.resolve()
    .then(() =>
      listInstitutionAudit(
        getDb(),
        scope.actor,
        parseInput(auditQuerySchema, typeof sp.page === "string" ? { page: sp.page } : {}),
        locale,
      ),
    )
    .catch((e: unknown) => pageError(e, locale, path));
  const t = await getTranslations("Staff.audit");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")}>
        <p className="mt-6 text-slate-700">{t("intro", { total: trail.total })}</p>
      </PageHeader>
      {trail.events.length === 0 ? (
        <p className="rounded border border-slate-200 bg-slate-50 p-4">{t("empty")}</p>
      ) : (
        <AuditTrail events={trail.events} locale={locale} />
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
