// Use case: apply a planned translation import, in one transaction: the file
// kept by the dry run is planned again against the texts as they are now (a
// text edited since the dry run is not overwritten blindly), refused whole if
// any unit is an error, and its new and changed units are written through the
// catalogue's one writer (writeTranslations, which dates a text only when it
// changes) and the guide's (writeSectionTexts, to the draft). Audited with the
// file's hash and the counts; a job is applied once.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import type { GuideSectionKey, Prisma } from "../db/generated/client";
import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { requireAdmin, requireCity } from "../auth/permissions";
import { writeTranslations, type TranslatedEntity } from "../catalogue/translation-text";
import { AppError } from "../errors";
import { writeSectionTexts } from "../guide/write-section-texts";
import { readTranslationFile } from "./translation-file";
import { plannedWrites, planUnits } from "./translation-plan";

export const applyTranslationImportSchema = z.object({ job: z.string().trim().min(1).max(64) }).strict();

export async function applyTranslationImport(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof applyTranslationImportSchema>,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const found = await db.importJob.findUnique({
    where: { id: input.job },
    select: { kind: true, cityId: true },
  });
  if (!found || found.kind !== "TRANSLATION" || !found.cityId) throw new AppError("NOT_FOUND");
  requireCity(admin, found.cityId);
  const cityId = found.cityId;
  return db.$transaction(
    async (tx) => {
      // One apply per job: the second waits here, then finds it applied.
      await tx.$queryRaw`SELECT id FROM import_job WHERE id = ${input.job} FOR UPDATE`;
      const job = await tx.importJob.findUniqueOrThrow({
        where: { id: input.job },
        select: { status: true, file: true, plan: true, fileSha256: true, fileName: true },
      });
      if (job.status !== "PLANNED" || !job.file) throw new AppError("CONFLICT");
      const language = (job.plan as { language: string }).language;
      const file = await readTranslationFile(new Uint8Array(job.file), language);
      const { units, counts } = await planUnits(tx, cityId, language, file.entries);
      if (counts.errors > 0)
        throw new AppError("VALIDATION_FAILED", {
          fields: { file: "invalid" },
          reason: "translationImportHasErrors",
          values: { count: counts.errors },
        });
      const guideWrites: { section: GuideSectionKey; language: string; title?: string; body?: string }[] = [];
      for (const row of plannedWrites(units)) {
        if (row.entity === "guide") {
          const section = await tx.guideSection.findUniqueOrThrow({
            where: { id: row.entityId },
            select: { key: true },
          });
          guideWrites.push({ section: section.key, language, ...row.fields });
        } else
          await writeTranslations(
            tx,
            row.entity as TranslatedEntity,
            [{ id: row.entityId, locale: language, fields: row.fields }],
            now,
          );
      }
      await writeSectionTexts(tx, cityId, admin.actor.userId, guideWrites, now);
      await tx.importJob.update({
        where: { id: input.job },
        data: {
          status: "APPLIED",
          appliedAt: now,
          updatedAt: now,
          processedRows: units.length,
          plan: { language, units } as unknown as Prisma.InputJsonValue,
          counts: counts as unknown as Prisma.InputJsonValue,
          file: null,
        },
      });
      await recordAudit(tx, {
        actorId: admin.actor.userId,
        actorRole: admin.role,
        action: "translation.import.apply",
        entityType: "import_job",
        entityId: input.job,
        cityId,
        after: { fileName: job.fileName, fileSha256: job.fileSha256, language, ...counts },
      });
      return { job: input.job, language, counts };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
