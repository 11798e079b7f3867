// Use cases of guide authoring for a city's health commission. A guide has at
// most one draft (version 0 until it is published); edits go to it, created
// from the published version when there is none. Publishing checks that every
// section exists in English and Chinese, captures the listed institutions,
// archives the version in force and numbers the draft. A published version
// never changes; an older one can be published again as a new version.
// Publishing takes the confirmation of what it publishes: the version number
// and the draft's revision shown on the confirmation page (draft-review.ts);
// a draft changed since, or a version published meanwhile, is a CONFLICT
// (publishing an archived version again confirms the number it becomes).
// Each text keeps when it was first written and last saved (copies keep
// their original's), which the editor compares with its source's.
import { z } from "zod";
import type { DbClient, TxClient } from "../db/create-client";
import type { GuideSectionKey, Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { requireAdmin, type AdminScope } from "../auth/permissions";
import { slugParam } from "../slug";
import { locales } from "../i18n/locales";
import { adminCity } from "../auth/admin-city";
import { guideSectionKeys, SECTION_BODY_MAX } from "./codes";
import { draftRevision, missingRequired, REVISION_PATTERN } from "./draft-review";
import { cityForGuide, listedSnapshot, sectionsSelect, shapeGuide } from "./get-published-guide";
import { actorAttributes, tracedUseCase } from "../observability/trace";

const CONTROL = /[\p{Cc}\p{Cf}]/u;

/** A section key, as the editor's links and forms name it. */
export const sectionKeyParam = z.enum(guideSectionKeys as [GuideSectionKey, ...GuideSectionKey[]]);

export const saveSectionSchema = z
  .object({
    city: slugParam,
    section: sectionKeyParam,
    /** The language of the text (the form's own "locale" is the console's language). */
    language: z.enum(locales),
    title: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine((v) => !CONTROL.test(v), "invalid"),
    body: z.string().trim().max(SECTION_BODY_MAX).optional().default(""),
  })
  .strict();

/** Publishing confirms what the confirmation page showed: the version it becomes and the draft's revision. */
export const publishGuideSchema = z
  .object({
    city: slugParam,
    version: z.number().int().min(1),
    revision: z.string().regex(REVISION_PATTERN),
  })
  .strict();

/** The preview: a city (the admin's first by default) and the language readers would read it in. */
export const previewGuideSchema = z
  .object({ city: slugParam.optional(), language: z.enum(locales) })
  .strict();
/** Publishing an archived version again confirms the number it becomes (`next`). */
export const republishSchema = z
  .object({ city: slugParam, version: z.number().int().min(1), next: z.number().int().min(1) })
  .strict();

export async function lockGuide(tx: TxClient, cityId: string) {
  await tx.$executeRaw`INSERT INTO guide (id, city_id) VALUES (${crypto.randomUUID()}, ${cityId}) ON CONFLICT (city_id) DO NOTHING`;
  const [guide] = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM guide WHERE city_id = ${cityId} FOR UPDATE`;
  return guide!.id;
}

/** The draft, made from the published version (or with every section empty) when there is none (also the translation import's, lib/guide/write-section-texts.ts). */
export async function ensureDraft(tx: TxClient, guideId: string, actorId: string) {
  const draft = await tx.guideVersion.findFirst({
    where: { guideId, status: "DRAFT" },
    select: { id: true },
  });
  if (draft) return draft.id;
  const published = await tx.guideVersion.findFirst({
    where: { guideId, status: "PUBLISHED" },
    select: { sections: datedSectionsSelect },
  });
  const created = await tx.guideVersion.create({
    data: {
      guideId,
      version: 0,
      status: "DRAFT",
      createdById: actorId,
      sections: {
        create: guideSectionKeys.map((key, position) => ({
          key,
          position,
          translations: {
            create: published?.sections.find((s) => s.key === key)?.translations ?? [],
          },
        })),
      },
    },
  });
  return created.id;
}

/** Every text of a version with its dates, for copies that keep them. */
const datedSectionsSelect = {
  orderBy: { position: "asc" as const },
  select: {
    key: true,
    translations: {
      select: { locale: true, title: true, body: true, createdAt: true, updatedAt: true },
    },
  },
};

export async function getGuideWorkspace(
  db: DbClient,
  actor: Actor | null,
  citySlug: string | undefined,
  locale: string,
) {
  const admin = requireAdmin(actor, "guide.manage");
  const city = await adminCity(db, admin, citySlug, locale);
  const versions = await db.guideVersion.findMany({
    where: { guide: { cityId: city.id } },
    orderBy: [{ status: "asc" }, { version: "desc" }],
    select: {
      version: true,
      status: true,
      publishedAt: true,
      publishedBy: { select: { name: true } },
      sections: sectionsSelect,
    },
  });
  const draft = versions.find((v) => v.status === "DRAFT") ?? null;
  const published = versions.find((v) => v.status === "PUBLISHED") ?? null;
  const working = draft ?? published;
  return {
    city,
    hasDraft: Boolean(draft),
    published: published ? { version: published.version, publishedAt: published.publishedAt } : null,
    versions: versions
      .filter((v) => v.status !== "DRAFT")
      .map((v) => ({
        version: v.version,
        status: v.status,
        publishedAt: v.publishedAt,
        publishedBy: v.publishedBy?.name ?? null,
      })),
    /** Which sections exist in which languages, in the draft (or the published version when there is no draft). */
    completeness: guideSectionKeys.map((key) => {
      const section = working?.sections.find((s) => s.key === key);
      return {
        key,
        locales: Object.fromEntries(
          locales.map((l) => [l, Boolean(section?.translations.some((t) => t.locale === l))]),
        ),
      };
    }),
    missingRequired: missingRequired(working?.sections ?? []),
  };
}

async function saveGuideSectionUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof saveSectionSchema>,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "guide.manage");
  const city = await adminCity(db, admin, input.city);
  return db.$transaction(async (tx) => {
    const guideId = await lockGuide(tx, city.id);
    const draftId = await ensureDraft(tx, guideId, admin.actor.userId);
    const section = await tx.guideSection.findUniqueOrThrow({
      where: { versionId_key: { versionId: draftId, key: input.section } },
      select: { id: true, translations: { where: { locale: input.language } } },
    });
    const before = section.translations[0] ?? null;
    await tx.guideSectionTranslation.upsert({
      where: { sectionId_locale: { sectionId: section.id, locale: input.language } },
      create: {
        sectionId: section.id,
        locale: input.language,
        title: input.title,
        body: input.body,
        createdAt: now,
        updatedAt: now,
      },
      update: { title: input.title, body: input.body, updatedAt: now },
    });
    await audit(tx, admin, city.id, "guide.section.save", draftId, before ? { title: before.title } : null, {
      section: input.section,
      language: input.language,
      title: input.title,
    });
    return { section: input.section, language: input.language };
  });
}

async function publishGuideUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof publishGuideSchema>,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "guide.manage");
  const city = await adminCity(db, admin, input.city);
  return db.$transaction(async (tx) => {
    const guideId = await lockGuide(tx, city.id);
    const draft = await tx.guideVersion.findFirst({
      where: { guideId, status: "DRAFT" },
      select: { id: true, sections: sectionsSelect },
    });
    if (!draft) throw new AppError("NOT_FOUND");
    const version = await nextVersion(tx, guideId);
    // What was confirmed is what is published: another edit or publication since is someone else's change.
    if (input.version !== version || input.revision !== draftRevision(draft.sections))
      throw new AppError("CONFLICT");
    const missing = missingRequired(draft.sections);
    // The message counts them (the grid marks which); the API's details name them.
    if (missing.length > 0)
      throw new AppError("GUIDE_INCOMPLETE", {
        values: { count: missing.length, missing: missing.join(", ") },
      });
    await tx.guideVersion.updateMany({
      where: { guideId, status: "PUBLISHED" },
      data: { status: "ARCHIVED" },
    });
    const snapshot = await listedSnapshot(tx, city.id);
    await tx.guideVersion.update({
      where: { id: draft.id },
      data: {
        status: "PUBLISHED",
        version,
        publishedAt: now,
        publishedById: admin.actor.userId,
        institutionsSnapshot: snapshot as unknown as Prisma.InputJsonValue,
      },
    });
    await audit(tx, admin, city.id, "guide.publish", draft.id, null, {
      version,
      institutions: snapshot.length,
    });
    return { version, institutions: snapshot.length };
  });
}

async function republishVersionUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof republishSchema>,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "guide.manage");
  const city = await adminCity(db, admin, input.city);
  return db.$transaction(async (tx) => {
    const guideId = await lockGuide(tx, city.id);
    const old = await tx.guideVersion.findFirst({
      where: { guideId, version: input.version, status: "ARCHIVED" },
      select: { id: true, sections: datedSectionsSelect },
    });
    if (!old) throw new AppError("VALIDATION_FAILED", { fields: { version: "invalid" } });
    const version = await nextVersion(tx, guideId);
    if (input.next !== version) throw new AppError("CONFLICT");
    await tx.guideVersion.updateMany({
      where: { guideId, status: "PUBLISHED" },
      data: { status: "ARCHIVED" },
    });
    const snapshot = await listedSnapshot(tx, city.id);
    const created = await tx.guideVersion.create({
      data: {
        guideId,
        version,
        status: "PUBLISHED",
        publishedAt: now,
        publishedById: admin.actor.userId,
        createdById: admin.actor.userId,
        institutionsSnapshot: snapshot as unknown as Prisma.InputJsonValue,
        sections: {
          create: old.sections.map((s, position) => ({
            key: s.key,
            position,
            translations: { create: s.translations },
          })),
        },
      },
    });
    await audit(tx, admin, city.id, "guide.republish", created.id, { from: input.version }, { version });
    return { version, from: input.version };
  });
}

/**
 * The draft exactly as the public would see it once published, in the
 * language a reader would read it in (institutions as they would be captured now).
 */
export async function previewGuide(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof previewGuideSchema>,
) {
  const locale = input.language;
  const admin = requireAdmin(actor, "guide.manage");
  const city = await adminCity(db, admin, input.city, locale);
  const row = await db.city.findUniqueOrThrow({
    where: { id: city.id },
    select: {
      ...cityForGuide(locale),
      guide: {
        select: {
          versions: {
            where: { status: "DRAFT" },
            select: { version: true, publishedAt: true, sections: sectionsSelect },
          },
        },
      },
    },
  });
  const draft = row.guide?.versions[0];
  if (!draft) throw new AppError("NOT_FOUND");
  return shapeGuide(row, draft, await listedSnapshot(db, city.id), locale);
}

async function nextVersion(tx: TxClient, guideId: string) {
  const latest = await tx.guideVersion.aggregate({ where: { guideId }, _max: { version: true } });
  return (latest._max.version ?? 0) + 1;
}

function audit(
  tx: TxClient,
  admin: AdminScope,
  cityId: string,
  action: string,
  entityId: string,
  before: Prisma.InputJsonValue | null,
  after: Prisma.InputJsonValue,
) {
  return recordAudit(tx, {
    actorId: admin.actor.userId,
    actorRole: admin.role,
    action,
    entityType: "guide_version",
    entityId,
    cityId,
    before,
    after,
  });
}

/** saveGuideSection with a "guide.saveGuideSection" span around each call (lib/observability/trace.ts). */
export const saveGuideSection = tracedUseCase(
  "guide.saveGuideSection",
  saveGuideSectionUntraced,
  (_db, actor, input) => ({
    ...actorAttributes(actor),
    "city.slug": input.city,
    "guide.section": input.section,
    locale: input.language,
  }),
);

/** publishGuide with a "guide.publishGuide" span around each call (lib/observability/trace.ts). */
export const publishGuide = tracedUseCase(
  "guide.publishGuide",
  publishGuideUntraced,
  (_db, actor, input) => ({
    ...actorAttributes(actor),
    "city.slug": input.city,
    "guide.version": input.version,
  }),
);

/** republishVersion with a "guide.republishVersion" span around each call (lib/observability/trace.ts). */
export const republishVersion = tracedUseCase(
  "guide.republishVersion",
  republishVersionUntraced,
  (_db, actor, input) => ({
    ...actorAttributes(actor),
    "city.slug": input.city,
    "guide.version": input.version,
  }),
);
