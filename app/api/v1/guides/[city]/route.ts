import { readDb } from "@/lib/db/replicas";
import { getPublishedGuide } from "@/lib/guide/get-published-guide";
import { guideSchema } from "@/lib/guide/api-schemas";
import { requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** The city's current published guide in the requested language (?locale=), with fallbacks marked. */
export const GET = withApiErrors(async (request, context: { params: Promise<{ city: string }> }) => {
  const locale = requireApiLocale(request);
  const { city } = await context.params;
  const guide = await getPublishedGuide(await readDb(request.headers), city, locale);
  return Response.json(
    guideSchema.parse({ ...guide, locale, publishedAt: guide.publishedAt.toISOString() }),
    {
      headers: { "Content-Language": locale, "Cache-Control": "public, max-age=60" },
    },
  );
});
