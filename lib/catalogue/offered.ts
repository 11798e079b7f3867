// One home for "offered": a department or TCM package is offered while it is
// not retired (retired_at is null). A retired one keeps its bookings (their
// manage pages still name it) but leaves search, the institution's page, the
// package list, the sitemap, the FHIR directory, slot lists and booking. Every
// reader imports these fragments instead of restating the rule; holds and
// bookings read it in the statement that locks the slot (lockSlots).
import { Prisma } from "../db/generated/client";
import { AppError } from "../errors";

/** Prisma where-fragment: an offered department. */
export const offeredDepartment = { retiredAt: null } as const satisfies Prisma.DepartmentWhereInput;

/** Prisma where-fragment: an offered TCM package. */
export const offeredPackage = { retiredAt: null } as const satisfies Prisma.TcmPackageWhereInput;

/** SQL: the department or package aliased `alias` is offered. */
export function offeredSql(alias: string): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(`"${alias}"`)}.retired_at IS NULL`;
}

/**
 * SQL: a slot's offering (its department aliased `department` and its package
 * aliased `pkg`, both LEFT JOINed, so the one a slot does not have is null) is
 * offered.
 */
export function slotOfferedSql(department: string, pkg: string): Prisma.Sql {
  return Prisma.sql`(${offeredSql(department)} AND ${offeredSql(pkg)})`;
}

type Reader = Pick<Prisma.TransactionClient, "$queryRaw">;

/**
 * Refuses (409 OFFERING_RETIRED) a new hold or booking of a slot whose
 * department or package is retired. Called right after the slot is locked
 * (lockSlot), in its own statement, so it reads what was committed before the
 * lock was granted (ADR 0011): a retirement that commits later comes after
 * this hold, and the booking that would follow it is refused here too.
 */
export async function requireSlotOffered(tx: Reader, slotId: string): Promise<void> {
  const [row] = await tx.$queryRaw<{ offered: boolean }[]>`
    SELECT ${slotOfferedSql("d", "p")} AS offered
    FROM slot s LEFT JOIN department d ON d.id = s.department_id LEFT JOIN tcm_package p ON p.id = s.package_id
    WHERE s.id = ${slotId}`;
  if (row && !row.offered) throw new AppError("OFFERING_RETIRED");
}
