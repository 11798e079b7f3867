// The permission table and the helpers every staff page, server action and
// route handler calls (DESIGN rule 5). Signed out: UNAUTHENTICATED (401, pages
// redirect to sign-in). Signed in without the permission: FORBIDDEN (403).
// Another institution's record is looked up inside the actor's institution,
// so it is NOT_FOUND (404): its existence is not revealed.
import { AppError } from "../errors";
import type { Role } from "../db/generated/client";
import type { Actor } from "./actor";

const HOSPITAL: Role[] = ["HOSPITAL_STAFF", "HOSPITAL_MANAGER"];

export const permissions = {
  /** Open the staff console, see the day's bookings. */
  "console.view": HOSPITAL,
  "booking.read": HOSPITAL,
  /** Confirm, check in, complete, no-show, cancel, acknowledge, issue letters. */
  "booking.update": HOSPITAL,
  "schedule.manage": HOSPITAL,
  "team.manage": ["HOSPITAL_MANAGER"],
  "audit.read": ["HOSPITAL_MANAGER"],
} as const satisfies Record<string, Role[]>;

export type Permission = keyof typeof permissions;

export interface StaffScope {
  actor: Actor;
  institutionId: string;
  role: Role;
}

/** True when the actor holds a role granting `permission` at any institution. */
export function can(actor: Actor | null, permission: Permission): boolean {
  const allowed: readonly Role[] = permissions[permission];
  return !!actor?.roles.some((r) => allowed.includes(r.role) && r.institutionId);
}

/**
 * The institution the actor works for, with the role that grants `permission`
 * there. The console serves one institution per account (the first hospital
 * role assigned).
 */
export function requireStaff(actor: Actor | null, permission: Permission): StaffScope {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  const hospital = actor.roles.filter((r) => r.institutionId && HOSPITAL.includes(r.role));
  const institutionId = hospital[0]?.institutionId;
  if (!institutionId) throw new AppError("FORBIDDEN");
  const allowed: readonly Role[] = permissions[permission];
  const grant = hospital.find((r) => r.institutionId === institutionId && allowed.includes(r.role));
  if (!grant) throw new AppError("FORBIDDEN");
  return { actor, institutionId, role: grant.role };
}
