import type { Locale } from "next-intl";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { monthLabel, percentLabel } from "@/components/quota/month-label";
import { ActionForm } from "@/components/staff/action-form";
import { TableHead } from "@/components/staff/table-head";
import { TextField } from "@/components/staff/text-field";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { complianceReport } from "@/lib/quota/compliance-report";
import { listQuotaRules } from "@/lib/quota/list-quota-rules";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { endQuotaRuleAction, setQuotaRuleAction, verifyVolumeAction } from "../actions";

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const generateMetadata = staffTitle("Admin.quota");

const one = (v: string | string[] | undefined) => (typeof v === "string" && v !== "" ? v : undefined);

export default async function AdminQuotaPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const path = `/${locale}/admin/quota`;
  const scope = await adminPage("quota.report", locale, path);
  const sp = await searchParams;
  const query = { city: one(sp.city), from: one(sp.from), to: one(sp.to) };
  const te = await getTranslations("Errors");
  // A mistyped period falls back to the default one, with a notice; another city is a 403.
  const { report, invalidPeriod } = await complianceReport(getDb(), scope.actor, query, locale)
    .then((r) => ({ report: r, invalidPeriod: false }))
    .catch(async (error: unknown) => {
      if (error instanceof AppError && error.code === "VALIDATION_FAILED" && !error.fields?.city) {
        const r = await complianceReport(getDb(), scope.actor, { city: query.city }, locale);
        return { report: r, invalidPeriod: true };
      }
      return pageError(error, locale, path);
    });
  const rules = await listQuotaRules(getDb(), scope.actor, report.city.slug, locale);
  const t = await getTranslations("Admin.quota");
  const tf = await getTranslations("Staff.field");
  const format = await getFormatter();
  const field = "mt-1 block rounded border border-slate-400 px-3 py-2";
  const cell = "p-2 text-end tabular-nums";
  const csv = `/api/v1/admin/quota-report?${new URLSearchParams({ city: report.city.slug, from: report.from, to: report.to, locale })}`;

  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
        {report.cities.length > 1 && (
          <form method="get" className="mt-3 flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="city" className="block font-medium">
                {t("city")}
              </label>
              <select id="city" name="city" defaultValue={report.city.slug} className={field}>
                {report.cities.map((c) => (
                  <option key={c.slug} value={c.slug}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-50">
              {t("show")}
            </button>
          </form>
        )}
      </div>

      <section aria-labelledby="rules" className="space-y-3">
        <h2 id="rules" className="text-xl font-semibold">
          {t("rules")}
        </h2>
        <p className="max-w-3xl text-slate-700">{t("rulesIntro")}</p>
        {rules.rules.length === 0 ? (
          <p>{t("noRules")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">{t("rulesCaption", { city: report.city.name })}</caption>
              <TableHead
                columns={[
                  { label: tf("scope") },
                  { label: t("percent"), end: true },
                  { label: t("from") },
                  { label: t("to") },
                  { label: t("stateCol") },
                  { label: t("setBy") },
                  { label: tf("action"), hidden: true },
                ]}
              />
              <tbody>
                {rules.rules.map((r) => {
                  const scopeName = r.institution ? r.institution.name : t(`scope.${r.scope}`);
                  const mayChange = r.state !== "ended" && (r.scope !== "NATIONAL" || rules.canSetNational);
                  return (
                    <tr key={r.id} className="border-b border-slate-200 align-top">
                      <th scope="row" className="p-2 text-start font-medium">
                        {scopeName}
                      </th>
                      <td className={cell}>{percentLabel(locale, r.percent / 100)}</td>
                      <td className="p-2">{r.from}</td>
                      <td className="p-2">{r.to ?? t("openEnded")}</td>
                      <td className="p-2">{t(`state.${r.state}`)}</td>
                      <td className="p-2">{r.createdBy ?? "—"}</td>
                      <td className="p-2">
                        {mayChange &&
                          (r.state === "planned" ? (
                            <ActionForm
                              action={endQuotaRuleAction}
                              locale={locale}
                              tone="quiet"
                              submitLabel={t("withdraw", {
                                percent: format.number(r.percent),
                                scope: scopeName,
                              })}
                            >
                              <input type="hidden" name="ruleId" value={r.id} />
                            </ActionForm>
                          ) : (
                            <ActionForm
                              action={endQuotaRuleAction}
                              locale={locale}
                              tone="quiet"
                              className="flex flex-wrap items-end gap-2"
                              submitLabel={t("endRule", {
                                percent: format.number(r.percent),
                                scope: scopeName,
                              })}
                            >
                              <input type="hidden" name="ruleId" value={r.id} />
                              <TextField
                                id={`lastDay-${r.id}`}
                                label={tf("lastDay")}
                                name="lastDay"
                                type="date"
                                required
                                min={rules.today}
                                defaultValue={rules.today}
                                className={field}
                              />
                            </ActionForm>
                          ))}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <ActionForm action={setQuotaRuleAction} locale={locale} submitLabel={t("setRuleSubmit")}>
          <fieldset className="flex flex-wrap items-end gap-3">
            <legend className="font-semibold">{t("setRule")}</legend>
            <input type="hidden" name="city" value={report.city.slug} />
            <div>
              <label htmlFor="scope" className="block font-medium">
                {tf("scope")}
              </label>
              <select id="scope" name="scope" defaultValue="CITY" className={field}>
                {rules.canSetNational && <option value="NATIONAL">{t("scope.NATIONAL")}</option>}
                <option value="CITY">{t("scope.CITY")}</option>
                <option value="INSTITUTION">{t("scope.INSTITUTION")}</option>
              </select>
            </div>
            <div>
              <label htmlFor="institution" className="block font-medium">
                {tf("institution")}
              </label>
              <select id="institution" name="institution" defaultValue="" className={field}>
                <option value="">—</option>
                {rules.institutions.map((i) => (
                  <option key={i.slug} value={i.slug}>
                    {i.name}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              id="percent"
              label={tf("percent")}
              name="percent"
              type="number"
              inputMode="decimal"
              min={0}
              max={100}
              step={0.01}
              required
              defaultValue={10}
              className={field}
            />
            <TextField
              id="effectiveFrom"
              label={tf("effectiveFrom")}
              name="effectiveFrom"
              type="date"
              required
              min={rules.today}
              defaultValue={rules.today}
              className={field}
            />
            <TextField
              id="effectiveTo"
              label={tf("effectiveTo")}
              name="effectiveTo"
              type="date"
              className={field}
            />
          </fieldset>
        </ActionForm>
      </section>

      <section aria-labelledby="report" className="space-y-3">
        <h2 id="report" className="text-xl font-semibold">
          {t("report")}
        </h2>
        <p className="max-w-3xl text-slate-700">{t("reportIntro", { city: report.city.name })}</p>
        {invalidPeriod && (
          <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
            {te("VALIDATION_FAILED")}
          </p>
        )}
        <form method="get" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="city" value={report.city.slug} />
          <TextField
            id="from"
            label={tf("from")}
            name="from"
            type="month"
            defaultValue={report.from}
            className={field}
          />
          <TextField
            id="to"
            label={tf("to")}
            name="to"
            type="month"
            defaultValue={report.to}
            className={field}
          />
          <button type="submit" className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-50">
            {t("show")}
          </button>
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
        {report.institutions.length === 0 && <p>{t("noInstitutions")}</p>}
        {report.institutions.map((inst) => (
          <div key={inst.slug} className="overflow-x-auto">
            <table className="w-full border-collapse text-sm">
              <caption className="p-2 text-start text-base font-semibold">
                {t("reportCaption", { institution: inst.name })}
              </caption>
              <TableHead
                columns={[
                  { label: t("month") },
                  { label: t("volume"), end: true },
                  { label: t("verified") },
                  { label: t("cap"), end: true },
                  { label: t("used"), end: true },
                  { label: t("share"), end: true },
                  { label: tf("action"), hidden: true },
                ]}
              />
              <tbody>
                {inst.months.map((m) => {
                  const month = monthLabel(locale, m.month);
                  const atCap = !m.overCap && m.cap !== null && m.cap > 0 && m.used === m.cap;
                  return (
                    <tr
                      key={m.month}
                      data-month={m.month}
                      className={`border-b border-slate-200 ${m.overCap ? "bg-red-50 font-semibold text-red-900" : ""}`}
                    >
                      <th scope="row" className="p-2 text-start font-medium">
                        {month}
                        {m.overCap && (
                          <span className="ms-2 rounded bg-red-700 px-2 text-white">{t("overCap")}</span>
                        )}
                        {atCap && (
                          <span className="ms-2 rounded bg-amber-200 px-2 text-amber-950">{t("atCap")}</span>
                        )}
                      </th>
                      <td className={cell}>
                        {m.declaredVolume === null ? t("notDeclared") : format.number(m.declaredVolume)}
                      </td>
                      <td className="p-2">{m.lockedAt ? t("yes") : t("no")}</td>
                      <td className={cell}>
                        {format.number(m.cap ?? 0)}
                        <span className="ms-1 text-slate-600">{percentLabel(locale, m.percent / 100)}</span>
                      </td>
                      <td className={cell}>{format.number(m.used)}</td>
                      <td className={cell}>{m.share === null ? "—" : percentLabel(locale, m.share)}</td>
                      <td className="p-2">
                        {m.declaredVolume !== null && (
                          <ActionForm
                            action={verifyVolumeAction}
                            locale={locale}
                            tone="quiet"
                            submitLabel={m.lockedAt ? t("unlock", { month }) : t("lock", { month })}
                          >
                            <input type="hidden" name="institution" value={inst.slug} />
                            <input type="hidden" name="month" value={m.month} />
                            <input type="hidden" name="action" value={m.lockedAt ? "unlock" : "lock"} />
                          </ActionForm>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
      </section>
    </div>
  );
}
