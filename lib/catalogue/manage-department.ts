// Use cases of a city's health commission for an institution's departments
// (issue 19): remove one that never had a booking (its schedules and slots go
// with it), or retire one that has bookings (they stay; it leaves search and
// booking, lib/catalogue/offered.ts) and offer it again. Adding and editing a
// department are in manage-institution.ts. Audited; another city's
// institution is a 403.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/permissions";
import { institutionInCity } from "../auth/admin-city";
import { liveHoldsOn } from "../booking/slot-capacity";
import { Prisma } from "../db/generated/client";
import { slugParam } from "../slug";

export const removeDepartmentSchema = z.object({ institution: slugParam, department: slugParam }).strict();
export const retireDepartmentSchema = z
  .object({ institution: slugParam, department: slugParam, retired: z.boolean() })
  .strict();

async function departmentOf(db: DbClient, actor: Actor | null, institution: string, slug: string) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const scope = await institutionInCity(db, admin, institution);
  const department = await db.department.findUnique({
    where: { institutionId_slug: { institutionId: scope.id, slug } },
    select: { id: true, specialty: true, consultationFeeFen: true, retiredAt: true },
  });
  if (!department) throw new AppError("NOT_FOUND");
  return { admin, scope, department };
}

/**
 * Removes a department that has no booking (of any status) and no live hold:
 * its schedules, slots and texts go with it. One with bookings is refused
 * (409 OFFERING_HAS_BOOKINGS: retire it instead). Lock order as a schedule
 * edit (ADR 0011): its schedules, then its slots in id order; the counts are
 * read by the statements after the locks, so a hold or booking taken meanwhile
 * is seen, and one that comes later finds its slot gone.
 */
export async function removeDepartment(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof removeDepartmentSchema>,
) {
  const { admin, scope, department } = await departmentOf(db, actor, input.institution, input.department);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM schedule WHERE department_id = ${department.id} ORDER BY id FOR UPDATE`;
    await tx.$queryRaw`SELECT id FROM slot WHERE department_id = ${department.id} ORDER BY id FOR UPDATE`;
    const [use] = await tx.$queryRaw<{ bookings: number; holds: number }[]>`
      SELECT (SELECT count(*)::int FROM booking b WHERE b.department_id = ${department.id}) AS bookings,
        (SELECT COALESCE(sum(${liveHoldsOn(Prisma.sql`s.id`)}), 0)::int FROM slot s WHERE s.department_id = ${department.id}) AS holds`;
    if (Number(use?.bookings) > 0 || Number(use?.holds) > 0)
      throw new AppError("OFFERING_HAS_BOOKINGS", { fields: { department: "hasBookings" } });
    await tx.department.delete({ where: { id: department.id } });
    await recordAudit(tx, {
      actorId: admin.actor.userId,
      actorRole: admin.role,
      action: "catalogue.department.remove",
      entityType: "department",
      entityId: department.id,
      institutionId: scope.id,
      cityId: scope.cityId,
      before: {
        slug: input.department,
        specialty: department.specialty,
        feeYuan: department.consultationFeeFen / 100,
      },
    });
    return { department: input.department };
  });
}

/** Retires the department (retired: true; its bookings stay) or offers it again (false). */
export async function setDepartmentRetired(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof retireDepartmentSchema>,
  now: Date = new Date(),
) {
  const { admin, scope, department } = await departmentOf(db, actor, input.institution, input.department);
  if (Boolean(department.retiredAt) === input.retired)
    return { department: input.department, retired: input.retired };
  return db.$transaction(async (tx) => {
    await tx.department.update({
      where: { id: department.id },
      data: { retiredAt: input.retired ? now : null },
    });
    await recordAudit(tx, {
      actorId: admin.actor.userId,
      actorRole: admin.role,
      action: input.retired ? "catalogue.department.retire" : "catalogue.department.restore",
      entityType: "department",
      entityId: department.id,
      institutionId: scope.id,
      cityId: scope.cityId,
      before: { retiredAt: department.retiredAt?.toISOString() ?? null },
      after: { retiredAt: input.retired ? now.toISOString() : null },
    });
    return { department: input.department, retired: input.retired };
  });
}
