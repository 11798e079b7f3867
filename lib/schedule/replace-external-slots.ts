// Use case: a hospital system (an integration client with `slots:write`)
// publishes the slots of some of its institution's services (ADR 0022). For
// each schedule it names, in ONE transaction: the schedule is created or
// adopted (then managed by the system: the console no longer edits it), its
// slots are matched by the system's identifiers (plan-external-slots.ts),
// changed, created, and the ones inside the planning horizon that the push no
// longer lists are removed. Nothing changes when any of it would remove, move
// or shrink a slot below its bookings and live holds (CONFLICT naming each
// slot), or would offer more special-service places than a month's quota
// leaves (QUOTA_EXCEEDED naming each month: the console publishes what fits,
// a system gets a refusal, so its own view never silently differs from ours).
// The same push twice changes nothing. Lock order (ADR 0011): schedules, then
// their slots in id order, then the months (PublishBudget).
import { z } from "zod";
import type { DbClient, TxClient } from "../db/create-client";
import { Prisma } from "../db/generated/client";
import { inTransaction } from "../db/transaction";
import { AppError, type FieldProblem } from "../errors";
import { liveHoldsOn } from "../booking/slot-capacity";
import { PublishBudget, type PublishLine } from "../quota/publish-budget";
import { openPlacesOf } from "../quota/publish-budget";
import { planExternalSlots, type ExistingSlot, type SlotPlan } from "./plan-external-slots";
import { tracedUseCase } from "../observability/trace";

/** What one push may carry (the route also caps the body's bytes). */
export const MAX_PUSHED_SCHEDULES = 50;
export const MAX_PUSHED_SLOTS = 2000;
/** A horizon of at most a year and a day; a slot of at most a day. */
const MAX_HORIZON_MS = 366 * 86_400_000;
const MAX_SLOT_MS = 86_400_000;

const identifierSchema = z
  .object({ system: z.string().trim().min(1).max(200), value: z.string().trim().min(1).max(200) })
  .strict();

const pushedSlotSchema = z
  .object({
    identifier: identifierSchema,
    startsAt: z.date(),
    endsAt: z.date(),
    capacity: z.number().int().min(1).max(100),
    open: z.boolean(),
  })
  .strict()
  .refine((s) => s.endsAt > s.startsAt && s.endsAt.getTime() - s.startsAt.getTime() <= MAX_SLOT_MS, {
    path: ["endsAt"],
    message: "outOfRange",
  });

const pushedScheduleSchema = z
  .object({
    identifier: identifierSchema,
    service: z.object({ kind: z.enum(["department", "package"]), id: z.string().min(1).max(64) }).strict(),
    horizon: z.object({ start: z.date(), end: z.date() }).strict(),
    active: z.boolean(),
    slots: z.array(pushedSlotSchema).max(MAX_PUSHED_SLOTS),
  })
  .strict()
  .superRefine((s, ctx) => {
    const span = s.horizon.end.getTime() - s.horizon.start.getTime();
    if (span <= 0 || span > MAX_HORIZON_MS)
      ctx.addIssue({ code: "custom", path: ["horizon", "end"], message: "outOfRange" });
    const identifiers = new Set<string>();
    const starts = new Set<number>();
    s.slots.forEach((slot, i) => {
      if (slot.startsAt < s.horizon.start || slot.startsAt >= s.horizon.end)
        ctx.addIssue({ code: "custom", path: ["slots", i, "startsAt"], message: "outOfRange" });
      const id = `${slot.identifier.system}\u0000${slot.identifier.value}`;
      if (identifiers.has(id) || starts.has(slot.startsAt.getTime()))
        ctx.addIssue({ code: "custom", path: ["slots", i], message: "mismatch" });
      identifiers.add(id);
      starts.add(slot.startsAt.getTime());
    });
  });

export const replaceExternalSlotsSchema = z
  .object({ schedules: z.array(pushedScheduleSchema).min(1).max(MAX_PUSHED_SCHEDULES) })
  .strict()
  .superRefine((input, ctx) => {
    const identifiers = new Set<string>();
    const services = new Set<string>();
    let slots = 0;
    input.schedules.forEach((s, i) => {
      const id = `${s.identifier.system}\u0000${s.identifier.value}`;
      const service = `${s.service.kind}:${s.service.id}`;
      if (identifiers.has(id) || services.has(service))
        ctx.addIssue({ code: "custom", path: ["schedules", i], message: "mismatch" });
      identifiers.add(id);
      services.add(service);
      slots += s.slots.length;
    });
    if (slots > MAX_PUSHED_SLOTS)
      ctx.addIssue({ code: "custom", path: ["schedules"], message: "outOfRange" });
  });

export type ReplaceExternalSlotsInput = z.output<typeof replaceExternalSlotsSchema>;

/** The integration client pushing (authenticated by the adapter). */
export interface PushingClient {
  clientId: string;
  institutionId: string;
  scopes: readonly string[];
}

export type PushOutcome = "created" | "updated" | "unchanged";

export interface ReplaceExternalSlotsReport {
  schedules: {
    id: string;
    outcome: PushOutcome;
    /** Slots removed (or closed, when cancelled bookings still point to them) inside the horizon. */
    removed: number;
    /** Per pushed slot, in the input's order; id null for a past slot the portal never had. */
    slots: { id: string | null; outcome: PushOutcome | "past" }[];
  }[];
  /** Rule 3: per month, what the push added to what was published. */
  quota: PublishLine[];
}

interface ScheduleRow {
  id: string;
  department_id: string | null;
  package_id: string | null;
  external_system: string | null;
  external_id: string | null;
  managed_by_client_id: string | null;
  horizon_start: Date | null;
  horizon_end: Date | null;
  active: boolean;
  sessions: number | null;
}

async function replaceExternalSlotsUntraced(
  db: DbClient,
  client: PushingClient,
  input: ReplaceExternalSlotsInput,
  now: Date = new Date(),
): Promise<ReplaceExternalSlotsReport> {
  if (!client.scopes.includes("slots:write")) throw new AppError("FORBIDDEN");
  return inTransaction(db, (tx) => push(tx, client, input, now), { maxWait: 15_000, timeout: 60_000 });
}

async function push(
  tx: TxClient,
  client: PushingClient,
  input: ReplaceExternalSlotsInput,
  now: Date,
): Promise<ReplaceExternalSlotsReport> {
  const institutionId = client.institutionId;
  await requireServices(tx, institutionId, input);

  // Schedules first (ADR 0011): the missing ones are created, then every one is locked in id order.
  const created = new Set<string>();
  for (const s of input.schedules) {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO schedule (id, institution_id, department_id, package_id, external_system, external_id,
        managed_by_client_id, updated_at)
      SELECT ${crypto.randomUUID()}, ${institutionId}, ${departmentOf(s)}, ${packageOf(s)}, ${s.identifier.system},
        ${s.identifier.value}, ${client.clientId}, now()
      WHERE NOT EXISTS (
        SELECT 1 FROM schedule WHERE institution_id = ${institutionId}
          AND ((external_system = ${s.identifier.system} AND external_id = ${s.identifier.value})
            OR department_id = ${departmentOf(s)} OR package_id = ${packageOf(s)}))
      ON CONFLICT DO NOTHING RETURNING id`;
    if (row) created.add(row.id);
  }
  const rows = await tx.$queryRaw<ScheduleRow[]>`
    SELECT s.id, s.department_id, s.package_id, s.external_system, s.external_id, s.managed_by_client_id,
      s.horizon_start, s.horizon_end, s.active, p.sessions
    FROM schedule s LEFT JOIN tcm_package p ON p.id = s.package_id
    WHERE s.institution_id = ${institutionId} AND (
      (s.external_system, s.external_id) IN (
        SELECT * FROM unnest(${input.schedules.map((s) => s.identifier.system)}::text[],
          ${input.schedules.map((s) => s.identifier.value)}::text[]))
      OR s.department_id = ANY(${input.schedules.map(departmentOf).filter(Boolean)}::text[])
      OR s.package_id = ANY(${input.schedules.map(packageOf).filter(Boolean)}::text[]))
    ORDER BY s.id
    FOR UPDATE OF s`;
  const schedules = input.schedules.map((s, i) => {
    const byService = rows.find((r) => r.department_id === departmentOf(s) && r.package_id === packageOf(s));
    const byIdentifier = rows.find(
      (r) => r.external_system === s.identifier.system && r.external_id === s.identifier.value,
    );
    // One schedule per service: an identifier already naming another service's schedule is a mistake.
    if (byIdentifier && byIdentifier !== byService)
      throw new AppError("VALIDATION_FAILED", { fields: { [`schedules.${i}.service`]: "mismatch" } });
    if (!byService) throw new AppError("CONFLICT", { detail: "schedule vanished while pushing" });
    return { input: s, row: byService };
  });

  // Then their future slots, in id order, before anything is read from them.
  const scheduleIds = schedules.map((s) => s.row.id);
  await tx.$queryRaw`
    SELECT id FROM slot WHERE schedule_id = ANY(${scheduleIds}::text[]) AND starts_at > ${now} ORDER BY id FOR UPDATE`;
  const existing = await readExisting(tx, scheduleIds, now);

  const plans = schedules.map((s) =>
    planExternalSlots(existing.get(s.row.id) ?? [], s.input.slots, s.input.horizon, now),
  );
  const conflicts: Record<string, FieldProblem> = {};
  plans.forEach((plan, i) => {
    for (const c of plan.conflicts) {
      const where =
        c.index !== null
          ? `schedules.${i}.slots.${c.index}`
          : `schedules.${i}.unlisted.${c.existing.identifier ? `${c.existing.identifier.system}|${c.existing.identifier.value}` : c.existing.startsAt.toISOString()}`;
      conflicts[where] = c.reason === "belowBooked" ? "belowBooked" : "hasBookings";
    }
  });
  if (Object.keys(conflicts).length > 0)
    throw new AppError("CONFLICT", { reason: "slotsBooked", fields: conflicts });

  // Then the months: each schedule's budget is opened after the one before it is applied,
  // so it reads what that one published (a push never spends the same room twice).
  const report: ReplaceExternalSlotsReport = { schedules: [], quota: [] };
  const quota = new Map<string, PublishLine>();
  for (const [i, s] of schedules.entries()) {
    const applied = await apply(tx, institutionId, s.row, s.input, plans[i]!, now);
    for (const line of applied.quota) {
      const seen = quota.get(line.month);
      quota.set(line.month, seen ? mergeLines(seen, line) : line);
    }
    const scheduleChanged = await updateSchedule(tx, client, s.row, s.input);
    const slotsChanged = applied.slots.some(
      (slot) => slot.outcome !== "unchanged" && slot.outcome !== "past",
    );
    report.schedules.push({
      id: s.row.id,
      outcome: created.has(s.row.id)
        ? "created"
        : scheduleChanged || slotsChanged || applied.removed > 0
          ? "updated"
          : "unchanged",
      removed: applied.removed,
      slots: applied.slots,
    });
  }
  report.quota = [...quota.values()].sort((a, b) => a.month.localeCompare(b.month));
  const over = report.quota.filter((line) => line.refused > 0);
  if (over.length > 0)
    throw new AppError("QUOTA_EXCEEDED", {
      reason: "publishOverQuota",
      fields: Object.fromEntries(over.map((line) => [`quota.${line.month}`, "outOfRange"])),
    });
  return report;
}

const departmentOf = (s: ReplaceExternalSlotsInput["schedules"][number]) =>
  s.service.kind === "department" ? s.service.id : null;
const packageOf = (s: ReplaceExternalSlotsInput["schedules"][number]) =>
  s.service.kind === "package" ? s.service.id : null;

/** Every named service must be the client's institution's: another's is NOT_FOUND, as if it did not exist. */
async function requireServices(tx: TxClient, institutionId: string, input: ReplaceExternalSlotsInput) {
  const departments = input.schedules.map(departmentOf).filter((id): id is string => id !== null);
  const packages = input.schedules.map(packageOf).filter((id): id is string => id !== null);
  const [found] = await tx.$queryRaw<{ departments: string[]; packages: string[] }[]>`
    SELECT
      ARRAY(SELECT id FROM department WHERE id = ANY(${departments}::text[]) AND institution_id = ${institutionId}) AS departments,
      ARRAY(SELECT id FROM tcm_package WHERE id = ANY(${packages}::text[]) AND institution_id = ${institutionId}) AS packages`;
  const known = new Set([...(found?.departments ?? []), ...(found?.packages ?? [])]);
  const missing = input.schedules.findIndex((s) => !known.has(s.service.id));
  if (missing >= 0)
    throw new AppError("NOT_FOUND", { fields: { [`schedules.${missing}.service`]: "unknown" } });
}

async function readExisting(tx: TxClient, scheduleIds: string[], now: Date) {
  const rows = await tx.$queryRaw<
    (Omit<ExistingSlot, "identifier"> & {
      scheduleId: string;
      externalSystem: string | null;
      externalId: string | null;
    })[]
  >`
    SELECT s.id, s.schedule_id AS "scheduleId", s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.capacity,
      s.booked, s.closed, ${liveHoldsOn(Prisma.sql`s.id`)} AS held,
      EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id) AS referenced,
      s.external_system AS "externalSystem", s.external_id AS "externalId"
    FROM slot s WHERE s.schedule_id = ANY(${scheduleIds}::text[]) AND s.starts_at > ${now}
    ORDER BY s.starts_at`;
  const bySchedule = new Map<string, ExistingSlot[]>();
  for (const r of rows) {
    const slot: ExistingSlot = {
      id: r.id,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      capacity: Number(r.capacity),
      booked: Number(r.booked),
      held: Number(r.held),
      closed: r.closed,
      referenced: r.referenced,
      identifier:
        r.externalSystem !== null && r.externalId !== null
          ? { system: r.externalSystem, value: r.externalId }
          : null,
    };
    bySchedule.set(r.scheduleId, [...(bySchedule.get(r.scheduleId) ?? []), slot]);
  }
  return bySchedule;
}

async function apply(
  tx: TxClient,
  institutionId: string,
  schedule: ScheduleRow,
  input: ReplaceExternalSlotsInput["schedules"][number],
  plan: SlotPlan,
  now: Date,
) {
  const horizon = [
    ...input.slots.map((s) => s.startsAt),
    ...plan.remove.map((s) => s.startsAt),
    ...plan.close.map((s) => s.startsAt),
    ...plan.pushed.flatMap((p) => (p.kind === "update" ? [p.existing.startsAt] : [])),
  ].reduce((max, d) => (d > max ? d : max), now);
  const budget = await PublishBudget.open(tx, institutionId, Number(schedule.sessions ?? 1), now, horizon);

  // What stops being offered gives its room back first; then what is added, in time order.
  for (const row of [...plan.remove, ...plan.close]) budget?.free(row.startsAt, openPlacesOf(row));
  const takes: { startsAt: Date; places: number }[] = [];
  plan.pushed.forEach((p) => {
    if (p.kind === "create") {
      if (p.slot.open) takes.push({ startsAt: p.slot.startsAt, places: p.slot.capacity });
      return;
    }
    if (p.kind !== "update") return;
    const before = openPlacesOf(p.existing);
    const after = openPlacesOf({
      capacity: p.slot.capacity,
      booked: p.existing.booked,
      closed: !p.slot.open,
    });
    const moved = p.existing.startsAt.getTime() !== p.slot.startsAt.getTime();
    if (moved) {
      budget?.free(p.existing.startsAt, before);
      takes.push({ startsAt: p.slot.startsAt, places: after });
    } else if (after < before) budget?.free(p.slot.startsAt, before - after);
    else if (after > before) takes.push({ startsAt: p.slot.startsAt, places: after - before });
  });
  // A refusal is counted by the budget (its report), and the caller refuses the whole push.
  for (const t of takes.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()))
    budget?.take(t.startsAt, t.places);

  if (plan.remove.length > 0)
    await tx.$executeRaw`
      DELETE FROM slot WHERE id = ANY(${plan.remove.map((s) => s.id)}::text[]) AND booked = 0`;
  if (plan.close.length > 0)
    await tx.slot.updateMany({ where: { id: { in: plan.close.map((s) => s.id) } }, data: { closed: true } });

  const slots: ReplaceExternalSlotsReport["schedules"][number]["slots"] = [];
  const creations: { index: number; id: string; slot: (typeof input.slots)[number] }[] = [];
  for (const [index, p] of plan.pushed.entries()) {
    if (p.kind === "past") {
      slots.push({ id: null, outcome: "past" });
    } else if (p.kind === "unchanged") {
      slots.push({ id: p.existing.id, outcome: "unchanged" });
    } else if (p.kind === "update") {
      await tx.slot.update({
        where: { id: p.existing.id },
        data: {
          startsAt: p.slot.startsAt,
          endsAt: p.slot.endsAt,
          capacity: p.slot.capacity,
          closed: !p.slot.open,
          externalSystem: p.slot.identifier.system,
          externalId: p.slot.identifier.value,
        },
      });
      slots.push({ id: p.existing.id, outcome: "updated" });
    } else {
      const id = crypto.randomUUID();
      creations.push({ index, id, slot: p.slot });
      slots.push({ id, outcome: "created" });
    }
  }
  if (creations.length > 0)
    await tx.slot.createMany({
      data: creations.map(({ id, slot }) => ({
        id,
        institutionId,
        scheduleId: schedule.id,
        departmentId: schedule.department_id,
        packageId: schedule.package_id,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        capacity: slot.capacity,
        closed: !slot.open,
        externalSystem: slot.identifier.system,
        externalId: slot.identifier.value,
      })),
    });
  return {
    slots,
    removed: plan.remove.length + plan.close.length,
    quota: budget?.report() ?? [],
  };
}

/** The schedule's own fields: its identifier, the managing client, the horizon, active. */
async function updateSchedule(
  tx: TxClient,
  client: PushingClient,
  row: ScheduleRow,
  input: ReplaceExternalSlotsInput["schedules"][number],
): Promise<boolean> {
  const same =
    row.external_system === input.identifier.system &&
    row.external_id === input.identifier.value &&
    row.managed_by_client_id === client.clientId &&
    row.horizon_start?.getTime() === input.horizon.start.getTime() &&
    row.horizon_end?.getTime() === input.horizon.end.getTime() &&
    row.active === input.active;
  if (same) return false;
  await tx.$executeRaw`
    UPDATE schedule SET external_system = ${input.identifier.system}, external_id = ${input.identifier.value},
      managed_by_client_id = ${client.clientId}, horizon_start = ${input.horizon.start},
      horizon_end = ${input.horizon.end}, active = ${input.active}, updated_at = now()
    WHERE id = ${row.id}`;
  return true;
}

function mergeLines(a: PublishLine, b: PublishLine): PublishLine {
  // The later schedule's budget read the month after the earlier one was applied.
  return { ...b, published: a.published, added: a.added + b.added, refused: a.refused + b.refused };
}

/** replaceExternalSlots with a "schedule.replaceExternalSlots" span around each call (lib/observability/trace.ts). */
export const replaceExternalSlots = tracedUseCase(
  "schedule.replaceExternalSlots",
  replaceExternalSlotsUntraced,
);
