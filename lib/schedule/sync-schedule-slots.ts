// Makes a schedule's future slots match its rules and closures, up to a
// horizon: creates the missing ones, adjusts capacities, removes the ones no
// longer planned. It never removes or shrinks below what is booked: such a
// slot is kept, closed to new bookings, and reported with the reason. New
// places are offered only as far as the month's quota leaves room (rule 3).
import type { TxClient } from "../db/create-client";
import { planSlots } from "../booking/plan-slots";
import { liveHoldsOn } from "../booking/slot-capacity";
import { Prisma } from "../db/generated/client";

type PlannedSlot = ReturnType<typeof planSlots>[number];
import { openPlacesOf, PublishBudget, type PublishLine } from "../quota/publish-budget";
import { calendarDateOf, dbDate } from "../time/zone";

export type KeptReason = "booked" | "held" | "capacityBelowBooked";

export interface SyncReport {
  created: number;
  updated: number;
  removed: number;
  kept: { startsAt: Date; booked: number; reason: KeptReason }[];
  /** Rule 3: per month, the cap's numbers and what this change could and could not publish. */
  quota: PublishLine[];
}

interface ScheduleForSync {
  id: string;
  institutionId: string;
  departmentId: string | null;
  packageId: string | null;
  timezone: string;
  rules: { weekday: number; startMinute: number; endMinute: number; slotMinutes: number; capacity: number }[];
  closures: { startsOn: Date; endsOn: Date }[];
  /** A package's booking counts its sessions in the quota; a department's counts 1. */
  package?: { sessions: number } | null;
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
  const report: SyncReport = { created: 0, updated: 0, removed: 0, kept: [], quota: [] };
  const plannedSlots = planSlots({
    timezone: schedule.timezone,
    rules: schedule.rules,
    closures: schedule.closures,
    now,
    days,
  });
  const planned = new Map(plannedSlots.map((s) => [s.startsAt.getTime(), s]));
  // Lock order (docs/decisions/0011): the schedule's future slots, in id order, before anything
  // is read from them; bookings and holds then wait, and what is read below stays true.
  await tx.$queryRaw`SELECT id FROM slot WHERE schedule_id = ${schedule.id} AND starts_at > ${now} ORDER BY id FOR UPDATE`;
  const existing = (
    await tx.$queryRaw<
      {
        id: string;
        startsAt: Date;
        endsAt: Date;
        capacity: number;
        booked: number;
        closed: boolean;
        held: number;
      }[]
    >`
      SELECT s.id, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.capacity, s.booked, s.closed,
        ${liveHoldsOn(Prisma.sql`s.id`)} AS held
      FROM slot s WHERE s.schedule_id = ${schedule.id} AND s.starts_at > ${now}
      ORDER BY s.starts_at`
  ).map((s) => ({ ...s, capacity: Number(s.capacity), booked: Number(s.booked), held: Number(s.held) }));
  const horizon = [...existing, ...plannedSlots].reduce(
    (max, s) => (s.startsAt > max ? s.startsAt : max),
    now,
  );
  const budget = await PublishBudget.open(
    tx,
    schedule.institutionId,
    schedule.package?.sessions ?? 1,
    now,
    horizon,
  );

  // First what stops being offered (it gives room back), then what is added, in time order.
  const toRemove: string[] = [];
  const growths: { slot: (typeof existing)[number]; wanted: number }[] = [];
  for (const slot of existing) {
    const plan = planned.get(slot.startsAt.getTime());
    planned.delete(slot.startsAt.getTime());
    if (!plan || plan.endsAt.getTime() !== slot.endsAt.getTime()) {
      budget?.free(slot.startsAt, openPlacesOf(slot));
      if (slot.booked === 0) toRemove.push(slot.id);
      else {
        report.kept.push({ startsAt: slot.startsAt, booked: slot.booked, reason: "booked" });
        if (!slot.closed) await tx.slot.update({ where: { id: slot.id }, data: { closed: true } });
      }
      continue;
    }
    if (plan.capacity < slot.booked)
      report.kept.push({ startsAt: slot.startsAt, booked: slot.booked, reason: "capacityBelowBooked" });
    // A live hold keeps its place too: capacity never falls below bookings plus live holds.
    const wanted = Math.max(plan.capacity, slot.booked + slot.held);
    const wantedOpen = wanted - slot.booked;
    if (wantedOpen > openPlacesOf(slot)) growths.push({ slot, wanted });
    else if (wanted !== slot.capacity || slot.closed) {
      budget?.free(slot.startsAt, openPlacesOf(slot) - wantedOpen);
      await tx.slot.update({ where: { id: slot.id }, data: { capacity: wanted, closed: false } });
      report.updated++;
    }
  }
  // Additions in time order: an earlier slot gets the month's room first.
  const additions = [
    ...growths.map((g) => ({ startsAt: g.slot.startsAt, grow: g })),
    ...[...planned.values()].map((plan) => ({ startsAt: plan.startsAt, plan })),
  ].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const creations: PlannedSlot[] = [];
  for (const addition of additions) {
    if ("plan" in addition) {
      const capacity = budget
        ? budget.take(addition.startsAt, addition.plan.capacity)
        : addition.plan.capacity;
      if (capacity > 0) creations.push({ ...addition.plan, capacity });
      continue;
    }
    const { slot, wanted } = addition.grow;
    const asked = wanted - slot.booked - openPlacesOf(slot);
    const granted = budget ? budget.take(slot.startsAt, asked) : asked;
    if (granted === 0) continue; // a closed slot stays closed, an open one keeps its places
    await tx.slot.update({
      where: { id: slot.id },
      data: { capacity: slot.booked + openPlacesOf(slot) + granted, closed: false },
    });
    report.updated++;
  }
  if (toRemove.length > 0) {
    // Re-checked in the statement itself: a booking or hold that arrived meanwhile keeps its slot.
    // A slot that only cancelled bookings point to stays as a closed row (their history needs it).
    const removed = await tx.$queryRaw<{ id: string }[]>`
      DELETE FROM slot s WHERE s.id = ANY(${toRemove}::text[]) AND s.booked = 0
        AND ${liveHoldsOn(Prisma.sql`s.id`)} = 0
        AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id)
      RETURNING s.id`;
    const gone = new Set(removed.map((r) => r.id));
    const stayed = toRemove.filter((id) => !gone.has(id));
    const held = new Set(existing.filter((s) => stayed.includes(s.id) && s.held > 0).map((s) => s.id));
    await tx.slot.updateMany({ where: { id: { in: stayed } }, data: { closed: true } });
    report.removed = toRemove.length - held.size;
    for (const slot of existing) {
      if (held.has(slot.id))
        report.kept.push({ startsAt: slot.startsAt, booked: slot.booked, reason: "held" });
    }
  }
  if (creations.length > 0) {
    const result = await tx.slot.createMany({
      data: creations.map((s) => ({
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
  report.quota = budget?.report() ?? [];
  report.kept.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return report;
}
