// Catalogue stewardship by a city's health commission (issue 8): creating an
// institution, editing it, translating it with a completeness view, inviting
// its first manager; per-city scoping and bad input.
import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "../../lib/auth/actor";
import { getInstitutionEditor } from "../../lib/catalogue/manage-institution";
import { staffCommands } from "../../app/[locale]/_console/commands";
import type { AppError } from "../../lib/errors";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/staff-fixtures";

// The changes as the console's forms send them: each command reads the form and calls its use case.
const {
  addDepartment,
  createInstitution,
  setInstitutionHours,
  inviteFirstManager,
  saveInstitutionTranslation,
  updateDepartment,
  updateInstitution,
} = staffCommands;

let admin: Actor;
let otherAdmin: Actor;
let city: { slug: string };
const details = {
  nameZh: "友谊国际医院",
  addressZh: "北京市西城区永安路 95 号",
  ownership: "PUBLIC",
  grade: "TERTIARY_A",
  phone: "+86 10 6313 8585",
  latitude: "39.88",
  longitude: "116.39",
  emergency24h: "on",
  lang_en: "on",
  lang_ru: "on",
  svc_INTERPRETER: "on",
};
const fields = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as AppError).fields;
const code = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as AppError).code;

beforeAll(async () => {
  const db = testDb();
  const c = await db.city.create({ data: { slug: "catalogue-city", nameZh: "目录市", province: "Test" } });
  const other = await db.city.create({ data: { slug: "catalogue-other", nameZh: "他市", province: "Test" } });
  city = c;
  admin = (await loadActor(db, (await createUser(db, "CITY_ADMIN", { cityId: c.id })).id))!;
  otherAdmin = (await loadActor(db, (await createUser(db, "CITY_ADMIN", { cityId: other.id })).id))!;
});

describe("an institution of the city", () => {
  it("is created, edited, translated and gets its first manager, every step audited", async () => {
    const created = await createInstitution(testDb(), admin, {
      city: city.slug,
      slug: "friendship-international",
      nameEn: "Friendship International",
      addressEn: "95 Yong'an Road",
      ...details,
    });
    expect(created).toEqual({ slug: "friendship-international" });
    const row = await testDb().institution.findUniqueOrThrow({
      where: { slug: "friendship-international" },
      include: { translations: true },
    });
    expect(row).toMatchObject({
      nameZh: "友谊国际医院",
      ownership: "PUBLIC",
      emergency24h: true,
      languages: ["en", "ru"],
      services: ["INTERPRETER"],
      guideListed: false,
      isDemo: false,
    });
    expect(row.translations.map((t) => [t.locale, t.name])).toEqual([["en", "Friendship International"]]);

    await updateInstitution(testDb(), admin, {
      institution: "friendship-international",
      ...details,
      grade: "TERTIARY",
      emergency24h: undefined,
      lang_ja: "on",
    });
    expect(await testDb().institution.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      grade: "TERTIARY",
      emergency24h: false,
      languages: ["en", "ru", "ja"],
    });

    await saveInstitutionTranslation(testDb(), admin, {
      institution: "friendship-international",
      language: "ar",
      name: "مستشفى الصداقة الدولي",
      address: "95 طريق يونغآن",
    });
    const editor = await getInstitutionEditor(testDb(), admin, "friendship-international");
    expect(editor.completeness.find((c) => c.locale === "ar")).toEqual({
      locale: "ar",
      name: true,
      address: true,
      intlDeptName: false,
      description: false,
    });
    expect(editor.completeness.find((c) => c.locale === "fr")).toEqual({
      locale: "fr",
      name: false,
      address: false,
      intlDeptName: false,
      description: false,
    });

    expect(editor.hasManager).toBe(false);
    await inviteFirstManager(testDb(), admin, {
      institution: "friendship-international",
      email: "manager@friendship.example",
      name: "Liu Yang",
      language: "zh",
    });
    const manager = await testDb().user.findUniqueOrThrow({
      where: { email: "manager@friendship.example" },
      include: { roles: true },
    });
    expect(manager.roles).toMatchObject([{ role: "HOSPITAL_MANAGER", institutionId: row.id }]);
    expect(
      await testDb().outboxMessage.count({
        where: { toEmail: "manager@friendship.example", template: "staff-invitation" },
      }),
    ).toBe(1);
    expect(
      await code(
        inviteFirstManager(testDb(), admin, {
          institution: "friendship-international",
          email: "second@friendship.example",
          name: "Second",
          language: "en",
        }),
      ),
    ).toBe("CONFLICT");

    const actions = await testDb().auditEvent.findMany({
      where: { institutionId: row.id },
      orderBy: { createdAt: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "catalogue.institution.create",
      "catalogue.institution.update",
      "catalogue.institution.translate",
      "user.invite",
    ]);
  });

  it("keeps the international department's hours and its departments", async () => {
    await createInstitution(testDb(), admin, {
      city: city.slug,
      slug: "hours-hospital",
      nameEn: "Hours Hospital",
      addressEn: "2 Road",
      ...details,
    });
    await setInstitutionHours(testDb(), admin, {
      institution: "hours-hospital",
      open_1: "08:00",
      close_1: "17:00",
      open_6: "08:30",
      close_6: "12:00",
    });
    expect((await getInstitutionEditor(testDb(), admin, "hours-hospital")).hours).toEqual([
      { weekday: 1, open: "08:00", close: "17:00" },
      { weekday: 6, open: "08:30", close: "12:00" },
    ]);
    expect(
      await fields(setInstitutionHours(testDb(), admin, { institution: "hours-hospital", open_2: "09:00" })),
    ).toEqual({
      close_2: "required",
    });
    expect(
      await fields(
        setInstitutionHours(testDb(), admin, {
          institution: "hours-hospital",
          open_2: "17:00",
          close_2: "09:00",
        }),
      ),
    ).toEqual({ close_2: "invalid" });

    await addDepartment(testDb(), admin, {
      institution: "hours-hospital",
      specialty: "cardiology",
      fee: "900",
      nameEn: "Cardiology",
      nameZh: "心内科",
    });
    const department = await testDb().department.findFirstOrThrow({
      where: { institution: { slug: "hours-hospital" } },
      include: { translations: true },
    });
    expect(department).toMatchObject({
      slug: "cardiology",
      specialty: "cardiology",
      consultationFeeFen: 90_000,
    });
    expect(department.translations.map((t) => t.locale).sort()).toEqual(["en", "zh"]);
    expect(
      await fields(
        addDepartment(testDb(), admin, {
          institution: "hours-hospital",
          specialty: "cardiology",
          fee: "900",
          nameEn: "Again",
          nameZh: "再",
        }),
      ),
    ).toEqual({ specialty: "taken" });
    expect(
      await fields(
        addDepartment(testDb(), admin, {
          institution: "hours-hospital",
          specialty: "astrology",
          fee: "-1",
          nameEn: "x",
          nameZh: "x",
        }),
      ),
    ).toEqual({ specialty: "invalid", fee: "outOfRange" });

    // Its fee and names: Arabic added, Chinese required.
    await updateDepartment(testDb(), admin, {
      institution: "hours-hospital",
      department: "cardiology",
      fee: "1000",
      name_en: "Cardiology",
      name_zh: "心内科",
      name_ar: "أمراض القلب",
    });
    const updated = await testDb().department.findFirstOrThrow({
      where: { id: department.id },
      include: { translations: true },
    });
    expect(updated.consultationFeeFen).toBe(100_000);
    expect(updated.translations.map((t) => t.locale).sort()).toEqual(["ar", "en", "zh"]);
    expect(
      await fields(
        updateDepartment(testDb(), admin, {
          institution: "hours-hospital",
          department: "cardiology",
          fee: "1000",
          name_en: "Cardiology",
        }),
      ),
    ).toEqual({ name_zh: "required" });
  });

  it("bad input names the field and changes nothing; another city's admin gets 403", async () => {
    const base = {
      city: city.slug,
      slug: "bad-input-hospital",
      nameEn: "Bad Input",
      addressEn: "1 Road",
      ...details,
    };
    expect(await fields(createInstitution(testDb(), admin, { ...base, phone: "12" }))).toEqual({
      phone: "invalid",
    });
    expect(await fields(createInstitution(testDb(), admin, { ...base, latitude: "200" }))).toEqual({
      latitude: "outOfRange",
    });
    expect(await fields(createInstitution(testDb(), admin, { ...base, slug: "Not A Slug" }))).toEqual({
      slug: "invalid",
    });
    expect(await fields(createInstitution(testDb(), admin, { ...base, nameZh: "  " }))).toEqual({
      nameZh: "required",
    });
    expect(
      await fields(createInstitution(testDb(), admin, { ...base, slug: "friendship-international" })),
    ).toEqual({ slug: "taken" });
    expect(await testDb().institution.count({ where: { slug: "bad-input-hospital" } })).toBe(0);
    expect(await code(createInstitution(testDb(), otherAdmin, base))).toBe("FORBIDDEN");
    expect(
      await code(
        updateInstitution(testDb(), otherAdmin, { institution: "friendship-international", ...details }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await code(
        saveInstitutionTranslation(testDb(), otherAdmin, {
          institution: "friendship-international",
          language: "fr",
          name: "x",
        }),
      ),
    ).toBe("FORBIDDEN");
  });
});
