// Use case: "keep this time for 10 more minutes". The patient may extend their
// own live hold once, by HOLD_MINUTES; a live hold still has its place (and
// its quota units), so nobody loses one. A second extension is refused
// (HOLD_ALREADY_EXTENDED), and so is a hold that has run out or was replaced
// (HOLD_EXPIRED: the patient holds the time again, if still free, with
// createHold). Named by the hold's secret token, only from the browser that
// placed it. The slot is locked first, as holds take it (ADR 0011).
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import { inTransaction } from "../db/transaction";
import { sha256 } from "../crypto/secrets";
import { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { HOLD_MINUTES, holdExtended, holdTokenParam, slotOfHold } from "./holds";
import { lockSlot } from "./slot-capacity";
import { tracedUseCase } from "../observability/trace";

export const extendHoldSchema = z.object({ holdToken: holdTokenParam }).strict();
export type ExtendHoldInput = z.output<typeof extendHoldSchema>;

async function extendHoldUntraced(
  db: DbClient,
  input: ExtendHoldInput,
  clientKey: string,
): Promise<{ slotId: string; expiresAt: Date }> {
  const tokenHash = sha256(input.holdToken);
  return inTransaction(db, async (tx) => {
    const slotId = await slotOfHold(tx, input.holdToken, clientKey);
    if (!slotId) throw new AppError("HOLD_EXPIRED");
    await lockSlot(tx, slotId);
    const mine = Prisma.sql`slot_id = ${slotId} AND token_hash = ${tokenHash} AND client_key = ${clientKey}`;
    const [extended] = await tx.$queryRaw<{ expires_at: Date }[]>`
      UPDATE hold SET expires_at = expires_at + make_interval(mins => ${HOLD_MINUTES})
      WHERE ${mine} AND expires_at > now() AND NOT ${holdExtended}
      RETURNING expires_at`;
    if (extended) return { slotId, expiresAt: extended.expires_at };
    const [hold] = await tx.$queryRaw<{ live: boolean }[]>`
      SELECT expires_at > now() AS live FROM hold WHERE ${mine}`;
    throw new AppError(hold?.live ? "HOLD_ALREADY_EXTENDED" : "HOLD_EXPIRED");
  });
}

/** extendHold with a "booking.extendHold" span around each call (lib/observability/trace.ts). */
export const extendHold = tracedUseCase("booking.extendHold", extendHoldUntraced);
