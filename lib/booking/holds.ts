// Use case: hold one place of a slot for 10 minutes while the patient fills in
// the form. A hold is live while expires_at > now(): it frees itself, no job
// needed. One client holds a slot at most once (unique slot + client key).
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import { sha256, randomToken } from "../crypto/secrets";
import { AppError, validationError } from "../errors";
import { hasQuotaRoom } from "../quota/units";

export const HOLD_MINUTES = 10;

export const holdInputSchema = z.object({ slotId: z.string().trim().min(1).max(64) }).strict();

export interface HoldResult {
  slotId: string;
  token: string;
  expiresAt: Date;
}

interface LockedSlot {
  id: string;
  capacity: number;
  booked: number;
  closed: boolean;
  starts_at: Date;
}

/** Locks the slot row for the rest of the transaction and counts the live holds of other clients. */
export async function lockSlot(tx: Pick<DbClient, "$queryRaw">, slotId: string, exceptClientKey?: string) {
  const [slot] = await tx.$queryRaw<
    LockedSlot[]
  >`SELECT id, capacity, booked, closed, starts_at FROM slot WHERE id = ${slotId} FOR UPDATE`;
  if (!slot) return null;
  const [{ held } = { held: 0 }] = await tx.$queryRaw<{ held: number }[]>`
    SELECT count(*)::int AS held FROM hold
    WHERE slot_id = ${slotId} AND expires_at > now() AND (${exceptClientKey ?? null}::text IS NULL OR client_key <> ${exceptClientKey ?? null}::text)`;
  return { ...slot, liveHolds: Number(held) };
}

export async function createHold(
  db: DbClient,
  raw: unknown,
  clientKey: string,
  now: Date = new Date(),
): Promise<HoldResult> {
  const parsed = holdInputSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const { slotId } = parsed.data;
  const token = randomToken();
  // Expiry is on the database's clock, like every check of it.
  const expiresAt = await db.$transaction(
    async (tx) => {
      const slot = await lockSlot(tx, slotId, clientKey);
      if (!slot) throw new AppError("NOT_FOUND");
      if (slot.closed || slot.starts_at <= now) throw new AppError("SLOT_FULL");
      if (slot.booked + slot.liveHolds >= slot.capacity) throw new AppError("SLOT_FULL");
      // Rule 3, early: a month with no room left is said before the patient fills in the form.
      // (The booking's own transaction makes the binding check.)
      const [quota] = await tx.$queryRaw<{ institution_id: string; ownership: string; units: number }[]>`
        SELECT s.institution_id, i.ownership::text AS ownership, COALESCE(p.sessions, 1) AS units
        FROM slot s JOIN institution i ON i.id = s.institution_id LEFT JOIN tcm_package p ON p.id = s.package_id
        WHERE s.id = ${slotId}`;
      if (
        quota?.ownership === "PUBLIC" &&
        !(await hasQuotaRoom(tx, quota.institution_id, slot.starts_at, Number(quota.units)))
      )
        throw new AppError("QUOTA_EXCEEDED");
      // Re-holding replaces this client's earlier hold on the slot: holds never stack.
      const [row] = await tx.$queryRaw<{ expires_at: Date }[]>`
        INSERT INTO hold (id, slot_id, client_key, token_hash, expires_at)
        VALUES (${randomToken(12)}, ${slotId}, ${clientKey}, ${sha256(token)}, now() + make_interval(mins => ${HOLD_MINUTES}))
        ON CONFLICT (slot_id, client_key) DO UPDATE SET token_hash = EXCLUDED.token_hash, expires_at = EXCLUDED.expires_at, created_at = now()
        RETURNING expires_at`;
      return row!.expires_at;
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
  return { slotId, token, expiresAt };
}
