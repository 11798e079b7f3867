import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ActionForm } from "@/components/staff/action-form";
import { pageError, staffPage } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { Link } from "@/lib/i18n/navigation";
import { getSchedule } from "@/lib/schedule/get-schedule";
import {
  addScheduleClosureAction,
  addScheduleRuleAction,
  publishScheduleAction,
  removeScheduleClosureAction,
  removeScheduleRuleAction,
} from "../../../actions";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { TextField } from "@/components/staff/text-field";

type Props = { params: Promise<{ locale: Locale; id: string }> };

export const generateMetadata = staffTitle("Staff.schedule");

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

export default async function SchedulePage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const path = `/${locale}/staff/schedules/${id}`;
  const scope = await staffPage("schedule.manage", locale, path);
  const s = await getSchedule(getDb(), scope.actor, id, locale).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const t = await getTranslations("Staff.schedule");
  const tf = await getTranslations("Staff.field");
  const weekdays = Array.from({ length: 7 }, (_, d) =>
    new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(
      new Date(Date.UTC(2026, 0, 4 + d)),
    ),
  );
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "Asia/Shanghai" });
  const field = "mt-1 block rounded border border-slate-400 px-3 py-2";
  const hidden = <input type="hidden" name="scheduleId" value={s.id} />;

  return (
    <div className="space-y-8">
      <div>
        <Link href="/staff/schedules" className="text-brand-700 underline">
          {t("back")}
        </Link>
        <h1 className="mt-2 text-3xl font-bold text-brand-800">{t("heading", { name: s.name })}</h1>
        <p className="mt-1 text-slate-700">
          {s.publishedUntil
            ? t("published", {
                date: date.format(s.publishedUntil),
                slots: s.futureSlots,
                booked: s.futureBooked,
              })
            : t("notPublished")}{" "}
          {t("timezone")}
        </p>
      </div>

      <section aria-labelledby="rules" className="space-y-3">
        <h2 id="rules" className="text-xl font-semibold">
          {t("rules")}
        </h2>
        {s.rules.length === 0 ? (
          <p>{t("noRules")}</p>
        ) : (
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{t("rules")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2 text-start">
                  {tf("weekday")}
                </th>
                <th scope="col" className="p-2 text-start">
                  {tf("start")}
                </th>
                <th scope="col" className="p-2 text-start">
                  {tf("end")}
                </th>
                <th scope="col" className="p-2 text-start">
                  {tf("slotMinutes")}
                </th>
                <th scope="col" className="p-2 text-start">
                  {tf("capacity")}
                </th>
                <th scope="col" className="p-2 text-start">
                  <span className="sr-only">{t("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {s.rules.map((r) => (
                <tr key={r.id} className="border-b border-slate-200">
                  <td className="p-2">{weekdays[r.weekday]}</td>
                  <td className="p-2">{hhmm(r.startMinute)}</td>
                  <td className="p-2">{hhmm(r.endMinute)}</td>
                  <td className="p-2">{r.slotMinutes}</td>
                  <td className="p-2">{r.capacity}</td>
                  <td className="p-2">
                    <ActionForm
                      action={removeScheduleRuleAction}
                      locale={locale}
                      submitLabel={t("removeRule", {
                        weekday: weekdays[r.weekday]!,
                        start: hhmm(r.startMinute),
                      })}
                      tone="quiet"
                    >
                      {hidden}
                      <input type="hidden" name="ruleId" value={r.id} />
                    </ActionForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ActionForm action={addScheduleRuleAction} locale={locale} submitLabel={t("addRule")}>
          <fieldset className="flex flex-wrap items-end gap-3">
            <legend className="font-semibold">{t("newRule")}</legend>
            {hidden}
            <div>
              <label htmlFor="weekday" className="block font-medium">
                {tf("weekday")}
              </label>
              <select id="weekday" name="weekday" defaultValue="1" className={field}>
                {weekdays.map((name, d) => (
                  <option key={d} value={d}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              id="start"
              label={tf("start")}
              name="start"
              type="time"
              required
              defaultValue="09:00"
              className={field}
            />
            <TextField
              id="end"
              label={tf("end")}
              name="end"
              type="time"
              required
              defaultValue="12:00"
              className={field}
            />
            <TextField
              id="slotMinutes"
              label={tf("slotMinutes")}
              name="slotMinutes"
              type="number"
              min={5}
              max={480}
              required
              defaultValue={30}
              className={field}
            />
            <TextField
              id="capacity"
              label={tf("capacity")}
              name="capacity"
              type="number"
              min={1}
              max={100}
              required
              defaultValue={2}
              className={field}
            />
          </fieldset>
        </ActionForm>
      </section>

      <section aria-labelledby="closures" className="space-y-3">
        <h2 id="closures" className="text-xl font-semibold">
          {t("closures")}
        </h2>
        {s.closures.length === 0 ? (
          <p>{t("noClosures")}</p>
        ) : (
          <ul className="space-y-2">
            {s.closures.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-3">
                <span>
                  {t("closure", { from: c.startsOn, to: c.endsOn })}
                  {c.reason ? ` · ${c.reason}` : ""}
                </span>
                <ActionForm
                  action={removeScheduleClosureAction}
                  locale={locale}
                  submitLabel={t("removeClosure", { from: c.startsOn })}
                  tone="quiet"
                >
                  {hidden}
                  <input type="hidden" name="closureId" value={c.id} />
                </ActionForm>
              </li>
            ))}
          </ul>
        )}
        <ActionForm action={addScheduleClosureAction} locale={locale} submitLabel={t("addClosure")}>
          <fieldset className="flex flex-wrap items-end gap-3">
            <legend className="font-semibold">{t("newClosure")}</legend>
            {hidden}
            <TextField
              id="startsOn"
              label={tf("startsOn")}
              name="startsOn"
              type="date"
              required
              className={field}
            />
            <TextField
              id="endsOn"
              label={tf("endsOn")}
              name="endsOn"
              type="date"
              required
              className={field}
            />
            <TextField
              id="closureReason"
              label={tf("closureReason")}
              name="reason"
              type="text"
              maxLength={200}
              className={field}
            />
          </fieldset>
        </ActionForm>
      </section>

      <section aria-labelledby="publish" className="space-y-3">
        <h2 id="publish" className="text-xl font-semibold">
          {t("publish")}
        </h2>
        <p>{t("publishIntro")}</p>
        <ActionForm action={publishScheduleAction} locale={locale} submitLabel={t("publishSubmit")}>
          {hidden}
          <label htmlFor="weeks" className="block font-medium">
            {tf("weeks")}
          </label>
          <input
            id="weeks"
            name="weeks"
            type="number"
            min={1}
            max={26}
            required
            defaultValue={4}
            className={field}
          />
        </ActionForm>
      </section>
    </div>
  );
}
