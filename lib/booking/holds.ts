// Use case: hold one place of a slot for 10 minutes while the patient fills in
// the form. A hold is live while expires_at > now(): it frees itself, no job
// needed. One client holds a slot at most once (unique slot + client key).
// A live hold keeps its place in the slot (rule 1) and, in a public
// institution, its units in the month (rule 3): both are checked and taken
// under the slot's lock, then the month's (docs/decisions/0011), so a live
// hold is always honoured by the booking that follows it. Four round trips in
// one transaction: lock the slot (reading whether it is offered), lock the
// month, then one statement that checks places and room and writes the hold,
// and the commit (ADR 0032).
import { z } from "zod";
import { idSchema } from "./booking-input";
import type { DbClient, TxClient } from "../db/create-client";
import { Prisma } from "../db/generated/client";
import { inTransaction } from "../db/transaction";
import { sha256, randomToken } from "../crypto/secrets";
import { AppError } from "../errors";
import { countHoldCreated } from "../observability/metrics";
import { lockMonths, monthRoomForHold } from "../quota/units";
import { lockSlot, placeForHold } from "./slot-capacity";
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
      // Lock order (docs/decisions/0011): the slot, then its month, each with its own statement;
      // the hold is then decided and written by ONE statement that reads after both locks.
      const slot = await lockSlot(tx, slotId);
      if (!slot) throw new AppError("NOT_FOUND");
      if (!slot.offered) throw new AppError("OFFERING_RETIRED");
      if (slot.closed || slot.starts_at <= now) throw new AppError("SLOT_FULL");
      const capped = slot.ownership === "PUBLIC";
      if (capped) await lockMonths(tx, slot.institution_id, [slot.starts_at]);
      const room = capped
        ? monthRoomForHold(slot.institution_id, slot.starts_at, slot.units, { slotId, clientKey })
        : Prisma.sql`NULL`;
      // Re-holding replaces this client's earlier hold on the slot: holds never stack.
      const [row] = await tx.$queryRaw<{ place: boolean; room: string | null; expires_at: Date | null }[]>`
        WITH decided AS (
          SELECT ${placeForHold(clientKey)} AS place, ${room}::text AS room FROM slot s WHERE s.id = ${slotId}
        ), held AS (
          INSERT INTO hold (id, slot_id, client_key, token_hash, expires_at, units, quota_period_id)
          SELECT ${randomToken(12)}, ${slotId}, ${clientKey}, ${sha256(token)}, now() + make_interval(mins => ${HOLD_MINUTES}),
            ${slot.units}, decided.room
          FROM decided WHERE decided.place AND (${!capped} OR decided.room IS NOT NULL)
          ON CONFLICT (slot_id, client_key) DO UPDATE SET token_hash = EXCLUDED.token_hash, expires_at = EXCLUDED.expires_at,
            units = EXCLUDED.units, quota_period_id = EXCLUDED.quota_period_id, created_at = now()
          RETURNING expires_at
        )
        SELECT decided.place, decided.room, (SELECT expires_at FROM held) AS expires_at FROM decided`;
      if (!row?.place) throw new AppError("SLOT_FULL");
      if (!row.expires_at) throw new AppError("QUOTA_EXCEEDED");
      return row.expires_at;
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
