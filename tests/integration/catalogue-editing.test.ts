// Editing what could not be edited (issue 19, item 2): an institution's slug
// (old URLs redirect, chained renames, a taken slug refused), TCM packages
// (create, edit, retire: out of search, sitemap, FHIR and booking, bookings
// kept), departments (removed without bookings, retired with them), the
// international department's translated name and accreditations; another
// city's admin gets a 403 and every change is audited.
import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "../../lib/auth/actor";
import { renameInstitutionSlug, resolveInstitutionSlug } from "../../lib/catalogue/institution-slug";
import { getInstitution } from "../../lib/catalogue/get-institution";
import { getPackage } from "../../lib/catalogue/get-package";
import { getInstitutionEditor } from "../../lib/catalogue/manage-institution";
import { listInstitutionPackages } from "../../lib/catalogue/manage-package";
import { searchPackages } from "../../lib/catalogue/search-packages";
import { packageQuerySchema } from "../../lib/catalogue/package-filters";
import { searchHospitals } from "../../lib/catalogue/search-hospitals";
import { hospitalQuerySchema } from "../../lib/catalogue/hospital-filters";
import { sitemapPaths } from "../../lib/catalogue/sitemap";
import { createHold } from "../../lib/booking/holds";
import { listSlots, slotQuerySchema } from "../../lib/booking/list-slots";
import { getBooking } from "../../lib/booking/manage-booking";
import { healthcareServiceSearchSchema, searchHealthcareServices } from "../../lib/fhir/directory/searches";
import { directoryText } from "../../lib/fhir/directory/text";
import { staffCommands } from "../../app/[locale]/_console/commands";
import { GET as getHospital } from "../../app/api/v1/hospitals/[slug]/route";
import type { AppError } from "../../lib/errors";
import { testDb } from "../helpers/db";
import { book, createUser, createWorld, type World } from "../helpers/staff-fixtures";

// The changes as the console's forms send them: each command reads the form and calls its use case.
const {
  createPackage,
  updatePackage,
  retirePackage,
  removeDepartment,
  retireDepartment,
  changeInstitutionSlug,
  updateInstitution,
  saveInstitutionTranslation,
  updateDepartment,
} = staffCommands;

let world: World;
let admin: Actor;
let otherAdmin: Actor;
const failure = async (p: Promise<unknown>) =>
  (await p.then(() => null).catch((e: unknown) => e)) as AppError;
const DAY = 86_400_000;

beforeAll(async () => {
  const db = testDb();
  world = await createWorld(db);
  admin = world.actors.cityAdmin;
  const other = await db.city.create({ data: { slug: "editing-other", nameZh: "他市", province: "Test" } });
  otherAdmin = (await loadActor(db, (await createUser(db, "CITY_ADMIN", { cityId: other.id })).id))!;
});

const audits = (action: string) =>
  testDb().auditEvent.findMany({ where: { action }, orderBy: { createdAt: "asc" } });

describe("an institution's slug", () => {
  it("renames with a redirect from every old slug, and an old slug coming back stops redirecting", async () => {
    const db = testDb();
    const { institutionId, slug } = world.a;
    const first = await db.$transaction((tx) => renameInstitutionSlug(tx, institutionId, "renamed-once"));
    expect(first).toEqual({ changed: true, oldSlug: slug, slug: "renamed-once" });
    await db.$transaction((tx) => renameInstitutionSlug(tx, institutionId, "renamed-twice"));
    expect(await resolveInstitutionSlug(db, slug)).toEqual({ slug: "renamed-twice", redirected: true });
    expect(await resolveInstitutionSlug(db, "renamed-once")).toEqual({
      slug: "renamed-twice",
      redirected: true,
    });
    expect(await resolveInstitutionSlug(db, "renamed-twice")).toEqual({
      slug: "renamed-twice",
      redirected: false,
    });
    expect(await resolveInstitutionSlug(db, "never-was")).toBeNull();
    expect(
      await db.$transaction((tx) => renameInstitutionSlug(tx, institutionId, "renamed-twice")),
    ).toMatchObject({
      changed: false,
    });

    await db.$transaction((tx) => renameInstitutionSlug(tx, institutionId, slug));
    expect(await resolveInstitutionSlug(db, slug)).toEqual({ slug, redirected: false });
    expect(await resolveInstitutionSlug(db, "renamed-twice")).toEqual({ slug, redirected: true });
    expect(
      (
        await db.institutionSlugRedirect.findMany({ where: { institutionId }, orderBy: { oldSlug: "asc" } })
      ).map((r) => r.oldSlug),
    ).toEqual(["renamed-once", "renamed-twice"]);
  });

  it("refuses another institution's slug or old slug, changing nothing", async () => {
    const db = testDb();
    const b = world.b;
    for (const taken of [world.a.slug, "renamed-once"]) {
      const e = await failure(db.$transaction((tx) => renameInstitutionSlug(tx, b.institutionId, taken)));
      expect([e.code, e.fields]).toEqual(["VALIDATION_FAILED", { slug: "taken" }]);
    }
    expect((await db.institution.findUniqueOrThrow({ where: { id: b.institutionId } })).slug).toBe(b.slug);
    expect(await db.institutionSlugRedirect.count({ where: { institutionId: b.institutionId } })).toBe(0);
  });
});

const packageForm = (slug: string, extra: Record<string, string> = {}) => ({
  institution: world.a.slug,
  package: slug,
  cond_neck_back_pain: "on",
  ther_acupuncture: "on",
  ther_tuina: "on",
  sessions: "6",
  durationDays: "7",
  price: "3200",
  name_en: "Neck and back relief",
  description_en: "A week of acupuncture and tuina for chronic neck and back pain.",
  treatmentPlan_en: "Six sessions over seven days.",
  expectedOutcome_en: "Less pain and more movement.",
  contraindications_en: "Pregnancy; bleeding disorders.",
  name_zh: "颈腰痛调理",
  description_zh: "针灸推拿一周，调理慢性颈腰痛。",
  treatmentPlan_zh: "七天六次治疗。",
  expectedOutcome_zh: "疼痛减轻，活动改善。",
  contraindications_zh: "孕妇；出血性疾病。",
  ...extra,
});

/** A schedule with two future slots for the package, as a hospital would publish them. */
async function packageSlots(packageSlug: string) {
  const db = testDb();
  const pkg = await db.tcmPackage.findUniqueOrThrow({ where: { slug: packageSlug } });
  const schedule = await db.schedule.create({
    data: { institutionId: world.a.institutionId, packageId: pkg.id },
  });
  const slotIds: string[] = [];
  for (let i = 0; i < 2; i++) {
    const start = Date.now() + (5 + i) * DAY;
    const slot = await db.slot.create({
      data: {
        institutionId: world.a.institutionId,
        scheduleId: schedule.id,
        packageId: pkg.id,
        startsAt: new Date(start),
        endsAt: new Date(start + 60 * 60_000),
        capacity: 5,
      },
    });
    slotIds.push(slot.id);
  }
  return { pkg, site: { ...world.a, departmentId: "", scheduleId: schedule.id, slotIds } };
}

describe("a TCM package", () => {
  it("is created and edited by the city admin, through writeTranslations, audited", async () => {
    const db = testDb();
    expect(await createPackage(db, admin, packageForm("neck-back-week"))).toEqual({
      package: "neck-back-week",
    });
    const created = await db.tcmPackage.findUniqueOrThrow({
      where: { slug: "neck-back-week" },
      include: { translations: { orderBy: { locale: "asc" } } },
    });
    expect(created).toMatchObject({
      conditions: ["neck_back_pain"],
      therapies: ["acupuncture", "tuina"],
      sessions: 6,
      durationDays: 7,
      priceFen: 320_000,
      retiredAt: null,
    });
    expect(created.translations.map((t) => t.locale)).toEqual(["en", "zh"]);
    const zhWritten = created.translations.find((t) => t.locale === "zh")!.writtenAt;

    // A second package with the same slug is refused, naming the field.
    const taken = await failure(createPackage(db, admin, packageForm("neck-back-week")));
    expect([taken.code, taken.fields]).toEqual(["VALIDATION_FAILED", { package: "taken" }]);
    // Bad input names the form's own field and writes nothing.
    const bad = await failure(
      createPackage(db, admin, packageForm("bad-package", { price: "12.345", name_en: "", sessions: "0" })),
    );
    expect(bad.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(["name_en", "price", "sessions"]);
    expect(await db.tcmPackage.count({ where: { slug: "bad-package" } })).toBe(0);

    await updatePackage(db, admin, packageForm("neck-back-week", { price: "2980.50", sessions: "8" }));
    const edited = await db.tcmPackage.findUniqueOrThrow({
      where: { slug: "neck-back-week" },
      include: { translations: true },
    });
    expect([edited.priceFen, edited.sessions]).toEqual([298_050, 8]);
    // Texts saved again unchanged keep their written_at: nothing reads as outdated.
    expect(edited.translations.find((t) => t.locale === "zh")!.writtenAt).toEqual(zhWritten);
    expect((await audits("catalogue.package.create")).length).toBe(1);
    expect((await audits("catalogue.package.update"))[0]).toMatchObject({
      entityId: created.id,
      before: expect.objectContaining({ priceFen: 320_000 }),
      after: expect.objectContaining({ priceFen: 298_050 }),
    });

    const forbidden = await failure(createPackage(db, otherAdmin, packageForm("elsewhere")));
    expect(forbidden.code).toBe("FORBIDDEN");
  });

  it("retired, keeps its bookings but leaves search, the pages, the sitemap, FHIR and booking", async () => {
    const db = testDb();
    await createPackage(db, admin, packageForm("retiring-week"));
    const { pkg, site } = await packageSlots("retiring-week");
    const booked = await book(db, site, 0);
    const q = packageQuerySchema.parse({});
    const text = await directoryText("en");
    const fhirFound = async () =>
      (
        await searchHealthcareServices(
          db,
          healthcareServiceSearchSchema.parse({ _id: [`pkg-${pkg.id}`] }),
          text,
        )
      ).matches.length;
    expect((await searchPackages(db, q, "en")).items.map((i) => i.slug)).toContain("retiring-week");
    expect(await fhirFound()).toBe(1);

    await retirePackage(db, admin, { institution: world.a.slug, package: "retiring-week", retired: "yes" });
    expect((await db.tcmPackage.findUniqueOrThrow({ where: { id: pkg.id } })).retiredAt).not.toBeNull();
    expect((await searchPackages(db, q, "en")).items.map((i) => i.slug)).not.toContain("retiring-week");
    expect((await getInstitution(db, world.a.slug, "en")).packages.map((p) => p.slug)).not.toContain(
      "retiring-week",
    );
    expect((await failure(getPackage(db, "retiring-week", "en"))).code).toBe("NOT_FOUND");
    expect((await sitemapPaths(db)).map((e) => e.path)).not.toContain("/packages/retiring-week");
    expect(await fhirFound()).toBe(0);
    const slotQuery = slotQuerySchema.parse({ hospital: world.a.slug, package: "retiring-week" });
    expect((await failure(listSlots(db, slotQuery, {}))).code).toBe("NOT_FOUND");
    // A hold or a booking of its slot: 409 with its own code; the existing booking is still there.
    const hold = await failure(createHold(db, { slotId: site.slotIds[1]! }, "client-retired"));
    expect([hold.code, hold.status]).toEqual(["OFFERING_RETIRED", 409]);
    expect((await failure(book(db, site, 1))).code).toBe("OFFERING_RETIRED");
    const mine = await getBooking(db, booked.reference, booked.manageToken);
    expect(mine).toMatchObject({ reference: booked.reference, package: { slug: "retiring-week" } });
    expect(await db.booking.count({ where: { packageId: pkg.id } })).toBe(1);
    // The admin still lists it, marked.
    expect(
      (await listInstitutionPackages(db, admin, world.a.slug)).find((p) => p.slug === "retiring-week"),
    ).toMatchObject({ retired: true, bookings: 1 });

    await retirePackage(db, admin, { institution: world.a.slug, package: "retiring-week", retired: "no" });
    expect((await searchPackages(db, q, "en")).items.map((i) => i.slug)).toContain("retiring-week");
    expect((await createHold(db, { slotId: site.slotIds[1]! }, "client-back")).slotId).toBe(site.slotIds[1]);
    expect((await audits("catalogue.package.retire")).map((a) => a.entityId)).toEqual([pkg.id]);
    expect((await audits("catalogue.package.restore")).map((a) => a.entityId)).toEqual([pkg.id]);
  });
});

describe("a department", () => {
  it("without bookings is removed with its schedule and slots", async () => {
    const db = testDb();
    const b = world.b;
    expect(await db.slot.count({ where: { departmentId: b.departmentId } })).toBe(4);
    expect(
      (await failure(removeDepartment(db, otherAdmin, { institution: b.slug, department: "general" }))).code,
    ).toBe("FORBIDDEN");
    expect(await removeDepartment(db, admin, { institution: b.slug, department: "general" })).toEqual({
      department: "general",
    });
    expect(await db.department.count({ where: { id: b.departmentId } })).toBe(0);
    expect(await db.slot.count({ where: { departmentId: b.departmentId } })).toBe(0);
    expect(await db.schedule.count({ where: { id: b.scheduleId } })).toBe(0);
    expect((await audits("catalogue.department.remove")).map((a) => a.entityId)).toEqual([b.departmentId]);
  });

  it("with bookings is refused removal (409 naming why) and is retired instead", async () => {
    const db = testDb();
    const a = world.a;
    const booked = await book(db, a, 0);
    const refused = await failure(
      removeDepartment(db, admin, { institution: a.slug, department: "general" }),
    );
    expect([refused.code, refused.status, refused.fields]).toEqual([
      "OFFERING_HAS_BOOKINGS",
      409,
      { department: "hasBookings" },
    ]);
    expect(await db.slot.count({ where: { departmentId: a.departmentId } })).toBe(4);

    await retireDepartment(db, admin, { institution: a.slug, department: "general", retired: "yes" });
    expect((await getInstitution(db, a.slug, "en")).departments.map((d) => d.slug)).not.toContain("general");
    const found = await searchHospitals(
      db,
      hospitalQuerySchema.parse({ specialty: "general_practice" }),
      "en",
    );
    expect(found.items.map((i) => i.slug)).not.toContain(a.slug);
    expect((await failure(createHold(db, { slotId: a.slotIds[1]! }, "client-dept"))).code).toBe(
      "OFFERING_RETIRED",
    );
    expect((await getBooking(db, booked.reference, booked.manageToken)).department).toEqual({
      slug: "general",
    });
    const editor = await getInstitutionEditor(db, admin, a.slug);
    expect(editor.departments.find((d) => d.slug === "general")).toMatchObject({
      retiredAt: expect.any(Date),
    });

    await retireDepartment(db, admin, { institution: a.slug, department: "general", retired: "no" });
    expect((await getInstitution(db, a.slug, "en")).departments.map((d) => d.slug)).toContain("general");
    expect((await audits("catalogue.department.retire")).length).toBe(1);
    expect((await audits("catalogue.department.restore")).length).toBe(1);
  });

  it("names in every language go through writeTranslations: saving them unchanged keeps written_at", async () => {
    const db = testDb();
    const a = world.a;
    const names = { name_en: "General practice", name_zh: "全科", name_ar: "طب عام" };
    await updateDepartment(db, admin, { institution: a.slug, department: "general", fee: "500", ...names });
    const first = await db.departmentTranslation.findMany({ where: { departmentId: a.departmentId } });
    await updateDepartment(db, admin, { institution: a.slug, department: "general", fee: "600", ...names });
    const again = await db.departmentTranslation.findMany({ where: { departmentId: a.departmentId } });
    expect(again.map((t) => [t.locale, t.writtenAt.getTime()]).sort()).toEqual(
      first.map((t) => [t.locale, t.writtenAt.getTime()]).sort(),
    );
  });
});

describe("an institution's slug, accreditations and international department's name", () => {
  it("renames through the console with an audit row; a taken slug and another city's admin are refused", async () => {
    const db = testDb();
    const b = world.b;
    expect(await changeInstitutionSlug(db, admin, { institution: b.slug, slug: "b-renamed" })).toEqual({
      slug: "b-renamed",
    });
    expect(await resolveInstitutionSlug(db, b.slug)).toEqual({ slug: "b-renamed", redirected: true });
    expect((await audits("catalogue.institution.slug"))[0]).toMatchObject({
      before: { slug: b.slug },
      after: { slug: "b-renamed" },
    });
    const taken = await failure(
      changeInstitutionSlug(db, admin, { institution: "b-renamed", slug: world.a.slug }),
    );
    expect([taken.code, taken.fields]).toEqual(["VALIDATION_FAILED", { slug: "taken" }]);
    const bad = await failure(
      changeInstitutionSlug(db, admin, { institution: "b-renamed", slug: "Not A Slug" }),
    );
    expect([bad.code, bad.fields]).toEqual(["VALIDATION_FAILED", { slug: "invalid" }]);
    const other = await failure(
      changeInstitutionSlug(db, otherAdmin, { institution: "b-renamed", slug: "b-mine" }),
    );
    expect(other.code).toBe("FORBIDDEN");
    expect((await db.institution.findUniqueOrThrow({ where: { id: b.institutionId } })).slug).toBe(
      "b-renamed",
    );

    // The API answers the old slug with a permanent redirect keeping the query; an unknown slug is 404.
    const ctx = (slug: string) => ({ params: Promise.resolve({ slug }) });
    const moved = await getHospital(
      new Request(`http://test/api/v1/hospitals/${b.slug}?locale=ar`),
      ctx(b.slug),
    );
    expect([moved.status, moved.headers.get("location")]).toEqual([
      308,
      "/api/v1/hospitals/b-renamed?locale=ar",
    ]);
    const missing = await getHospital(
      new Request("http://test/api/v1/hospitals/never-was"),
      ctx("never-was"),
    );
    expect(missing.status).toBe(404);
  });

  it("saves accreditations and the international department's name per language", async () => {
    const db = testDb();
    const a = world.a;
    const details = {
      institution: a.slug,
      nameZh: "测试医院甲",
      addressZh: "测试路 1 号",
      ownership: "PRIVATE",
      grade: "TERTIARY_A",
      phone: "+86 10 6915 6699",
      latitude: "39.9",
      longitude: "116.4",
      lang_en: "on",
      acc_JCI: "on",
      intlDeptNameEn: "International Medical Services",
      intlDeptNameZh: "国际医疗部",
    };
    await updateInstitution(db, admin, details);
    const row = await db.institution.findUniqueOrThrow({
      where: { id: a.institutionId },
      include: { translations: { orderBy: { locale: "asc" } } },
    });
    expect(row.accreditations).toEqual(["JCI"]);
    expect(row.translations.map((t) => [t.locale, t.intlDeptName])).toEqual([
      ["en", "International Medical Services"],
      ["zh", "国际医疗部"],
    ]);
    await saveInstitutionTranslation(db, admin, {
      institution: a.slug,
      language: "ar",
      name: "مستشفى الاختبار",
      intlDeptName: "قسم الخدمات الطبية الدولية",
    });
    const arabic = await getInstitution(db, a.slug, "ar");
    expect(arabic.name).toBe("مستشفى الاختبار");
    const editor = await getInstitutionEditor(db, admin, a.slug);
    expect(editor).toMatchObject({
      accreditations: ["JCI"],
      intlDeptNameEn: "International Medical Services",
      intlDeptNameZh: "国际医疗部",
    });
    expect(editor.completeness.find((c) => c.locale === "ar")).toMatchObject({ intlDeptName: true });
    const bad = await failure(updateInstitution(db, admin, { ...details, acc_XYZ: "on" }));
    expect([bad.code, bad.fields]).toEqual(["VALIDATION_FAILED", { acc_XYZ: "unknown" }]);
    expect((await audits("catalogue.institution.update")).at(-1)).toMatchObject({
      after: expect.objectContaining({ accreditations: ["JCI"], intlDeptNameZh: "国际医疗部" }),
    });
  });
});
