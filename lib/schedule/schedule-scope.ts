// The schedule an edit applies to, looked up inside the actor's institution
// and locked for the rest of the transaction so edits of one schedule queue.
import type { TxClient } from "../db/create-client";
import { AppError } from "../errors";

export async function lockScheduleInScope(tx: TxClient, scheduleId: string, institutionId: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM schedule WHERE id = ${scheduleId} AND institution_id = ${institutionId} FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND");
  return readSchedule(tx, scheduleId);
}

/** The schedule with its rules and closures (inside the transaction that locked it). */
export function readSchedule(tx: TxClient, scheduleId: string) {
  return tx.schedule.findUniqueOrThrow({
    where: { id: scheduleId },
    include: {
      rules: { orderBy: [{ weekday: "asc" }, { startMinute: "asc" }] },
      closures: { orderBy: { startsOn: "asc" } },
      package: { select: { sessions: true } },
    },
  });
}

export type LockedSchedule = Awaited<ReturnType<typeof lockScheduleInScope>>;
