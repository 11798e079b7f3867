// Use case: one catalogue import as its job page shows it: status (a stalled
// apply reads as FAILED), progress (processed of total rows), counts by
// outcome, the dry run's plan and file problems, and once applied the
// institutions it created or changed. Another city's job is a 404.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { requireAdmin } from "../../auth/permissions";
import type { DbClient } from "../../db/create-client";
import { pickName } from "../../i18n/content";
import type { CataloguePlan, PlanCounts } from "./catalogue-import";
import { effectiveStatus, visibleJob } from "./import-jobs";

export const getImportJobSchema = z.object({ jobId: z.string().trim().min(1).max(64) });

/** Counts as stored: by outcome (a job applied also lists the institutions it touched). */
export function countsOf(value: unknown): PlanCounts {
  const c = (value ?? {}) as Partial<Record<keyof PlanCounts, unknown>>;
  const n = (x: unknown) => (typeof x === "number" ? x : 0);
  return { create: n(c.create), update: n(c.update), unchanged: n(c.unchanged), error: n(c.error) };
}

export async function getImportJob(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof getImportJobSchema>,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const { id } = await visibleJob(db, admin, input.jobId);
  const job = await db.importJob.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      cityId: true,
      fileName: true,
      fileSha256: true,
      format: true,
      locale: true,
      status: true,
      errorCode: true,
      plan: true,
      totalRows: true,
      processedRows: true,
      counts: true,
      createdAt: true,
      updatedAt: true,
      appliedAt: true,
      createdBy: { select: { name: true } },
    },
  });
  const { status, errorCode } = effectiveStatus(job, now);
  const stored = (job.plan ?? {}) as Partial<CataloguePlan>;
  const plan: CataloguePlan = {
    format: stored.format ?? (job.format as CataloguePlan["format"]),
    rows: stored.rows ?? [],
    fileProblems: stored.fileProblems ?? [],
    counts: countsOf(stored.counts),
    fingerprint: stored.fingerprint ?? "",
  };
  const touched = (job.counts as { institutionIds?: unknown } | null)?.institutionIds;
  const changed =
    status === "APPLIED" && Array.isArray(touched) && touched.length > 0
      ? await db.institution.findMany({
          where: { id: { in: touched.filter((t): t is string => typeof t === "string") } },
          select: {
            slug: true,
            nameZh: true,
            translations: {
              where: { locale: { in: [job.locale, "en"] } },
              select: { locale: true, name: true },
            },
          },
          orderBy: { slug: "asc" },
          take: 200,
        })
      : [];
  return {
    id: job.id,
    cityId: job.cityId,
    fileName: job.fileName,
    sha256: job.fileSha256,
    format: job.format,
    locale: job.locale,
    status,
    errorCode,
    createdAt: job.createdAt,
    createdBy: job.createdBy?.name ?? null,
    appliedAt: job.appliedAt,
    totalRows: job.totalRows,
    processedRows: status === "APPLIED" ? job.totalRows : job.processedRows,
    counts: countsOf(job.counts),
    plan,
    /** The institutions the apply created or changed (at most 200), named in the job's language. */
    changedInstitutions: changed.map((i) => ({
      slug: i.slug,
      name: pickName(i.translations, job.locale, i.nameZh),
    })),
  };
}

export type ImportJobView = Awaited<ReturnType<typeof getImportJob>>;
