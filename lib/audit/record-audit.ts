// Writes one audit event (who, in which role, what, when, before and after) in
// the same transaction as the change it describes.
import type { DbClient, TxClient } from "../db/create-client";
import type { Prisma, Role } from "../db/generated/client";

export interface AuditEntry {
  actorId: string | null;
  actorRole: Role | null;
  action: string;
  entityType: string;
  entityId: string;
  institutionId?: string | null;
  cityId?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

export async function recordAudit(db: DbClient | TxClient, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: entry.actorId,
      actorRole: entry.actorRole,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      institutionId: entry.institutionId ?? null,
      cityId: entry.cityId ?? null,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
    },
  });
}
