// The translator's workflow (issue 19 item 3): a city's untranslated texts
// exported as XLIFF 2.0, read and filled with the `xliff` package as a
// translation tool would, imported with a dry run and applied; the Russian
// pages then show the Russian text with no fallback notice. Editing the
// English source makes the Russian outdated (page flag, completeness table,
// an "outdated" export). The XLSX variant, a guide section, and the files
// that must write nothing: unknown ids, another city's text, a DOCTYPE,
// another language. Completeness on the demo catalogue.
import ExcelJS from "exceljs";
import { js2xliff, xliff2js, type XliffJs } from "xliff";
import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "../../lib/auth/actor";
import { writeTranslations } from "../../lib/catalogue/translation-text";
import { getInstitution } from "../../lib/catalogue/get-institution";
import { getPackage } from "../../lib/catalogue/get-package";
import { saveInstitutionTranslation } from "../../lib/catalogue/manage-institution";
import { saveGuideSection } from "../../lib/guide/guide-authoring";
import type { AppError } from "../../lib/errors";
import { exportTranslations } from "../../lib/translation/export-translations";
import { planTranslationImport } from "../../lib/translation/plan-translation-import";
import { applyTranslationImport } from "../../lib/translation/apply-translation-import";
import { translationCompleteness } from "../../lib/translation/translation-completeness";
import { testDb } from "../helpers/db";
import { loadDemoSeed } from "../setup/demo-db";
import { createUser } from "../helpers/staff-fixtures";

let admin: Actor;
let otherAdmin: Actor;
let systemAdmin: Actor;
const ids = { inst: "", dept: "", pkg: "", other: "", section: "" };
const T0 = new Date("2026-06-01T00:00:00Z");
const caught = async (p: Promise<unknown>) => {
  const e = (await p.then(() => null).catch((error: unknown) => error)) as AppError | null;
  return { code: e?.code, fields: e?.fields, reason: e?.reason, values: e?.values };
};

async function fixtureCity(slug: string) {
  const db = testDb();
  const city = await db.city.create({ data: { slug, nameZh: "翻译市", province: "Test" } });
  const inst = await db.institution.create({
    data: {
      slug: `${slug}-hospital`,
      cityId: city.id,
      nameZh: "翻译医院",
      addressZh: "翻译路 1 号",
      latitude: 39.9,
      longitude: 116.4,
      ownership: "PUBLIC",
      intlDeptPhone: "+86 10 6915 6699",
    },
  });
  return { city, inst };
}

beforeAll(async () => {
  await loadDemoSeed();
  const db = testDb();
  const { city, inst } = await fixtureCity("tr-city");
  const other = await fixtureCity("tr-other");
  const dept = await db.department.create({
    data: { institutionId: inst.id, slug: "cardiology", specialty: "cardiology", consultationFeeFen: 50_000 },
  });
  const pkg = await db.tcmPackage.create({
    data: {
      slug: "tr-city-neck",
      institutionId: inst.id,
      conditions: ["neck_back_pain"],
      therapies: ["acupuncture"],
      sessions: 5,
      durationDays: 5,
      priceFen: 200_000,
    },
  });
  await db.$transaction(async (tx) => {
    await writeTranslations(
      tx,
      "institution",
      [
        {
          id: inst.id,
          locale: "en",
          fields: {
            name: "Translation Hospital",
            address: "1 Translation Road",
            description: "A teaching hospital.",
          },
        },
        { id: inst.id, locale: "zh", fields: { name: "翻译医院", address: "翻译路 1 号" } },
        { id: other.inst.id, locale: "en", fields: { name: "Other City Hospital" } },
      ],
      T0,
    );
    await writeTranslations(
      tx,
      "department",
      [{ id: dept.id, locale: "en", fields: { name: "Cardiology" } }],
      T0,
    );
    await writeTranslations(
      tx,
      "package",
      [
        {
          id: pkg.id,
          locale: "en",
          fields: {
            name: "Neck relief",
            description: "Five days of care for the neck.",
            treatmentPlan: "Acupuncture daily.",
            expectedOutcome: "Less pain.",
            contraindications: "Pregnancy.",
          },
        },
      ],
      T0,
    );
  });
  ids.inst = inst.id;
  ids.dept = dept.id;
  ids.pkg = pkg.id;
  ids.other = other.inst.id;
  admin = (await loadActor(db, (await createUser(db, "CITY_ADMIN", { cityId: city.id })).id))!;
  otherAdmin = (await loadActor(db, (await createUser(db, "CITY_ADMIN", { cityId: other.city.id })).id))!;
  systemAdmin = (await loadActor(db, (await createUser(db, "SYSTEM_ADMIN", {})).id))!;
  for (const language of ["en", "zh"] as const)
    await saveGuideSection(db, admin, {
      city: "tr-city",
      section: "EMERGENCIES",
      language,
      title: language === "en" ? "Emergencies" : "急救",
      body: language === "en" ? "Call 120 for an ambulance." : "急救请拨打 120。",
    });
  const section = await db.guideSection.findFirstOrThrow({
    where: { key: "EMERGENCIES", version: { guide: { city: { slug: "tr-city" } }, status: "DRAFT" } },
  });
  ids.section = section.id;
});

const exportXliff = async (
  language: string,
  scope: "missing" | "outdated" | "missing_and_outdated" | "all",
) => {
  const file = await exportTranslations(testDb(), admin, {
    city: "tr-city",
    language: language as "ru",
    scope,
    format: "xliff",
    locale: "en",
  });
  return xliff2js(new TextDecoder().decode(file.bytes));
};
const units = (doc: XliffJs) => Object.values(doc.resources)[0] ?? {};
const bytesOf = async (doc: XliffJs) => new TextEncoder().encode(await js2xliff(doc));
const plan = (bytes: Uint8Array, language = "ru", actor = admin) =>
  planTranslationImport(testDb(), actor, {
    city: "tr-city",
    language: language as "ru",
    fileName: "ru.xlf",
    bytes,
    locale: "en",
  });
const translationRows = async (locale: string) =>
  (await testDb().institutionTranslation.count({ where: { locale } })) +
  (await testDb().departmentTranslation.count({ where: { locale } })) +
  (await testDb().tcmPackageTranslation.count({ where: { locale } })) +
  (await testDb().guideSectionTranslation.count({ where: { locale } }));

describe("an XLIFF round trip into Russian", () => {
  let filled: Uint8Array<ArrayBufferLike>;

  it("exports every missing text with its context and source date, fills it with the xliff parser, plans, applies", async () => {
    const doc = await exportXliff("ru", "missing_and_outdated");
    expect(doc.sourceLanguage).toBe("en");
    expect(doc.targetLanguage).toBe("ru");
    const exported = units(doc);
    expect(Object.keys(exported).sort()).toEqual(
      [
        `department/${ids.dept}/name`,
        `guide/${ids.section}/body`,
        `guide/${ids.section}/title`,
        `institution/${ids.inst}/address`,
        `institution/${ids.inst}/description`,
        `institution/${ids.inst}/name`,
        ...["contraindications", "description", "expectedOutcome", "name", "treatmentPlan"].map(
          (f) => `package/${ids.pkg}/${f}`,
        ),
      ].sort(),
    );
    const name = exported[`institution/${ids.inst}/name`]!;
    expect(name.source).toBe("Translation Hospital");
    expect(name.note).toEqual([
      "Translation Hospital · name",
      "source-language: en",
      `source-written-at: ${T0.toISOString()}`,
    ]);
    expect(exported[`department/${ids.dept}/name`]!.note).toContain(
      "Translation Hospital · Cardiology · name",
    );

    for (const unit of Object.values(exported)) unit.target = `RU ${unit.source}`;
    filled = await bytesOf(doc);
    const before = await translationRows("ru");
    const planned = await plan(filled);
    expect(planned.counts).toEqual({
      new: 11,
      changed: 0,
      unchanged: 0,
      skipped: 0,
      errors: 0,
      sourceChanged: 0,
    });
    expect(planned.units.find((u) => u.id === `institution/${ids.inst}/name`)).toMatchObject({
      outcome: "new",
      before: null,
      after: "RU Translation Hospital",
      context: "Translation Hospital · name",
    });
    expect(await translationRows("ru")).toBe(before); // a dry run writes nothing

    const applied = await applyTranslationImport(testDb(), admin, { job: planned.job });
    expect(applied.counts.new).toBe(11);
    const audit = await testDb().auditEvent.findFirstOrThrow({
      where: { action: "translation.import.apply", entityId: planned.job },
    });
    expect(audit.after).toMatchObject({
      language: "ru",
      new: 11,
      fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Applied once.
    expect((await caught(applyTranslationImport(testDb(), admin, { job: planned.job }))).code).toBe(
      "CONFLICT",
    );
  });

  it("shows the Russian text with no fallback and no outdated notice", async () => {
    const page = await getInstitution(testDb(), "tr-city-hospital", "ru");
    expect(page).toMatchObject({
      name: "RU Translation Hospital",
      nameLocale: "ru",
      address: "RU 1 Translation Road",
      description: "RU A teaching hospital.",
      fallbackLocales: [],
      outdated: false,
    });
    expect(page.departments[0]).toMatchObject({ name: "RU Cardiology", nameLocale: "ru" });
    const pkg = await getPackage(testDb(), "tr-city-neck", "ru");
    expect(pkg).toMatchObject({ treatmentPlan: "RU Acupuncture daily.", isFallback: false, outdated: false });
    const guide = await testDb().guideSectionTranslation.findUniqueOrThrow({
      where: { sectionId_locale: { sectionId: ids.section, locale: "ru" } },
    });
    expect(guide).toMatchObject({ title: "RU Emergencies", body: "RU Call 120 for an ambulance." });
    const table = await translationCompleteness(testDb(), admin, "tr-city", "en");
    expect(table.rows.find((r) => r.language === "ru")!.entities).toEqual({
      institutions: { total: 1, complete: 1, outdated: 0, missing: 0 },
      departments: { total: 1, complete: 1, outdated: 0, missing: 0 },
      packages: { total: 1, complete: 1, outdated: 0, missing: 0 },
      guideSections: { total: 9, complete: 1, outdated: 0, missing: 8 },
    });
    expect(Object.keys(units(await exportXliff("ru", "missing_and_outdated")))).toEqual([]);
    // The same file again changes nothing.
    const again = await plan(filled);
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: 11, errors: 0 });
  });

  it("marks the Russian outdated when the English source is edited through the admin's form", async () => {
    await saveInstitutionTranslation(testDb(), admin, {
      institution: "tr-city-hospital",
      language: "en",
      name: "Translation Teaching Hospital",
      address: "1 Translation Road",
      description: "A teaching hospital.",
    });
    const page = await getInstitution(testDb(), "tr-city-hospital", "ru");
    expect(page).toMatchObject({ name: "RU Translation Hospital", nameLocale: "ru", outdated: true });
    const table = await translationCompleteness(testDb(), admin, "tr-city", "en");
    expect(table.rows.find((r) => r.language === "ru")!.entities.institutions).toEqual({
      total: 1,
      complete: 0,
      outdated: 1,
      missing: 0,
    });
    const outdated = units(await exportXliff("ru", "outdated"));
    expect(Object.keys(outdated).sort()).toEqual(
      ["address", "description", "name"].map((f) => `institution/${ids.inst}/${f}`),
    );
    expect(outdated[`institution/${ids.inst}/name`]).toMatchObject({
      source: "Translation Teaching Hospital",
      target: "RU Translation Hospital",
    });
    // The file exported before the edit still imports, with the source change said.
    const old = await plan(filled);
    expect(old.counts.sourceChanged).toBe(3);
    expect(old.units.find((u) => u.id === `institution/${ids.inst}/name`)).toMatchObject({
      outcome: "unchanged",
      sourceChanged: true,
    });
    // Redone: current again.
    const doc = await exportXliff("ru", "outdated");
    units(doc)[`institution/${ids.inst}/name`]!.target = "RU Translation Teaching Hospital";
    const redo = await plan(await bytesOf(doc));
    expect(redo.counts).toMatchObject({ changed: 1, unchanged: 2, errors: 0 });
    await applyTranslationImport(testDb(), admin, { job: redo.job });
    expect(await getInstitution(testDb(), "tr-city-hospital", "ru")).toMatchObject({
      name: "RU Translation Teaching Hospital",
      outdated: false,
    });
  });
});

describe("the XLSX variant", () => {
  it("exports id, context, source and target columns with the header in the admin's language, and imports the filled sheet", async () => {
    const file = await exportTranslations(testDb(), admin, {
      city: "tr-city",
      language: "de",
      scope: "missing",
      format: "xlsx",
      locale: "zh",
    });
    expect(file.fileName).toMatch(/^tr-city-de-missing-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes.buffer.slice(0) as ArrayBuffer);
    const sheet = book.getWorksheet("translations")!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "编号 [id]",
      "上下文 [context]",
      "原文 [source]",
      "译文 [target:de]",
      "原文写入时间 [source_written_at]",
    ]);
    expect(sheet.rowCount).toBe(12);
    sheet.eachRow((row, n) => {
      if (n > 1) row.getCell(4).value = `DE ${String(row.getCell(3).value)}`;
    });
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const planned = await plan(bytes, "de");
    expect(planned.counts).toMatchObject({ new: 11, errors: 0 });
    await applyTranslationImport(testDb(), admin, { job: planned.job });
    expect(await getInstitution(testDb(), "tr-city-hospital", "de")).toMatchObject({
      name: "DE Translation Teaching Hospital",
      fallbackLocales: [],
      outdated: false,
    });
  });

  it("refuses a formula in the target cell as a unit error", async () => {
    const file = await exportTranslations(testDb(), admin, {
      city: "tr-city",
      language: "fr",
      scope: "missing",
      format: "xlsx",
      locale: "en",
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes.buffer.slice(0) as ArrayBuffer);
    const sheet = book.getWorksheet("translations")!;
    sheet.getRow(2).getCell(4).value = {
      formula: 'HYPERLINK("http://evil.example","x")',
    } as ExcelJS.CellFormulaValue;
    const planned = await plan(new Uint8Array(await book.xlsx.writeBuffer()), "fr");
    expect(planned.units[0]).toMatchObject({ outcome: "error", problem: "formula" });
  });
});

describe("files that write nothing", () => {
  const xliff = (language: string, body: Record<string, { source?: string; target?: string }>) =>
    bytesOf({ sourceLanguage: "en", targetLanguage: language, resources: { f: body } });

  it("names unknown ids and another city's text, and refuses to apply them", async () => {
    const before = await translationRows("ja");
    const planned = await plan(
      await xliff("ja", {
        [`institution/${ids.inst}/name`]: { target: "翻訳病院" },
        "institution/nosuchid/name": { target: "x" },
        "hospital/abc/name": { target: "x" },
        [`institution/${ids.other}/name`]: { target: "他市の病院" },
        [`institution/${ids.inst}/address`]: { target: "a\u0007b" },
        [`department/${ids.dept}/name`]: { target: "x".repeat(121) },
      }),
      "ja",
    );
    expect(planned.units.map((u) => [u.outcome, u.problem ?? null])).toEqual([
      ["new", null],
      ["error", "unknownId"],
      ["error", "unknownId"],
      ["error", "otherCity"],
      ["error", "control"],
      ["error", "tooLong"],
    ]);
    const refused = await caught(applyTranslationImport(testDb(), admin, { job: planned.job }));
    expect(refused).toMatchObject({ code: "VALIDATION_FAILED", reason: "translationImportHasErrors" });
    expect(await translationRows("ja")).toBe(before);
    expect((await testDb().importJob.findUniqueOrThrow({ where: { id: planned.job } })).status).toBe(
      "PLANNED",
    );
  });

  it("refuses a DOCTYPE or entity, another language and an oversized file whole, leaving no job", async () => {
    const jobs = await testDb().importJob.count();
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru"><file id="f"><unit id="institution/${ids.inst}/name"><segment><source>x</source><target>&lol2;</target></segment></unit></file></xliff>`;
    expect(await caught(plan(new TextEncoder().encode(bomb)))).toMatchObject({
      code: "VALIDATION_FAILED",
      fields: { file: "invalid" },
      reason: "translationFileDoctype",
    });
    expect(await caught(plan(await xliff("fr", {}), "ru"))).toMatchObject({
      code: "VALIDATION_FAILED",
      reason: "translationFileLanguage",
      values: { expected: "ru", found: "fr" },
    });
    expect(await caught(plan(new TextEncoder().encode("not xml at all")))).toMatchObject({
      reason: "translationFileUnreadable",
    });
    expect((await caught(plan(new Uint8Array(6 * 1024 * 1024)))).code).toBe("PAYLOAD_TOO_LARGE");
    expect(await testDb().importJob.count()).toBe(jobs);
  });

  it("keeps another city's admin out: export, dry run and apply", async () => {
    expect(
      (
        await caught(
          exportTranslations(testDb(), otherAdmin, {
            city: "tr-city",
            language: "ru",
            scope: "all",
            format: "xliff",
            locale: "en",
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const before = await translationRows("ko");
    const planned = await plan(
      await xliff("ko", { [`institution/${ids.inst}/name`]: { target: "번역 병원" } }),
      "ko",
    );
    expect((await caught(applyTranslationImport(testDb(), otherAdmin, { job: planned.job }))).code).toBe(
      "FORBIDDEN",
    );
    expect(await translationRows("ko")).toBe(before);
  });
});

describe("completeness on the demo catalogue", () => {
  it("counts every language of Beijing's institutions, departments, packages and guide sections", async () => {
    const db = testDb();
    const table = await translationCompleteness(db, systemAdmin, "beijing", "en");
    expect(table.rows.map((r) => r.language)).toHaveLength(14);
    const institutions = await db.institution.count({ where: { city: { slug: "beijing" } } });
    const departments = await db.department.count({
      where: { institution: { city: { slug: "beijing" } }, retiredAt: null },
    });
    const packages = await db.tcmPackage.count({
      where: { institution: { city: { slug: "beijing" } }, retiredAt: null },
    });
    expect(institutions).toBeGreaterThan(0);
    for (const row of table.rows) {
      expect(row.entities.institutions.total).toBe(institutions);
      expect(row.entities.departments.total).toBe(departments);
      expect(row.entities.packages.total).toBe(packages);
      for (const c of Object.values(row.entities)) expect(c.complete + c.outdated + c.missing).toBe(c.total);
    }
    const en = table.rows.find((r) => r.language === "en")!.entities;
    expect(en.institutions).toMatchObject({ complete: institutions, outdated: 0, missing: 0 });
    // What the issue measured: the demo's Arabic is far from complete.
    const ar = table.rows.find((r) => r.language === "ar")!.entities;
    expect(ar.institutions.complete).toBeLessThan(institutions);
    // One Arabic translation older than its English text is counted outdated, not complete.
    const inst = await db.institution.findFirstOrThrow({
      where: { city: { slug: "beijing" }, translations: { some: { locale: "ar" } } },
      include: { translations: { where: { locale: "ar" } } },
    });
    await db.institutionTranslation.update({
      where: { institutionId_locale: { institutionId: inst.id, locale: "ar" } },
      data: { writtenAt: new Date("2000-01-01T00:00:00Z") },
    });
    const after = (await translationCompleteness(db, systemAdmin, "beijing", "en")).rows.find(
      (r) => r.language === "ar",
    )!.entities.institutions;
    expect(after.outdated).toBe(ar.institutions.outdated + 1);
  });
});
