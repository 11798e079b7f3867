// One home for reading an import job as an admin may see it: a job of one of
// the admin's cities (or one the admin uploaded; every job for a system
// admin), another city's job being a 404 as if it did not exist. A job left
// APPLYING by a process that died (its progress not moved for
// STALE_APPLYING_MS) reads as FAILED; its transaction was rolled back with
// the process, so nothing of it was written.
import type { DbClient, TxClient } from "../../db/create-client";
import type { ImportStatus, Prisma } from "../../db/generated/client";
import type { AdminScope } from "../../auth/permissions";
import { AppError } from "../../errors";

/** An apply reports progress at least every batch; a job silent this long has died. */
export const STALE_APPLYING_MS = 5 * 60_000;

/** The jobs an admin may see. */
export function visibleJobs(admin: AdminScope): Prisma.ImportJobWhereInput {
  if (admin.cityIds === null) return {};
  return { OR: [{ cityId: { in: admin.cityIds } }, { createdById: admin.actor.userId }] };
}

/** The status as readers should take it: a stalled APPLYING is FAILED. */
export function effectiveStatus(
  job: { status: ImportStatus; updatedAt: Date; errorCode: string | null },
  now: Date,
): { status: ImportStatus; errorCode: string | null } {
  if (job.status === "APPLYING" && now.getTime() - job.updatedAt.getTime() > STALE_APPLYING_MS)
    return { status: "FAILED", errorCode: job.errorCode ?? "INTERNAL" };
  return { status: job.status, errorCode: job.errorCode };
}

/** The job's id and city if the admin may see it; NOT_FOUND otherwise. */
export async function visibleJob(db: DbClient | TxClient, admin: AdminScope, jobId: string) {
  const job = await db.importJob.findFirst({
    where: { AND: [{ id: jobId, kind: "CATALOGUE" }, visibleJobs(admin)] },
    select: { id: true, cityId: true },
  });
  if (!job) throw new AppError("NOT_FOUND");
  return job;
}
