import { getVisaLetterForPatient } from "@/lib/booking/get-visa-letter";
import { getDb } from "@/lib/db/client";
import { pdfResponse } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";
import { bearerToken, clientAddress } from "@/lib/http/request";
import { withManageTokenLimit } from "@/lib/rate-limit/manage-limit";

export const dynamic = "force-dynamic";

/** The patient's visa support letter (PDF); the manage token as a Bearer header or ?token=. */
export const GET = withApiErrors(async (request, context: { params: Promise<{ reference: string }> }) => {
  const { reference } = await context.params;
  const token = bearerToken(request) ?? new URL(request.url).searchParams.get("token");
  const letter = await withManageTokenLimit(getDb(), clientAddress(request), { reference, token }, () =>
    getVisaLetterForPatient(getDb(), reference, token),
  );
  return pdfResponse(letter);
});
