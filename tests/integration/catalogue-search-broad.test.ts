// Broad text is bounded (ADR 0029): a term nearly every name contains reads at
// most TEXT_MATCH_LIMIT + 1 matches, says so (moreThanTotal), and pages through
// the first TEXT_MATCH_LIMIT in the list's order; a narrower term stays exact.
import { beforeAll, describe, expect, it } from "vitest";
import { hospitalQuerySchema } from "../../lib/catalogue/hospital-filters";
import { TEXT_MATCH_LIMIT } from "../../lib/catalogue/search-document";
import { searchHospitals } from "../../lib/catalogue/search-hospitals";
import { seedSynthetic } from "../../lib/seed/seed-synthetic";
import { testDb } from "../helpers/db";

const search = (query: Record<string, unknown>, locale = "en") =>
  searchHospitals(testDb(), hospitalQuerySchema.parse(query), locale);

beforeAll(async () => {
  await seedSynthetic(testDb(), TEXT_MATCH_LIMIT + 100);
}, 600_000);

describe("broad text", () => {
  it.each(["合成", "synthetic", "hecheng"])("%s: more than the limit match, reported as such", async (q) => {
    const result = await search({ q });
    expect(result.moreThanTotal).toBe(true);
    expect(result.total).toBe(TEXT_MATCH_LIMIT);
    expect(result.pageCount).toBe(Math.ceil(TEXT_MATCH_LIMIT / 20));
    expect(result.facets.ownership.reduce((sum, f) => sum + f.count, 0)).toBe(TEXT_MATCH_LIMIT);
    // The first matches in the list's order: the name order of the locale.
    const names = (await search({ q, sort: "name", pageSize: 100 })).items.map((i) => i.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("with one filter, the bound is on the text's matches (its facet counts them)", async () => {
    const result = await search({ q: "synthetic", city: "synthetic-city-01", pageSize: 100 });
    const exact = await search({ city: "synthetic-city-01" });
    expect(result.moreThanTotal).toBe(true);
    expect(result.total).toBeLessThanOrEqual(exact.total);
    expect(result.items.every((i) => i.city.slug === "synthetic-city-01")).toBe(true);
  });

  it("a narrow term stays exact and ranked", async () => {
    const target = await testDb().institution.findUniqueOrThrow({
      where: { slug: `synthetic-hospital-${TEXT_MATCH_LIMIT}` },
      include: { translations: true },
    });
    const en = target.translations.find((t) => t.locale === "en")!.name;
    const result = await search({ q: en });
    expect(result.moreThanTotal).toBe(false);
    expect(result.items[0]!.slug).toBe(`synthetic-hospital-${TEXT_MATCH_LIMIT}`);
    const han = await search({ q: target.nameZh });
    expect(han.moreThanTotal).toBe(false);
    expect(han.items.map((i) => i.slug)).toContain(`synthetic-hospital-${TEXT_MATCH_LIMIT}`);
  });
});
