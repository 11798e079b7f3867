// The permission table and the helpers every staff page, server action and
// route handler calls (DESIGN rule 5). Signed out: UNAUTHENTICATED (401, pages
// redirect to sign-in). Signed in without the permission: FORBIDDEN (403).
// Another institution's record is looked up inside the actor's institution,
// so it is NOT_FOUND (404): its existence is not revealed.
import { AppError } from "../errors";
import type { Role } from "../db/generated/client";
import type { Actor } from "./actor";

const HOSPITAL: Role[] = ["HOSPITAL_STAFF", "HOSPITAL_MANAGER"];
const ADMIN: Role[] = ["CITY_ADMIN", "SYSTEM_ADMIN"];

export const permissions = {
  /** Open the staff console, see the day's bookings. */
  "console.view": HOSPITAL,
  "booking.read": HOSPITAL,
  /** Confirm, check in, complete, no-show, cancel, acknowledge, issue letters. */
  "booking.update": HOSPITAL,
  "schedule.manage": HOSPITAL,
  "team.manage": ["HOSPITAL_MANAGER"],
  "audit.read": ["HOSPITAL_MANAGER"],
  /** Declare the institution's monthly service volume (rule 3). */
  "quota.declare": ["HOSPITAL_MANAGER"],
  /** The institution's integration clients (its hospital system's OAuth credentials for the FHIR API). */
  "integrations.manage": ["HOSPITAL_MANAGER"],
  /** Health-commission work: quota rules, verifying volumes, compliance reports. */
  "admin.view": ADMIN,
  "quota.rules": ADMIN,
  "quota.verify": ADMIN,
  "quota.report": ADMIN,
  /** The admission standard, listing decisions and the foreigner medical guide of a city. */
  "guide.manage": ADMIN,
  /** The institutions of a city: details, translations, their first manager. */
  "catalogue.manage": ADMIN,
  /** Exchange rates for self-pay estimates: national, so the system admin's. */
  "rates.manage": ["SYSTEM_ADMIN"],
  /** The mainland's public-holiday calendar for working-day lead times: national, so the system admin's. */
  "holidays.manage": ["SYSTEM_ADMIN"],
  /** Approve or deny a guarantee-of-payment request (rule 4). */
  "guarantee.decide": HOSPITAL,
} as const satisfies Record<string, Role[]>;

export type Permission = keyof typeof permissions;

export interface StaffScope {
  actor: Actor;
  institutionId: string;
  role: Role;
}

/** A role counts where it is scoped: hospital roles at an institution, city admins in a city. */
const scoped = (r: Actor["roles"][number]) =>
  r.role === "SYSTEM_ADMIN" || (r.role === "CITY_ADMIN" ? !!r.cityId : !!r.institutionId);

/** True when the actor holds a role granting `permission` (at any institution or city). */
export function can(actor: Actor | null, permission: Permission): boolean {
  const allowed: readonly Role[] = permissions[permission];
  return !!actor?.roles.some((r) => allowed.includes(r.role) && scoped(r));
}

export interface AdminScope {
  actor: Actor;
  role: Role;
  /** The cities the actor administers; null for a system admin (every city). */
  cityIds: string[] | null;
}

/** A city or system admin with `permission`; UNAUTHENTICATED or FORBIDDEN otherwise. */
export function requireAdmin(actor: Actor | null, permission: Permission): AdminScope {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  const allowed: readonly Role[] = permissions[permission];
  const grants = actor.roles.filter((r) => allowed.includes(r.role) && scoped(r));
  if (grants.length === 0) throw new AppError("FORBIDDEN");
  const system = grants.find((r) => r.role === "SYSTEM_ADMIN");
  if (system) return { actor, role: "SYSTEM_ADMIN", cityIds: null };
  return { actor, role: "CITY_ADMIN", cityIds: grants.map((r) => r.cityId!) };
}

/** Another city's records are out of a city admin's reach: 403, as the issue asks. */
export function requireCity(scope: AdminScope, cityId: string): void {
  if (scope.cityIds && !scope.cityIds.includes(cityId)) throw new AppError("FORBIDDEN");
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
