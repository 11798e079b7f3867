// The public guide on the real database: only the published version shows,
// sections fall back per language and say so, the Chinese text is there for
// the bilingual view, and the institution list is the one captured at
// publication (a later catalogue change does not alter it).
import { describe, expect, it } from "vitest";
import { getGuidePdf } from "../../lib/guide/get-guide-pdf";
import { getPublishedGuide, listPublishedGuides } from "../../lib/guide/get-published-guide";
import { testDb } from "../helpers/db";
import { pdfText } from "../helpers/pdf-text";

let n = 0;

async function cityWithGuide() {
  const db = testDb();
  const slug = `guide-city-${++n}`;
  const city = await db.city.create({
    data: {
      slug,
      nameZh: "指南市",
      province: "Test",
      translations: {
        create: [
          { locale: "en", name: "Guide City" },
          { locale: "ar", name: "مدينة الدليل" },
        ],
      },
    },
  });
  const inst = await db.institution.create({
    data: {
      slug: `${slug}-hospital`,
      cityId: city.id,
      nameZh: "指南医院",
      addressZh: "指南路 1 号",
      latitude: 30,
      longitude: 120,
      ownership: "PUBLIC",
      intlDeptPhone: "+86 10 1234 5678",
      guideListed: true,
      translations: { create: { locale: "en", name: "Guide Hospital", address: "1 Guide Road" } },
    },
  });
  const section = (
    key: "EMERGENCIES" | "INSTITUTIONS",
    position: number,
    texts: Record<string, [string, string]>,
  ) => ({
    key,
    position,
    translations: {
      create: Object.entries(texts).map(([locale, [title, body]]) => ({ locale, title, body })),
    },
  });
  await db.guide.create({
    data: {
      cityId: city.id,
      versions: {
        create: [
          {
            version: 1,
            status: "ARCHIVED",
            publishedAt: new Date("2026-01-01"),
            sections: {
              create: [section("EMERGENCIES", 0, { en: ["Old", "Old text"], zh: ["旧", "旧文"] })],
            },
          },
          {
            version: 2,
            status: "PUBLISHED",
            publishedAt: new Date("2026-06-01"),
            institutionsSnapshot: [
              {
                id: inst.id,
                slug: inst.slug,
                nameZh: "指南医院",
                addressZh: "指南路 1 号",
                phone: "+86 10 1234 5678",
                names: { en: "Guide Hospital", zh: "指南医院" },
              },
            ],
            sections: {
              create: [
                section("EMERGENCIES", 0, {
                  en: ["Emergencies", "Call 120.\n\n<script>alert(1)</script> stays text."],
                  zh: ["急救", "拨打 120。"],
                  ar: ["الطوارئ", "اتصل بالرقم 120."],
                }),
                section("INSTITUTIONS", 1, {
                  en: ["Listed institutions", "These meet the standard."],
                  zh: ["推荐机构", "符合标准。"],
                }),
              ],
            },
          },
          {
            version: 3,
            status: "DRAFT",
            sections: {
              create: [
                section("EMERGENCIES", 0, { en: ["Draft", "Not yet public"], zh: ["草稿", "未公开"] }),
              ],
            },
          },
        ],
      },
    },
  });
  return { city, inst };
}

describe("the published guide", () => {
  it("shows only the current published version, with per-section fallbacks and the Chinese text", async () => {
    const { city } = await cityWithGuide();
    const guide = await getPublishedGuide(testDb(), city.slug, "ar");
    expect(guide.version).toBe(2);
    expect(guide.city.name).toBe("مدينة الدليل");
    expect(guide.sections.map((s) => [s.key, s.locale, s.isFallback])).toEqual([
      ["EMERGENCIES", "ar", false],
      ["INSTITUTIONS", "en", true],
    ]);
    expect(guide.sections[1]!.zh).toEqual({ title: "推荐机构", body: "符合标准。" });
    expect(JSON.stringify(guide)).not.toContain("Not yet public");
    // Pasted markup is kept as text; the page renders it as text.
    expect((await getPublishedGuide(testDb(), city.slug, "en")).sections[0]!.body).toContain("<script>");
    expect((await listPublishedGuides(testDb(), "en")).map((c) => c.slug)).toContain(city.slug);
  });

  it("keeps the institutions captured at publication, whatever the catalogue does later", async () => {
    const { city, inst } = await cityWithGuide();
    await testDb().institutionTranslation.updateMany({
      where: { institutionId: inst.id },
      data: { name: "Renamed Hospital" },
    });
    await testDb().institution.update({ where: { id: inst.id }, data: { guideListed: false } });
    const guide = await getPublishedGuide(testDb(), city.slug, "fr");
    expect(guide.institutions).toEqual([
      {
        slug: inst.slug,
        name: "Guide Hospital",
        nameLocale: "en",
        nameZh: "指南医院",
        addressZh: "指南路 1 号",
        phone: "+86 10 1234 5678",
      },
    ]);
  });

  it("is not found for an unknown city or one without a published version", async () => {
    await expect(getPublishedGuide(testDb(), "atlantis", "en")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const bare = await testDb().city.create({
      data: { slug: `bare-${++n}`, nameZh: "无", province: "Test" },
    });
    await testDb().guide.create({
      data: { cityId: bare.id, versions: { create: { version: 1, status: "DRAFT" } } },
    });
    await expect(getPublishedGuide(testDb(), bare.slug, "en")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the guide as a PDF", () => {
  it("is produced with the Chinese and the Arabic text (fonts embedded), bilingual on request", async () => {
    const { city } = await cityWithGuide();
    const { pdf, filename } = await getGuidePdf(testDb(), city.slug, "ar", true);
    expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe("%PDF-");
    expect(filename).toBe(`guide-${city.slug}-v2-ar-zh.pdf`);
    const text = await pdfText(pdf);
    expect(text).toContain("الطوارئ"); // the Arabic section title, shaped and laid out right to left
    expect(text).toContain("急救"); // its Chinese text beside it
    expect(text).toContain("指南医院"); // the captured institution, in Chinese
    expect(text).toContain("120");
    // Without the bilingual view, no Chinese section titles.
    expect(await pdfText((await getGuidePdf(testDb(), city.slug, "en", false)).pdf)).not.toContain(
      "推荐机构",
    );
  });
});
