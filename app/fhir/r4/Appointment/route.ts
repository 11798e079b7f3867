// GET Appointment: finding existing appointments. A hospital system (an OAuth
// client's JWT) polls its institution's changes (_lastUpdated, the HIS change
// feed); a booking's holder (its manage token) finds it by reference (IHE ITI-118).
import { getDb } from "@/lib/db/client";
import { bearerJwt, requireFhirClient } from "@/lib/fhir/auth/client-auth";
import { searchChangedAppointments } from "@/lib/fhir/his/changed-appointments";
import { fhirJson, withFhirErrors } from "@/lib/fhir/http";
import { findExistingAppointments } from "@/lib/fhir/scheduling/existing";

export const dynamic = "force-dynamic";

export const GET = withFhirErrors(async (request) => {
  const db = getDb();
  if (bearerJwt(request)) {
    const client = await requireFhirClient(db, request, "appointments:read");
    return fhirJson(await searchChangedAppointments(db, client, new URL(request.url).searchParams));
  }
  return fhirJson(await findExistingAppointments(db, request));
});
