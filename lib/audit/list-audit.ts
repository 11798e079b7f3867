// Use case: a manager reads their institution's audit trail, newest first, by page.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";

export const auditQuerySchema = z
  .object({ page: z.coerce.number().int().min(1).max(10_000).default(1) })
  .strict();
export type AuditQuery = z.output<typeof auditQuerySchema>;
export const AUDIT_PAGE_SIZE = 50;

export async function listInstitutionAudit(db: DbClient, actor: Actor | null, { page }: AuditQuery) {
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
        actor: { select: { name: true, email: true } },
      },
    }),
  ]);
  return { page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), total, events };
}
