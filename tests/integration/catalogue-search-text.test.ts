// The finder's free text reads its matches once, in the list's order (ADR 0029,
// lib/catalogue/search-hospitals.ts): past TEXT_MATCH_LIMIT the matches shown
// are exactly the first ones of the list without text, in every order and
// locale, and the text indexes keep no pending list (a search right after an
// import or seed reads the indexes, not every new document).
import { beforeAll, describe, expect, it } from "vitest";
import { hospitalQuerySchema } from "../../lib/catalogue/hospital-filters";
import { TEXT_MATCH_LIMIT } from "../../lib/catalogue/search-document";
import { searchHospitals } from "../../lib/catalogue/search-hospitals";
import { seedSynthetic } from "../../lib/seed/seed-synthetic";
import { loadDemoSeed } from "../setup/demo-db";
import { testDb } from "../helpers/db";

const search = (query: Record<string, unknown>, locale = "en") =>
  searchHospitals(testDb(), hospitalQuerySchema.parse({ pageSize: 100, ...query }), locale);

beforeAll(async () => {
  await loadDemoSeed();
  await seedSynthetic(testDb(), TEXT_MATCH_LIMIT + 100);
}, 600_000);

describe("broad text", () => {
  it.each([
    ["relevance", "en"],
    ["name", "zh"],
    ["city", "ar"],
    ["relevance", "xx"],
  ])(
    "past the limit, sorted by %s in %s: the first matches of the list without text",
    async (sort, locale) => {
      // The demo institutions do not match "synthetic"; in most orders some sit among the first matches.
      const list = [
        ...(await search({ sort }, locale)).items,
        ...(await search({ sort, page: 2 }, locale)).items,
      ].map((i) => i.slug);
      const matching = list.filter((slug) => slug.startsWith("synthetic-"));
      expect(matching.length).toBeGreaterThanOrEqual(100);
      const first = await search({ q: "synthetic", sort }, locale);
      expect(first.moreThanTotal).toBe(true);
      expect(first.total).toBe(TEXT_MATCH_LIMIT);
      expect(first.items.map((i) => i.slug)).toEqual(matching.slice(0, 100));
      const pages = Math.ceil(TEXT_MATCH_LIMIT / 100);
      const last = await search({ q: "synthetic", sort, page: pages }, locale);
      expect(last.items).toHaveLength(TEXT_MATCH_LIMIT - (pages - 1) * 100);
    },
  );

  it("below the limit, every match, best first", async () => {
    const result = await search({ q: "synthetic", city: "synthetic-city-01", tcm: "1" });
    expect(result.total).toBeGreaterThan(0);
    expect(result.moreThanTotal).toBe(false);
    expect(result.items.length).toBe(result.total);
    expect(result.items.every((i) => i.city.slug === "synthetic-city-01")).toBe(true);
  });
});

describe("text indexes", () => {
  it("keep no pending list (fastupdate off on every GIN index of the documents)", async () => {
    const indexes = await testDb().$queryRaw<{ name: string; options: string[] | null }[]>`
      SELECT c.relname AS name, c.reloptions AS options FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
      WHERE x.indrelid = 'institution_search'::regclass AND c.relam = (SELECT oid FROM pg_am WHERE amname = 'gin')
      ORDER BY 1`;
    expect(indexes.length).toBeGreaterThanOrEqual(10);
    for (const index of indexes) expect(index.options ?? [], index.name).toContain("fastupdate=off");
  });
});
