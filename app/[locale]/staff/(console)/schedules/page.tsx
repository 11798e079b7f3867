import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/action-form";
import { staffPage } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { Link } from "@/lib/i18n/navigation";
import { listSchedules } from "@/lib/schedule/list-schedules";
import { createScheduleAction } from "../../actions";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { beijingFormat } from "@/components/ui/formats";
import { Cell, Row, Table } from "@/components/ui/table";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Staff.schedules");

export default async function SchedulesPage({ params }: Props) {
  const { locale } = await openPage(params);
  const scope = await staffPage("schedule.manage", locale, `/${locale}/staff/schedules`);
  const rows = await listSchedules(getDb(), scope.actor, locale);
  const t = await getTranslations("Staff.schedules");
  const tf = await getTranslations("Staff.field");
  const date = beijingFormat(locale, "medium");
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p className="text-slate-700">{t("intro")}</p>
      {rows.length === 0 ? (
        <p className="rounded border border-slate-200 bg-slate-50 p-4">{t("empty")}</p>
      ) : (
        <Table
          caption={t("title")}
          columns={[
            { label: tf("service") },
            { label: t("rules") },
            { label: t("publishedUntil") },
            { label: t("actions"), hidden: true },
          ]}
        >
          {rows.map((r) => (
            <Row key={r.service}>
              <Cell>
                {r.name}
                <span className="block text-slate-600">{t(r.kind)}</span>
              </Cell>
              <Cell>
                {r.managedBy ? t("managed", { client: r.managedBy }) : r.scheduleId ? r.rules : "—"}
              </Cell>
              <Cell>
                {r.publishedUntil
                  ? t("until", { date: date.format(r.publishedUntil), slots: r.futureSlots })
                  : t("notPublished")}
              </Cell>
              <Cell>
                {r.scheduleId ? (
                  <Link href={`/staff/schedules/${r.scheduleId}`} className="text-brand-700 underline">
                    {t("edit", { name: r.name })}
                  </Link>
                ) : (
                  <ActionForm
                    action={createScheduleAction}
                    locale={locale}
                    submitLabel={t("create")}
                    tone="quiet"
                    hidden={{ service: r.service }}
                  />
                )}
              </Cell>
            </Row>
          ))}
        </Table>
      )}
    </div>
  );
}
