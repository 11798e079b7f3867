// A limit on guessing manage tokens: the manage API routes, the manage page
// and its server actions run their use case through withManageTokenLimit.
// Only wrong tokens count (30 per 10 minutes per client address, an IPv6
// client by its /64); a right token is given back its count, so other people's
// failures never slow it. Past the limit every manage request from that
// address is refused with RATE_LIMITED before any token is checked: answering
// a right token then would tell a guesser which one was right.
import { tokenMatches } from "../crypto/secrets";
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { REFERENCE_PATTERN } from "../booking/reference";
import { addressSubject } from "../net/client-address";
import { countingFailures, LIMITS } from "./rate-limit";

/** Whether `token` is the manage token of the booking `reference` (erased or not). */
async function isBookingToken(db: DbClient, reference: string, token: string | null): Promise<boolean> {
  if (!token || !REFERENCE_PATTERN.test(reference)) return false;
  const [row] = await db.$queryRaw<{ manage_token_hash: string }[]>`
    SELECT manage_token_hash FROM booking WHERE reference = ${reference}`;
  return !!row && tokenMatches(token, row.manage_token_hash);
}

export function withManageTokenLimit<T>(
  db: DbClient,
  address: string,
  booking: { reference: string; token: string | null },
  run: () => Promise<T>,
): Promise<T> {
  return countingFailures(
    db,
    [{ limit: LIMITS.manageTokenFailures, subject: addressSubject(address) }],
    run,
    // The use cases answer every mismatch with NOT_FOUND; a NOT_FOUND for a right
    // token (e.g. a visa letter not issued yet) is not a guess.
    async (error) =>
      error instanceof AppError &&
      error.code === "NOT_FOUND" &&
      !(await isBookingToken(db, booking.reference, booking.token)),
  );
}
