import { beforeAll, describe, expect, it } from "vitest";
import { GET as listHospitals } from "../../app/api/v1/hospitals/route";
import { droppableFilters, findHospitals } from "../../lib/catalogue/find-hospitals";
import { hospitalFinderListSchema } from "../../lib/catalogue/finder-api";
import { hospitalQuerySchema, hospitalQueryToParams } from "../../lib/catalogue/hospital-filters";
import { searchHospitals } from "../../lib/catalogue/search-hospitals";
import { loadDemoSeed } from "../setup/demo-db";
import { testDb } from "../helpers/db";

const query = (raw: Record<string, string>) => hospitalQuerySchema.parse(raw);

beforeAll(async () => {
  await loadDemoSeed();
});

describe("the finder's 'drop this filter' suggestions", () => {
  it("suggests nothing when the search finds something", async () => {
    const result = await findHospitals(testDb(), query({ city: "beijing" }), "en");
    expect(result.total).toBe(4);
    expect(result.suggestions).toEqual([]);
  });

  it("suggests nothing for an empty search without filters or text", () => {
    expect(droppableFilters(query({}))).toEqual([]);
  });

  it("offers each filter in use, then the text, with the count the search finds without it", async () => {
    const q = query({ city: "suifenhe", accreditation: "JCI", page: "2" });
    const result = await findHospitals(testDb(), q, "en");
    expect(result.total).toBe(0);
    expect(result.suggestions.map((s) => s.filter)).toEqual(["city", "accreditation"]);
    for (const s of result.suggestions) {
      expect(s.query[s.filter]).toBeUndefined();
      expect(s.query.page).toBe(1);
      const { total } = await searchHospitals(testDb(), s.query, "en");
      expect(s.total).toBe(total);
    }
    expect(result.suggestions.find((s) => s.filter === "accreditation")!.total).toBe(2);
    expect(hospitalQueryToParams(result.suggestions[1]!.query).toString()).toBe("city=suifenhe");

    const withText = await findHospitals(testDb(), query({ q: "no such hospital anywhere", tcm: "1" }), "en");
    expect(withText.suggestions.map((s) => s.filter)).toEqual(["tcm", "q"]);
  });
});

describe("GET /api/v1/hospitals suggestions", () => {
  const get = async (qs: string) => {
    const response = await listHospitals(new Request(`http://localhost/api/v1/hospitals?${qs}`));
    return { status: response.status, json: await response.json() };
  };

  it("answers the suggestions as query strings when nothing is found", async () => {
    const { status, json } = await get("city=suifenhe&accreditation=JCI&locale=en");
    expect(status).toBe(200);
    expect(hospitalFinderListSchema.safeParse(json).success).toBe(true);
    expect(json.meta.total).toBe(0);
    expect(json.suggestions).toEqual([
      { filter: "city", total: 3, query: "accreditation=JCI" },
      { filter: "accreditation", total: 2, query: "city=suifenhe" },
    ]);
  });

  it("leaves the field out when something is found", async () => {
    const { json } = await get("city=beijing&locale=en");
    expect(json.meta.total).toBe(4);
    expect(json).not.toHaveProperty("suggestions");
  });
});
