// GET /fhir/r4/Schedule/<id>: read one Schedule of the public directory (404 OperationOutcome otherwise).
import { getDb } from "@/lib/db/client";
import { readDirectoryResource } from "@/lib/fhir/directory/searches";
import { directoryText } from "@/lib/fhir/directory/text";
import { fhirJson, fhirLocale, withFhirErrors } from "@/lib/fhir/http";

export const dynamic = "force-dynamic";

export const GET = withFhirErrors(async (request, context: { params: Promise<{ id: string }> }) => {
  const { id } = await context.params;
  const text = await directoryText(fhirLocale(request));
  return fhirJson(await readDirectoryResource(getDb(), "Schedule", id, text));
});
