// The monthly compliance report of a city's institutions (app/[locale]/admin/quota):
// declared volume, cap, use and share per month, over-cap months marked, and
// the form locking or unlocking a declared volume.
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionForm, type ActionFormProps } from "@/components/staff/action-form";
import { Cell, Row, RowHeader, Table } from "@/components/ui/table";
import type { complianceReport } from "@/lib/quota/compliance-report";
import { monthLabel, percentLabel } from "./month-label";

type Report = Awaited<ReturnType<typeof complianceReport>>;

export async function ComplianceTables({
  locale,
  report,
  verifyAction,
}: {
  locale: string;
  report: Report;
  verifyAction: ActionFormProps["action"];
}) {
  const t = await getTranslations("Admin.quota");
  const tf = await getTranslations("Staff.field");
  const format = await getFormatter();
  if (report.institutions.length === 0) return <p>{t("noInstitutions")}</p>;
  return report.institutions.map((inst) => (
    <Table
      key={inst.slug}
      scroll
      showCaption
      caption={t("reportCaption", { institution: inst.name })}
      columns={[
        { label: t("month") },
        { label: t("volume"), end: true },
        { label: t("verified") },
        { label: t("cap"), end: true },
        { label: t("used"), end: true },
        { label: t("share"), end: true },
        { label: tf("action"), hidden: true },
      ]}
    >
      {inst.months.map((m) => {
        const month = monthLabel(locale, m.month);
        const atCap = !m.overCap && m.cap !== null && m.cap > 0 && m.used === m.cap;
        return (
          <Row
            key={m.month}
            data-month={m.month}
            className={m.overCap ? "bg-red-50 font-semibold text-red-900" : ""}
          >
            <RowHeader>
              {month}
              {m.overCap && <span className="ms-2 rounded bg-red-700 px-2 text-white">{t("overCap")}</span>}
              {atCap && <span className="ms-2 rounded bg-amber-200 px-2 text-amber-950">{t("atCap")}</span>}
            </RowHeader>
            <Cell end>{m.declaredVolume === null ? t("notDeclared") : format.number(m.declaredVolume)}</Cell>
            <Cell>{m.lockedAt ? t("yes") : t("no")}</Cell>
            <Cell end>
              {format.number(m.cap ?? 0)}
              <span className="ms-1 text-slate-600">{percentLabel(locale, m.percent / 100)}</span>
            </Cell>
            <Cell end>{format.number(m.used)}</Cell>
            <Cell end>{m.share === null ? "—" : percentLabel(locale, m.share)}</Cell>
            <Cell>
              {m.declaredVolume !== null && (
                <ActionForm
                  action={verifyAction}
                  locale={locale}
                  tone="quiet"
                  submitLabel={m.lockedAt ? t("unlock", { month }) : t("lock", { month })}
                  hidden={{ institution: inst.slug, month: m.month, action: m.lockedAt ? "unlock" : "lock" }}
                />
              )}
            </Cell>
          </Row>
        );
      })}
    </Table>
  ));
}
