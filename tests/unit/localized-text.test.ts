// Fallback content is marked with its own language, and with its direction
// only where it differs from the page's (issue 17, "Unmarked fallback text").
import { describe, expect, it } from "vitest";
import { languageAttributes } from "../../components/ui/localized-text";
import { pickLocalizedName } from "../../lib/i18n/content";

describe("languageAttributes", () => {
  it("marks nothing when the text is in the page's language", () => {
    expect(languageAttributes("de", "de")).toEqual({});
  });
  it("marks the language of a fallback, and its direction only where it differs from the page's", () => {
    expect(languageAttributes("en", "de")).toEqual({ lang: "en" });
    expect(languageAttributes("en", "ar")).toEqual({ lang: "en", dir: "ltr" });
    expect(languageAttributes("ar", "en")).toEqual({ lang: "ar", dir: "rtl" });
    expect(languageAttributes("zh", "ja")).toEqual({ lang: "zh" });
  });
});

describe("pickLocalizedName", () => {
  const names = [
    { locale: "en", name: "Cardiology" },
    { locale: "ja", name: "循環器内科" },
  ];
  it("says which language the name is in", () => {
    expect(pickLocalizedName(names, "ja", "心内科")).toEqual({
      value: "循環器内科",
      locale: "ja",
      isFallback: false,
    });
    expect(pickLocalizedName(names, "de", "心内科")).toEqual({
      value: "Cardiology",
      locale: "en",
      isFallback: true,
    });
  });
  it("falls back to the given name in its language when there is no translation", () => {
    expect(pickLocalizedName([], "de", "心内科")).toEqual({
      value: "心内科",
      locale: "zh",
      isFallback: true,
    });
    expect(pickLocalizedName(undefined, "zh", "心内科")).toEqual({
      value: "心内科",
      locale: "zh",
      isFallback: false,
    });
  });
});
