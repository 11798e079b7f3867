// GET Appointment/<id>: one booking, for its holder (the manage token as the
// bearer token) or for its hospital's system (an OAuth client's JWT with
// appointments:read; another institution's booking is 404).
import { getDb } from "@/lib/db/client";
import { bearerJwt, requireFhirClient } from "@/lib/fhir/auth/client-auth";
import { fhirJson, withFhirErrors } from "@/lib/fhir/http";
import { readClientAppointment } from "@/lib/fhir/scheduling/read";
import { readHolderAppointment } from "@/lib/fhir/scheduling/existing";

export const dynamic = "force-dynamic";

export const GET = withFhirErrors(async (request, context: { params: Promise<{ id: string }> }) => {
  const db = getDb();
  const { id } = await context.params;
  if (bearerJwt(request)) {
    const client = await requireFhirClient(db, request, "appointments:read");
    return fhirJson(await readClientAppointment(db, client, id));
  }
  return fhirJson(await readHolderAppointment(db, request, id));
});
