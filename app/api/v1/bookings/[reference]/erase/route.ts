import { erasePersonalData } from "@/lib/booking/personal-data";
import { getDb } from "@/lib/db/client";
import { requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";
import { bearerToken } from "@/lib/http/request";

export const dynamic = "force-dynamic";

export const POST = withApiErrors(async (request, context: { params: Promise<{ reference: string }> }) => {
  requireApiLocale(request);
  const { reference } = await context.params;
  await erasePersonalData(getDb(), reference, bearerToken(request));
  return Response.json({ erased: true }, { headers: { "Cache-Control": "no-store" } });
});
