// Use case: hold one place of a slot for 10 minutes while the patient fills in
// the form. A hold is live while expires_at > now(): it frees itself, no job
// needed. One client holds a slot at most once (unique slot + client key).
// A live hold keeps its place in the slot (rule 1) and, in a public
// institution, its units in the month (rule 3): both are checked and taken
// under the slot's lock, then the month's (docs/decisions/0011), so a live
// hold is always honoured by the booking that follows it.
import { z } from "zod";
import { idSchema } from "./booking-input";
import type { DbClient, TxClient } from "../db/create-client";
import { Prisma } from "../db/generated/client";
import { inTransaction } from "../db/transaction";
import { sha256, randomToken } from "../crypto/secrets";
import { AppError } from "../errors";
import { countHoldCreated } from "../observability/metrics";
import { reserveQuotaUnits } from "../quota/units";
import { hasPlaceForHold, lockSlot } from "./slot-capacity";
import { requireSlotOffered } from "../catalogue/offered";
import { tracedUseCase } from "../observability/trace";

export const HOLD_MINUTES = 10;

export const holdInputSchema = z.object({ slotId: idSchema }).strict();
export type HoldInput = z.output<typeof holdInputSchema>;

/** A hold's secret token as the patient sends it back (createHold makes 43 base64url characters). */
export const holdTokenParam = z.string().trim().min(16).max(128);

/**
 * The row of table `hold` was extended (extendHold): it lasts longer than HOLD_MINUTES from when it
 * was placed. Placing it again (createHold) starts it afresh.
 */
export const holdExtended = Prisma.sql`(hold.expires_at > hold.created_at + make_interval(mins => ${HOLD_MINUTES}))`;

/**
 * The slot of the hold a token names, if this client placed it: a plain read, so the caller
 * can lock that slot (lockSlot) before it changes the hold, in the order holds are taken.
 */
export async function slotOfHold(
  tx: Pick<TxClient, "$queryRaw">,
  holdToken: string,
  clientKey: string,
): Promise<string | null> {
  const [row] = await tx.$queryRaw<{ slot_id: string }[]>`
    SELECT slot_id FROM hold WHERE token_hash = ${sha256(holdToken)} AND client_key = ${clientKey}`;
  return row?.slot_id ?? null;
}

export interface HoldResult {
  slotId: string;
  token: string;
  expiresAt: Date;
}

async function createHoldUntraced(
  db: DbClient,
  input: HoldInput,
  clientKey: string,
  now: Date = new Date(),
): Promise<HoldResult> {
  const { slotId } = input;
  const token = randomToken();
  // Expiry is on the database's clock, like every check of it.
  const expiresAt = await inTransaction(
    db,
    async (tx) => {
      const slot = await lockSlot(tx, slotId);
      if (!slot) throw new AppError("NOT_FOUND");
      await requireSlotOffered(tx, slot.id);
      if (slot.closed || slot.starts_at <= now) throw new AppError("SLOT_FULL");
      // Re-holding replaces this client's earlier hold on the slot: holds never stack.
      if (!(await hasPlaceForHold(tx, slot, clientKey))) throw new AppError("SLOT_FULL");
      let quotaPeriodId: string | null = null;
      if (slot.ownership === "PUBLIC") {
        quotaPeriodId = await reserveQuotaUnits(tx, slot.institution_id, slot.starts_at, slot.units, {
          slotId,
          clientKey,
        });
        if (!quotaPeriodId) throw new AppError("QUOTA_EXCEEDED");
      }
      const [row] = await tx.$queryRaw<{ expires_at: Date }[]>`
        INSERT INTO hold (id, slot_id, client_key, token_hash, expires_at, units, quota_period_id)
        VALUES (${randomToken(12)}, ${slotId}, ${clientKey}, ${sha256(token)}, now() + make_interval(mins => ${HOLD_MINUTES}),
          ${slot.units}, ${quotaPeriodId})
        ON CONFLICT (slot_id, client_key) DO UPDATE SET token_hash = EXCLUDED.token_hash, expires_at = EXCLUDED.expires_at,
          units = EXCLUDED.units, quota_period_id = EXCLUDED.quota_period_id, created_at = now()
        RETURNING expires_at`;
      return row!.expires_at;
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
  countHoldCreated();
  return { slotId, token, expiresAt };
}

/** createHold with a "booking.createHold" span around each call (lib/observability/trace.ts). */
export const createHold = tracedUseCase("booking.createHold", createHoldUntraced, (_db, input) => ({
  "slot.id": input.slotId,
}));
