// The free times of one week, days as columns, for the booking page and the
// reschedule page (the week itself is lib/booking/slot-week.ts). Seven columns
// on a wide screen; on a phone three (four on a small tablet) side by side in
// a strip that pages sideways inside itself (scroll snap), so the page never
// scrolls sideways. A day without a time says so. The times are submit
// buttons of one form (a server action or a GET, given by the page), so a
// choice works before hydration and without JavaScript; the weeks are plain
// links. Each day is a labelled group whose heading is the full date, and each
// time's accessible name starts with its date. The first free time from the
// week's first day on is highlighted, and "next available" jumps to it (to its
// week when it is later). Right to left, the days run right to left.
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { formatTime } from "@/lib/i18n/time-format";
import type { SlotWeek } from "@/lib/booking/slot-week";
import { WEEKS_AHEAD } from "@/lib/booking/slot-week";

export interface WeekViewSlot {
  id: string;
  startsAt: Date;
  available: number;
  heldByYou?: boolean;
}

/** What a time says under it instead of its places, and whether it can be chosen (the booking's own time). */
export type SlotNote = { text: string; disabled: boolean } | null;

const beijingNoon = (isoDay: string) => new Date(`${isoDay}T12:00:00+08:00`);

/** The element id of a time's button: the "next available" link's fragment. */
export const slotAnchor = (id: string) => `time-${id}`;

export async function WeekView<S extends WeekViewSlot>({
  week,
  locale,
  form,
  weekHref,
  note = () => null,
  localTime,
}: {
  week: SlotWeek<S>;
  locale: string;
  /** The form the times submit: a server action, or a path opened with GET, and its hidden fields. */
  form: { action: string | ((formData: FormData) => Promise<void>); hidden: Record<string, string> };
  /** The address of week n (the same page, its other parameters kept). */
  weekHref: (week: number) => string;
  note?: (slot: S) => SlotNote;
  /** The patient's own time under a slot's Beijing time (a client component, given by the page). */
  localTime: (iso: string) => ReactNode;
}) {
  const t = await getTranslations("Booking");
  const full = new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Asia/Shanghai",
  });
  const short = {
    weekday: new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "Asia/Shanghai" }),
    date: new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "Asia/Shanghai" }),
  };
  const range = new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Asia/Shanghai",
  }).formatRange(beijingNoon(week.days[0]!.date), beijingNoon(week.days.at(-1)!.date));
  const next = week.next;
  const nextHref =
    next && week.nextWeek !== null
      ? `${week.nextWeek === week.week ? "" : weekHref(week.nextWeek)}#${slotAnchor(next.id)}`
      : null;
  const isMethodGet = typeof form.action === "string";
  const link = "text-brand-700 underline underline-offset-2";

  return (
    <div className="mt-4 space-y-3" data-testid="week-view">
      <nav
        aria-label={t("week.nav")}
        className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-2"
      >
        {week.week > 0 ? (
          <a href={weekHref(week.week - 1)} className={link} rel="prev">
            {t("week.previous")}
          </a>
        ) : (
          <span />
        )}
        <h3 className="font-semibold" data-testid="week-range">
          {range}
        </h3>
        {week.week < WEEKS_AHEAD - 1 ? (
          <a href={weekHref(week.week + 1)} className={link} rel="next">
            {t("week.next")}
          </a>
        ) : (
          <span />
        )}
      </nav>
      {next && nextHref ? (
        <p>
          <a href={nextHref} className={`${link} font-medium`} data-testid="next-available">
            {t("week.nextAvailable")}: {formatTime(next.startsAt, locale, { date: true })}
          </a>
        </p>
      ) : (
        <p className="rounded border border-slate-200 p-3">{t("week.nothingAhead")}</p>
      )}
      <form action={form.action} method={isMethodGet ? "get" : undefined}>
        {Object.entries(form.hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {/* A scroll region of its own on a phone: focusable, so a keyboard can page it too. Its width
            is its container's, never its seven days' (contain: inline-size), or a flex or grid parent
            would widen the page to fit them. It is `relative`: the screen-reader-only dates inside it are
            positioned, and would otherwise stick out of the page from the days scrolled out of view. */}
        <div
          role="region"
          aria-label={range}
          tabIndex={0}
          className="relative grid snap-x [contain:inline-size] snap-mandatory auto-cols-[calc((100%-1rem)/3)] grid-flow-col gap-2 overflow-x-auto p-1 sm:auto-cols-[calc((100%-1.5rem)/4)] lg:grid-flow-row lg:grid-cols-7 lg:overflow-visible"
        >
          {week.days.map((day) => {
            const date = beijingNoon(day.date);
            return (
              <section
                key={day.date}
                aria-labelledby={`day-${day.date}`}
                className="min-w-0 snap-start rounded border border-slate-200"
                data-day={day.date}
              >
                <h4
                  id={`day-${day.date}`}
                  className="border-b border-slate-200 bg-slate-50 p-2 text-center text-sm"
                >
                  <span aria-hidden="true" className="block font-semibold">
                    {short.weekday.format(date)}
                  </span>
                  <span aria-hidden="true" className="block">
                    {short.date.format(date)}
                  </span>
                  <span className="sr-only">{full.format(date)}</span>
                </h4>
                {day.slots.length === 0 ? (
                  <p className="p-2 text-center text-sm text-slate-600">{t("week.noTimes")}</p>
                ) : (
                  <ul className="space-y-2 p-1.5">
                    {day.slots.map((slot) => {
                      const own = note(slot);
                      const first = next?.id === slot.id;
                      return (
                        <li key={slot.id}>
                          <button
                            id={slotAnchor(slot.id)}
                            type="submit"
                            name="slotId"
                            value={slot.id}
                            disabled={own?.disabled || slot.available === 0}
                            className={`block w-full rounded border px-1.5 py-1.5 text-start text-sm hover:bg-brand-50 disabled:cursor-not-allowed disabled:border-slate-200 disabled:bg-white disabled:text-slate-500 ${
                              first
                                ? "border-2 border-brand-700 bg-brand-50 target:ring-2 target:ring-brand-600"
                                : "border-brand-600 target:ring-2 target:ring-brand-600"
                            }`}
                            data-first={first || undefined}
                          >
                            <span className="sr-only">
                              {formatTime(slot.startsAt, locale, { date: true })}
                            </span>
                            <span
                              aria-hidden="true"
                              className="block font-semibold tabular-nums"
                              dir="ltr"
                              data-testid="slot-time"
                            >
                              {formatTime(slot.startsAt, locale)}
                            </span>
                            {first && (
                              <span className="block text-xs font-medium text-brand-800">
                                {t("week.first")}
                              </span>
                            )}
                            <span className="block text-xs">
                              {own
                                ? own.text
                                : slot.heldByYou
                                  ? t("heldForYou")
                                  : t("placesLeft", { count: slot.available })}
                            </span>
                            {localTime(slot.startsAt.toISOString())}
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      </form>
    </div>
  );
}
