// Every institution and TCM package page of the demo catalogue describes itself
// with schema.org terms schema.org defines (issue 17): the JSON-LD the pages
// embed, built from the real use cases' answers in three locales, expands
// against the vendored schema.org context with no problem
// (tests/helpers/schema-org.ts); specialties are MedicalSpecialty members and a
// package is a TCM therapy with its price in CNY and its institution as provider.
import { beforeAll, describe, expect, it } from "vitest";
import { getInstitution } from "../../lib/catalogue/get-institution";
import { getPackage } from "../../lib/catalogue/get-package";
import { hospitalJsonLd, packageJsonLd } from "../../lib/catalogue/json-ld";
import { loadDemoSeed } from "../setup/demo-db";
import { testDb } from "../helpers/db";
import { schemaOrgProblems } from "../helpers/schema-org";

const base = "https://portal.example";

describe("JSON-LD of the catalogue's pages", () => {
  beforeAll(async () => {
    await loadDemoSeed();
  });

  it("institution pages use only schema.org's terms, with MedicalSpecialty members", async () => {
    const db = testDb();
    const slugs = (await db.institution.findMany({ select: { slug: true } })).map((i) => i.slug);
    expect(slugs.length).toBeGreaterThan(5);
    for (const locale of ["en", "ar", "de"]) {
      for (const slug of slugs) {
        const d = await getInstitution(db, slug, locale);
        const doc = hospitalJsonLd(d, `${base}/${locale}/hospitals/${slug}`);
        expect(await schemaOrgProblems(doc), `${locale} ${slug}`).toEqual([]);
      }
    }
    const pumch = hospitalJsonLd(await getInstitution(db, "pumch-international", "en"), `${base}/en/x`);
    expect(pumch.medicalSpecialty).toEqual(expect.arrayContaining(["https://schema.org/Cardiovascular"]));
    expect(pumch.medicalSpecialty?.every((s) => /^https:\/\/schema\.org\/[A-Z]\w+$/.test(s))).toBe(true);
  });

  it("TCM package pages describe a traditional Chinese therapy, its price in CNY and its provider", async () => {
    const db = testDb();
    const slugs = (await db.tcmPackage.findMany({ select: { slug: true } })).map((p) => p.slug);
    expect(slugs.length).toBeGreaterThan(2);
    for (const locale of ["en", "ar", "ja"]) {
      for (const slug of slugs) {
        const p = await getPackage(db, slug, locale);
        const urls = {
          page: `${base}/${locale}/packages/${slug}`,
          institution: `${base}/${locale}/hospitals/${p.institution.slug}`,
        };
        const doc = packageJsonLd(p, urls, locale);
        expect(await schemaOrgProblems(doc), `${locale} ${slug}`).toEqual([]);
        expect(doc.inLanguage).toBe(locale);
        expect(doc.mainEntity.offers).toMatchObject({
          priceCurrency: "CNY",
          price: (p.priceFen / 100).toFixed(2),
        });
        expect(doc.mainEntity.provider["@id"]).toBe(urls.institution);
        expect(doc.mainEntity.medicineSystem).toBe("https://schema.org/TraditionalChinese");
      }
    }
  });
});
