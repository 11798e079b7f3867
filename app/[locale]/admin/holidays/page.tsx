// The system admin's holiday calendar (issue 17): the years whose State
// Council arrangement the working-day count knows, and the form that checks
// (dry run) and imports a year in holiday-cn's JSON format, without a release.
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/action-form";
import { Cell, Row, RowHeader, Table } from "@/components/ui/table";
import { Checkbox, TextAreaField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { adminPage } from "@/app/[locale]/_console/page-guard";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { openPage, type PageProps } from "@/app/[locale]/page-props";
import { getDb } from "@/lib/db/client";
import { listHolidayYears } from "@/lib/holidays/holiday-calendar";
import { importHolidayYearAction } from "../actions";

export const generateMetadata = staffTitle("Admin.holidays");

// What the import takes, as the State Council's notice is published by holiday-cn (data, not a message).
const EXAMPLE = `{
  "year": 2027,
  "papers": ["https://www.gov.cn/…"],
  "days": [
    { "name": "元旦", "date": "2027-01-01", "isOffDay": true },
    { "name": "春节", "date": "2027-02-06", "isOffDay": true },
    { "name": "春节", "date": "2027-02-14", "isOffDay": false }
  ]
}`;

export default async function HolidaysPage({ params }: PageProps) {
  const { locale } = await openPage(params);
  const scope = await adminPage("holidays.manage", locale, `/${locale}/admin/holidays`);
  const years = await listHolidayYears(getDb(), scope.actor);
  const t = await getTranslations("Admin.holidays");
  const tf = await getTranslations("Staff.field");
  const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const day = (iso: string) => dayFormat.format(new Date(`${iso}T00:00:00Z`));
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  });
  const list = new Intl.ListFormat(locale, { type: "unit" });
  const count = new Intl.NumberFormat(locale);
  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} intro={t("intro")} />
      <Notice role="note">{t("fallback")}</Notice>
      {years.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <Table
          caption={t("caption")}
          showCaption
          scroll
          columns={[
            { label: t("year") },
            { label: t("daysOff"), end: true },
            { label: t("makeupDays") },
            { label: t("source") },
            { label: t("imported") },
          ]}
        >
          {years.map((y) => {
            const off = y.days.filter((d) => d.kind === "HOLIDAY");
            const makeup = y.days.filter((d) => d.kind === "MAKEUP_WORKDAY");
            return (
              <Row key={y.year} data-testid={`holiday-year-${y.year}`}>
                <RowHeader>{y.year}</RowHeader>
                <Cell end>{count.format(off.length)}</Cell>
                <Cell>{makeup.length > 0 ? list.format(makeup.map((d) => day(d.date))) : "—"}</Cell>
                <Cell>
                  <span dir="ltr" className="break-all">
                    {y.source}
                  </span>
                </Cell>
                <Cell>{when.format(y.importedAt)}</Cell>
              </Row>
            );
          })}
        </Table>
      )}
      <Section id="import" title={t("import")}>
        <ActionForm action={importHolidayYearAction} locale={locale} submitLabel={t("submit")}>
          <TextAreaField
            id="arrangement"
            name="arrangement"
            label={tf("arrangement")}
            hint={t("arrangementHint")}
            required
            rows={12}
            dir="ltr"
            spellCheck={false}
            className="w-full font-mono text-sm"
          />
          <Checkbox id="save" name="save" label={t("save")} hint={t("saveHint")} />
        </ActionForm>
        <figure className="space-y-1">
          <figcaption className="text-sm font-semibold">{t("example")}</figcaption>
          <pre
            dir="ltr"
            lang="zh"
            className="whitespace-pre-wrap break-all rounded border border-slate-300 bg-slate-50 p-3 text-sm"
          >
            {EXAMPLE}
          </pre>
        </figure>
      </Section>
    </div>
  );
}
