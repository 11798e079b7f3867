// GET /fhir/r4/Slot: public search of slots, free or busy from live places and holds (schedule, start, status, service type); the
// parameters and the query are lib/fhir/directory/searches.ts'.
import { getDb } from "@/lib/db/client";
import { directorySearch } from "@/lib/fhir/directory/search-bundle";
import { searchSlots, slotSearchSchema } from "@/lib/fhir/directory/searches";
import { fhirJson, withFhirErrors } from "@/lib/fhir/http";

export const dynamic = "force-dynamic";

export const GET = withFhirErrors(async (request) =>
  fhirJson(await directorySearch(request, slotSearchSchema, (q, text) => searchSlots(getDb(), q, text))),
);
