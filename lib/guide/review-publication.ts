// Use case: what publishing the draft (or publishing an archived version
// again) would publish, for the confirmation step: the version number it becomes, which languages are complete (readers
// of an incomplete one see the missing sections in a fallback language), the
// sections changed since the version in force, and the draft's revision that
// the confirmation sends back so publishGuide publishes exactly this text.
// An archived version never changes: publishing it again confirms the number.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { adminCity } from "../auth/admin-city";
import { requireAdmin } from "../auth/permissions";
import { AppError } from "../errors";
import { slugParam } from "../slug";
import { changedSections, draftRevision, languageCompleteness, missingRequired } from "./draft-review";
import { sectionsSelect } from "./get-published-guide";

export const reviewPublicationSchema = z
  .object({
    city: slugParam.optional(),
    /** An archived version to publish again, instead of the draft. */
    from: z.number().int().min(1).optional(),
  })
  .strict();

export async function reviewPublication(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof reviewPublicationSchema>,
  locale: string,
) {
  const admin = requireAdmin(actor, "guide.manage");
  const city = await adminCity(db, admin, input.city, locale);
  const versions = await db.guideVersion.findMany({
    where: { guide: { cityId: city.id } },
    select: { version: true, status: true, publishedAt: true, sections: sectionsSelect },
  });
  const draft =
    input.from === undefined
      ? versions.find((v) => v.status === "DRAFT")
      : versions.find((v) => v.status === "ARCHIVED" && v.version === input.from);
  if (!draft) throw new AppError("NOT_FOUND");
  const published = versions.find((v) => v.status === "PUBLISHED") ?? null;
  return {
    city,
    /** The number the draft gets when published (publishGuide's nextVersion). */
    version: Math.max(0, ...versions.map((v) => v.version)) + 1,
    from: input.from ?? null,
    revision: draftRevision(draft.sections),
    published: published ? { version: published.version, publishedAt: published.publishedAt } : null,
    languages: languageCompleteness(draft.sections),
    changes: changedSections(draft.sections, published?.sections ?? null),
    missingRequired: missingRequired(draft.sections),
  };
}

export type PublicationReview = Awaited<ReturnType<typeof reviewPublication>>;
