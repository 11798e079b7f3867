// The finder's free text finds care as well as names (issue 16: the home page
// asks for "a specialty or condition"): a specialty or condition named in the
// reader's language or English, or a department or TCM package named like the
// text in any language, on the demo seed. Names still rank first.
import { beforeAll, describe, expect, it } from "vitest";
import { hospitalQuerySchema } from "../../lib/catalogue/hospital-filters";
import { searchHospitals } from "../../lib/catalogue/search-hospitals";
import { loadDemoSeed } from "../setup/demo-db";
import { testDb } from "../helpers/db";

const slugs = async (query: Record<string, string>, locale: string) =>
  (
    await searchHospitals(
      testDb(),
      hospitalQuerySchema.parse({ ...query, pageSize: 100 }),
      locale,
      new Date(),
      {
        facets: false,
      },
    )
  ).items.map((i) => i.slug);

const withCardiology = ["pumch-international", "zju-second-affiliated"];

beforeAll(async () => {
  await loadDemoSeed();
}, 180_000);

describe("free text finds a specialty or a condition", () => {
  it.each([
    ["cardiology", "en"],
    ["Кардиология", "ru"],
    ["أمراض القلب", "ar"],
    // The specialty's name in Chinese (心血管内科) is not the departments' (心内科): the code still matches.
    ["心血管内科", "zh"],
    ["kardiologie", "de"],
  ])("%s (%s) finds the hospitals with a cardiology department, and only them", async (q, locale) => {
    expect((await slugs({ q }, locale)).sort()).toEqual(withCardiology);
  });

  it("a condition finds the hospitals whose TCM packages treat it", async () => {
    const treating = await testDb().tcmPackage.findMany({
      where: { conditions: { has: "neck_back_pain" } },
      select: { institution: { select: { slug: true } } },
    });
    const expected = [...new Set(treating.map((p) => p.institution.slug))].sort();
    expect(expected.length).toBeGreaterThan(0);
    expect((await slugs({ q: "back pain" }, "en")).sort()).toEqual(expected);
    expect((await slugs({ q: "боль в шее" }, "ru")).sort()).toEqual(expected);
  });

  it("combines with the city and language filters the home page sends", async () => {
    expect(await slugs({ city: "beijing", q: "cardiology", language: "fr" }, "en")).toEqual([
      "pumch-international",
    ]);
    expect(await slugs({ city: "shanghai", q: "cardiology" }, "en")).toEqual([]);
  });

  it("still finds names first, and nothing for text that names nothing", async () => {
    expect((await slugs({ q: "Peking Union" }, "en"))[0]).toBe("pumch-international");
    expect(await slugs({ q: "no such care anywhere" }, "en")).toEqual([]);
  });
});
