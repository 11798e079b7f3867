// The plan of a hospital system's push for one schedule (ADR 0022), as pure
// logic: which of the schedule's future slots the pushed list keeps, changes,
// creates or removes inside the planning horizon, and which changes the rule
// of the console forbids (a slot with bookings or live holds is never
// removed, moved or shrunk below them). replace-external-slots.ts applies it.

export interface ExternalIdentifier {
  system: string;
  value: string;
}

/** A future slot of the schedule as the database has it, read under its lock. */
export interface ExistingSlot {
  id: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  booked: number;
  /** Live holds on it now. */
  held: number;
  closed: boolean;
  /** Bookings (cancelled ones included) point to it: the row stays, closed, instead of being deleted. */
  referenced: boolean;
  identifier: ExternalIdentifier | null;
}

/** A slot as the hospital system lists it. */
export interface PushedSlot {
  identifier: ExternalIdentifier;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  /** FHIR `free`: offered to patients; `busy…`: kept but closed. */
  open: boolean;
}

export type SlotConflict = "removed" | "moved" | "belowBooked";

export interface SlotPlan {
  /** Index of each pushed slot → what happens to it. */
  pushed: (
    | { kind: "create"; slot: PushedSlot }
    | { kind: "update"; slot: PushedSlot; existing: ExistingSlot }
    | { kind: "unchanged"; existing: ExistingSlot }
    | { kind: "past" }
  )[];
  /** Slots inside the horizon that the push no longer lists. */
  remove: ExistingSlot[];
  /** Such slots that bookings (cancelled ones) still point to: kept, closed. */
  close: ExistingSlot[];
  /** What the rule forbids: the pushed slot's index, or an unlisted slot. */
  conflicts: { reason: SlotConflict; index: number | null; existing: ExistingSlot }[];
}

const key = (id: ExternalIdentifier) => `${id.system}\u0000${id.value}`;
const sameIdentifier = (a: ExternalIdentifier | null, b: ExternalIdentifier) =>
  a !== null && a.system === b.system && a.value === b.value;

export function planExternalSlots(
  existing: ExistingSlot[],
  pushed: PushedSlot[],
  horizon: { start: Date; end: Date },
  now: Date,
): SlotPlan {
  const plan: SlotPlan = { pushed: [], remove: [], close: [], conflicts: [] };
  const byIdentifier = new Map(existing.filter((s) => s.identifier).map((s) => [key(s.identifier!), s]));
  const matched = new Map<number, ExistingSlot>();
  const taken = new Set<string>();
  // First by identifier; a past entry still names its slot (it is left as it is).
  pushed.forEach((slot, index) => {
    const row = byIdentifier.get(key(slot.identifier));
    if (row) {
      matched.set(index, row);
      taken.add(row.id);
    }
  });
  // Then a slot the system has not named before takes over the unclaimed row at its start
  // (a manual slot when a schedule is first pushed, or a slot the system renamed).
  const byStart = new Map(existing.filter((s) => !taken.has(s.id)).map((s) => [s.startsAt.getTime(), s]));
  pushed.forEach((slot, index) => {
    if (matched.has(index) || slot.startsAt <= now) return;
    const row = byStart.get(slot.startsAt.getTime());
    if (row && !taken.has(row.id)) {
      matched.set(index, row);
      taken.add(row.id);
    }
  });

  pushed.forEach((slot, index) => {
    const row = matched.get(index);
    if (slot.startsAt <= now) {
      plan.pushed.push({ kind: "past" });
      return;
    }
    if (!row) {
      plan.pushed.push({ kind: "create", slot });
      return;
    }
    const occupied = row.booked + row.held;
    const moved =
      row.startsAt.getTime() !== slot.startsAt.getTime() || row.endsAt.getTime() !== slot.endsAt.getTime();
    if (moved && occupied > 0) plan.conflicts.push({ reason: "moved", index, existing: row });
    else if (slot.capacity < occupied) plan.conflicts.push({ reason: "belowBooked", index, existing: row });
    const same =
      !moved &&
      row.capacity === slot.capacity &&
      row.closed === !slot.open &&
      sameIdentifier(row.identifier, slot.identifier);
    plan.pushed.push(same ? { kind: "unchanged", existing: row } : { kind: "update", slot, existing: row });
  });

  for (const row of existing) {
    if (taken.has(row.id) || row.startsAt < horizon.start || row.startsAt >= horizon.end) continue;
    if (row.booked + row.held > 0) plan.conflicts.push({ reason: "removed", index: null, existing: row });
    else if (!row.referenced) plan.remove.push(row);
    else if (!row.closed) plan.close.push(row);
  }
  return plan;
}
