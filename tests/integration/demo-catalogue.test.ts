// The demo catalogue is loaded through the catalogue importer at first start
// (issue 19): the seeded database holds exactly what lib/seed/demo-catalogue/*.csv
// say (a dry run of the same files finds every row unchanged), every row is
// flagged as demo data, and what an import never writes (schedules, slots,
// guide listing) is seeded around it.
import { beforeAll, describe, expect, it } from "vitest";
import { isValidCreditCode } from "../../lib/catalogue/credit-code";
import { parseHours } from "../../lib/catalogue/hours";
import { planCatalogue } from "../../lib/catalogue/import/catalogue-import";
import { readCatalogueFile } from "../../lib/catalogue/import/read-file";
import {
  DEMO_CATALOGUE_FILES,
  DEMO_NOT_GUIDE_LISTED,
  DEMO_ONBOARDING,
  demoCatalogueFile,
  demoInstitutions,
} from "../../lib/seed/demo-data";
import { loadDemoSeed } from "../setup/demo-db";
import { testDb } from "../helpers/db";

beforeAll(async () => {
  await loadDemoSeed();
}, 180_000);

const read = (fileName: (typeof DEMO_CATALOGUE_FILES)[number]) =>
  readCatalogueFile(demoCatalogueFile(fileName), fileName);

describe("the demo catalogue, loaded through the importer", () => {
  it.each(DEMO_CATALOGUE_FILES)(
    "%s: a dry run of the same file on the seeded database finds every row unchanged",
    async (fileName) => {
      const file = await read(fileName);
      expect(file.problems).toEqual([]);
      const { plan } = await testDb().$transaction((tx) => planCatalogue(tx, { cityIds: null }, file));
      const rows = file.sheets.reduce((n, s) => n + s.rows.length, 0);
      expect(rows).toBeGreaterThan(0);
      expect(plan.rows.filter((r) => r.action !== "unchanged")).toEqual([]);
      expect(plan.counts).toMatchObject({ unchanged: rows, create: 0, update: 0, error: 0 });
    },
  );

  it("holds every row of the files, and only those, flagged as demo data", async () => {
    const db = testDb();
    const [institutions, departments, packages, agreements] = await Promise.all(
      DEMO_CATALOGUE_FILES.map(async (f) => (await read(f)).sheets[0]!.rows.length),
    );
    expect(await db.institution.count({ where: { isDemo: true } })).toBe(institutions);
    expect(await db.institution.count()).toBe(institutions);
    expect(await db.department.count()).toBe(departments);
    expect(await db.tcmPackage.count({ where: { isDemo: true } })).toBe(packages);
    expect(await db.tcmPackage.count()).toBe(packages);
    expect(await db.directBillingAgreement.count({ where: { isDemo: true } })).toBe(agreements);
    expect(await db.directBillingAgreement.count()).toBe(agreements);
    expect(demoInstitutions).toHaveLength(institutions!);

    const stored = await db.institution.findMany({
      select: { slug: true, creditCode: true, guideListed: true, guideListedAt: true },
    });
    for (const inst of stored) {
      // Illustrative codes (not the real registrations), with valid check characters.
      expect(isValidCreditCode(inst.creditCode ?? ""), inst.slug).toBe(true);
      const listed = !DEMO_NOT_GUIDE_LISTED.includes(inst.slug);
      expect(inst.guideListed, inst.slug).toBe(listed);
      expect(inst.guideListedAt !== null, inst.slug).toBe(listed);
    }
  });

  it("keeps the catalogue the pages and tests know: names in every language given, fees, hours, agreements", async () => {
    const db = testDb();
    const pumch = await db.institution.findUniqueOrThrow({
      where: { slug: "pumch-international" },
      include: {
        translations: true,
        departments: { include: { translations: true } },
        agreements: { include: { insurer: true } },
      },
    });
    expect(pumch.namePinyin).toBe("bei jing xie he yi yuan");
    expect(pumch.intlDeptEmail).toBe("international@pumch-international.demo.example");
    expect(pumch.acceptedPayments).toEqual([
      "visa",
      "mastercard",
      "unionpay",
      "alipay_foreign",
      "wechat_foreign",
      "cash",
    ]);
    expect(parseHours(pumch.intlDeptHours).map((h) => `${h.weekday} ${h.open}-${h.close}`)).toEqual([
      "1 08:00-17:00",
      "2 08:00-17:00",
      "3 08:00-17:00",
      "4 08:00-17:00",
      "5 08:00-17:00",
      "6 08:00-12:00",
    ]);
    expect(pumch.translations.map((t) => t.locale).sort()).toEqual(
      ["ar", "de", "en", "es", "fr", "id", "ja", "ko", "ru", "zh"].sort(),
    );
    expect(pumch.translations.find((t) => t.locale === "zh")).toMatchObject({
      name: "北京协和医院",
      address: "北京市东城区帅府园1号",
      intlDeptName: "国际医疗部",
    });
    expect(pumch.translations.find((t) => t.locale === "ar")).toMatchObject({
      name: "مستشفى كلية بكين الاتحادية الطبية",
      address: null,
      description: null,
    });
    const cardiology = pumch.departments.find((d) => d.slug === "cardiology")!;
    expect(cardiology.consultationFeeFen).toBe(100_000);
    expect(cardiology.translations.find((t) => t.locale === "ja")?.name).toBe("循環器内科");
    const inpatient = pumch.agreements.find(
      (a) => a.insurer.slug === "cigna-global" && a.scope === "INPATIENT",
    )!;
    expect(inpatient).toMatchObject({
      preauthRequired: true,
      preauthLeadDays: 3,
      documents: ["passport", "insurance_card", "guarantee_letter"],
      validFrom: new Date("2025-01-01T00:00:00Z"),
      validTo: new Date("2031-12-31T00:00:00Z"),
    });

    const metabolic = await db.tcmPackage.findUniqueOrThrow({
      where: { slug: "cjfh-metabolic-syndrome" },
      include: { translations: true },
    });
    expect(metabolic).toMatchObject({ sessions: 12, durationDays: 28, priceFen: 860_000 });
    expect(metabolic.translations.map((t) => t.locale).sort()).toEqual(["en", "ja", "zh"]);
  });

  it("gives every department and package a weekly schedule, on the days its international department is open", async () => {
    const institutions = await testDb().institution.findMany({
      include: {
        departments: { include: { schedules: { include: { rules: true } } } },
        packages: { include: { schedules: { include: { rules: true } } } },
        _count: { select: { slots: true } },
      },
    });
    for (const inst of institutions) {
      const open = new Set(parseHours(inst.intlDeptHours).map((h) => h.weekday));
      for (const d of inst.departments) {
        expect(d.schedules, `${inst.slug}/${d.slug}`).toHaveLength(1);
        const days = [...new Set(d.schedules[0]!.rules.map((r) => r.weekday))].sort();
        expect(days, `${inst.slug}/${d.slug}`).toEqual([1, 2, 3, 4, 5, 6].filter((w) => open.has(w)));
      }
      for (const p of inst.packages) {
        expect(p.schedules, p.slug).toHaveLength(1);
        expect(p.schedules[0]!.rules, p.slug).toHaveLength(12);
      }
      expect(inst._count.slots > 0, inst.slug).toBe(!DEMO_ONBOARDING.includes(inst.slug));
    }
  });
});
