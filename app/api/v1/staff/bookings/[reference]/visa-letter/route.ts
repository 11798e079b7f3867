import { getVisaLetterForStaff } from "@/lib/booking/get-visa-letter";
import { actorFromHeaders } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { pdfResponse } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** The visa letter of a booking of the signed-in staff member's institution (session cookie). */
export const GET = withApiErrors(async (request, context: { params: Promise<{ reference: string }> }) => {
  const { reference } = await context.params;
  const actor = await actorFromHeaders(getDb(), request.headers);
  const letter = await getVisaLetterForStaff(getDb(), actor, reference);
  return pdfResponse(letter);
});
