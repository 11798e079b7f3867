// pickTranslation's outdated rule (issue 19): a picked translation written
// before the English text last changed is shown, marked outdated so the page
// says it may be out of date; the English text itself, a translation written
// after it, and rows without dates are never outdated.
import { describe, expect, it } from "vitest";
import { pickTranslation } from "../../lib/i18n/content";

const at = (iso: string) => new Date(iso);
const en = { locale: "en", name: "Union Hospital", writtenAt: at("2026-05-01T00:00:00Z") };

describe("pickTranslation", () => {
  it("marks a translation older than the English text outdated, and still picks it", () => {
    const ru = { locale: "ru", name: "Больница Юнион", writtenAt: at("2026-04-30T23:59:59Z") };
    const picked = pickTranslation([en, ru], "ru");
    expect(picked).toMatchObject({ locale: "ru", isFallback: false, outdated: true });
    expect(picked?.value.name).toBe("Больница Юнион");
  });

  it("does not mark a translation written at or after the English text", () => {
    for (const writtenAt of [en.writtenAt, at("2026-05-02T00:00:00Z")]) {
      const ru = { locale: "ru", name: "Больница Юнион", writtenAt };
      expect(pickTranslation([ru, en], "ru")?.outdated).toBe(false);
    }
  });

  it("never marks the English text, a fallback to it, or rows without dates", () => {
    expect(pickTranslation([en], "en")?.outdated).toBe(false);
    expect(pickTranslation([en], "ar")).toMatchObject({ locale: "en", isFallback: true, outdated: false });
    expect(pickTranslation([{ locale: "en" }, { locale: "ru" }], "ru")?.outdated).toBe(false);
  });

  it("falls back to English before an outdated Chinese text; Chinese asked for is outdated", () => {
    const zh = { locale: "zh", name: "协和医院", writtenAt: at("2026-01-01T00:00:00Z") };
    expect(pickTranslation([zh, en], "ja")).toMatchObject({ locale: "en", outdated: false });
    expect(pickTranslation([zh, en], "zh")).toMatchObject({ locale: "zh", outdated: true });
  });
});
