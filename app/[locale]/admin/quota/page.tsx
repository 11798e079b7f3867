import { getTranslations } from "next-intl/server";
import { CityPicker } from "@/components/admin/city-picker";
import { ComplianceTables } from "@/components/quota/compliance-report";
import { QuotaRules } from "@/components/quota/quota-rules";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { complianceReport } from "@/lib/quota/compliance-report";
import { reportQuerySchema } from "@/lib/quota/quota-inputs";
import { parseInput } from "@/lib/http/request";
import { listQuotaRules } from "@/lib/quota/list-quota-rules";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { endQuotaRuleAction, setQuotaRuleAction, verifyVolumeAction } from "../actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Admin.quota");

const one = (v: string | string[] | undefined) => (typeof v === "string" && v !== "" ? v : undefined);

export default async function AdminQuotaPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const path = `/${locale}/admin/quota`;
  const scope = await adminPage("quota.report", locale, path);
  const sp = await searchParams;
  const query = { city: one(sp.city), from: one(sp.from), to: one(sp.to) };
  const te = await getTranslations("Errors");
  // A mistyped period falls back to the default one, with a notice; another city is a 403.
  const { report, invalidPeriod } = await Promise.resolve()
    .then(() => complianceReport(getDb(), scope.actor, parseInput(reportQuerySchema, query), locale))
    .then((r) => ({ report: r, invalidPeriod: false }))
    .catch(async (error: unknown) => {
      if (error instanceof AppError && error.code === "VALIDATION_FAILED" && !error.fields?.city) {
        const r = await complianceReport(
          getDb(),
          scope.actor,
          parseInput(reportQuerySchema, { city: query.city }),
          locale,
        );
        return { report: r, invalidPeriod: true };
      }
      return pageError(error, locale, path);
    });
  const rules = await listQuotaRules(getDb(), scope.actor, report.city.slug, locale);
  const t = await getTranslations("Admin.quota");
  const tf = await getTranslations("Staff.field");
  const csv = `/api/v1/admin/quota-report?${new URLSearchParams({ city: report.city.slug, from: report.from, to: report.to, locale })}`;

  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
        <CityPicker
          cities={report.cities}
          current={report.city.slug}
          className="mt-3 flex flex-wrap items-end gap-3"
        />
      </div>
      <QuotaRules
        locale={locale}
        city={report.city}
        rules={rules}
        endAction={endQuotaRuleAction}
        setAction={setQuotaRuleAction}
      />
      <Section id="report" title={t("report")}>
        <p className="max-w-3xl text-slate-700">{t("reportIntro", { city: report.city.name })}</p>
        {invalidPeriod && (
          <Notice role="alert" tone="bad" className="p-3">
            {te("VALIDATION_FAILED")}
          </Notice>
        )}
        <form method="get" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="city" value={report.city.slug} />
          <Field id="from" name="from" label={tf("from")} type="month" defaultValue={report.from} inline />
          <Field id="to" name="to" label={tf("to")} type="month" defaultValue={report.to} inline />
          <Button type="submit" tone="quiet">
            {t("show")}
          </Button>
          <a href={csv} className="px-2 py-2 text-brand-700 underline" download>
            {t("csv")}
          </a>
        </form>
        <p
          className={`font-semibold ${report.overCap > 0 ? "text-red-800" : "text-green-800"}`}
          role="status"
        >
          {t("overCapSummary", { count: report.overCap })}
        </p>
        <p className="text-sm text-slate-600">{t("exemptNote")}</p>
        <ComplianceTables locale={locale} report={report} verifyAction={verifyVolumeAction} />
      </Section>
    </div>
  );
}
