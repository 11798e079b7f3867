// A slot's places (DESIGN rule 1), in one home: a slot never holds more
// confirmed or pending bookings plus live holds than its capacity.
//
// Lock order (docs/decisions/0011): booking, then slot, then month. Whoever
// changes `slot.booked` or a slot's holds first locks the slot row with its own
// statement (lockSlot). Every statement after it takes a new snapshot, so the
// count of live holds it reads is exact: a hold is only written under the same
// lock, and one that expires only frees a place.
import type { TxClient } from "../db/create-client";
import { Prisma } from "../db/generated/client";
import { releaseQuotaUnits } from "../quota/units";
import { slotOfferedSql } from "../catalogue/offered";

type Tx = Pick<TxClient, "$queryRaw" | "$executeRaw">;

/** Live holds on the slot aliased `slot` (a correlated subquery), optionally not counting one client's. */
export const liveHoldsOn = (slotColumn: Prisma.Sql, exceptClientKey: string | null = null) => Prisma.sql`(
  SELECT count(*)::int FROM hold h WHERE h.slot_id = ${slotColumn} AND h.expires_at > now()
    ${exceptClientKey === null ? Prisma.empty : Prisma.sql`AND h.client_key <> ${exceptClientKey}`})`;

/**
 * Places a new hold or booking could take now, for the slot aliased `s` (a read: not a promise);
 * for one client, not counting its own live hold (it may hold that slot again: createHold replaces it).
 */
export const openPlacesFor = (clientKey: string | null) =>
  Prisma.sql`GREATEST(0, s.capacity - s.booked - ${liveHoldsOn(Prisma.sql`s.id`, clientKey)})`;
export const openPlaces = openPlacesFor(null);

/** Whether the client holds the slot aliased `s` now (a live hold of its own). */
export const heldBy = (clientKey: string | null) =>
  clientKey === null
    ? Prisma.sql`false`
    : Prisma.sql`EXISTS (SELECT 1 FROM hold h WHERE h.slot_id = s.id AND h.client_key = ${clientKey} AND h.expires_at > now())`;

export interface LockedSlot {
  id: string;
  capacity: number;
  booked: number;
  closed: boolean;
  starts_at: Date;
  ends_at: Date;
  institution_id: string;
  institution_slug: string;
  ownership: string;
  department_id: string | null;
  department_slug: string | null;
  package_id: string | null;
  package_slug: string | null;
  /** Special-service units a booking of this slot counts: 1, or the package's sessions. */
  units: number;
  /**
   * Its department or package is offered (not retired), read by the locking statement itself:
   * one round trip less for every hold and booking. A retirement does not lock slots, so a
   * separate statement after the lock would order nothing more than this one does.
   */
  offered: boolean;
}

/** Locks slot rows in id order (so two lockers never deadlock) and reads what holds and bookings need. */
export async function lockSlots(tx: Tx, slotIds: string[]): Promise<LockedSlot[]> {
  const rows = await tx.$queryRaw<LockedSlot[]>`
    SELECT s.id, s.capacity, s.booked, s.closed, s.starts_at, s.ends_at, s.institution_id, i.slug AS institution_slug,
      i.ownership::text AS ownership, s.department_id, d.slug AS department_slug, s.package_id, p.slug AS package_slug,
      COALESCE(p.sessions, 1)::int AS units, ${slotOfferedSql("d", "p")} AS offered
    FROM slot s JOIN institution i ON i.id = s.institution_id
      LEFT JOIN department d ON d.id = s.department_id LEFT JOIN tcm_package p ON p.id = s.package_id
    WHERE s.id = ANY(${slotIds}::text[])
    ORDER BY s.id
    FOR UPDATE OF s`;
  return rows.map((r) => ({
    ...r,
    capacity: Number(r.capacity),
    booked: Number(r.booked),
    units: Number(r.units),
  }));
}

export async function lockSlot(tx: Tx, slotId: string): Promise<LockedSlot | null> {
  const [slot] = await lockSlots(tx, [slotId]);
  return slot ?? null;
}

/** Live holds on a locked slot, not counting `exceptClientKey`'s own. */
export async function countLiveHolds(tx: Tx, slotId: string, exceptClientKey: string | null = null) {
  const [row] = await tx.$queryRaw<{ held: number }[]>`
    SELECT ${liveHoldsOn(Prisma.sql`${slotId}`, exceptClientKey)} AS held`;
  return Number(row?.held ?? 0);
}

/**
 * SQL: whether the slot aliased `s`, which the caller has locked, has a place
 * left for a new hold of `clientKey`: bookings plus other clients' live holds
 * below its capacity (a client's own hold is replaced, never stacked). The
 * check before holding, read by the statement that inserts the hold;
 * takePlace is the booking's own, in one statement.
 */
export const placeForHold = (clientKey: string) =>
  Prisma.sql`(s.booked + ${liveHoldsOn(Prisma.sql`s.id`, clientKey)} < s.capacity)`;

/**
 * Takes one place of a slot the caller has locked, if bookings plus live holds
 * leave one (the caller has already consumed the patient's own hold).
 */
export async function takePlace(tx: Tx, slotId: string): Promise<boolean> {
  const taken = await tx.$executeRaw`
    UPDATE slot SET booked = booked + 1
    WHERE id = ${slotId} AND booked + ${liveHoldsOn(Prisma.sql`slot.id`)} < capacity`;
  return taken === 1;
}

/** What a booking holds: its place and, in a public institution, its month's units. */
export interface HeldPlace {
  slotId: string;
  quotaPeriodId: string | null;
  units: number;
}

/**
 * Gives back a cancelled booking's place and units. The caller has locked the
 * booking row and read these values under that lock (never before it).
 */
export async function releasePlace(tx: Tx, booking: HeldPlace): Promise<void> {
  await tx.$executeRaw`UPDATE slot SET booked = booked - 1 WHERE id = ${booking.slotId}`;
  await releaseQuotaUnits(tx, booking.quotaPeriodId, booking.units);
}
