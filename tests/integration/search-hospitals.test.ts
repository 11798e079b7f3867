import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors";
import { hospitalFilterKeys, hospitalQuerySchema } from "../../lib/catalogue/hospital-filters";
import { searchHospitals } from "../../lib/catalogue/search-hospitals";
import { loadDemoSeed } from "../setup/demo-db";
import { testDb } from "../helpers/db";

/** The finder's query as the page and the API read it (parsed), then the use case. */
const search = async (query: Record<string, unknown>, locale: string) =>
  searchHospitals(testDb(), hospitalQuerySchema.parse(query), locale);
const slugs = async (query: Record<string, unknown>, locale = "en") =>
  (await search({ pageSize: 100, ...query }, locale)).items.map((i) => i.slug).sort();

beforeAll(async () => {
  await loadDemoSeed();
});

describe("hospital finder", () => {
  it("lists everything without filters, guide-listed first", async () => {
    const result = await search({}, "en");
    expect(result.total).toBe(14);
    expect(result.items).toHaveLength(14);
    expect(result.items.at(-1)!.slug).toBe("suifenhe-tcm-hospital"); // the one institution not guide-listed
  });

  it.each([
    [
      { city: "beijing" },
      [
        "beijing-united-family",
        "china-japan-friendship-international",
        "guanganmen-international",
        "pumch-international",
      ],
    ],
    [{ specialty: "dermatology" }, ["huashan-international", "pumch-international"]],
    [
      { language: "ja" },
      [
        "beijing-united-family",
        "china-japan-friendship-international",
        "huashan-international",
        "pumch-international",
      ],
    ],
    [{ insurer: "geoblue" }, ["beijing-united-family", "pumch-international", "sir-run-run-shaw"]],
    [{ ownership: "FOREIGN_OWNED" }, ["beijing-united-family"]],
    [{ accreditation: "JCI" }, ["beijing-united-family", "sir-run-run-shaw", "zju-second-affiliated"]],
    [
      { service: "AIRPORT_PICKUP" },
      [
        "beijing-united-family",
        "hainan-medical-second-affiliated",
        "sanya-tcm-hospital",
        "suifenhe-tcm-hospital",
      ],
    ],
    [{ emergency: "false" }, ["suifenhe-tcm-hospital"]],
    [
      { tcm: "1" },
      [
        "china-japan-friendship-international",
        "guanganmen-international",
        "hainan-medical-second-affiliated",
        "hunan-tcm-first-hospital",
        "sanya-tcm-hospital",
        "suifenhe-tcm-hospital",
      ],
    ],
  ])("filters alone: %j", async (query, expected) => {
    expect(await slugs(query)).toEqual(expected);
  });

  it("payment=direct keeps institutions with an active agreement; self keeps all", async () => {
    expect(await slugs({ payment: "direct" })).not.toContain("suifenhe-peoples-hospital");
    expect((await slugs({ payment: "direct" })).length).toBe(11);
    expect((await slugs({ payment: "self" })).length).toBe(14);
  });

  it("combines filters: a Russian speaker in Beijing with Bupa cover", async () => {
    const result = await search({ city: "beijing", language: "ru", insurer: "bupa-global" }, "ru");
    expect(result.items.map((i) => i.slug).sort()).toEqual([
      "beijing-united-family",
      "guanganmen-international",
    ]);
    for (const card of result.items) {
      expect(card.directBilling.map((b) => b.slug)).toContain("bupa-global");
      expect(card.languages).toContain("ru");
      expect(card.hours.length).toBeGreaterThan(0);
    }
    expect(result.items.find((i) => i.slug === "guanganmen-international")!.name).toBe(
      "Больница Гуананьмэнь Китайской академии китайской медицины",
    );
  });

  it("counts each facet value as the total that choosing it would give", async () => {
    const base = { city: "beijing", language: "en" };
    const result = await search(base, "en");
    for (const key of hospitalFilterKeys) {
      for (const { value, count } of result.facets[key]) {
        const chosen = await search({ ...base, [key]: value }, "en");
        expect(chosen.total, `${key}=${value}`).toBe(count);
      }
    }
    expect(result.facets.city.find((f) => f.value === "shanghai")?.count).toBe(2);
  });

  it.each([
    ["Peking Union", "en"],
    ["peking union", "ar"],
    ["xiehe", "ar"],
    ["Xié Hé", "ar"],
    ["XIEHE", "fr"],
    ["协和", "ar"],
    ["كلية بكين", "ar"],
    ["Пекинского союзного", "ru"],
  ])("finds PUMCH by %s", async (q, locale) => {
    expect(await slugs({ q }, locale)).toContain("pumch-international");
  });

  it("ranks the closest name first", async () => {
    const result = await search({ q: "Huashan" }, "en");
    expect(result.items[0]!.slug).toBe("huashan-international");
  });

  it.each([
    ["'; DROP TABLE institution; --"],
    ["%"],
    ["_"],
    ["\\"],
    ["🏥🙂"],
    ["x".repeat(10_000)],
    ["مستشفى".repeat(2000)],
  ])("handles hostile or huge text safely: %s", async (q) => {
    const result = await search({ q: q.slice(0, 12_000) }, "en");
    expect(result.total).toBeGreaterThanOrEqual(0);
    expect(await testDb().institution.count()).toBe(14);
  });

  it("falls back to English, then Chinese, and says so", async () => {
    const result = await search({ q: "Xinhua" }, "ar");
    expect(result.items[0]).toMatchObject({
      slug: "xinhua-hospital",
      nameLocale: "en",
      nameIsFallback: true,
    });
    const zh = await search({ q: "Xinhua" }, "zh");
    expect(zh.items[0]).toMatchObject({ name: "上海交通大学医学院附属新华医院", nameIsFallback: false });
  });

  it("paginates and sorts by name", async () => {
    const page3 = await search({ pageSize: 5, page: 3, sort: "name" }, "en");
    expect(page3).toMatchObject({ total: 14, pageCount: 3, page: 3 });
    expect(page3.items).toHaveLength(4);
    const all = await search({ pageSize: 100, sort: "name" }, "en");
    const names = all.items.map((i) => i.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
  });

  it("rejects an unknown city or insurer, naming it", async () => {
    const error = await search({ city: "atlantis", insurer: "nobody" }, "en").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields).toEqual({ city: "invalid", insurer: "invalid" });
  });
});
