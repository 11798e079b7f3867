import { getDb } from "@/lib/db/client";
import { withFhirErrors } from "@/lib/fhir/http";
import { fileResponse, slotFile } from "@/lib/fhir/bulk/serve";

export const dynamic = "force-dynamic";

/** The bulk publication's Slot file of one city and ISO week (beijing/2026-W49.ndjson). */
export const GET = withFhirErrors(
  async (request, context: { params: Promise<{ city: string; file: string }> }) => {
    const { city, file } = await context.params;
    return fileResponse(getDb(), request, slotFile(city, file));
  },
);
