// Use case: apply a checked catalogue import, all or nothing. The job is
// claimed first (PLANNED → APPLYING in one statement: a second apply of the
// same job gets 409), then the stored file is read and planned again INSIDE
// the one transaction that writes it: a plan with errors is never applied,
// and a plan that no longer matches the one the admin reviewed (the
// catalogue changed since the dry run) fails with IMPORT_STALE, "check
// again". Progress (processed rows) is written outside the transaction, so
// the job page sees it move; the transaction ends with the job APPLIED, its
// counts, the audit event, and the file dropped. Any failure rolls the
// catalogue back and leaves the job FAILED with its error code.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { requireAdmin } from "../../auth/permissions";
import { recordAudit } from "../../audit/record-audit";
import type { DbClient } from "../../db/create-client";
import type { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
import {
  applyPlanned,
  planCatalogue,
  planIsClean,
  type CataloguePlan,
  type PlanCounts,
} from "./catalogue-import";
import { visibleJob } from "./import-jobs";
import { readCatalogueFile } from "./read-file";
import { actorAttributes, tracedUseCase } from "../../observability/trace";

export const applyCatalogueImportSchema = z.object({ jobId: z.string().trim().min(1).max(64) });
export type ApplyCatalogueImportInput = z.output<typeof applyCatalogueImportSchema>;

/** How long the applying transaction may take (a city of thousands of rows). */
export const APPLY_TIMEOUT_MS = 10 * 60_000;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

async function applyCatalogueImportUntraced(
  db: DbClient,
  actor: Actor | null,
  input: ApplyCatalogueImportInput,
  now: Date = new Date(),
): Promise<{ jobId: string; counts: PlanCounts; institutionIds: string[] }> {
  const admin = requireAdmin(actor, "catalogue.manage");
  const { id, cityId } = await visibleJob(db, admin, input.jobId);
  const job = await db.importJob.findUniqueOrThrow({
    where: { id },
    select: { status: true, plan: true, counts: true, fileName: true, fileSha256: true },
  });
  if (job.status !== "PLANNED") throw new AppError("IMPORT_NOT_PLANNED");
  const reviewed = job.plan as unknown as CataloguePlan;
  if (!planIsClean(reviewed)) throw new AppError("IMPORT_HAS_ERRORS");

  const claimed = await db.importJob.updateMany({
    where: { id, status: "PLANNED" },
    data: { status: "APPLYING", processedRows: 0, updatedAt: now },
  });
  if (claimed.count === 0) throw new AppError("IMPORT_NOT_PLANNED");

  try {
    const applied = await db.$transaction(
      async (tx) => {
        const stored = await tx.importJob.findUniqueOrThrow({ where: { id }, select: { file: true } });
        if (!stored.file) throw new AppError("IMPORT_STALE");
        const file = await readCatalogueFile(new Uint8Array(stored.file), job.fileName);
        const planned = await planCatalogue(tx, { cityIds: admin.cityIds }, file);
        if (!planIsClean(planned.plan)) throw new AppError("IMPORT_STALE");
        if (planned.plan.fingerprint !== reviewed.fingerprint) throw new AppError("IMPORT_STALE");
        const result = await applyPlanned(tx, planned, now, async (processedRows) => {
          // Through `db`, not `tx`: committed at once, so the job page sees it while this runs.
          await db.importJob.update({ where: { id }, data: { processedRows, updatedAt: new Date() } });
        });
        const counts = { ...planned.plan.counts };
        await recordAudit(tx, {
          actorId: admin.actor.userId,
          actorRole: admin.role,
          action: "catalogue.import.apply",
          entityType: "import_job",
          entityId: id,
          cityId,
          after: { fileName: job.fileName, sha256: job.fileSha256, counts },
        });
        await tx.importJob.update({
          where: { id },
          data: {
            status: "APPLIED",
            appliedAt: now,
            updatedAt: new Date(),
            processedRows: planned.plan.rows.length,
            counts: { ...counts, institutionIds: result.institutionIds } as Prisma.InputJsonValue,
            file: null,
          },
        });
        return { counts, institutionIds: result.institutionIds };
      },
      { timeout: APPLY_TIMEOUT_MS, maxWait: 15_000 },
    );
    return { jobId: id, ...applied };
  } catch (error) {
    const failure =
      error instanceof AppError
        ? error
        : isUniqueViolation(error)
          ? new AppError("IMPORT_STALE", { cause: error })
          : null;
    await db.importJob.update({
      where: { id },
      data: { status: "FAILED", errorCode: failure?.code ?? "INTERNAL", updatedAt: new Date() },
    });
    throw failure ?? error;
  }
}

/** applyCatalogueImport with a "catalogue.applyCatalogueImport" span around each call (lib/observability/trace.ts). */
export const applyCatalogueImport = tracedUseCase(
  "catalogue.applyCatalogueImport",
  applyCatalogueImportUntraced,
  (_db, actor) => actorAttributes(actor),
);
