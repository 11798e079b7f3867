import { getTranslations } from "next-intl/server";
import { pageError, staffPage } from "@/app/[locale]/_console/page-guard";
import { auditQuerySchema, listInstitutionAudit } from "@/lib/audit/list-audit";
import { getDb } from "@/lib/db/client";
import { parseInput } from "@/lib/http/request";
import { Link } from "@/lib/i18n/navigation";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { beijingFormat } from "@/components/ui/formats";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, Row, Table } from "@/components/ui/table";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type AuditKey = Parameters<Awaited<ReturnType<typeof getTranslations<"Staff.auditAction">>>>[0];

type Props = PageProps;

export const generateMetadata = staffTitle("Staff.audit");

const show = (value: unknown) => (value === null || value === undefined ? "—" : JSON.stringify(value));

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
      ),
    )
    .catch((e: unknown) => pageError(e, locale, path));
  const t = await getTranslations("Staff.audit");
  const tr = await getTranslations("Staff.role");
  const tau = await getTranslations("Staff.auditAction");
  const when = beijingFormat(locale, "medium", "medium");
  const mono = "p-2 font-mono text-xs break-all";
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")}>
        <p className="mt-6 text-slate-700">{t("intro", { total: trail.total })}</p>
      </PageHeader>
      {trail.events.length === 0 ? (
        <p className="rounded border border-slate-200 bg-slate-50 p-4">{t("empty")}</p>
      ) : (
        <Table
          scroll
          caption={t("title")}
          columns={(["when", "who", "what", "before", "after"] as const).map((c) => ({ label: t(c) }))}
        >
          {trail.events.map((e) => (
            <Row key={e.id} className="align-top">
              <Cell className="p-2 whitespace-nowrap">{when.format(e.createdAt)}</Cell>
              <Cell>
                {e.actor?.name ?? t("system")}
                {e.actorRole && <span className="block text-slate-600">{tr(e.actorRole)}</span>}
              </Cell>
              <Cell>
                {tau.has(e.action as AuditKey) ? tau(e.action as AuditKey) : e.action}
                <span className="block font-mono text-xs text-slate-600">
                  {e.entityType} {e.entityId}
                </span>
              </Cell>
              <Cell className={mono}>{show(e.before)}</Cell>
              <Cell className={mono}>{show(e.after)}</Cell>
            </Row>
          ))}
        </Table>
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
