// GET /fhir/r4/HealthcareService: public search of departments and TCM packages (organization, specialty, language, service type); the
// parameters and the query are lib/fhir/directory/searches.ts'.
import { getDb } from "@/lib/db/client";
import { directorySearch } from "@/lib/fhir/directory/search-bundle";
import { searchHealthcareServices, healthcareServiceSearchSchema } from "@/lib/fhir/directory/searches";
import { fhirJson, withFhirErrors } from "@/lib/fhir/http";

export const dynamic = "force-dynamic";

export const GET = withFhirErrors(async (request) =>
  fhirJson(
    await directorySearch(request, healthcareServiceSearchSchema, (q, text) =>
      searchHealthcareServices(getDb(), q, text),
    ),
  ),
);
