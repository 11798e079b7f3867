"use client";

import { useLocale, useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { patientTime } from "@/lib/i18n/time-format";

const subscribe = () => () => {};
let zone: string | undefined;
/**
 * Read once per page: React asks every LocalTime for it on each render and at commit, and building
 * the default Intl.DateTimeFormat to read it was the largest cost of hydrating a week of times
 * (55 of them: about 200 ms of a throttled phone's main thread).
 */
const browserZone = () => (zone ??= Intl.DateTimeFormat().resolvedOptions().timeZone);
const serverZone = () => "Asia/Shanghai";

/**
 * The time in the patient's own zone, shown only when it differs from Beijing's, written in the
 * page's locale by the one time formatter (lib/i18n/time-format.ts): same hour cycle as the
 * Beijing time beside it, no seconds, the zone's offset after it ("Your time: 04:00 GMT+3").
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
  const locale = useLocale();
  const zone = useSyncExternalStore(subscribe, browserZone, serverZone);
  const time = patientTime(new Date(iso), locale, zone, { date: withDate });
  const text = time ? t("yourTime", { time }) : undefined;
  return (
    <span
      className={`block min-h-4 text-xs text-slate-600${withDate ? "" : " truncate"}`}
      title={text}
      data-testid="your-time"
    >
      {text && <time dateTime={iso}>{text}</time>}
    </span>
  );
}
