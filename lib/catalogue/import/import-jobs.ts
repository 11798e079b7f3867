// One home for reading an import job as an admin may see it: a job of one of
// the admin's cities (or one the admin uploaded; every job for a system
// admin), another city's job being a 404 as if it did not exist. A job left
// APPLYING by a process that died (its progress not moved for
// STALE_APPLYING_MS) reads as FAILED; its transaction was rolled back with
// the process, so nothing of it was written. `recordPlannedJob` is how a dry
// run (a catalogue's or a translation's) keeps its file and plan.
import { createHash } from "node:crypto";
import type { DbClient, TxClient } from "../../db/create-client";
import type { ImportKind, ImportStatus, Prisma } from "../../db/generated/client";
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

/**
 * Keeps a dry run as a PLANNED job: the plan, its counts, and the uploaded
 * bytes with their SHA-256 (the apply re-reads exactly these bytes and the
 * audit names the file by its hash).
 */
export async function recordPlannedJob(
  db: DbClient,
  job: {
    kind: ImportKind;
    cityId: string | null;
    createdById: string;
    fileName: string;
    bytes: Uint8Array;
    format: string;
    locale: string;
    plan: unknown;
    totalRows: number;
    counts: unknown;
  },
  now: Date,
): Promise<string> {
  const created = await db.importJob.create({
    data: {
      kind: job.kind,
      cityId: job.cityId,
      createdById: job.createdById,
      fileName: job.fileName,
      fileSha256: createHash("sha256").update(job.bytes).digest("hex"),
      format: job.format,
      locale: job.locale,
      file: Buffer.from(job.bytes),
      status: "PLANNED",
      plan: job.plan as Prisma.InputJsonValue,
      totalRows: job.totalRows,
      counts: job.counts as Prisma.InputJsonValue,
      createdAt: now,
      updatedAt: now,
    },
    select: { id: true },
  });
  return created.id;
}
