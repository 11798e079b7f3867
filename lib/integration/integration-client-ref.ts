// The one input naming an integration client of the manager's institution (the
// console's row id), and how a change to a live one finds it: another
// institution's client is NOT_FOUND, a revoked one INVALID_TRANSITION
// (revocation is final).
import { z } from "zod";
import type { TxClient } from "../db/create-client";
import { AppError } from "../errors";

export const integrationClientRefSchema = z.object({ client: z.string().trim().min(1).max(40) }).strict();

/** Locks the live client row of the institution for the change that follows. */
export async function lockLiveClient(tx: TxClient, institutionId: string, id: string) {
  const [row] = await tx.$queryRaw<{ id: string; revoked: boolean; secret_version: number }[]>`
    SELECT id, revoked_at IS NOT NULL AS revoked, secret_version FROM integration_client
    WHERE id = ${id} AND institution_id = ${institutionId}
    FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND");
  if (row.revoked) throw new AppError("INVALID_TRANSITION", { reason: "integrationRevoked" });
  return row;
}
