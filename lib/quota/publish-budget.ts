// The publishing check of DESIGN rule 3: staff cannot offer more
// special-service capacity in a month than the cap leaves. A schedule edit or
// a publication asks the budget for places slot by slot, in time order; the
// budget grants what the month's remaining room allows (cap - used - open
// places already published) and counts what it refused. Publications of one
// institution queue on an advisory lock, so two of them cannot both spend the
// same room; bookings need no lock here (a booking turns an open place into a
// used unit, leaving used + published unchanged).
import type { TxClient } from "../db/create-client";
import { beijingMonthOf } from "../time/zone";
import { monthKey, monthRange } from "./month";
import { quotaMonthStates, type QuotaMonthState } from "./month-state";

/**
 * The places a slot offers to new patients: what a month's quota counts as
 * published (closed: none). The console's sync and a hospital system's push
 * both free and take budget by it.
 */
export const openPlacesOf = (slot: { capacity: number; booked: number; closed: boolean }) =>
  slot.closed ? 0 : Math.max(0, slot.capacity - slot.booked);

export interface PublishLine {
  month: string;
  cap: number;
  used: number;
  /** Open units published before this change. */
  published: number;
  /** Units this change added / could not add because of the cap. */
  added: number;
  refused: number;
  /** What publishing may still add after this change. */
  remaining: number;
  /** No declared volume: the month allows nothing. */
  noVolume: boolean;
}

export class PublishBudget {
  private readonly lines = new Map<string, PublishLine & { room: number; touched: boolean }>();

  private constructor(
    states: QuotaMonthState[],
    private readonly unitsPerPlace: number,
  ) {
    for (const s of states) {
      this.lines.set(s.month, {
        month: s.month,
        cap: s.cap ?? 0,
        used: s.used,
        published: s.published,
        added: 0,
        refused: 0,
        remaining: s.remaining,
        noVolume: s.declaredVolume === null,
        room: s.remaining,
        touched: false,
      });
    }
  }

  /** The budget of a public institution's months up to `until`; null for an exempt one. */
  static async open(
    tx: TxClient,
    institutionId: string,
    unitsPerPlace: number,
    now: Date,
    until: Date,
  ): Promise<PublishBudget | null> {
    const [institution] = await tx.$queryRaw<{ ownership: string }[]>`
      SELECT ownership::text FROM institution WHERE id = ${institutionId}`;
    if (institution?.ownership !== "PUBLIC") return null;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`quota-publish:${institutionId}`}, 0))`;
    const months = monthRange(beijingMonthOf(now), beijingMonthOf(until));
    return new PublishBudget(await quotaMonthStates(tx, [institutionId], months, now), unitsPerPlace);
  }

  private line(startsAt: Date) {
    return this.lines.get(monthKey(beijingMonthOf(startsAt)));
  }

  /** Places that stop being offered (capacity lowered, slot closed or removed) give their room back. */
  free(startsAt: Date, places: number): void {
    const line = this.line(startsAt);
    if (line && places > 0) line.room += places * this.unitsPerPlace;
  }

  /** Asks for `places` more open places on a slot; answers how many the month's room allows. */
  take(startsAt: Date, places: number): number {
    const line = this.line(startsAt);
    if (!line || places <= 0) return Math.max(0, places);
    const granted = Math.min(places, Math.floor(Math.max(0, line.room) / this.unitsPerPlace));
    line.room -= granted * this.unitsPerPlace;
    line.added += granted * this.unitsPerPlace;
    line.refused += (places - granted) * this.unitsPerPlace;
    line.touched = true;
    return granted;
  }

  /** The months this change asked places of, with the numbers the console shows. */
  report(): PublishLine[] {
    return [...this.lines.values()]
      .filter((l) => l.touched)
      .map(({ room, touched: _touched, ...line }) => ({ ...line, remaining: Math.max(0, room) }));
  }
}
