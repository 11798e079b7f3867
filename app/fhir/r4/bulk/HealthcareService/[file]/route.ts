import { getDb } from "@/lib/db/client";
import { withFhirErrors } from "@/lib/fhir/http";
import { cityFile, fileResponse } from "@/lib/fhir/bulk/serve";

export const dynamic = "force-dynamic";

/** The bulk publication's HealthcareService file of one city (beijing.ndjson): the services its Schedules name. */
export const GET = withFhirErrors(async (request, context: { params: Promise<{ file: string }> }) =>
  fileResponse(getDb(), request, cityFile("HealthcareService", (await context.params).file)),
);
