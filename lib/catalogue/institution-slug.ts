// One home for an institution's slug and its old slugs: renaming keeps the old
// URL working through a permanent redirect (InstitutionSlugRedirect), and a
// page or the API resolves a slug that may be an old one. A slug, current or
// old, belongs to one institution only, so no old link ever lands on another
// hospital. The admin's form (changeInstitutionSlug) and the catalogue import
// both rename through `renameInstitutionSlug`.
import { z } from "zod";
import type { DbClient, TxClient } from "../db/create-client";
import { AppError } from "../errors";

/** A new institution's slug: the shared spelling, 3 to 80 characters. */
export const institutionSlugParam = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .min(3)
  .max(80);

export interface SlugRename {
  changed: boolean;
  oldSlug: string;
  slug: string;
}

/**
 * Gives the institution `newSlug` and records its current slug as an old one.
 * Refused (VALIDATION_FAILED, fields.slug "taken") when `newSlug` is another
 * institution's slug or old slug; an old slug of this institution coming back
 * stops redirecting. The institution's row is locked first, so two renames of
 * it run one after the other; two institutions claiming one slug meet the
 * unique constraints (CONFLICT).
 */
export async function renameInstitutionSlug(
  tx: TxClient,
  institutionId: string,
  newSlug: string,
): Promise<SlugRename> {
  const [current] = await tx.$queryRaw<{ slug: string }[]>`
    SELECT slug FROM institution WHERE id = ${institutionId} FOR UPDATE`;
  if (!current) throw new AppError("NOT_FOUND");
  if (current.slug === newSlug) return { changed: false, oldSlug: current.slug, slug: newSlug };
  const [holder, redirect] = await Promise.all([
    tx.institution.findUnique({ where: { slug: newSlug }, select: { id: true } }),
    tx.institutionSlugRedirect.findUnique({ where: { oldSlug: newSlug }, select: { institutionId: true } }),
  ]);
  if ((holder && holder.id !== institutionId) || (redirect && redirect.institutionId !== institutionId))
    throw new AppError("VALIDATION_FAILED", { fields: { slug: "taken" } });
  if (redirect) await tx.institutionSlugRedirect.delete({ where: { oldSlug: newSlug } });
  await tx.institution.update({ where: { id: institutionId }, data: { slug: newSlug } });
  await tx.institutionSlugRedirect.create({ data: { oldSlug: current.slug, institutionId } });
  return { changed: true, oldSlug: current.slug, slug: newSlug };
}

/**
 * The institution a slug names: its current slug, `redirected` when `slug` is
 * one of its old ones (the caller answers with a permanent redirect); null
 * when no institution ever had it.
 */
export async function resolveInstitutionSlug(
  db: DbClient | TxClient,
  slug: string,
): Promise<{ slug: string; redirected: boolean } | null> {
  const current = await db.institution.findUnique({ where: { slug }, select: { slug: true } });
  if (current) return { slug: current.slug, redirected: false };
  const old = await db.institutionSlugRedirect.findUnique({
    where: { oldSlug: slug },
    select: { institution: { select: { slug: true } } },
  });
  return old ? { slug: old.institution.slug, redirected: true } : null;
}
