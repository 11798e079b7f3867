// Use cases of catalogue stewardship for a city's health commission: create
// an institution of the city, edit its details (accreditations and the
// international department's name included), change its slug (the old one
// redirects), write its name, address, international department's name and
// description per language (with a completeness view), and invite its first
// manager. Every change is audited; another city's institution is a 403. All
// text per language is written through writeTranslations, so a translation is
// marked outdated only when its English source really changed.
import { isValidPhoneNumber } from "libphonenumber-js";
import { z } from "zod";
import type { DbClient, TxClient } from "../db/create-client";
import type { HospitalGrade, InstitutionService, Ownership, Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { inviteUser } from "../auth/invite-user";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/permissions";
import { locales } from "../i18n/locales";
import { adminCity, institutionInCity } from "../auth/admin-city";
import { accreditations, serviceLanguages, services, ownerships, specialties } from "./codes";
import { parseHours } from "./hours";
import { toPinyin } from "./pinyin";
import { institutionSlugParam, renameInstitutionSlug } from "./institution-slug";
import { writeTranslations, type TranslationWrite } from "./translation-text";
import { slugParam } from "../slug";

const CONTROL = /[\p{Cc}\p{Cf}]/u;
/** A one-line text of at most `max` characters, trimmed, without control characters. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !CONTROL.test(v), "invalid");
export const grades = ["TERTIARY_A", "TERTIARY", "SECONDARY_A", "SECONDARY", "PRIMARY", "UNGRADED"] as const;
/** The international department's name in one language. */
export const intlDeptNameParam = text(160);

/** The details form's fields (also what the catalogue import checks an institution row with). */
export const institutionDetailFields = {
  nameZh: text(120),
  addressZh: text(300),
  ownership: z.enum(ownerships),
  grade: z.enum(grades),
  phone: z
    .string()
    .trim()
    .max(32)
    .refine((v) => isValidPhoneNumber(v, "CN"), "invalid"),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()).optional(),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  emergency24h: z.boolean(),
  /** The languages the international department serves in. */
  languages: z.array(z.enum(serviceLanguages)),
  services: z.array(z.enum(services)),
  accreditations: z.array(z.enum(accreditations)),
  /** The international department's name in English and Chinese (other languages: the translations page). */
  intlDeptNameEn: intlDeptNameParam.optional(),
  intlDeptNameZh: intlDeptNameParam.optional(),
};
const detailFields = institutionDetailFields;

export const createInstitutionSchema = z
  .object({
    city: slugParam,
    slug: institutionSlugParam,
    nameEn: text(160),
    addressEn: text(300),
    ...detailFields,
  })
  .strict();
export const updateInstitutionSchema = z.object({ institution: slugParam, ...detailFields }).strict();
export const institutionTranslationSchema = z
  .object({
    institution: slugParam,
    language: z.enum(locales),
    name: text(160),
    address: text(300).optional(),
    intlDeptName: intlDeptNameParam.optional(),
    description: z.string().trim().max(4000).optional(),
  })
  .strict();
export const changeInstitutionSlugSchema = z
  .object({ institution: slugParam, slug: institutionSlugParam })
  .strict();
export const inviteManagerSchema = z
  .object({
    institution: slugParam,
    email: z.string().trim().toLowerCase().email().max(254),
    name: text(120),
    language: z.enum(locales),
  })
  .strict();

export type CreateInstitutionInput = z.output<typeof createInstitutionSchema>;
export type UpdateInstitutionInput = z.output<typeof updateInstitutionSchema>;

function detailsData(input: UpdateInstitutionInput | CreateInstitutionInput) {
  return {
    nameZh: input.nameZh,
    // The search key a reader types without Chinese input, derived as the import derives it.
    namePinyin: toPinyin(input.nameZh),
    addressZh: input.addressZh,
    ownership: input.ownership as Ownership,
    grade: input.grade as HospitalGrade,
    intlDeptPhone: input.phone,
    intlDeptEmail: input.email ?? null,
    latitude: input.latitude,
    longitude: input.longitude,
    emergency24h: input.emergency24h,
    // In the codes' order, each once, whatever order the caller gave.
    languages: serviceLanguages.filter((l) => input.languages.includes(l)),
    services: services.filter((s) => input.services.includes(s)) as InstitutionService[],
    accreditations: accreditations.filter((a) => input.accreditations.includes(a)),
  };
}

/**
 * The international department's name in English and Chinese as translation
 * writes: a name left empty is removed; a Chinese text row that does not exist
 * yet is created with the institution's Chinese name.
 */
async function intlDeptNameWrites(tx: TxClient, id: string, input: UpdateInstitutionInput) {
  const rows = await tx.institutionTranslation.findMany({
    where: { institutionId: id, locale: { in: ["en", "zh"] } },
    select: { locale: true },
  });
  const has = (locale: string) => rows.some((r) => r.locale === locale);
  const writes: TranslationWrite<"institution">[] = [];
  if (has("en")) writes.push({ id, locale: "en", fields: { intlDeptName: input.intlDeptNameEn ?? null } });
  if (has("zh")) writes.push({ id, locale: "zh", fields: { intlDeptName: input.intlDeptNameZh ?? null } });
  else if (input.intlDeptNameZh)
    writes.push({ id, locale: "zh", fields: { name: input.nameZh, intlDeptName: input.intlDeptNameZh } });
  return writes;
}

export async function createInstitution(
  db: DbClient,
  actor: Actor | null,
  input: CreateInstitutionInput,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const city = await adminCity(db, admin, input.city);
  return db.$transaction(async (tx) => {
    const taken = await Promise.all([
      tx.institution.findUnique({ where: { slug: input.slug }, select: { id: true } }),
      tx.institutionSlugRedirect.findUnique({ where: { oldSlug: input.slug }, select: { oldSlug: true } }),
    ]);
    if (taken.some(Boolean)) throw new AppError("VALIDATION_FAILED", { fields: { slug: "taken" } });
    const data = detailsData(input);
    const created = await tx.institution.create({ data: { slug: input.slug, cityId: city.id, ...data } });
    await writeTranslations(
      tx,
      "institution",
      [
        {
          id: created.id,
          locale: "en",
          fields: { name: input.nameEn, address: input.addressEn, intlDeptName: input.intlDeptNameEn },
        },
        ...(input.intlDeptNameZh
          ? [
              {
                id: created.id,
                locale: "zh",
                fields: { name: input.nameZh, intlDeptName: input.intlDeptNameZh },
              },
            ]
          : []),
      ],
      now,
    );
    await recordAudit(tx, {
      actorId: admin.actor.userId,
      actorRole: admin.role,
      action: "catalogue.institution.create",
      entityType: "institution",
      entityId: created.id,
      institutionId: created.id,
      cityId: city.id,
      after: {
        slug: input.slug,
        ...data,
        nameEn: input.nameEn,
        intlDeptNameEn: input.intlDeptNameEn ?? null,
        intlDeptNameZh: input.intlDeptNameZh ?? null,
      },
    });
    return { slug: created.slug };
  });
}

export async function updateInstitution(
  db: DbClient,
  actor: Actor | null,
  input: UpdateInstitutionInput,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const { id, cityId } = await institutionInCity(db, admin, input.institution);
  const data = detailsData(input);
  return db.$transaction(async (tx) => {
    const before = await tx.institution.findUniqueOrThrow({
      where: { id },
      select: Object.fromEntries(Object.keys(data).map((k) => [k, true])) as Record<keyof typeof data, true>,
    });
    await tx.institution.update({ where: { id }, data });
    await writeTranslations(tx, "institution", await intlDeptNameWrites(tx, id, input), now);
    await recordAudit(tx, {
      actorId: admin.actor.userId,
      actorRole: admin.role,
      action: "catalogue.institution.update",
      entityType: "institution",
      entityId: id,
      institutionId: id,
      cityId,
      before: JSON.parse(JSON.stringify(before)),
      after: {
        ...data,
        intlDeptNameEn: input.intlDeptNameEn ?? null,
        intlDeptNameZh: input.intlDeptNameZh ?? null,
      },
    });
    return { slug: input.institution };
  });
}

export async function saveInstitutionTranslation(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof institutionTranslationSchema>,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const { id, cityId } = await institutionInCity(db, admin, input.institution);
  const fields = {
    name: input.name,
    address: input.address ?? null,
    intlDeptName: input.intlDeptName ?? null,
    description: input.description || null,
  };
  return db.$transaction(async (tx) => {
    await writeTranslations(tx, "institution", [{ id, locale: input.language, fields }], now);
    await recordAudit(tx, {
      actorId: admin.actor.userId,
      actorRole: admin.role,
      action: "catalogue.institution.translate",
      entityType: "institution",
      entityId: id,
      institutionId: id,
      cityId,
      after: { language: input.language, ...fields },
    });
    return { language: input.language };
  });
}

/**
 * A new slug for the institution: its pages and API answer the old one with a
 * permanent redirect (lib/catalogue/institution-slug.ts); another
 * institution's slug, current or old, is refused (fields.slug "taken").
 */
export async function changeInstitutionSlug(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof changeInstitutionSlugSchema>,
) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const { id, cityId } = await institutionInCity(db, admin, input.institution);
  return db.$transaction(async (tx) => {
    const rename = await renameInstitutionSlug(tx, id, input.slug);
    if (rename.changed)
      await recordAudit(tx, {
        actorId: admin.actor.userId,
        actorRole: admin.role,
        action: "catalogue.institution.slug",
        entityType: "institution",
        entityId: id,
        institutionId: id,
        cityId,
        before: { slug: rename.oldSlug },
        after: { slug: rename.slug },
      });
    return { slug: rename.slug };
  });
}

/** The institution's first manager: an invitation (one-time link by e-mail) while it has none. */
export async function inviteFirstManager(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof inviteManagerSchema>,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const { id, cityId } = await institutionInCity(db, admin, input.institution);
  return db.$transaction(async (tx) => {
    const managers = await tx.roleAssignment.count({
      where: { institutionId: id, role: "HOSPITAL_MANAGER" },
    });
    if (managers > 0) throw new AppError("CONFLICT", { detail: "the institution already has a manager" });
    return inviteUser(
      tx,
      {
        email: input.email,
        name: input.name,
        language: input.language,
        role: "HOSPITAL_MANAGER",
        institution: { id, slug: input.institution, cityId },
        by: { userId: admin.actor.userId, role: admin.role, name: admin.actor.name },
      },
      now,
    );
  });
}

/** What the details form and the translations view show. */
export async function getInstitutionEditor(db: DbClient, actor: Actor | null, slug: string) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const { id } = await institutionInCity(db, admin, slug);
  const i = await db.institution.findUniqueOrThrow({
    where: { id },
    select: {
      slug: true,
      nameZh: true,
      addressZh: true,
      ownership: true,
      grade: true,
      intlDeptPhone: true,
      intlDeptEmail: true,
      latitude: true,
      longitude: true,
      emergency24h: true,
      languages: true,
      services: true,
      accreditations: true,
      translations: {
        select: { locale: true, name: true, address: true, intlDeptName: true, description: true },
      },
      intlDeptHours: true,
      departments: {
        select: {
          slug: true,
          specialty: true,
          consultationFeeFen: true,
          retiredAt: true,
          translations: { select: { locale: true, name: true } },
          _count: { select: { bookings: true } },
        },
        orderBy: { slug: "asc" },
      },
      _count: { select: { roleAssignments: { where: { role: "HOSPITAL_MANAGER" } } } },
    },
  });
  return {
    ...i,
    hasManager: i._count.roleAssignments > 0,
    hours: parseHours(i.intlDeptHours),
    intlDeptNameEn: i.translations.find((t) => t.locale === "en")?.intlDeptName ?? null,
    intlDeptNameZh: i.translations.find((t) => t.locale === "zh")?.intlDeptName ?? null,
    completeness: locales.map((l) => {
      const t = i.translations.find((x) => x.locale === l);
      return {
        locale: l,
        name: Boolean(t?.name),
        address: Boolean(t?.address),
        intlDeptName: Boolean(t?.intlDeptName),
        description: Boolean(t?.description),
      };
    }),
  };
}

/** A time of day, "HH:MM" (Beijing time). */
export const timeOfDayParam = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const setHoursSchema = z
  .object({
    institution: slugParam,
    /** The open days, each once (0 = Sunday); a day not listed is closed. */
    hours: z
      .array(
        z
          .object({ weekday: z.number().int().min(0).max(6), open: timeOfDayParam, close: timeOfDayParam })
          .refine((day) => day.close > day.open, { path: ["close"], message: "invalid" }),
      )
      .max(7)
      .refine((days) => new Set(days.map((d) => d.weekday)).size === days.length, "invalid"),
  })
  .strict();
export type SetHoursInput = z.output<typeof setHoursSchema>;

/** The international department's weekly hours (Beijing time); a day left out is closed. */
export async function setInstitutionHours(db: DbClient, actor: Actor | null, input: SetHoursInput) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const { id, cityId } = await institutionInCity(db, admin, input.institution);
  const hours = [...input.hours]
    .sort((a, b) => a.weekday - b.weekday)
    .map(({ weekday, open, close }) => ({ weekday, open, close }));
  return db.$transaction(async (tx) => {
    const before = await tx.institution.findUniqueOrThrow({ where: { id }, select: { intlDeptHours: true } });
    await tx.institution.update({ where: { id }, data: { intlDeptHours: hours } });
    await recordAudit(tx, {
      actorId: admin.actor.userId,
      actorRole: admin.role,
      action: "catalogue.institution.hours",
      entityType: "institution",
      entityId: id,
      institutionId: id,
      cityId,
      before: { hours: before.intlDeptHours as Prisma.InputJsonValue },
      after: { hours },
    });
    return { days: hours.length };
  });
}

export const addDepartmentSchema = z
  .object({
    institution: slugParam,
    specialty: z.enum(specialties),
    /** The consultation fee in whole yuan (CNY). */
    fee: z.number().int().min(0).max(100_000),
    nameEn: text(120),
    nameZh: text(120),
  })
  .strict();
export type AddDepartmentInput = z.output<typeof addDepartmentSchema>;

/** A department (specialty) with its consultation fee in CNY and its English and Chinese names. */
export async function addDepartment(
  db: DbClient,
  actor: Actor | null,
  input: AddDepartmentInput,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const { id, cityId } = await institutionInCity(db, admin, input.institution);
  const slug = input.specialty.replaceAll("_", "-");
  return db.$transaction(async (tx) => {
    if (
      await tx.department.findUnique({
        where: { institutionId_slug: { institutionId: id, slug } },
        select: { id: true },
      })
    )
      throw new AppError("VALIDATION_FAILED", { fields: { specialty: "taken" } });
    const department = await tx.department.create({
      data: {
        institutionId: id,
        slug,
        specialty: input.specialty,
        consultationFeeFen: input.fee * 100,
      },
    });
    await writeTranslations(
      tx,
      "department",
      [
        { id: department.id, locale: "en", fields: { name: input.nameEn } },
        { id: department.id, locale: "zh", fields: { name: input.nameZh } },
      ],
      now,
    );
    await recordAudit(tx, {
      actorId: admin.actor.userId,
      actorRole: admin.role,
      action: "catalogue.department.add",
      entityType: "department",
      entityId: department.id,
      institutionId: id,
      cityId,
      after: {
        slug,
        specialty: input.specialty,
        feeYuan: input.fee,
        nameEn: input.nameEn,
        nameZh: input.nameZh,
      },
    });
    return { slug };
  });
}

export const updateDepartmentSchema = z
  .object({
    institution: slugParam,
    department: slugParam,
    /** The consultation fee in whole yuan (CNY). */
    fee: z.number().int().min(0).max(100_000),
    /** Its name per language; English and Chinese required, a language left out is removed. */
    names: z.partialRecord(z.enum(locales), text(120)),
  })
  .strict()
  .superRefine((v, ctx) => {
    for (const l of ["en", "zh"] as const)
      if (!v.names[l]) ctx.addIssue({ code: "custom", path: ["names", l], message: "required" });
  });
export type UpdateDepartmentInput = z.output<typeof updateDepartmentSchema>;

/** A department's fee and its name in every language (English and Chinese required; an emptied one is removed). */
export async function updateDepartment(
  db: DbClient,
  actor: Actor | null,
  input: UpdateDepartmentInput,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const { id, cityId } = await institutionInCity(db, admin, input.institution);
  return db.$transaction(async (tx) => {
    const department = await tx.department.findUnique({
      where: { institutionId_slug: { institutionId: id, slug: input.department } },
      select: { id: true, consultationFeeFen: true },
    });
    if (!department) throw new AppError("NOT_FOUND");
    await tx.department.update({
      where: { id: department.id },
      data: { consultationFeeFen: input.fee * 100 },
    });
    const names = Object.fromEntries(locales.map((l) => [l, input.names[l]]));
    const given = locales.filter((l) => input.names[l]);
    await writeTranslations(
      tx,
      "department",
      given.map((locale) => ({ id: department.id, locale, fields: { name: input.names[locale]! } })),
      now,
    );
    await tx.departmentTranslation.deleteMany({
      where: { departmentId: department.id, locale: { notIn: given } },
    });
    await recordAudit(tx, {
      actorId: admin.actor.userId,
      actorRole: admin.role,
      action: "catalogue.department.update",
      entityType: "department",
      entityId: department.id,
      institutionId: id,
      cityId,
      before: { feeYuan: department.consultationFeeFen / 100 },
      after: { feeYuan: input.fee, names },
    });
    return { department: input.department };
  });
}
