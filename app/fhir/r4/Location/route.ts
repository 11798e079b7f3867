// GET /fhir/r4/Location: public search of institutions' sites (by organization, city, name); the
// parameters and the query are lib/fhir/directory/searches.ts'.
import { getDb } from "@/lib/db/client";
import { directorySearch } from "@/lib/fhir/directory/search-bundle";
import { searchLocations, locationSearchSchema } from "@/lib/fhir/directory/searches";
import { fhirJson, withFhirErrors } from "@/lib/fhir/http";

export const dynamic = "force-dynamic";

export const GET = withFhirErrors(async (request) =>
  fhirJson(
    await directorySearch(request, locationSearchSchema, (q, text) => searchLocations(getDb(), q, text)),
  ),
);
