"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverZone = () => "Asia/Shanghai";

/**
 * The time in the patient's own zone, shown only when it differs from Beijing's.
 *
 * The server cannot know the browser's zone, so the text appears only once the
 * page is hydrated. Its line is therefore always there, empty until then:
 * showing it must not move what is around it, or a tap aimed at one time (or
 * link) lands on another one, or on nothing, on a slow phone. In a time button
 * (a fixed-width cell of the slot grid) it never takes more than that line: it
 * is cut visually (`truncate`), the full text stays in `title` and for screen readers.
 */
export function LocalTime({ iso, withDate = false }: { iso: string; withDate?: boolean }) {
  const t = useTranslations("Booking");
  const zone = useSyncExternalStore(subscribe, browserZone, serverZone);
  const date = new Date(iso);
  const options: Intl.DateTimeFormatOptions = withDate
    ? { dateStyle: "medium", timeStyle: "short" }
    : { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  const beijing = new Intl.DateTimeFormat("en", { ...options, timeZone: "Asia/Shanghai" }).format(date);
  const local = new Intl.DateTimeFormat("en", { ...options, timeZone: zone }).format(date);
  let text: string | undefined;
  if (beijing !== local) {
    // dateStyle/timeStyle cannot be combined with timeZoneName: the "long" time style names the zone itself.
    const shownOptions: Intl.DateTimeFormatOptions = withDate
      ? { dateStyle: "medium", timeStyle: "long", timeZone: zone }
      : { ...options, timeZone: zone, timeZoneName: "short" };
    text = t("yourTime", { time: new Intl.DateTimeFormat(undefined, shownOptions).format(date) });
  }
  return (
    <span className={`block min-h-4 text-xs text-slate-600${withDate ? "" : " truncate"}`} title={text}>
      {text}
    </span>
  );
}
