// Use cases of the admission standard: the commission records which criteria
// an institution of its city meets (with evidence), and lists or delists it in
// the guide. Who decided and when is kept on the criteria rows, on the
// institution and in the audit trail. Listing needs every criterion met.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import type { GuideCriterion } from "../db/generated/client";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/permissions";
import { slugParam } from "../slug";
import { nameTranslations, pickName } from "../i18n/content";
import { adminCity, institutionInCity } from "../auth/admin-city";
import { guideCriteria } from "./codes";

export async function listCityInstitutions(
  db: DbClient,
  actor: Actor | null,
  citySlug: string | undefined,
  locale: string,
) {
  const admin = requireAdmin(actor, "guide.manage");
  const city = await adminCity(db, admin, citySlug, locale);
  const institutions = await db.institution.findMany({
    where: { cityId: city.id },
    select: {
      slug: true,
      nameZh: true,
      ownership: true,
      guideListed: true,
      guideListedAt: true,
      translations: nameTranslations(locale),
      criteria: { where: { met: true }, select: { criterion: true } },
    },
    orderBy: { nameZh: "asc" },
  });
  return {
    city,
    institutions: institutions.map((i) => ({
      slug: i.slug,
      name: pickName(i.translations, locale, i.nameZh),
      nameZh: i.nameZh,
      ownership: i.ownership,
      listed: i.guideListed,
      listedAt: i.guideListedAt,
      criteriaMet: i.criteria.length,
    })),
    criteriaTotal: guideCriteria.length,
  };
}

export async function getInstitutionStandard(
  db: DbClient,
  actor: Actor | null,
  slug: string,
  locale: string,
) {
  const admin = requireAdmin(actor, "guide.manage");
  const { id } = await institutionInCity(db, admin, slug);
  const [institution, history] = await Promise.all([
    db.institution.findUniqueOrThrow({
      where: { id },
      select: {
        slug: true,
        nameZh: true,
        guideListed: true,
        guideListedAt: true,
        guideListedBy: { select: { name: true } },
        translations: nameTranslations(locale),
        city: { select: { slug: true } },
        criteria: {
          select: {
            criterion: true,
            met: true,
            evidence: true,
            checkedAt: true,
            checkedBy: { select: { name: true } },
          },
        },
      },
    }),
    db.auditEvent.findMany({
      where: { institutionId: id, action: { startsWith: "guide." } },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { action: true, createdAt: true, actor: { select: { name: true } }, actorRole: true },
    }),
  ]);
  return {
    slug: institution.slug,
    name: pickName(institution.translations, locale, institution.nameZh),
    nameZh: institution.nameZh,
    citySlug: institution.city.slug,
    listed: institution.guideListed,
    listedAt: institution.guideListedAt,
    listedBy: institution.guideListedBy?.name ?? null,
    criteria: guideCriteria.map((criterion) => {
      const row = institution.criteria.find((c) => c.criterion === criterion);
      return {
        criterion,
        met: row?.met ?? false,
        evidence: row?.evidence ?? "",
        checkedAt: row?.checkedAt ?? null,
        checkedBy: row?.checkedBy?.name ?? null,
      };
    }),
    history: history.map((h) => ({
      action: h.action,
      at: h.createdAt,
      by: h.actor?.name ?? null,
      role: h.actorRole,
    })),
  };
}

export const recordCriteriaSchema = z
  .object({
    institution: slugParam,
    /** The checklist as the admin sees it now; a criterion left out is not met. */
    criteria: z
      .array(
        z.object({
          criterion: z.enum(guideCriteria),
          met: z.boolean(),
          evidence: z.string().trim().max(1000).optional(),
        }),
      )
      .refine((rows) => new Set(rows.map((r) => r.criterion)).size === rows.length, "invalid"),
  })
  .strict();
export type RecordCriteriaInput = z.output<typeof recordCriteriaSchema>;

/** Records the whole checklist as the admin sees it now (unchecked means not met). */
export async function recordCriteria(
  db: DbClient,
  actor: Actor | null,
  input: RecordCriteriaInput,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "guide.manage");
  const institution = await institutionInCity(db, admin, input.institution);
  const given = new Map(input.criteria.map((row) => [row.criterion, row]));
  return db.$transaction(async (tx) => {
    const before = await tx.institutionCriterion.findMany({
      where: { institutionId: institution.id },
      select: { criterion: true, met: true, evidence: true },
    });
    const rows = guideCriteria.map((criterion: GuideCriterion) => ({
      criterion,
      met: given.get(criterion)?.met ?? false,
      evidence: given.get(criterion)?.evidence ?? null,
    }));
    for (const row of rows) {
      await tx.institutionCriterion.upsert({
        where: { institutionId_criterion: { institutionId: institution.id, criterion: row.criterion } },
        create: { institutionId: institution.id, ...row, checkedById: admin.actor.userId, checkedAt: now },
        update: { met: row.met, evidence: row.evidence, checkedById: admin.actor.userId, checkedAt: now },
      });
    }
    // A listed institution that no longer meets the standard leaves the guide's next version.
    const unmet = rows.filter((r) => !r.met).length;
    const delisted =
      unmet > 0 &&
      (
        await tx.institution.updateMany({
          where: { id: institution.id, guideListed: true },
          data: { guideListed: false, guideListedAt: now, guideListedById: admin.actor.userId },
        })
      ).count > 0;
    await recordAudit(tx, {
      actorId: admin.actor.userId,
      actorRole: admin.role,
      action: "guide.criteria",
      entityType: "institution",
      entityId: institution.id,
      institutionId: institution.id,
      cityId: institution.cityId,
      before: before.map((b) => ({ criterion: b.criterion, met: b.met, evidence: b.evidence })),
      after: { criteria: rows, ...(delisted ? { delisted: true } : {}) },
    });
    return { met: rows.length - unmet, total: rows.length, delisted };
  });
}

export const setListingSchema = z
  .object({ institution: slugParam, decision: z.enum(["list", "delist"]) })
  .strict();

export async function setListing(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof setListingSchema>,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "guide.manage");
  const institution = await institutionInCity(db, admin, input.institution);
  const list = input.decision === "list";
  return db.$transaction(async (tx) => {
    if (list) {
      const met = await tx.institutionCriterion.count({
        where: { institutionId: institution.id, met: true },
      });
      if (met < guideCriteria.length)
        throw new AppError("STANDARD_NOT_MET", { values: { missing: guideCriteria.length - met } });
    }
    const { count } = await tx.institution.updateMany({
      where: { id: institution.id, guideListed: !list },
      data: { guideListed: list, guideListedAt: now, guideListedById: admin.actor.userId },
    });
    if (count === 1)
      await recordAudit(tx, {
        actorId: admin.actor.userId,
        actorRole: admin.role,
        action: list ? "guide.list" : "guide.delist",
        entityType: "institution",
        entityId: institution.id,
        institutionId: institution.id,
        cityId: institution.cityId,
        before: { listed: !list },
        after: { listed: list },
      });
    return { listed: list };
  });
}
