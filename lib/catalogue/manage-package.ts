// Use cases of a city's health commission for TCM packages (issue 19): create
// one for an institution of the city, edit it (conditions, therapies, sessions,
// days, price and its texts per language through writeTranslations), retire it
// (it keeps its bookings but leaves search, the package list, the institution's
// page, the sitemap, FHIR and booking: lib/catalogue/offered.ts) and restore
// it. Every change is audited; another city's institution is a 403.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/permissions";
import { institutionInCity } from "../auth/admin-city";
import { locales } from "../i18n/locales";
import { slugParam } from "../slug";
import { conditions, therapies } from "./codes";
import { text } from "./manage-institution";
import { writeTranslations } from "./translation-text";

/** A text of several lines: line breaks and tabs allowed, other control characters not. */
const longText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\p{Cf}]/u.test(v), "invalid");

/** A package's five texts in one language. */
export const packageTextsParam = z
  .object({
    name: text(160),
    description: longText(4000),
    treatmentPlan: longText(4000),
    expectedOutcome: longText(4000),
    contraindications: longText(4000),
  })
  .strict();

const packageFields = {
  institution: slugParam,
  conditions: z.array(z.enum(conditions)).min(1),
  therapies: z.array(z.enum(therapies)).min(1),
  sessions: z.number().int().min(1).max(365),
  durationDays: z.number().int().min(1).max(365),
  /** The price in yuan (CNY), up to two decimals. */
  price: z
    .number()
    .min(0)
    .max(1_000_000)
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, "invalid"),
  /** Texts per language: English required, any other language complete or left out. */
  texts: z.partialRecord(z.enum(locales), packageTextsParam),
};
const requireEnglish = (v: { texts: Partial<Record<string, unknown>> }, ctx: z.RefinementCtx) => {
  if (!v.texts.en) ctx.addIssue({ code: "custom", path: ["texts", "en", "name"], message: "required" });
};

export const createPackageSchema = z
  .object({ package: slugParam.min(3).max(80), ...packageFields })
  .strict()
  .superRefine(requireEnglish);
export const updatePackageSchema = z
  .object({ package: slugParam, ...packageFields })
  .strict()
  .superRefine(requireEnglish);
export const packageTranslationSchema = z
  .object({ institution: slugParam, package: slugParam, language: z.enum(locales), texts: packageTextsParam })
  .strict();
export const retirePackageSchema = z
  .object({ institution: slugParam, package: slugParam, retired: z.boolean() })
  .strict();

export type CreatePackageInput = z.output<typeof createPackageSchema>;
export type UpdatePackageInput = z.output<typeof updatePackageSchema>;

function packageData(input: CreatePackageInput | UpdatePackageInput) {
  return {
    // In the codes' order, each once.
    conditions: conditions.filter((c) => input.conditions.includes(c)),
    therapies: therapies.filter((t) => input.therapies.includes(t)),
    sessions: input.sessions,
    durationDays: input.durationDays,
    priceFen: Math.round(input.price * 100),
  };
}

function textWrites(id: string, texts: CreatePackageInput["texts"]) {
  return locales.flatMap((locale) => {
    const fields = texts[locale];
    return fields ? [{ id, locale, fields }] : [];
  });
}

/** A package of an institution of the admin's city; its slug is unique across the portal. */
export async function createPackage(
  db: DbClient,
  actor: Actor | null,
  input: CreatePackageInput,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const { id: institutionId, cityId } = await institutionInCity(db, admin, input.institution);
  return db.$transaction(async (tx) => {
    if (await tx.tcmPackage.findUnique({ where: { slug: input.package }, select: { id: true } }))
      throw new AppError("VALIDATION_FAILED", { fields: { package: "taken" } });
    const data = packageData(input);
    const created = await tx.tcmPackage.create({ data: { slug: input.package, institutionId, ...data } });
    await writeTranslations(tx, "package", textWrites(created.id, input.texts), now);
    await recordAudit(tx, {
      actorId: admin.actor.userId,
      actorRole: admin.role,
      action: "catalogue.package.create",
      entityType: "package",
      entityId: created.id,
      institutionId,
      cityId,
      after: { slug: input.package, ...data, languages: Object.keys(input.texts) },
    });
    return { package: created.slug };
  });
}

/** The package of an institution the admin may act on (404 when it is not that institution's). */
async function packageOf(db: DbClient, actor: Actor | null, institution: string, slug: string) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const scope = await institutionInCity(db, admin, institution);
  const pkg = await db.tcmPackage.findFirst({
    where: { slug, institutionId: scope.id },
    select: {
      id: true,
      conditions: true,
      therapies: true,
      sessions: true,
      durationDays: true,
      priceFen: true,
      retiredAt: true,
    },
  });
  if (!pkg) throw new AppError("NOT_FOUND");
  return { admin, scope, pkg };
}

/** Edits the package's facts and its texts in the languages given (a language left out keeps its text). */
export async function updatePackage(
  db: DbClient,
  actor: Actor | null,
  input: UpdatePackageInput,
  now: Date = new Date(),
) {
  const { admin, scope, pkg } = await packageOf(db, actor, input.institution, input.package);
  const data = packageData(input);
  return db.$transaction(async (tx) => {
    await tx.tcmPackage.update({ where: { id: pkg.id }, data });
    const outcomes = await writeTranslations(tx, "package", textWrites(pkg.id, input.texts), now);
    const { id: _id, retiredAt: _r, ...before } = pkg;
    await recordAudit(tx, {
      actorId: admin.actor.userId,
      actorRole: admin.role,
      action: "catalogue.package.update",
      entityType: "package",
      entityId: pkg.id,
      institutionId: scope.id,
      cityId: scope.cityId,
      before,
      after: {
        ...data,
        texts: Object.fromEntries(Object.keys(input.texts).map((l, i) => [l, outcomes[i] ?? "unchanged"])),
      },
    });
    return { package: input.package };
  });
}

/** The package's texts in one more language (all five; a later English edit marks them outdated). */
export async function savePackageTranslation(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof packageTranslationSchema>,
  now: Date = new Date(),
) {
  const { admin, scope, pkg } = await packageOf(db, actor, input.institution, input.package);
  return db.$transaction(async (tx) => {
    const [outcome] = await writeTranslations(
      tx,
      "package",
      [{ id: pkg.id, locale: input.language, fields: input.texts }],
      now,
    );
    await recordAudit(tx, {
      actorId: admin.actor.userId,
      actorRole: admin.role,
      action: "catalogue.package.translate",
      entityType: "package",
      entityId: pkg.id,
      institutionId: scope.id,
      cityId: scope.cityId,
      after: { language: input.language, outcome },
    });
    return { language: input.language };
  });
}

/**
 * Retires the package (retired: true) or offers it again (false). Its bookings
 * stay as they are; new holds and bookings of its slots are refused with
 * OFFERING_RETIRED (lib/catalogue/offered.ts) while it is retired.
 */
export async function setPackageRetired(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof retirePackageSchema>,
  now: Date = new Date(),
) {
  const { admin, scope, pkg } = await packageOf(db, actor, input.institution, input.package);
  if (Boolean(pkg.retiredAt) === input.retired) return { package: input.package, retired: input.retired };
  return db.$transaction(async (tx) => {
    await tx.tcmPackage.update({ where: { id: pkg.id }, data: { retiredAt: input.retired ? now : null } });
    await recordAudit(tx, {
      actorId: admin.actor.userId,
      actorRole: admin.role,
      action: input.retired ? "catalogue.package.retire" : "catalogue.package.restore",
      entityType: "package",
      entityId: pkg.id,
      institutionId: scope.id,
      cityId: scope.cityId,
      before: { retiredAt: pkg.retiredAt?.toISOString() ?? null },
      after: { retiredAt: input.retired ? now.toISOString() : null },
    });
    return { package: input.package, retired: input.retired };
  });
}

/** The institution's packages for the admin, retired ones included and marked. */
export async function listInstitutionPackages(db: DbClient, actor: Actor | null, institution: string) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const { id } = await institutionInCity(db, admin, institution);
  const rows = await db.tcmPackage.findMany({
    where: { institutionId: id },
    select: {
      slug: true,
      sessions: true,
      durationDays: true,
      priceFen: true,
      retiredAt: true,
      translations: { select: { locale: true, name: true } },
      _count: { select: { bookings: true } },
    },
    orderBy: [{ retiredAt: { sort: "asc", nulls: "first" } }, { slug: "asc" }],
  });
  return rows.map((r) => ({
    slug: r.slug,
    sessions: r.sessions,
    durationDays: r.durationDays,
    priceFen: r.priceFen,
    retired: r.retiredAt !== null,
    bookings: r._count.bookings,
    names: Object.fromEntries(r.translations.map((t) => [t.locale, t.name])) as Record<string, string>,
  }));
}

/** What the package's edit form shows. */
export async function getPackageEditor(db: DbClient, actor: Actor | null, institution: string, slug: string) {
  const { pkg } = await packageOf(db, actor, institution, slug);
  const translations = await db.tcmPackageTranslation.findMany({
    where: { packageId: pkg.id },
    select: {
      locale: true,
      name: true,
      description: true,
      treatmentPlan: true,
      expectedOutcome: true,
      contraindications: true,
    },
  });
  return {
    slug,
    conditions: pkg.conditions,
    therapies: pkg.therapies,
    sessions: pkg.sessions,
    durationDays: pkg.durationDays,
    priceFen: pkg.priceFen,
    retired: pkg.retiredAt !== null,
    texts: Object.fromEntries(translations.map(({ locale, ...t }) => [locale, t])) as Record<
      string,
      z.output<typeof packageTextsParam>
    >,
  };
}
