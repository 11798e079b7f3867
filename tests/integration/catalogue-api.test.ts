import { beforeAll, describe, expect, it } from "vitest";
import { GET as getHospital } from "../../app/api/v1/hospitals/[slug]/route";
import { GET as listHospitals } from "../../app/api/v1/hospitals/route";
import { GET as openapi } from "../../app/api/v1/openapi.json/route";
import { GET as getPackage } from "../../app/api/v1/packages/[slug]/route";
import { GET as listPackages } from "../../app/api/v1/packages/route";
import {
  hospitalDetailSchema,
  hospitalListSchema,
  packageDetailSchema,
  packageListSchema,
} from "../../lib/catalogue/api-schemas";
import { hospitalQuerySchema } from "../../lib/catalogue/hospital-filters";
import { loadDemoSeed } from "../setup/demo-db";

const base = "http://localhost/api/v1";
const req = (path: string, headers: Record<string, string> = {}) =>
  new Request(`${base}${path}`, { headers });
const slugCtx = (slug: string) => ({ params: Promise.resolve({ slug }) });
const body = async (response: Response) => ({ status: response.status, json: await response.json() });

beforeAll(async () => {
  await loadDemoSeed();
});

describe("GET /api/v1/hospitals", () => {
  it("filters, localizes and describes facets", async () => {
    const { status, json } = await body(
      await listHospitals(req("/hospitals?city=beijing&language=ru&insurer=bupa-global&locale=ru")),
    );
    expect(status).toBe(200);
    const parsed = hospitalListSchema.parse(json);
    expect(parsed.data.map((h) => h.slug).sort()).toEqual([
      "beijing-united-family",
      "guanganmen-international",
    ]);
    expect(parsed.meta).toMatchObject({ total: 2, page: 1, locale: "ru" });
    expect(parsed.facets.city.find((f) => f.value === "beijing")?.count).toBe(2);
  });

  it("takes the locale from Accept-Language and paginates", async () => {
    const { json } = await body(
      await listHospitals(req("/hospitals?pageSize=5&page=2", { "accept-language": "ja,en;q=0.5" })),
    );
    expect(json.meta).toMatchObject({ locale: "ja", page: 2, pageSize: 5, total: 14, pageCount: 3 });
    expect(json.data).toHaveLength(5);
  });

  it.each([
    ["city=atlantis", "city"],
    ["insurer=nobody", "insurer"],
    ["language=xx", "language"],
    ["page=abc", "page"],
    ["page=0", "page"],
    ["pageSize=1000", "pageSize"],
    ["locale=xx", "locale"],
    ["tcm=maybe", "tcm"],
    ["color=blue", "color"],
    ["ownership=public", "ownership"],
  ])("answers 400 naming the parameter for %s", async (query, field) => {
    const { status, json } = await body(
      await listHospitals(req(`/hospitals?${query}`, { "accept-language": "de" })),
    );
    expect(status).toBe(400);
    expect(json.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(json.error.fields)).toContain(field);
    expect(json.error.message).toMatch(/ungültig/);
  });

  it("never answers 500 to hostile text", async () => {
    for (const q of ["' OR 1=1 --", "%%%", "🏥", "x".repeat(5000), "\u202Eevil"]) {
      const response = await listHospitals(req(`/hospitals?q=${encodeURIComponent(q)}`));
      expect(response.status).toBe(200);
    }
  });
});

describe("GET /api/v1/hospitals/{slug}", () => {
  it("returns everything the catalogue knows, in the requested language", async () => {
    const { status, json } = await body(
      await getHospital(req("/hospitals/pumch-international?locale=zh"), slugCtx("pumch-international")),
    );
    expect(status).toBe(200);
    const d = hospitalDetailSchema.parse(json);
    expect(d).toMatchObject({
      name: "北京协和医院",
      nameZh: "北京协和医院",
      isDemo: true,
      emergency24h: true,
    });
    expect(d.departments.length).toBeGreaterThan(0);
    expect(
      d.directBilling
        .find((b) => b.insurer.slug === "cigna-global")
        ?.scopes.map((s) => s.scope)
        .sort(),
    ).toEqual(["INPATIENT", "OUTPATIENT"]);
  });

  it("says which content falls back to another language", async () => {
    const { json } = await body(
      await getHospital(req("/hospitals/xinhua-hospital?locale=ar"), slugCtx("xinhua-hospital")),
    );
    expect(json.nameLocale).toBe("en");
    expect(json.fallbackLocales).toContain("en");
  });

  it.each(["no-such-hospital", "UPPER", "..%2F..", "a".repeat(300)])("answers 404 for %s", async (slug) => {
    const { status, json } = await body(await getHospital(req(`/hospitals/x`), slugCtx(slug)));
    expect(status).toBe(404);
    expect(json.error.code).toBe("NOT_FOUND");
  });
});

describe("GET /api/v1/packages", () => {
  it("filters by condition, therapy, length and price", async () => {
    const byCondition = packageListSchema.parse(
      (await body(await listPackages(req("/packages?condition=neck_back_pain")))).json,
    );
    expect(byCondition.data.map((p) => p.slug).sort()).toEqual([
      "guanganmen-neck-back-pain",
      "sanya-back-pain-course",
      "suifenhe-joint-pain-course",
    ]);
    const combined = (
      await body(
        await listPackages(req("/packages?condition=neck_back_pain&therapy=tuina&maxDays=12&sort=price")),
      )
    ).json;
    expect(combined.data.map((p: { slug: string }) => p.slug)).toEqual(["sanya-back-pain-course"]);
    const priced = (await body(await listPackages(req("/packages?minPrice=4000&maxPrice=6000&sort=price"))))
      .json;
    expect(priced.data.map((p: { priceCny: number }) => p.priceCny)).toEqual([4800, 5200, 5600]);
    const sanya = (await body(await listPackages(req("/packages?city=sanya&locale=ru")))).json;
    expect(sanya.meta.total).toBe(2);
    expect(sanya.data[0].name).toMatch(/[а-я]/);
  });

  it.each([
    ["condition=flu", "condition"],
    ["therapy=surgery", "therapy"],
    ["maxDays=-3", "maxDays"],
    ["minPrice=9000&maxPrice=100", "maxPrice"],
    ["city=atlantis", "city"],
    ["pageSize=101", "pageSize"],
  ])("answers 400 naming the parameter for %s", async (query, field) => {
    const { status, json } = await body(await listPackages(req(`/packages?${query}`)));
    expect(status).toBe(400);
    expect(Object.keys(json.error.fields)).toContain(field);
  });

  it("returns one package, with its institution, or 404", async () => {
    const { status, json } = await body(
      await getPackage(req("/packages/sanya-wellness-stay?locale=ar"), slugCtx("sanya-wellness-stay")),
    );
    expect(status).toBe(200);
    const p = packageDetailSchema.parse(json);
    expect(p).toMatchObject({ locale: "en", isFallback: true, sessions: 7, durationDays: 7, priceCny: 4800 });
    expect(p.institution.slug).toBe("sanya-tcm-hospital");
    expect((await getPackage(req("/packages/none"), slugCtx("none"))).status).toBe(404);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("describes every endpoint and every finder parameter from the zod schemas", async () => {
    const doc = await (openapi() as Response).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/hospitals", "/hospitals/{slug}", "/packages", "/packages/{slug}"]),
    );
    const names = doc.paths["/hospitals"].get.parameters.map((p: { name: string }) => p.name);
    expect(names.sort()).toEqual(["locale", ...Object.keys(hospitalQuerySchema.shape)].sort());
    const language = doc.paths["/hospitals"].get.parameters.find(
      (p: { name: string }) => p.name === "language",
    );
    expect(language.schema.enum).toContain("ru");
    const ok = doc.paths["/hospitals/{slug}"].get.responses["200"].content["application/json"].schema;
    expect(JSON.stringify(ok)).toContain("directBilling");
  });
});
