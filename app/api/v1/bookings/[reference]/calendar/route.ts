import { getBookingCalendar } from "@/lib/booking/booking-page";
import { getDb } from "@/lib/db/client";
import { requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";
import { bearerToken, clientAddress } from "@/lib/http/request";
import { withManageTokenLimit } from "@/lib/rate-limit/manage-limit";

export const dynamic = "force-dynamic";

/** The booking's .ics file; the manage token comes as a Bearer header or ?token= (the manage link's own). */
export const GET = withApiErrors(async (request, context: { params: Promise<{ reference: string }> }) => {
  const locale = requireApiLocale(request);
  const { reference } = await context.params;
  const token = bearerToken(request) ?? new URL(request.url).searchParams.get("token");
  const ics = await withManageTokenLimit(getDb(), clientAddress(request), { reference, token }, () =>
    getBookingCalendar(getDb(), reference, token, locale),
  );
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${reference}.ics"`,
      "Cache-Control": "no-store",
    },
  });
});
