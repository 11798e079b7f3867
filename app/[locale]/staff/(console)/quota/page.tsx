import { getFormatter, getTranslations } from "next-intl/server";
import { monthLabel, percentLabel } from "@/components/quota/month-label";
import { QuotaMeters } from "@/components/quota/quota-meters";
import { ActionForm } from "@/components/staff/action-form";
import { TableHead } from "@/components/staff/table-head";
import { TextField } from "@/components/staff/text-field";
import { staffPage } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { institutionQuota } from "@/lib/quota/institution-quota";
import { MAX_MONTHLY_VOLUME } from "@/lib/quota/quota-inputs";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { declareVolumeAction } from "../../actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Staff.quota");

export default async function QuotaPage({ params }: Props) {
  const { locale } = await openPage(params);
  const scope = await staffPage("console.view", locale, `/${locale}/staff/quota`);
  const quota = await institutionQuota(getDb(), scope.actor, locale);
  const t = await getTranslations("Staff.quota");
  const tf = await getTranslations("Staff.field");
  const format = await getFormatter();
  const field = "mt-1 block rounded border border-slate-400 px-3 py-2";
  const cell = "p-2 text-end tabular-nums";
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t("intro")}</p>
      </div>
      <section aria-labelledby="meters" className="space-y-3">
        <h2 id="meters" className="text-xl font-semibold">
          {t("meters")}
        </h2>
        <QuotaMeters
          meters={quota.meters}
          locale={locale}
          exempt={quota.exempt}
          canDeclare={quota.canDeclare}
        />
      </section>
      {!quota.exempt && (
        <section aria-labelledby="months" className="space-y-3">
          <h2 id="months" className="text-xl font-semibold">
            {t("months")}
          </h2>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">{t("monthsCaption")}</caption>
              <TableHead
                columns={[
                  { label: tf("month") },
                  { label: t("volume"), end: true },
                  { label: t("state") },
                  { label: t("cap"), end: true },
                  { label: t("usedCol"), end: true },
                  { label: t("publishedCol"), end: true },
                  { label: t("remainingCol"), end: true },
                ]}
              />
              <tbody>
                {quota.months.map((m) => (
                  <tr
                    key={m.month}
                    className={`border-b border-slate-200 ${m.month === quota.currentMonth ? "bg-brand-50" : ""}`}
                  >
                    <th scope="row" className="p-2 text-start font-medium">
                      {monthLabel(locale, m.month)}
                    </th>
                    <td className={cell}>
                      {m.declaredVolume === null ? "—" : format.number(m.declaredVolume)}
                    </td>
                    <td className="p-2">
                      {m.declaredVolume === null
                        ? t("notDeclared")
                        : m.lockedAt
                          ? t("locked")
                          : t("declared")}
                    </td>
                    <td className={cell}>
                      {format.number(m.cap ?? 0)}
                      <span className="ms-1 text-slate-600">{percentLabel(locale, m.percent / 100)}</span>
                    </td>
                    <td className={cell}>{format.number(m.used)}</td>
                    <td className={cell}>{format.number(m.published)}</td>
                    <td className={cell}>{format.number(m.remaining)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {quota.canDeclare && !quota.exempt && (
        <section aria-labelledby="declare" className="space-y-3">
          <h2 id="declare" className="text-xl font-semibold">
            {t("declareTitle")}
          </h2>
          <p className="max-w-3xl text-slate-700">{t("declareIntro")}</p>
          <ActionForm action={declareVolumeAction} locale={locale} submitLabel={t("declareSubmit")}>
            <div className="flex flex-wrap items-end gap-3">
              <div>
                <label htmlFor="month" className="block font-medium">
                  {tf("month")}
                </label>
                <select id="month" name="month" defaultValue={quota.currentMonth} className={field}>
                  {quota.months
                    .filter((m) => !m.lockedAt)
                    .map((m) => (
                      <option key={m.month} value={m.month}>
                        {monthLabel(locale, m.month)}
                      </option>
                    ))}
                </select>
              </div>
              <TextField
                id="volume"
                label={tf("volume")}
                name="volume"
                type="number"
                inputMode="numeric"
                min={0}
                max={MAX_MONTHLY_VOLUME}
                step={1}
                required
                className={field}
              />
            </div>
          </ActionForm>
        </section>
      )}
    </div>
  );
}
