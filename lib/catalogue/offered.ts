// One home for "offered": a department or TCM package is offered while it is
// not retired (retired_at is null). A retired one keeps its bookings (their
// manage pages still name it) but leaves search, the institution's page, the
// package list, the sitemap, the FHIR directory, slot lists and booking. Every
// reader imports these fragments instead of restating the rule; holds and
// bookings read it in the statement that locks the slot (lockSlots).
import { Prisma } from "../db/generated/client";

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
