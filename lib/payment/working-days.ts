// Working days in the Beijing calendar (Monday to Friday). Pre-authorization
// lead times are counted in them. China's public holidays and adjusted
// working weekends are not modelled yet: a lead time over a holiday week is
// counted as if it were ordinary.
import { addDays, weekdayOf, type CalendarDate } from "../time/zone";

export function isWorkingDay(date: CalendarDate): boolean {
  const weekday = weekdayOf(date);
  return weekday >= 1 && weekday <= 5;
}

/** The day `days` working days after `date` (the start day itself does not count). */
export function addWorkingDays(date: CalendarDate, days: number): CalendarDate {
  let day = date;
  for (let left = days; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}
