// The audit trail as a table a manager can read: when (Beijing time, in the
// page's locale), who and in which role, what was done to which record (a
// booking by its reference, linked), and each change as before → after with
// the field named and the values formatted in the page's language.
import { getTranslations } from "next-intl/server";
import type { AuditEntry, AuditSubject } from "@/lib/audit/list-audit";
import type { AuditValue } from "@/lib/audit/audit-changes";
import { Link } from "@/lib/i18n/navigation";
import { Cell, Row, Table } from "@/components/ui/table";
import { beijingFormat, languageNames, weekdayNames } from "@/components/ui/formats";

type AuditKey = Parameters<Awaited<ReturnType<typeof getTranslations<"Staff.auditAction">>>>[0];

export async function AuditTrail({ events, locale }: { events: AuditEntry[]; locale: string }) {
  const t = await getTranslations("Staff.audit");
  const tr = await getTranslations("Staff.role");
  const ts = await getTranslations("Staff.status");
  const tg = await getTranslations("Staff.guarantee");
  const tq = await getTranslations("Admin.quota.scope");
  const tau = await getTranslations("Staff.auditAction");
  const when = beijingFormat(locale, "medium", "medium");
  const instant = beijingFormat(locale, "medium", "short");
  const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const monthFormat = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 });
  const yuan = new Intl.NumberFormat(locale, { style: "currency", currency: "CNY" });
  const weekdays = weekdayNames(locale);
  const languages = languageNames(locale);
  const month = (m: string) => monthFormat.format(new Date(`${m}-15T00:00:00Z`));

  const show = (v: AuditValue | null): string => {
    if (v === null) return "—";
    switch (v.kind) {
      case "status":
        return ts(v.value);
      case "guarantee":
        return tg(v.value);
      case "role":
        return tr(v.value);
      case "scope":
        return tq(v.value);
      case "instant":
        return instant.format(v.value);
      case "day":
        return dayFormat.format(new Date(`${v.value}T00:00:00Z`));
      case "month":
        return month(v.value);
      case "weekday":
        return weekdays[v.value] ?? number.format(v.value);
      case "timeOfDay":
        return `${String(Math.floor(v.value / 60)).padStart(2, "0")}:${String(v.value % 60).padStart(2, "0")}`;
      case "percent":
        return percent.format(v.value / 100);
      case "yuan":
        return yuan.format(v.value);
      case "number":
      case "count":
        return number.format(v.value);
      case "boolean":
        return v.value ? t("yes") : t("no");
      case "language":
        return languages.of(v.value) ?? v.value;
      case "text":
        return v.value;
    }
  };

  const subject = (s: AuditSubject) => {
    switch (s.kind) {
      case "booking":
        return (
          <Link href={`/staff/bookings/${s.reference}`} className="text-brand-700 underline">
            {t.rich("subject.booking", {
              reference: s.reference,
              ref: (chunks) => <span dir="ltr">{chunks}</span>,
            })}
          </Link>
        );
      case "schedule":
        return t("subject.schedule", { service: s.service });
      case "account":
        return t("subject.account", { name: s.name });
      case "month":
        return t("subject.month", { month: month(s.month) });
      case "institution":
        return t("subject.institution", { name: s.name });
      case "department":
        return t("subject.department", { name: s.name });
      case "quotaRule":
        return t("subject.quotaRule");
      case "record":
        return t("subject.record");
    }
  };

  return (
    <Table
      scroll
      caption={t("title")}
      columns={(["when", "who", "what", "changes"] as const).map((c) => ({ label: t(c) }))}
    >
      {events.map((e) => (
        <Row key={e.id} className="align-top">
          <Cell className="p-2 whitespace-nowrap">{when.format(e.at)}</Cell>
          <Cell>
            {e.actorName ?? t("system")}
            {e.actorRole && <span className="block text-sm text-slate-700">{tr(e.actorRole)}</span>}
          </Cell>
          <Cell>
            {tau.has(e.action as AuditKey) ? tau(e.action as AuditKey) : t("otherAction")}
            <span className="block text-sm">{subject(e.subject)}</span>
          </Cell>
          <Cell>
            {e.changes.length === 0 ? (
              "—"
            ) : (
              <ul className="space-y-0.5 text-sm">
                {e.changes.map((c, i) => (
                  <li key={`${c.field}-${i}`}>
                    <span className="font-medium">{t(`field.${c.field}`)}</span>
                    {": "}
                    {c.before === null
                      ? show(c.after)
                      : t("change", { before: show(c.before), after: show(c.after) })}
                  </li>
                ))}
              </ul>
            )}
          </Cell>
        </Row>
      ))}
    </Table>
  );
}
