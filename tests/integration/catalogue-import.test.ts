// The catalogue import (issue 19, item 1), through its use cases against a
// real database: a 1,000-institution XLSX generated here (with departments,
// packages and agreements) is checked, applied, imported again unchanged
// (nothing written) and with 10 edits (exactly 10 updates with their diffs);
// a file with errors on 3 rows writes nothing and names the 3 rows; another
// city's rows are refused; a zip bomb and a formula cell are refused with
// nothing written; two applies of one job race and one gets 409; the progress
// is seen from another connection while the apply runs; an export imports
// back unchanged; the apply is audited; slots, bookings, holds, schedules and
// quota are never touched.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "../../lib/auth/actor";
import { creditCodeCheckCharacter } from "../../lib/catalogue/credit-code";
import { applyCatalogueImport } from "../../lib/catalogue/import/apply-catalogue-import";
import type { EntityKey } from "../../lib/catalogue/import/columns";
import { exportCatalogue } from "../../lib/catalogue/import/export-catalogue";
import { getImportJob } from "../../lib/catalogue/import/get-import-job";
import { importCatalogueFile } from "../../lib/catalogue/import/import-catalogue-file";
import { listImportJobs } from "../../lib/catalogue/import/list-import-jobs";
import { planCatalogueImport } from "../../lib/catalogue/import/plan-catalogue-import";
import { AppError } from "../../lib/errors";
import { testDb } from "../helpers/db";
import { book, createUser, createWorld, type World } from "../helpers/staff-fixtures";

let world: World;
let admin: Actor;
let otherAdmin: Actor;
let systemAdmin: Actor;
let citySlug: string;
let otherCitySlug: string;

const failure = async (p: Promise<unknown>) => {
  const e = await p.then(() => null).catch((error: unknown) => error);
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
};

/** A valid unified social credit code per number (check character computed). */
export function creditCode(n: number, prefix = "91110000"): string {
  const first17 = `${prefix}${String(n).padStart(17 - prefix.length, "0")}`;
  return first17 + creditCodeCheckCharacter(first17)!;
}

type Rows = Partial<Record<EntityKey, Record<string, string>[]>>;

/** An XLSX with a sheet per entity, headers the bare column keys, every cell text. */
async function xlsx(sheets: Rows, edit?: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [entity, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(entity);
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    ws.addRow(keys);
    for (const r of rows) ws.addRow(keys.map((k) => r[k] ?? ""));
  }
  edit?.(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function institution(n: number, city: string): Record<string, string> {
  return {
    credit_code: creditCode(n),
    slug: `import-hospital-${n}`,
    city,
    name_zh: `导入测试医院${n}号`,
    name_en: `Import Test Hospital ${n}`,
    address_zh: `北京市东城区测试路${n}号`,
    address_en: `${n} Test Road, Dongcheng`,
    latitude: "39.9139",
    longitude: "116.4172",
    ownership: n % 3 === 0 ? "PRIVATE" : "PUBLIC",
    grade: "TERTIARY_A",
    phone: "+86 10 6915 6699",
    email: `intl${n}@hospital.cn`,
    website: `https://hospital${n}.cn`,
    emergency_24h: n % 2 === 0 ? "yes" : "no",
    languages: "en; zh; ru",
    services: "INTERPRETER; VISA_SUPPORT_LETTER",
    accreditations: n % 10 === 0 ? "JCI" : "",
    accepted_payments: "visa; unionpay",
    hours: "Mon-Fri 08:00-17:00; Sat 08:00-12:00",
    cancellation_window_hours: "24",
    intl_dept_name_en: "International Medical Services",
    intl_dept_name_zh: "国际医疗部",
    description_en: `A test hospital number ${n}.`,
    description_zh: "",
    name_ru: `Тестовая больница ${n}`,
  };
}

function department(n: number): Record<string, string> {
  return {
    credit_code: creditCode(n),
    department: "cardiology",
    specialty: "cardiology",
    fee_cny: "300",
    name_en: "Cardiology",
    name_zh: "心内科",
    description_en: "",
    retired: "no",
  };
}

function tcmPackage(n: number): Record<string, string> {
  return {
    package: `import-package-${n}`,
    credit_code: creditCode(n),
    name_en: `Sleep well, seven days (${n})`,
    description_en: "Acupuncture and tuina for insomnia.",
    treatment_plan_en: "Five sessions over seven days.",
    expected_outcome_en: "Better sleep.",
    contraindications_en: "Pregnancy.",
    conditions: "insomnia",
    therapies: "acupuncture; tuina",
    sessions: "5",
    duration_days: "7",
    price_cny: "1280.50",
    retired: "no",
  };
}

function agreement(n: number): Record<string, string> {
  return {
    credit_code: creditCode(n),
    insurer: "import-test-insurer",
    scope: "OUTPATIENT",
    preauth_lead_days: "2",
    documents: "passport; insurance_card",
    valid_from: "2026-01-01",
    valid_to: "2027-12-31",
  };
}

/** What an import must never touch: every row of booking, slot, hold, schedule and quota tables. */
async function untouchable() {
  const db = testDb();
  return {
    slots: await db.slot.findMany({ orderBy: { id: "asc" } }),
    bookings: await db.booking.findMany({ orderBy: { id: "asc" } }),
    holds: await db.hold.findMany({ orderBy: { id: "asc" } }),
    schedules: await db.schedule.findMany({ orderBy: { id: "asc" } }),
    quotaRules: await db.quotaRule.findMany({ orderBy: { id: "asc" } }),
    quotaPeriods: await db.quotaPeriod.findMany({ orderBy: { id: "asc" } }),
  };
}

beforeAll(async () => {
  const db = testDb();
  world = await createWorld(db);
  await book(db, world.a);
  const city = await db.city.findUniqueOrThrow({ where: { id: world.cityId } });
  citySlug = city.slug;
  const other = await db.city.create({
    data: { slug: "import-other-city", nameZh: "他市", province: "Hebei" },
  });
  otherCitySlug = other.slug;
  await db.insurer.create({ data: { slug: "import-test-insurer", name: "Import Test Insurer" } });
  admin = world.actors.cityAdmin;
  systemAdmin = world.actors.systemAdmin;
  otherAdmin = (await loadActor(db, (await createUser(db, "CITY_ADMIN", { cityId: other.id })).id))!;
});

const N = 1000;

describe("a city of 1,000 institutions", () => {
  let bytes: Uint8Array;
  const sheets = (): Rows => ({
    institutions: Array.from({ length: N }, (_, i) => institution(i + 1, citySlug)),
    departments: Array.from({ length: N }, (_, i) => department(i + 1)),
    packages: Array.from({ length: 200 }, (_, i) => tcmPackage(i + 1)),
    agreements: Array.from({ length: 100 }, (_, i) => agreement(i + 1)),
  });
  const total = N + N + 200 + 100;

  it("is checked (every row a create, nothing written), then applied with its progress seen from another connection", async () => {
    const db = testDb();
    const before = await untouchable();
    bytes = await xlsx(sheets());
    const { jobId, plan } = await planCatalogueImport(db, admin, {
      fileName: "city.xlsx",
      bytes,
      locale: "en",
    });
    expect(plan.counts).toEqual({ create: total, update: 0, unchanged: 0, error: 0 });
    expect(plan.fileProblems).toEqual([]);
    expect(await db.institution.count({ where: { slug: { startsWith: "import-hospital-" } } })).toBe(0);
    expect(plan.rows[0]).toMatchObject({
      sheet: "institutions",
      row: 2,
      key: creditCode(1),
      label: "Import Test Hospital 1",
      action: "create",
    });

    // The job page's poll, on its own connection while the apply runs.
    const seen = new Set<number>();
    let applying = true;
    const poll = (async () => {
      while (applying) {
        const job = await getImportJob(db, admin, { jobId });
        if (job.status === "APPLYING") seen.add(job.processedRows);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const started = Date.now();
    const applied = await applyCatalogueImport(db, admin, { jobId }).finally(() => (applying = false));
    await poll;
    const seconds = (Date.now() - started) / 1000;
    console.info(`[catalogue-import] applied ${total} rows in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(120);
    expect(applied.counts).toEqual({ create: total, update: 0, unchanged: 0, error: 0 });
    expect([...seen].some((n) => n > 0 && n < total)).toBe(true);

    const job = await getImportJob(db, admin, { jobId });
    expect(job).toMatchObject({ status: "APPLIED", processedRows: total, totalRows: total });
    expect(job.changedInstitutions.length).toBe(200);
    const stored = await db.importJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(stored.file).toBeNull();

    const first = await db.institution.findUniqueOrThrow({
      where: { creditCode: creditCode(1) },
      include: {
        translations: true,
        departments: { include: { translations: true } },
        packages: true,
        agreements: true,
      },
    });
    expect(first).toMatchObject({
      slug: "import-hospital-1",
      cityId: world.cityId,
      nameZh: "导入测试医院1号",
      namePinyin: "dao ru ce shi yi yuan 1 hao",
      ownership: "PUBLIC",
      grade: "TERTIARY_A",
      intlDeptPhone: "+86 10 6915 6699",
      languages: ["zh", "en", "ru"],
      services: ["INTERPRETER", "VISA_SUPPORT_LETTER"],
      acceptedPayments: ["visa", "unionpay"],
      intlDeptHours: [1, 2, 3, 4, 5]
        .map((weekday) => ({ weekday, open: "08:00", close: "17:00" }))
        .concat({
          weekday: 6,
          open: "08:00",
          close: "12:00",
        }),
    });
    expect(Object.fromEntries(first.translations.map((t) => [t.locale, t.name]))).toEqual({
      en: "Import Test Hospital 1",
      zh: "导入测试医院1号",
      ru: "Тестовая больница 1",
    });
    expect(first.translations.find((t) => t.locale === "zh")).toMatchObject({
      address: "北京市东城区测试路1号",
      intlDeptName: "国际医疗部",
    });
    expect(first.departments[0]).toMatchObject({
      slug: "cardiology",
      consultationFeeFen: 30_000,
      retiredAt: null,
    });
    expect(first.packages[0]).toMatchObject({ slug: "import-package-1", priceFen: 128_050, sessions: 5 });
    expect(first.agreements[0]).toMatchObject({
      preauthRequired: true,
      preauthLeadDays: 2,
      scope: "OUTPATIENT",
    });

    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "catalogue.import.apply", entityId: jobId },
    });
    expect(audit).toMatchObject({ actorId: admin.userId, actorRole: "CITY_ADMIN", entityType: "import_job" });
    expect(audit.after).toMatchObject({
      fileName: "city.xlsx",
      sha256: stored.fileSha256,
      counts: { create: total },
    });
    expect(await untouchable()).toEqual(before);
  }, 300_000);

  it("imported again is unchanged row for row and writes nothing", async () => {
    const db = testDb();
    const stamp = async () => ({
      institution: await db.institution.aggregate({ _max: { updatedAt: true } }),
      translation: await db.institutionTranslation.aggregate({ _max: { writtenAt: true } }),
      department: await db.department.aggregate({ _max: { updatedAt: true } }),
      departmentText: await db.departmentTranslation.aggregate({ _max: { writtenAt: true } }),
      pkg: await db.tcmPackage.aggregate({ _max: { updatedAt: true } }),
      agreements: await db.directBillingAgreement.count(),
      institutions: await db.institution.count(),
    });
    const before = await stamp();
    const { jobId, plan } = await planCatalogueImport(db, admin, {
      fileName: "again.xlsx",
      bytes,
      locale: "en",
    });
    expect(plan.counts).toEqual({ create: 0, update: 0, unchanged: total, error: 0 });
    await applyCatalogueImport(db, admin, { jobId });
    expect(await stamp()).toEqual(before);
  }, 300_000);

  it("with 10 edits is exactly 10 updates, each with its diff, and only they are written", async () => {
    const db = testDb();
    const rows = sheets();
    const inst = rows.institutions!;
    inst[4]!.name_en = "Edited Hospital 5";
    inst[9]!.phone = "+86 10 8888 6666";
    inst[19]!.name_zh = "改名医院";
    inst[29]!.slug = "renamed-hospital-30";
    inst[39]!.hours = "Mon-Sun 00:00-23:59";
    inst[49]!.name_ru = "Новое имя";
    rows.departments![59]!.fee_cny = "450.50";
    rows.departments![69]!.retired = "yes";
    rows.packages![79]!.price_cny = "1500";
    rows.agreements![89]!.valid_to = "2028-06-30";
    const edited = await xlsx(rows);
    const untouchedBefore = await db.institution.findUniqueOrThrow({ where: { creditCode: creditCode(2) } });
    const { jobId, plan } = await planCatalogueImport(db, admin, {
      fileName: "edits.xlsx",
      bytes: edited,
      locale: "en",
    });
    expect(plan.counts).toEqual({ create: 0, update: 10, unchanged: total - 10, error: 0 });
    const updates = plan.rows.filter((r) => r.action === "update").map((r) => [r.sheet, r.key, r.changes]);
    expect(updates).toEqual([
      [
        "institutions",
        creditCode(5),
        [{ column: "name_en", before: "Import Test Hospital 5", after: "Edited Hospital 5" }],
      ],
      [
        "institutions",
        creditCode(10),
        [{ column: "phone", before: "+86 10 6915 6699", after: "+86 10 8888 6666" }],
      ],
      [
        "institutions",
        creditCode(20),
        [{ column: "name_zh", before: "导入测试医院20号", after: "改名医院" }],
      ],
      [
        "institutions",
        creditCode(30),
        [{ column: "slug", before: "import-hospital-30", after: "renamed-hospital-30" }],
      ],
      [
        "institutions",
        creditCode(40),
        [{ column: "hours", before: "Mon-Fri 08:00-17:00; Sat 08:00-12:00", after: "Mon-Sun 00:00-23:59" }],
      ],
      [
        "institutions",
        creditCode(50),
        [{ column: "name_ru", before: "Тестовая больница 50", after: "Новое имя" }],
      ],
      [
        "departments",
        `${creditCode(60)} / cardiology`,
        [{ column: "fee_cny", before: "300", after: "450.50" }],
      ],
      ["departments", `${creditCode(70)} / cardiology`, [{ column: "retired", before: "no", after: "yes" }]],
      ["packages", "import-package-80", [{ column: "price_cny", before: "1280.50", after: "1500" }]],
      [
        "agreements",
        `${creditCode(90)} / import-test-insurer / OUTPATIENT / 2026-01-01`,
        [{ column: "valid_to", before: "2027-12-31", after: "2028-06-30" }],
      ],
    ]);
    const started = new Date();
    await applyCatalogueImport(db, admin, { jobId });
    // Only the edited rows were written: 4 institutions (phone, Chinese name, slug, hours), the
    // English, Chinese and Russian names of 3, 2 departments, 1 package.
    const since = { gte: started };
    expect(
      await Promise.all([
        db.institution.count({ where: { updatedAt: since } }),
        db.institutionTranslation.findMany({
          where: { writtenAt: since },
          select: { locale: true, institution: { select: { creditCode: true } } },
          orderBy: { locale: "asc" },
        }),
        db.department.count({ where: { updatedAt: since } }),
        db.departmentTranslation.count({ where: { writtenAt: since } }),
        db.tcmPackage.count({ where: { updatedAt: since } }),
        db.tcmPackageTranslation.count({ where: { writtenAt: since } }),
      ]),
    ).toEqual([
      4,
      [
        { locale: "en", institution: { creditCode: creditCode(5) } },
        { locale: "ru", institution: { creditCode: creditCode(50) } },
        { locale: "zh", institution: { creditCode: creditCode(20) } },
      ],
      2,
      0,
      1,
      0,
    ]);
    const renamed = await db.institution.findUniqueOrThrow({
      where: { creditCode: creditCode(30) },
      include: { slugRedirects: true },
    });
    expect(renamed.slug).toBe("renamed-hospital-30");
    expect(renamed.slugRedirects.map((r) => r.oldSlug)).toEqual(["import-hospital-30"]);
    const renamedZh = await db.institution.findUniqueOrThrow({
      where: { creditCode: creditCode(20) },
      include: { translations: { where: { locale: "zh" } } },
    });
    expect(renamedZh).toMatchObject({ nameZh: "改名医院", namePinyin: "gai ming yi yuan" });
    expect(renamedZh.translations[0]!.name).toBe("改名医院");
    const dept = await db.department.findFirstOrThrow({
      where: { institution: { creditCode: creditCode(70) } },
    });
    expect(dept.retiredAt).not.toBeNull();
    expect(await db.institution.findUniqueOrThrow({ where: { creditCode: creditCode(2) } })).toEqual(
      untouchedBefore,
    );
    // English unchanged, so the Russian name just written is not outdated; and nothing else moved.
    const ruFifty = await db.institutionTranslation.findFirstOrThrow({
      where: { institution: { creditCode: creditCode(50) }, locale: "ru" },
    });
    expect(ruFifty.name).toBe("Новое имя");
  }, 300_000);

  it("exported as XLSX and imported again is unchanged throughout", async () => {
    const db = testDb();
    const exported = await exportCatalogue(db, admin, { city: citySlug, format: "xlsx", locale: "zh" });
    const { plan } = await planCatalogueImport(db, admin, {
      fileName: "export.xlsx",
      bytes: exported,
      locale: "zh",
    });
    expect(plan.fileProblems).toEqual([]);
    expect(plan.counts).toEqual({ create: 0, update: 0, unchanged: total, error: 0 });
    const csv = await exportCatalogue(db, admin, {
      city: citySlug,
      format: "csv",
      entity: "packages",
      locale: "ar",
    });
    const again = await planCatalogueImport(db, admin, {
      fileName: "packages.csv",
      bytes: csv,
      locale: "ar",
    });
    expect(again.plan.counts).toEqual({ create: 0, update: 0, unchanged: 200, error: 0 });
  }, 300_000);
});

describe("a file that cannot be applied", () => {
  it("with errors on 3 rows names the 3 rows (sheet, row, column) and writes nothing", async () => {
    const db = testDb();
    const bad1 = { ...institution(5001, citySlug), latitude: "north" };
    const code = creditCode(5002);
    const bad2 = {
      ...institution(5002, citySlug),
      credit_code: code.slice(0, 17) + (code[17] === "0" ? "1" : "0"),
    };
    const good = institution(5003, citySlug);
    const bad3 = { ...department(5003), specialty: "astrology" };
    const bytes = await xlsx({ institutions: [bad1, bad2, good], departments: [bad3] });
    const count = await db.institution.count();
    const { jobId, plan } = await planCatalogueImport(db, admin, {
      fileName: "bad.xlsx",
      bytes,
      locale: "en",
    });
    expect(plan.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 3 });
    const errors = plan.rows
      .filter((r) => r.action === "error")
      .map((r) => [r.sheet, r.row, r.problems!.map((p) => [p.column, p.code])]);
    expect(errors).toEqual([
      ["institutions", 2, [["latitude", "invalid"]]],
      ["institutions", 3, [["credit_code", "credit_code_check"]]],
      ["departments", 2, [["specialty", "unknown_code"]]],
    ]);
    expect((await failure(applyCatalogueImport(db, admin, { jobId }))).code).toBe("IMPORT_HAS_ERRORS");
    expect(await db.institution.count()).toBe(count);
    expect((await getImportJob(db, admin, { jobId })).status).toBe("PLANNED");
    const seed = await failure(
      importCatalogueFile(db, { bytes, fileName: "bad.xlsx", cityScope: "all", actorId: null }),
    );
    expect(seed.code).toBe("IMPORT_HAS_ERRORS");
    expect(seed.message).toContain("institutions row 2 latitude: invalid");
    expect(await db.institution.count()).toBe(count);
  });

  it("names a duplicate key, an unknown institution and insurer, a taken slug and an incomplete language", async () => {
    const db = testDb();
    const bytes = await xlsx({
      institutions: [
        institution(5101, citySlug),
        { ...institution(5101, citySlug), slug: "import-hospital-5101-again" },
        { ...institution(5102, citySlug), slug: "import-hospital-1" },
        { ...institution(5103, citySlug), address_fr: "1 rue du Test" },
      ],
      departments: [{ ...department(5199) }],
      packages: [{ ...tcmPackage(5101), name_ru: "Сон" }],
      agreements: [{ ...agreement(5101), insurer: "no-such-insurer", valid_to: "2025-12-31" }],
    });
    const { plan } = await planCatalogueImport(db, admin, { fileName: "problems.xlsx", bytes, locale: "en" });
    expect(
      plan.rows.map((r) => [r.sheet, r.row, r.action, r.problems?.map((p) => [p.column, p.code, p.params])]),
    ).toEqual([
      ["institutions", 2, "create", undefined],
      ["institutions", 3, "error", [[null, "duplicate_key", { value: creditCode(5101), first: 2 }]]],
      ["institutions", 4, "error", [["slug", "slug_taken", { column: "slug", value: "import-hospital-1" }]]],
      [
        "institutions",
        5,
        "error",
        [["name_fr", "incomplete_translation", { language: "fr", column: "name_fr" }]],
      ],
      ["departments", 2, "error", [["credit_code", "unknown_institution", { value: creditCode(5199) }]]],
      [
        "packages",
        2,
        "error",
        [["description_ru", "incomplete_translation", { language: "ru", column: "description_ru" }]],
      ],
      [
        "agreements",
        2,
        "error",
        [
          ["valid_to", "date_order", { column: "valid_to", value: "2025-12-31" }],
          ["insurer", "unknown_insurer", { value: "no-such-insurer" }],
        ],
      ],
    ]);
  });

  it("refuses another city's rows, and an update of another city's institution", async () => {
    const db = testDb();
    const bytes = await xlsx({
      institutions: [institution(6001, citySlug), { ...institution(1, otherCitySlug) }],
      departments: [department(2)],
    });
    const { plan } = await planCatalogueImport(db, otherAdmin, {
      fileName: "other.xlsx",
      bytes,
      locale: "en",
    });
    expect(
      plan.rows.map((r) => [r.sheet, r.row, r.action, r.problems?.map((p) => [p.column, p.code])]),
    ).toEqual([
      ["institutions", 2, "error", [["city", "other_city"]]],
      ["institutions", 3, "error", [["credit_code", "other_city"]]],
      ["departments", 2, "error", [["credit_code", "other_city"]]],
    ]);
    // A system admin may move institution 1 to the other city.
    const system = await planCatalogueImport(db, systemAdmin, {
      fileName: "other.xlsx",
      bytes,
      locale: "en",
    });
    expect(system.plan.counts).toMatchObject({ create: 1, error: 0 });
    // Another city's job is a 404, and their list does not show it.
    expect((await failure(getImportJob(db, otherAdmin, { jobId: system.jobId }))).code).toBe("NOT_FOUND");
    expect((await listImportJobs(db, otherAdmin)).every((j) => j.id !== system.jobId)).toBe(true);
  });

  it("refuses a formula cell and a zip bomb with a 4xx and writes nothing", async () => {
    const db = testDb();
    const count = await db.institution.count();
    const jobs = await db.importJob.count();
    const withFormula = await xlsx({ institutions: [institution(7001, citySlug)] }, (wb) => {
      wb.getWorksheet("institutions")!.getCell("E2").value = {
        formula: 'HYPERLINK("http://evil.example","x")',
      };
    });
    const { jobId, plan } = await planCatalogueImport(db, admin, {
      fileName: "formula.xlsx",
      bytes: withFormula,
      locale: "en",
    });
    expect(plan.fileProblems.map((p) => [p.sheet, p.row, p.code])).toEqual([["institutions", 2, "formula"]]);
    expect(plan.counts.error).toBe(1);
    expect((await failure(applyCatalogueImport(db, admin, { jobId }))).code).toBe("IMPORT_HAS_ERRORS");

    const zip = new JSZip();
    const good = await JSZip.loadAsync(await xlsx({ institutions: [institution(7002, citySlug)] }));
    for (const [name, entry] of Object.entries(good.files)) zip.file(name, await entry.async("uint8array"));
    zip.file("xl/worksheets/sheet1.xml", " ".repeat(50 * 1024 * 1024));
    const bomb = await zip.generateAsync({
      type: "uint8array",
      compression: "DEFLATE",
      compressionOptions: { level: 9 },
    });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const refused = await failure(
      planCatalogueImport(db, admin, { fileName: "bomb.xlsx", bytes: bomb, locale: "en" }),
    );
    expect([refused.code, refused.reason]).toEqual(["IMPORT_FILE_REJECTED", "importZipBomb"]);
    expect(await db.institution.count()).toBe(count);
    expect(await db.importJob.count()).toBe(jobs + 1);
  });
});

describe("applying a job", () => {
  it("twice at once: one applies, the other gets 409, and a third later too", async () => {
    const db = testDb();
    const bytes = await xlsx({ institutions: [institution(8001, citySlug), institution(8002, citySlug)] });
    const { jobId } = await planCatalogueImport(db, admin, { fileName: "race.xlsx", bytes, locale: "en" });
    const outcomes = await Promise.allSettled([
      applyCatalogueImport(db, admin, { jobId }),
      applyCatalogueImport(db, admin, { jobId }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as AppError).code).toBe("IMPORT_NOT_PLANNED");
    expect((await failure(applyCatalogueImport(db, admin, { jobId }))).code).toBe("IMPORT_NOT_PLANNED");
    expect(
      await db.institution.count({ where: { creditCode: { in: [creditCode(8001), creditCode(8002)] } } }),
    ).toBe(2);
  });

  it("after the catalogue changed since the dry run fails as stale (409) and rolls back", async () => {
    const db = testDb();
    const bytes = await xlsx({
      institutions: [institution(9001, citySlug), { ...institution(1, citySlug), name_en: "Stale" }],
    });
    const { jobId } = await planCatalogueImport(db, admin, { fileName: "stale.xlsx", bytes, locale: "en" });
    await db.institutionTranslation.update({
      where: {
        institutionId_locale: {
          institutionId: (await db.institution.findUniqueOrThrow({ where: { creditCode: creditCode(1) } }))
            .id,
          locale: "en",
        },
      },
      data: { name: "Changed meanwhile" },
    });
    expect((await failure(applyCatalogueImport(db, admin, { jobId }))).code).toBe("IMPORT_STALE");
    expect(await db.institution.count({ where: { creditCode: creditCode(9001) } })).toBe(0);
    expect(await getImportJob(db, admin, { jobId })).toMatchObject({
      status: "FAILED",
      errorCode: "IMPORT_STALE",
    });
  });

  it("adopts an institution the form added before credit codes existed, by its slug", async () => {
    const db = testDb();
    const b = world.b;
    const departments = await db.department.count({ where: { institutionId: b.institutionId } });
    const bytes = await xlsx({
      institutions: [{ ...institution(9201, citySlug), slug: b.slug }],
      departments: [
        {
          credit_code: creditCode(9201),
          department: "general",
          specialty: "general_practice",
          fee_cny: "500",
          name_en: "General practice",
        },
      ],
    });
    const { jobId, plan } = await planCatalogueImport(db, admin, {
      fileName: "adopt.xlsx",
      bytes,
      locale: "en",
    });
    expect(plan.rows.map((r) => [r.sheet, r.action])).toEqual([
      ["institutions", "update"],
      ["departments", "unchanged"],
    ]);
    expect(plan.rows[0]!.changes).toContainEqual({
      column: "credit_code",
      before: "",
      after: creditCode(9201),
    });
    await applyCatalogueImport(db, admin, { jobId });
    const adopted = await db.institution.findUniqueOrThrow({ where: { id: b.institutionId } });
    expect(adopted).toMatchObject({
      slug: b.slug,
      creditCode: creditCode(9201),
      nameZh: "导入测试医院9201号",
    });
    expect(await db.department.count({ where: { institutionId: b.institutionId } })).toBe(departments);
  });

  it("left APPLYING by a process that died reads as FAILED after a few minutes", async () => {
    const db = testDb();
    const bytes = await xlsx({ institutions: [institution(9101, citySlug)] });
    const { jobId } = await planCatalogueImport(db, admin, { fileName: "died.xlsx", bytes, locale: "en" });
    const then = new Date(Date.now() - 10 * 60_000);
    await db.importJob.update({ where: { id: jobId }, data: { status: "APPLYING", updatedAt: then } });
    expect((await getImportJob(db, admin, { jobId })).status).toBe("FAILED");
    expect((await getImportJob(db, admin, { jobId }, new Date(then.getTime() + 60_000))).status).toBe(
      "APPLYING",
    );
  });
});
