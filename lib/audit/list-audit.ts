// Use case: a manager reads their institution's audit trail, newest first, by
// page, as a person reads it: who, in which role, what, on which record (a
// booking by its reference, a schedule by its service, an account by its
// holder's name, never an id) and what changed, field by field (audit-changes.ts).
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import type { Role } from "../db/generated/client";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { nameTranslations, pickName } from "../i18n/content";
import { auditChanges, type AuditChange } from "./audit-changes";

export const auditQuerySchema = z
  .object({ page: z.coerce.number().int().min(1).max(10_000).default(1) })
  .strict();
export type AuditQuery = z.output<typeof auditQuerySchema>;
export const AUDIT_PAGE_SIZE = 50;

/** The record an event is about, named as the console names it. */
export type AuditSubject =
  | { kind: "booking"; reference: string }
  | { kind: "schedule"; service: string }
  | { kind: "account"; name: string }
  | { kind: "month"; month: string }
  | { kind: "institution"; name: string }
  | { kind: "department"; name: string }
  | { kind: "quotaRule" }
  | { kind: "record" };

export interface AuditEntry {
  id: string;
  at: Date;
  /** Null for the system itself (e.g. anonymization after the retention period). */
  actorName: string | null;
  actorRole: Role | null;
  action: string;
  entityId: string;
  subject: AuditSubject;
  changes: AuditChange[];
}

const idsOf = (events: { entityType: string; entityId: string }[], type: string) => [
  ...new Set(events.filter((e) => e.entityType === type).map((e) => e.entityId)),
];

export async function listInstitutionAudit(
  db: DbClient,
  actor: Actor | null,
  { page }: AuditQuery,
  locale = "en",
) {
  const scope = requireStaff(actor, "audit.read");
  const where = { institutionId: scope.institutionId };
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: {
        id: true,
        action: true,
        entityType: true,
        entityId: true,
        actorRole: true,
        before: true,
        after: true,
        createdAt: true,
        actor: { select: { name: true } },
      },
    }),
  ]);
  const names = nameTranslations(locale);
  const inInstitution = { institutionId: scope.institutionId };
  const [bookings, schedules, users, months, institutions, departments] = await Promise.all([
    db.booking.findMany({
      where: { id: { in: idsOf(events, "booking") }, ...inInstitution },
      select: { id: true, reference: true },
    }),
    db.schedule.findMany({
      where: { id: { in: idsOf(events, "schedule") }, ...inInstitution },
      select: {
        id: true,
        department: { select: { slug: true, translations: names } },
        package: { select: { slug: true, translations: names } },
      },
    }),
    db.user.findMany({ where: { id: { in: idsOf(events, "user") } }, select: { id: true, name: true } }),
    db.quotaPeriod.findMany({
      where: { id: { in: idsOf(events, "quota_period") }, ...inInstitution },
      select: { id: true, month: true },
    }),
    db.institution.findMany({
      where: { id: { in: idsOf(events, "institution").filter((id) => id === scope.institutionId) } },
      select: { id: true, nameZh: true, translations: names },
    }),
    db.department.findMany({
      where: { id: { in: idsOf(events, "department") }, ...inInstitution },
      select: { id: true, slug: true, translations: names },
    }),
  ]);
  const found = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const booking = found(bookings);
  const schedule = found(schedules);
  const user = found(users);
  const month = found(months);
  const institution = found(institutions);
  const department = found(departments);

  const subjectOf = (type: string, id: string): AuditSubject => {
    if (type === "booking" && booking.has(id))
      return { kind: "booking", reference: booking.get(id)!.reference };
    if (type === "schedule" && schedule.has(id)) {
      const s = schedule.get(id)!;
      const service = s.department ?? s.package;
      return {
        kind: "schedule",
        service: service ? pickName(service.translations, locale, service.slug) : "",
      };
    }
    if (type === "user" && user.has(id)) return { kind: "account", name: user.get(id)!.name };
    if (type === "quota_period" && month.has(id))
      return { kind: "month", month: month.get(id)!.month.toISOString().slice(0, 7) };
    if (type === "institution" && institution.has(id)) {
      const i = institution.get(id)!;
      return { kind: "institution", name: pickName(i.translations, locale, i.nameZh) };
    }
    if (type === "department" && department.has(id)) {
      const d = department.get(id)!;
      return { kind: "department", name: pickName(d.translations, locale, d.slug) };
    }
    if (type === "quota_rule") return { kind: "quotaRule" };
    return { kind: "record" };
  };

  const entries: AuditEntry[] = events.map((e) => ({
    id: e.id,
    at: e.createdAt,
    actorName: e.actor?.name ?? null,
    actorRole: e.actorRole,
    action: e.action,
    entityId: e.entityId,
    subject: subjectOf(e.entityType, e.entityId),
    changes: auditChanges(e.before, e.after),
  }));
  return { page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), total, events: entries };
}
