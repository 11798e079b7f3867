// GET /fhir/r4/Schedule: public search of schedules (actor, service type); the
// parameters and the query are lib/fhir/directory/searches.ts'.
import { getDb } from "@/lib/db/client";
import { directorySearch } from "@/lib/fhir/directory/search-bundle";
import { searchSchedules, scheduleSearchSchema } from "@/lib/fhir/directory/searches";
import { fhirJson, withFhirErrors } from "@/lib/fhir/http";

export const dynamic = "force-dynamic";

export const GET = withFhirErrors(async (request) =>
  fhirJson(
    await directorySearch(request, scheduleSearchSchema, (q, text) => searchSchedules(getDb(), q, text)),
  ),
);
