// The one time formatter (lib/i18n/time-format.ts): the page's locale, one hour
// cycle per locale wherever a time is shown, no seconds, digits as Intl writes
// them, and the patient's own time only when their clock differs from Beijing's.
import { describe, expect, it } from "vitest";
import { beijingFormat } from "../../components/ui/formats";
import {
  beijingOffset,
  chinaTime,
  formatTime,
  hourCycleOf,
  patientTime,
  readsAsBeijing,
} from "../../lib/i18n/time-format";

// 09:05 in Beijing, 04:05 in Moscow, 05:05 in Dubai, 01:05 UTC, on Friday 4 December 2026.
const morning = new Date("2026-12-04T01:05:00Z");
// 21:30 in Beijing: on a 12-hour clock this is where a missing AM/PM marker would show.
const evening = new Date("2026-12-04T13:30:00Z");

const SECONDS = /\d[:.٫]\d\d[:.٫]\d\d/u;
/** The digits Intl writes in `locale` (Latin in some, Arabic-Indic in others, by the ICU's data). */
const digits = (locale: string, text: string) =>
  text.replace(/\d/g, (d) => new Intl.NumberFormat(locale, { useGrouping: false }).format(Number(d)));

describe("hour cycle", () => {
  it("is 12-hour in English only, 24-hour in every other locale", () => {
    expect(hourCycleOf("en")).toBe("h12");
    expect(hourCycleOf("en-GB")).toBe("h12");
    for (const locale of [
      "ar",
      "ja",
      "ru",
      "zh",
      "ko",
      "de",
      "fr",
      "es",
      "id",
      "th",
      "vi",
      "mn",
      "kk",
      "zh-CN",
    ])
      expect(hourCycleOf(locale)).toBe("h23");
  });

  it.each(["ar", "ja", "ru", "zh"])("%s: 24-hour, two-digit hours, no day-period marker", (locale) => {
    const time = formatTime(evening, locale);
    expect(time).toBe(digits(locale, "21:30"));
    expect(formatTime(morning, locale)).toBe(digits(locale, "09:05"));
    const parts = new Intl.DateTimeFormat(locale, {
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: "Asia/Shanghai",
    }).format(evening);
    expect(time).toBe(parts);
  });

  it("en: 12-hour with its marker", () => {
    expect(formatTime(evening, "en")).toBe("9:30 PM");
    expect(formatTime(morning, "en")).toBe("9:05 AM");
  });

  it("a slot button, a dated heading and the console's beijingFormat agree on the clock", () => {
    for (const locale of ["ar", "ja", "ru", "zh", "en", "ko"]) {
      const button = formatTime(evening, locale);
      const heading = chinaTime(evening, locale);
      const console = beijingFormat(locale, "medium", "short").format(evening);
      // The hour as the button writes it ("21" on a 24-hour clock, "9" on a 12-hour one) is in both
      // longer forms, and only the 12-hour clock has a day period (AM/PM) part.
      const hour = button.match(/^\D*(\p{Nd}+)/u)![1]!;
      expect(heading).toContain(button);
      expect(console).toContain(hour);
      const hasDayPeriod = new Intl.DateTimeFormat(locale, {
        ...{ hour: "numeric", minute: "2-digit", hourCycle: hourCycleOf(locale) },
        timeZone: "Asia/Shanghai",
      })
        .formatToParts(evening)
        .some((p) => p.type === "dayPeriod");
      expect(hasDayPeriod).toBe(locale === "en");
      expect(beijingFormat(locale, "medium", "short").resolvedOptions().hourCycle).toBe(hourCycleOf(locale));
    }
  });
});

describe("no seconds, anywhere", () => {
  it.each(["ar", "ja", "en", "ru", "zh"])("%s", (locale) => {
    for (const text of [
      formatTime(morning, locale),
      chinaTime(morning, locale),
      patientTime(morning, locale, "Europe/Moscow")!,
      patientTime(morning, locale, "Asia/Dubai", { date: true })!,
    ]) {
      expect(text).not.toMatch(SECONDS);
      expect(digits("en", text)).not.toMatch(SECONDS);
    }
  });
});

describe("China's time, named", () => {
  it("carries the date and Intl's own name of China's zone, in the page's locale", () => {
    const zoneName = (locale: string) =>
      new Intl.DateTimeFormat(locale, { timeZone: "Asia/Shanghai", timeZoneName: "long" })
        .formatToParts(morning)
        .find((p) => p.type === "timeZoneName")!.value;
    for (const locale of ["ar", "ja", "en", "ru", "zh"]) {
      const text = chinaTime(morning, locale);
      expect(text).toContain(zoneName(locale));
      expect(text).toContain(formatTime(morning, locale));
    }
    expect(chinaTime(morning, "en")).toBe("Friday, December 4, 2026 at 9:05 AM China Standard Time");
    expect(chinaTime(morning, "en", { date: false })).toBe("9:05 AM");
  });

  it("its UTC offset as the locale writes it", () => {
    expect(beijingOffset(morning, "en")).toBe("GMT+8");
    expect(beijingOffset(morning, "ar")).toBe(
      new Intl.DateTimeFormat("ar", { timeZone: "Asia/Shanghai", timeZoneName: "shortOffset" })
        .formatToParts(morning)
        .find((p) => p.type === "timeZoneName")!.value,
    );
  });
});

describe("the patient's own time", () => {
  it("is Intl's output for their zone in the page's locale, with its offset", () => {
    for (const locale of ["ar", "ja", "en", "ru", "zh"]) {
      const expected = new Intl.DateTimeFormat(locale, {
        hour: locale === "en" ? "numeric" : "2-digit",
        minute: "2-digit",
        hourCycle: locale === "en" ? "h12" : "h23",
        timeZone: "Europe/Moscow",
        timeZoneName: "shortOffset",
      }).format(morning);
      expect(patientTime(morning, locale, "Europe/Moscow")).toBe(expected);
    }
    expect(patientTime(morning, "en", "Europe/Moscow")).toBe("4:05 AM GMT+3");
    expect(patientTime(morning, "ru", "Asia/Dubai")).toBe("05:05 GMT+4");
  });

  it("with the date when asked: the day can differ from Beijing's", () => {
    // 09:05 on the 4th in Beijing is 17:05 on the 3rd in Los Angeles.
    const text = patientTime(morning, "en", "America/Los_Angeles", { date: true });
    expect(text).toBe("Thursday, December 3, 2026 at 5:05 PM GMT-8");
  });

  it("is nothing when their clock reads as Beijing's, or their zone is unknown", () => {
    expect(readsAsBeijing(morning, "Asia/Singapore")).toBe(true);
    expect(readsAsBeijing(morning, "Asia/Shanghai")).toBe(true);
    expect(readsAsBeijing(morning, "Europe/Moscow")).toBe(false);
    expect(patientTime(morning, "ar", "Asia/Singapore")).toBeNull();
    expect(patientTime(morning, "ar", "Not/AZone")).toBeNull();
  });
});
