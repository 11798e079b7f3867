import { readDb } from "@/lib/db/replicas";
import { AppError } from "@/lib/errors";
import { getGuidePdf } from "@/lib/guide/get-guide-pdf";
import { pdfResponse, requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** The city's published guide as a PDF (?locale=, ?view=bilingual for the Chinese text beside each section). */
export const GET = withApiErrors(async (request, context: { params: Promise<{ city: string }> }) => {
  const locale = requireApiLocale(request);
  const view = new URL(request.url).searchParams.get("view");
  if (view !== null && view !== "bilingual")
    throw new AppError("VALIDATION_FAILED", { fields: { view: "invalid" } });
  const { city } = await context.params;
  return pdfResponse(await getGuidePdf(await readDb(request.headers), city, locale, view === "bilingual"));
});
