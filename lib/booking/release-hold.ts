// Use case: the patient lets go of their own hold (they chose another time or
// went back to the list), so the place is free for everyone at once rather
// than when the hold runs out, which for a one-place TCM slot blocked it for
// ten minutes. Named by the hold's secret token, and only from the browser
// that placed it. Releasing twice, or a hold that has expired or was replaced,
// changes nothing. The slot is locked first, as holds take it (ADR 0011); a
// hold's quota units are counted from live holds (lib/quota/units.ts), so
// deleting the hold gives them back too.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import { inTransaction } from "../db/transaction";
import { sha256 } from "../crypto/secrets";
import { holdTokenParam, slotOfHold } from "./holds";
import { lockSlot } from "./slot-capacity";
import { tracedUseCase } from "../observability/trace";

export const releaseHoldSchema = z.object({ holdToken: holdTokenParam }).strict();
export type ReleaseHoldInput = z.output<typeof releaseHoldSchema>;

/** True when a live hold was released (its place is free again), false when there was none. */
async function releaseHoldUntraced(
  db: DbClient,
  input: ReleaseHoldInput,
  clientKey: string,
): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const slotId = await slotOfHold(tx, input.holdToken, clientKey);
    if (!slotId) return false;
    await lockSlot(tx, slotId);
    const released = await tx.$queryRaw<{ live: boolean }[]>`
      DELETE FROM hold WHERE slot_id = ${slotId} AND token_hash = ${sha256(input.holdToken)} AND client_key = ${clientKey}
      RETURNING expires_at > now() AS live`;
    return released.some((h) => h.live);
  });
}

/** releaseHold with a "booking.releaseHold" span around each call (lib/observability/trace.ts). */
export const releaseHold = tracedUseCase("booking.releaseHold", releaseHoldUntraced);
