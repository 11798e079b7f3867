// GET /fhir/r4/Organization: public search of institutions (name across scripts, city, slug); the
// parameters and the query are lib/fhir/directory/searches.ts'.
import { getDb } from "@/lib/db/client";
import { directorySearch } from "@/lib/fhir/directory/search-bundle";
import { searchOrganizations, organizationSearchSchema } from "@/lib/fhir/directory/searches";
import { fhirJson, withFhirErrors } from "@/lib/fhir/http";

export const dynamic = "force-dynamic";

export const GET = withFhirErrors(async (request) =>
  fhirJson(await directorySearch(request, organizationSearchSchema, (q) => searchOrganizations(getDb(), q))),
);
