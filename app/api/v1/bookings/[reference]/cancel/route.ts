import { bookingViewSchema } from "@/lib/booking/api-schemas";
import { cancelBooking } from "@/lib/booking/manage-booking";
import { getDb } from "@/lib/db/client";
import { requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";
import { bearerToken } from "@/lib/http/request";

export const dynamic = "force-dynamic";

export const POST = withApiErrors(async (request, context: { params: Promise<{ reference: string }> }) => {
  requireApiLocale(request);
  const { reference } = await context.params;
  const view = await cancelBooking(getDb(), reference, bearerToken(request));
  return Response.json(bookingViewSchema.parse(view), { headers: { "Cache-Control": "no-store" } });
});
