// The shared shape of every schedule edit: lock the schedule inside the
// actor's institution, change it, bring its published slots in line
// (lib/schedule/sync-schedule-slots.ts) and audit it, in one transaction. A
// schedule managed by a hospital system is refused (its rules never apply).
import type { DbClient, TxClient } from "../db/create-client";
import { inTransaction } from "../db/transaction";
import { AppError } from "../errors";
import type { Prisma } from "../db/generated/client";
import { recordAudit } from "../audit/record-audit";
import type { StaffScope } from "../auth/permissions";
import { lockScheduleInScope, readSchedule, type LockedSchedule } from "./schedule-scope";
import { publishedDays, syncScheduleSlots, type SyncReport } from "./sync-schedule-slots";
import { tracedUseCase } from "../observability/trace";

export interface ScheduleEdit {
  action: string;
  /** Applies the change; returns what the audit trail records as "after". */
  change: (tx: TxClient, schedule: LockedSchedule) => Promise<Prisma.InputJsonValue>;
  /** Publish at least this many days ahead (publishing); edits keep the published horizon. */
  days?: number;
}

async function editScheduleUntraced(
  db: DbClient,
  scope: StaffScope,
  scheduleId: string,
  edit: ScheduleEdit,
  now: Date,
): Promise<SyncReport> {
  return inTransaction(
    db,
    async (tx) => {
      const before = await lockScheduleInScope(tx, scheduleId, scope.institutionId);
      // A schedule a hospital system publishes (ADR 0022) takes its slots from the pushes:
      // rules edited here would fight them, so the console only reads it.
      if (before.managedByClientId !== null) throw new AppError("CONFLICT", { reason: "scheduleManaged" });
      const after = await edit.change(tx, before);
      const schedule = await readSchedule(tx, scheduleId);
      const days = Math.max(edit.days ?? 0, await publishedDays(tx, scheduleId, schedule.timezone, now));
      const report = days > 0 ? await syncScheduleSlots(tx, schedule, days, now) : emptyReport();
      await recordAudit(tx, {
        actorId: scope.actor.userId,
        actorRole: scope.role,
        action: edit.action,
        entityType: "schedule",
        entityId: scheduleId,
        institutionId: scope.institutionId,
        before: { rules: before.rules.length, closures: before.closures.length },
        after: {
          change: after,
          slots: {
            created: report.created,
            updated: report.updated,
            removed: report.removed,
            kept: report.kept.length,
          },
        },
      });
      return report;
    },
    { maxWait: 15_000, timeout: 60_000 },
  );
}

function emptyReport(): SyncReport {
  return { created: 0, updated: 0, removed: 0, kept: [], quota: [] };
}

/** editSchedule with a "schedule.editSchedule" span around each call (lib/observability/trace.ts). */
export const editSchedule = tracedUseCase(
  "schedule.editSchedule",
  editScheduleUntraced,
  (_db, _scope, scheduleId) => ({ "schedule.id": scheduleId }),
);
