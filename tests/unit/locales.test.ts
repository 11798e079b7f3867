import { describe, expect, it } from "vitest";
import { pickTranslation } from "../../lib/i18n/content";
import { contentFallbackChain, direction, isLocale, locales, negotiateLocale } from "../../lib/i18n/locales";

describe("locales", () => {
  it("has the fourteen product locales, Arabic right-to-left", () => {
    expect([...locales].sort()).toEqual([
      "ar",
      "de",
      "en",
      "es",
      "fr",
      "id",
      "ja",
      "kk",
      "ko",
      "mn",
      "ru",
      "th",
      "vi",
      "zh",
    ]);
    expect(direction("ar")).toBe("rtl");
    expect(locales.filter((l) => direction(l) === "rtl")).toEqual(["ar"]);
    expect(isLocale("xx")).toBe(false);
  });

  it("negotiates Accept-Language by weight and primary subtag", () => {
    expect(negotiateLocale("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(negotiateLocale("pt-BR, ru;q=0.5, en;q=0.4")).toBe("ru");
    expect(negotiateLocale("en;q=0.1, ar;q=0.9")).toBe("ar");
    expect(negotiateLocale("pt, it")).toBe("en");
    expect(negotiateLocale("ja;q=0")).toBe("en");
    expect(negotiateLocale(undefined)).toBe("en");
    expect(negotiateLocale("garbage;;;,")).toBe("en");
  });

  it("falls back requested -> en -> zh for content", () => {
    expect(contentFallbackChain("ru")).toEqual(["ru", "en", "zh"]);
    expect(contentFallbackChain("en")).toEqual(["en", "zh"]);
    expect(contentFallbackChain("zh")).toEqual(["zh", "en"]);
  });

  it("picks the best translation and says when it is a fallback", () => {
    const rows = [
      { locale: "zh", name: "北京协和医院" },
      { locale: "en", name: "Peking Union Medical College Hospital" },
    ];
    expect(pickTranslation(rows, "zh")).toMatchObject({ locale: "zh", isFallback: false });
    expect(pickTranslation(rows, "ar")).toMatchObject({
      locale: "en",
      isFallback: true,
      value: { name: "Peking Union Medical College Hospital" },
    });
    expect(pickTranslation([rows[0]!], "fr")).toMatchObject({ locale: "zh", isFallback: true });
    expect(pickTranslation([{ locale: "ru", name: "x" }], "fr")).toMatchObject({
      locale: "ru",
      isFallback: true,
    });
    expect(pickTranslation([], "fr")).toBeNull();
  });
});
