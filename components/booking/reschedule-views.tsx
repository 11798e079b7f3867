// The parts of the reschedule page (app/[locale]/bookings/[reference]/reschedule):
// an appointment as a card (the current one, and the new one before it is
// confirmed, written with the manage page's formatter, chinaTime), and the times to move to
// as a GET form (it works before hydration and without JavaScript: choosing a
// time only opens the confirmation).
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { chinaTime, formatTime } from "@/lib/i18n/time-format";
import { calendarDateOf, isoDate } from "@/lib/time/zone";

/** One appointment under a heading ("Current appointment", "New appointment"), label and value per line. */
export async function AppointmentCard({
  heading,
  testId,
  startsAt,
  what,
  where,
  locale,
  localTime,
  tone = "neutral",
}: {
  heading: string;
  testId: string;
  startsAt: Date;
  what: string;
  where: string;
  locale: string;
  localTime: ReactNode;
  tone?: "neutral" | "new";
}) {
  const t = await getTranslations("Booking");
  return (
    <section
      aria-labelledby={`${testId}-heading`}
      data-testid={testId}
      className={`rounded border-2 p-4 ${tone === "new" ? "border-brand-600 bg-brand-50" : "border-slate-300"}`}
    >
      <h2 id={`${testId}-heading`} className="text-lg font-semibold">
        {heading}
      </h2>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium">{t("when")}</dt>
        <dd>
          <span data-testid={`${testId}-when`}>{chinaTime(startsAt, locale)}</span>
          {localTime}
        </dd>
        <dt className="font-medium">{t("what")}</dt>
        <dd dir="auto">{what}</dd>
        <dt className="font-medium">{t("where")}</dt>
        <dd dir="auto">{where}</dd>
      </dl>
    </section>
  );
}

type Slot = { id: string; startsAt: Date; available: number };

/** The free times as buttons of one GET form, by Beijing day; the booking's own time is shown, not offered. */
export async function SlotPicker({
  action,
  token,
  week,
  slots,
  currentSlotStartsAt,
  locale,
  localTime,
}: {
  /** The reschedule page's path: choosing a time opens it with ?slotId=. */
  action: string;
  token: string;
  week: number;
  slots: readonly Slot[];
  currentSlotStartsAt: Date;
  locale: string;
  /** The patient's own time under a slot's Beijing time (a client component, given by the page). */
  localTime: (iso: string) => ReactNode;
}) {
  const t = await getTranslations("Booking");
  const dayFormat = new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: "Asia/Shanghai",
  });
  const byDay = new Map<string, Slot[]>();
  for (const slot of slots) {
    const day = isoDate(calendarDateOf(slot.startsAt));
    byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }
  if (slots.length === 0) return <p className="mt-4 rounded border border-slate-200 p-4">{t("noSlots")}</p>;
  return (
    <form action={action} method="get" className="mt-4 space-y-4">
      <input type="hidden" name="token" value={token} />
      {week > 0 && <input type="hidden" name="week" value={week} />}
      {[...byDay.entries()].map(([day, daySlots]) => (
        <fieldset key={day} className="rounded border border-slate-200 p-3">
          <legend className="px-1 font-medium">{dayFormat.format(daySlots[0]!.startsAt)}</legend>
          <div className="grid grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] gap-2">
            {daySlots.map((slot) => {
              const current = slot.startsAt.getTime() === currentSlotStartsAt.getTime();
              return (
                <button
                  key={slot.id}
                  type="submit"
                  name="slotId"
                  value={slot.id}
                  disabled={current || slot.available === 0}
                  className="rounded border border-brand-600 px-3 py-2 text-start hover:bg-brand-50 disabled:cursor-not-allowed disabled:border-slate-200 disabled:text-slate-500"
                >
                  <span className="block font-semibold tabular-nums" dir="ltr">
                    {formatTime(slot.startsAt, locale)}
                  </span>
                  <span className="block text-xs">
                    {current ? t("move.yourCurrentTime") : t("placesLeft", { count: slot.available })}
                  </span>
                  {localTime(slot.startsAt.toISOString())}
                </button>
              );
            })}
          </div>
        </fieldset>
      ))}
    </form>
  );
}
