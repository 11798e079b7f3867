// The bench's varied requests (scripts/lib/bench/queries.ts): at least 1,000
// distinct finder query strings, free text in Latin, pinyin and Han, broad
// and narrow, the same on every run, and only values the catalogue has.
import { describe, expect, it } from "vitest";
import { hospitalQuerySchema } from "../../lib/catalogue/hospital-filters";
import { packageQuerySchema } from "../../lib/catalogue/package-filters";
import {
  catalogueRoutes,
  finderQueries,
  packageQueries,
  searchTerms,
  textQueries,
  type CatalogueVocabulary,
} from "../../scripts/lib/bench/queries";

const vocab: CatalogueVocabulary = {
  citySlugs: [
    "beijing",
    "shanghai",
    "sanya",
    ...Array.from({ length: 57 }, (_, i) => `synthetic-city-${i + 1}`),
  ],
  insurerSlugs: ["axa", "bupa-global", "cigna-global"],
  languages: ["ar", "en", "ja", "ru", "zh"],
  institutionSlugs: Array.from({ length: 850 }, (_, i) => `synthetic-hospital-${i + 1}`),
  names: {
    latin: ["Peking Union Medical College Hospital"],
    han: ["北京协和医院"],
    pinyin: ["beijingxiehe"],
  },
  departmentNames: { latin: ["Cardiology", "Pediatrics"], han: ["心内科", "儿科"] },
};
const HAN = /\p{Script=Han}/u;

describe("bench query generator", () => {
  it("makes at least 1,000 distinct finder query strings, all valid for the finder", () => {
    const queries = finderQueries(vocab);
    expect(new Set(queries).size).toBeGreaterThanOrEqual(1_000);
    for (const q of queries)
      expect(hospitalQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(q))).success).toBe(true);
    const keys = new Set(queries.flatMap((q) => [...new URLSearchParams(q).keys()]));
    for (const key of [
      "city",
      "specialty",
      "language",
      "insurer",
      "payment",
      "ownership",
      "tcm",
      "sort",
      "page",
    ])
      expect(keys).toContain(key);
    // Only values the catalogue has.
    const cities = queries.flatMap((q) => new URLSearchParams(q).getAll("city"));
    expect(cities.every((c) => vocab.citySlugs.includes(c))).toBe(true);
  });

  it("is deterministic: the same seed gives the same list", () => {
    expect(finderQueries(vocab)).toEqual(finderQueries(vocab));
    expect(textQueries(vocab)).toEqual(textQueries(vocab));
    expect(finderQueries(vocab, 1200, 1)).not.toEqual(finderQueries(vocab, 1200, 2));
  });

  it("searches in Latin, pinyin and Han, broad and narrow, with the issue's terms", () => {
    const terms = searchTerms(vocab);
    const texts = terms.map((t) => t.text);
    for (const t of [
      "医院",
      "Hospital",
      "医",
      "hospital",
      "zhongyi",
      "协和",
      "xiehe",
      "Peking Union",
      "Cardiology",
      "心内科",
    ])
      expect(texts).toContain(t);
    for (const script of ["latin", "pinyin", "han"] as const)
      for (const breadth of ["broad", "narrow"] as const)
        expect(terms.some((t) => t.script === script && t.breadth === breadth)).toBe(true);
    expect(terms.filter((t) => t.script === "han").every((t) => HAN.test(t.text))).toBe(true);
    expect(terms.filter((t) => t.script !== "han").every((t) => !HAN.test(t.text))).toBe(true);
  });

  it("makes at least 1,000 distinct free-text query strings, every term among them", () => {
    const queries = textQueries(vocab);
    expect(new Set(queries).size).toBeGreaterThanOrEqual(1_000);
    const qs = new Set(queries.map((q) => new URLSearchParams(q).get("q")));
    for (const t of searchTerms(vocab)) expect(qs).toContain(t.text);
    for (const q of queries)
      expect(hospitalQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(q))).success).toBe(true);
  });

  it("varies package queries and every route's URLs, over several locales including ar and zh", () => {
    for (const q of packageQueries(vocab))
      expect(packageQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(q))).success).toBe(true);
    const routes = catalogueRoutes(vocab);
    expect(routes.map((r) => r.kind)).toEqual(["static", "page", "api", "api", "page", "page", "page"]);
    // The targets judge the finder and institution pages over at least 1,000 distinct URLs each.
    expect(routes.filter((r) => r.judged).map((r) => r.name)).toEqual([
      "finder page, varied",
      "institution page",
    ]);
    for (const r of routes.filter(
      (route) => route.kind !== "static" && route.name !== "privacy page (no database)",
    ))
      expect(new Set(r.paths).size).toBeGreaterThanOrEqual(r.name === "packages page" ? 300 : 1_000);
    // The render floor: the privacy page in every locale.
    const floor = routes.find((r) => r.name === "privacy page (no database)")!;
    expect(floor.paths).toHaveLength(14);
    expect(floor.paths).toContain("/ar/privacy");
    const finderPage = routes.find((r) => r.name === "finder page, varied")!;
    const pageLocales = new Set(finderPage.paths.map((p) => p.split("/")[1]));
    expect(pageLocales).toContain("ar");
    expect(pageLocales).toContain("zh");
    expect(pageLocales.size).toBeGreaterThanOrEqual(5);
  });
});
