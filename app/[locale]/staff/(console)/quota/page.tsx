import { getFormatter, getTranslations } from "next-intl/server";
import { monthLabel, percentLabel } from "@/components/quota/month-label";
import { QuotaMetersSection } from "@/components/quota/quota-meters";
import { Field, SelectField } from "@/components/ui/field";
import { FormSection, Section } from "@/components/ui/section";
import { Cell, Row, RowHeader, Table } from "@/components/ui/table";
import { staffPage } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { institutionQuota } from "@/lib/quota/institution-quota";
import { MAX_MONTHLY_VOLUME } from "@/lib/quota/quota-inputs";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { declareVolumeAction } from "../../actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";
import { PageHeader } from "@/components/ui/page-header";

type Props = PageProps;

export const generateMetadata = staffTitle("Staff.quota");

export default async function QuotaPage({ params }: Props) {
  const { locale } = await openPage(params);
  const scope = await staffPage("console.view", locale, `/${locale}/staff/quota`);
  const quota = await institutionQuota(getDb(), scope.actor, locale);
  const t = await getTranslations("Staff.quota");
  const tf = await getTranslations("Staff.field");
  const format = await getFormatter();
  const cell = "p-2 text-end tabular-nums";
  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} intro={t("intro")} />
      <QuotaMetersSection id="meters" quota={quota} locale={locale} />
      {!quota.exempt && (
        <Section id="months" title={t("months")}>
          <Table
            scroll
            caption={t("monthsCaption")}
            columns={[
              { label: tf("month") },
              { label: t("volume"), end: true },
              { label: t("state") },
              { label: t("cap"), end: true },
              { label: t("usedCol"), end: true },
              { label: t("publishedCol"), end: true },
              { label: t("remainingCol"), end: true },
            ]}
          >
            {quota.months.map((m) => (
              <Row key={m.month} className={m.month === quota.currentMonth ? "bg-brand-50" : ""}>
                <RowHeader>{monthLabel(locale, m.month)}</RowHeader>
                <Cell end>{m.declaredVolume === null ? "—" : format.number(m.declaredVolume)}</Cell>
                <Cell>
                  {m.declaredVolume === null ? t("notDeclared") : m.lockedAt ? t("locked") : t("declared")}
                </Cell>
                <Cell end>
                  {format.number(m.cap ?? 0)}
                  <span className="ms-1 text-slate-600">{percentLabel(locale, m.percent / 100)}</span>
                </Cell>
                <td className={cell}>{format.number(m.used)}</td>
                <td className={cell}>{format.number(m.published)}</td>
                <td className={cell}>{format.number(m.remaining)}</td>
              </Row>
            ))}
          </Table>
        </Section>
      )}
      {quota.canDeclare && !quota.exempt && (
        <FormSection
          id="declare"
          title={t("declareTitle")}
          before={<p className="max-w-3xl text-slate-700">{t("declareIntro")}</p>}
          action={declareVolumeAction}
          locale={locale}
          submitLabel={t("declareSubmit")}
        >
          <div className="flex flex-wrap items-end gap-3">
            <SelectField
              id="month"
              name="month"
              label={tf("month")}
              defaultValue={quota.currentMonth}
              inline
              options={quota.months
                .filter((m) => !m.lockedAt)
                .map((m) => ({ value: m.month, label: monthLabel(locale, m.month) }))}
            />
            <Field
              id="volume"
              name="volume"
              label={tf("volume")}
              type="number"
              inputMode="numeric"
              min={0}
              max={MAX_MONTHLY_VOLUME}
              step={1}
              required
              inline
            />
          </div>
        </FormSection>
      )}
    </div>
  );
}
