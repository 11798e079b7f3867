"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverZone = () => "Asia/Shanghai";

/** The time in the patient's own zone, shown only when it differs from Beijing's. */
export function LocalTime({ iso, withDate = false }: { iso: string; withDate?: boolean }) {
  const t = useTranslations("Booking");
  const zone = useSyncExternalStore(subscribe, browserZone, serverZone);
  const date = new Date(iso);
  const options: Intl.DateTimeFormatOptions = withDate
    ? { dateStyle: "medium", timeStyle: "short" }
    : { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  const beijing = new Intl.DateTimeFormat("en", { ...options, timeZone: "Asia/Shanghai" }).format(date);
  const local = new Intl.DateTimeFormat("en", { ...options, timeZone: zone }).format(date);
  if (beijing === local) return null;
  // dateStyle/timeStyle cannot be combined with timeZoneName: the "long" time style names the zone itself.
  const shownOptions: Intl.DateTimeFormatOptions = withDate
    ? { dateStyle: "medium", timeStyle: "long", timeZone: zone }
    : { ...options, timeZone: zone, timeZoneName: "short" };
  const shown = new Intl.DateTimeFormat(undefined, shownOptions).format(date);
  return <span className="block text-xs text-slate-600">{t("yourTime", { time: shown })}</span>;
}
