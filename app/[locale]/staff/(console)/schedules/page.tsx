import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ActionForm } from "@/components/staff/action-form";
import { staffPage } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { Link } from "@/lib/i18n/navigation";
import { listSchedules } from "@/lib/schedule/list-schedules";
import { createScheduleAction } from "../../actions";
import { staffTitle } from "@/app/[locale]/_console/page-title";

type Props = { params: Promise<{ locale: Locale }> };

export const generateMetadata = staffTitle("Staff.schedules");

export default async function SchedulesPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const scope = await staffPage("schedule.manage", locale, `/${locale}/staff/schedules`);
  const rows = await listSchedules(getDb(), scope.actor, locale);
  const t = await getTranslations("Staff.schedules");
  const tf = await getTranslations("Staff.field");
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "Asia/Shanghai" });
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p className="text-slate-700">{t("intro")}</p>
      {rows.length === 0 ? (
        <p className="rounded border border-slate-200 bg-slate-50 p-4">{t("empty")}</p>
      ) : (
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{t("title")}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="p-2 text-start">
                {tf("service")}
              </th>
              <th scope="col" className="p-2 text-start">
                {t("rules")}
              </th>
              <th scope="col" className="p-2 text-start">
                {t("publishedUntil")}
              </th>
              <th scope="col" className="p-2 text-start">
                <span className="sr-only">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.service} className="border-b border-slate-200">
                <td className="p-2">
                  {r.name}
                  <span className="block text-slate-600">{t(r.kind)}</span>
                </td>
                <td className="p-2">{r.scheduleId ? r.rules : "—"}</td>
                <td className="p-2">
                  {r.publishedUntil
                    ? t("until", { date: date.format(r.publishedUntil), slots: r.futureSlots })
                    : t("notPublished")}
                </td>
                <td className="p-2">
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
                    >
                      <input type="hidden" name="service" value={r.service} />
                    </ActionForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
