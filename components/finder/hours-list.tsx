import { useLocale } from "next-intl";
import { formatDays } from "@/lib/catalogue/format";
import { groupHours, type WeeklyHours } from "@/lib/catalogue/hours";

export function HoursList({ hours, className }: { hours: WeeklyHours; className?: string }) {
  const locale = useLocale();
  return (
    <ul className={className}>
      {groupHours(hours).map((group) => (
        <li key={`${group.weekdays.join()}-${group.open}`}>
          {formatDays(group, locale)}{" "}
          <span dir="ltr">
            {group.open}–{group.close}
          </span>
        </li>
      ))}
    </ul>
  );
}
