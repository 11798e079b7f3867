// Use case: the recent catalogue imports of a city (a city admin's own; any
// city, or every one, for a system admin), newest first, for the import page.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { requireAdmin } from "../../auth/permissions";
import { adminCity } from "../../auth/admin-city";
import type { DbClient } from "../../db/create-client";
import { slugParam } from "../../slug";
import { countsOf } from "./get-import-job";
import { effectiveStatus, visibleJobs } from "./import-jobs";

export const listImportJobsSchema = z.object({
  city: slugParam.optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

export async function listImportJobs(
  db: DbClient,
  actor: Actor | null,
  input: z.input<typeof listImportJobsSchema> = {},
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const { city, limit } = listImportJobsSchema.parse(input);
  // A city named (or a city admin's own): that city's jobs; a system admin without one: every job.
  const cityId = city || admin.cityIds ? (await adminCity(db, admin, city)).id : null;
  const jobs = await db.importJob.findMany({
    where: { AND: [{ kind: "CATALOGUE" }, visibleJobs(admin), cityId ? { cityId } : {}] },
    select: {
      id: true,
      fileName: true,
      status: true,
      errorCode: true,
      createdAt: true,
      updatedAt: true,
      appliedAt: true,
      totalRows: true,
      processedRows: true,
      counts: true,
      createdBy: { select: { name: true } },
    },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  return jobs.map((j) => ({
    id: j.id,
    fileName: j.fileName,
    ...effectiveStatus(j, now),
    createdAt: j.createdAt,
    appliedAt: j.appliedAt,
    createdBy: j.createdBy?.name ?? null,
    totalRows: j.totalRows,
    processedRows: j.processedRows,
    counts: countsOf(j.counts),
  }));
}
