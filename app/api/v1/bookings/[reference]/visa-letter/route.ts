import { getVisaLetterForPatient } from "@/lib/booking/get-visa-letter";
import { getDb } from "@/lib/db/client";
import { pdfResponse } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";
import { bearerToken } from "@/lib/http/request";

export const dynamic = "force-dynamic";

/** The patient's visa support letter (PDF); the manage token as a Bearer header or ?token=. */
export const GET = withApiErrors(async (request, context: { params: Promise<{ reference: string }> }) => {
  const { reference } = await context.params;
  const token = bearerToken(request) ?? new URL(request.url).searchParams.get("token");
  return pdfResponse(await getVisaLetterForPatient(getDb(), reference, token));
});
