import { getDb } from "@/lib/db/client";
import { withFhirErrors } from "@/lib/fhir/http";
import { cityFile, fileResponse } from "@/lib/fhir/bulk/serve";

export const dynamic = "force-dynamic";

/** The bulk publication's Location file of one city (beijing.ndjson). */
export const GET = withFhirErrors(async (request, context: { params: Promise<{ file: string }> }) =>
  fileResponse(getDb(), request, cityFile("Location", (await context.params).file)),
);
