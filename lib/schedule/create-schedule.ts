// Use case: start a schedule for a department or package of the actor's
// institution (one each: a unique index answers a concurrent second create).
import type { z } from "zod";
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import type { createScheduleSchema } from "./schedule-inputs";
import { actorAttributes, tracedUseCase } from "../observability/trace";

async function createScheduleUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof createScheduleSchema>,
): Promise<{ id: string }> {
  const scope = requireStaff(actor, "schedule.manage");
  const kind = input.service.startsWith("d:") ? "department" : "package";
  const slug = input.service.slice(2);
  return db.$transaction(async (tx) => {
    const target =
      kind === "department"
        ? await tx.department.findFirst({
            where: { institutionId: scope.institutionId, slug },
            select: { id: true },
          })
        : await tx.tcmPackage.findFirst({
            where: { institutionId: scope.institutionId, slug },
            select: { id: true },
          });
    if (!target) throw new AppError("VALIDATION_FAILED", { fields: { service: "unknown" } });
    const where = kind === "department" ? { departmentId: target.id } : { packageId: target.id };
    const existing = await tx.schedule.findFirst({ where, select: { id: true } });
    if (existing) return existing;
    const [created] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO schedule (id, institution_id, department_id, package_id, updated_at)
      VALUES (${crypto.randomUUID()}, ${scope.institutionId}, ${kind === "department" ? target.id : null},
        ${kind === "package" ? target.id : null}, now())
      ON CONFLICT DO NOTHING RETURNING id`;
    const schedule = created ?? (await tx.schedule.findFirstOrThrow({ where, select: { id: true } }));
    if (created) {
      await recordAudit(tx, {
        actorId: scope.actor.userId,
        actorRole: scope.role,
        action: "schedule.create",
        entityType: "schedule",
        entityId: schedule.id,
        institutionId: scope.institutionId,
        after: { service: input.service },
      });
    }
    return { id: schedule.id };
  });
}

/** createSchedule with a "schedule.createSchedule" span around each call (lib/observability/trace.ts). */
export const createSchedule = tracedUseCase("schedule.createSchedule", createScheduleUntraced, (_db, actor) =>
  actorAttributes(actor),
);
