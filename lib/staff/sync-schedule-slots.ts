// Makes a schedule's future slots match its rules and closures, up to a
// horizon: creates the missing ones, adjusts capacities, removes the ones no
// longer planned. It never removes or shrinks below what is booked: such a
// slot is kept, closed to new bookings, and reported with the reason.
import type { TxClient } from "../db/create-client";
import { planSlots } from "../booking/plan-slots";
import { calendarDateOf, dbDate } from "../time/zone";

export type KeptReason = "booked" | "held" | "capacityBelowBooked";

export interface SyncReport {
  created: number;
  updated: number;
  removed: number;
  kept: { startsAt: Date; booked: number; reason: KeptReason }[];
}

interface ScheduleForSync {
  id: string;
  institutionId: string;
  departmentId: string | null;
  packageId: string | null;
  timezone: string;
  rules: { weekday: number; startMinute: number; endMinute: number; slotMinutes: number; capacity: number }[];
  closures: { startsOn: Date; endsOn: Date }[];
}

const DAY = 86_400_000;

/** Days of the schedule's zone from today to its last published slot, inclusive (0 when none). */
export async function publishedDays(
  tx: TxClient,
  scheduleId: string,
  timezone: string,
  now: Date,
): Promise<number> {
  const last = await tx.slot.findFirst({
    where: { scheduleId, startsAt: { gt: now } },
    orderBy: { startsAt: "desc" },
    select: { startsAt: true },
  });
  if (!last) return 0;
  const days = (a: Date) => dbDate(calendarDateOf(a, timezone)).getTime() / DAY;
  return days(last.startsAt) - days(now) + 1;
}

export async function syncScheduleSlots(
  tx: TxClient,
  schedule: ScheduleForSync,
  days: number,
  now: Date,
): Promise<SyncReport> {
  const report: SyncReport = { created: 0, updated: 0, removed: 0, kept: [] };
  const planned = new Map(
    planSlots({
      timezone: schedule.timezone,
      rules: schedule.rules,
      closures: schedule.closures,
      now,
      days,
    }).map((s) => [s.startsAt.getTime(), s]),
  );
  const existing = await tx.slot.findMany({
    where: { scheduleId: schedule.id, startsAt: { gt: now } },
    select: { id: true, startsAt: true, endsAt: true, capacity: true, booked: true, closed: true },
    orderBy: { startsAt: "asc" },
  });
  const toRemove: string[] = [];
  for (const slot of existing) {
    const plan = planned.get(slot.startsAt.getTime());
    planned.delete(slot.startsAt.getTime());
    if (!plan || plan.endsAt.getTime() !== slot.endsAt.getTime()) {
      if (slot.booked === 0) toRemove.push(slot.id);
      else {
        report.kept.push({ startsAt: slot.startsAt, booked: slot.booked, reason: "booked" });
        if (!slot.closed) await tx.slot.update({ where: { id: slot.id }, data: { closed: true } });
      }
      continue;
    }
    const capacity = Math.max(plan.capacity, slot.booked);
    if (plan.capacity < slot.booked)
      report.kept.push({ startsAt: slot.startsAt, booked: slot.booked, reason: "capacityBelowBooked" });
    if (capacity !== slot.capacity || slot.closed) {
      await tx.slot.update({ where: { id: slot.id }, data: { capacity, closed: false } });
      report.updated++;
    }
  }
  if (toRemove.length > 0) {
    // Re-checked in the statement itself: a booking or hold that arrived meanwhile keeps its slot.
    // A slot that only cancelled bookings point to stays as a closed row (their history needs it).
    const removed = await tx.$queryRaw<{ id: string }[]>`
      DELETE FROM slot s WHERE s.id = ANY(${toRemove}::text[]) AND s.booked = 0
        AND NOT EXISTS (SELECT 1 FROM hold h WHERE h.slot_id = s.id AND h.expires_at > now())
        AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id)
      RETURNING s.id`;
    const gone = new Set(removed.map((r) => r.id));
    const stayed = toRemove.filter((id) => !gone.has(id));
    const held = new Set(
      (
        await tx.$queryRaw<{ slot_id: string }[]>`
          SELECT DISTINCT slot_id FROM hold WHERE slot_id = ANY(${stayed}::text[]) AND expires_at > now()`
      ).map((r) => r.slot_id),
    );
    await tx.slot.updateMany({ where: { id: { in: stayed } }, data: { closed: true } });
    report.removed = toRemove.length - held.size;
    for (const slot of existing) {
      if (held.has(slot.id))
        report.kept.push({ startsAt: slot.startsAt, booked: slot.booked, reason: "held" });
    }
  }
  if (planned.size > 0) {
    const result = await tx.slot.createMany({
      data: [...planned.values()].map((s) => ({
        institutionId: schedule.institutionId,
        scheduleId: schedule.id,
        departmentId: schedule.departmentId,
        packageId: schedule.packageId,
        ...s,
      })),
      skipDuplicates: true,
    });
    report.created = result.count;
  }
  report.kept.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return report;
}
