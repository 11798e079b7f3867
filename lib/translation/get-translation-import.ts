// Use case: a translation import's job as the dry-run and result pages show
// it: its file, language, plan (unit by unit) and counts. Another city's job,
// or a catalogue import's, is a 404.
import type { DbClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/permissions";
import { AppError } from "../errors";
import type { PlanCounts, PlannedUnit } from "./translation-plan";

export async function getTranslationImport(db: DbClient, actor: Actor | null, jobId: string) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const job = await db.importJob.findUnique({
    where: { id: jobId },
    select: {
      id: true,
      kind: true,
      cityId: true,
      fileName: true,
      format: true,
      status: true,
      plan: true,
      counts: true,
      createdAt: true,
      appliedAt: true,
      city: { select: { slug: true } },
    },
  });
  if (!job || job.kind !== "TRANSLATION" || (admin.cityIds && !admin.cityIds.includes(job.cityId ?? "")))
    throw new AppError("NOT_FOUND");
  const plan = job.plan as unknown as { language: string; units: PlannedUnit[] };
  return {
    id: job.id,
    city: job.city?.slug ?? null,
    fileName: job.fileName,
    format: job.format,
    status: job.status,
    language: plan.language,
    units: plan.units,
    counts: job.counts as unknown as PlanCounts,
    createdAt: job.createdAt,
    appliedAt: job.appliedAt,
  };
}

export type TranslationImportView = Awaited<ReturnType<typeof getTranslationImport>>;
