import { exportPersonalData } from "@/lib/booking/personal-data";
import { getDb } from "@/lib/db/client";
import { requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";
import { bearerToken, clientAddress } from "@/lib/http/request";
import { withManageTokenLimit } from "@/lib/rate-limit/manage-limit";

export const dynamic = "force-dynamic";

/** Everything held about the patient of this booking, as a JSON download. */
export const GET = withApiErrors(async (request, context: { params: Promise<{ reference: string }> }) => {
  requireApiLocale(request);
  const { reference } = await context.params;
  const token = bearerToken(request) ?? new URL(request.url).searchParams.get("token");
  const data = await withManageTokenLimit(getDb(), clientAddress(request), { reference, token }, () =>
    exportPersonalData(getDb(), reference, token),
  );
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${reference}-personal-data.json"`,
      "Cache-Control": "no-store",
    },
  });
});
