// Appointment/$hold (IHE ITI-116): holds a proposed Appointment's slot for 10
// minutes with createHold, under the same limit per client address as POST
// /api/v1/holds; answers the pending Appointment carrying the hold's token
// (lib/fhir/scheduling/operations.ts).
import { getDb } from "@/lib/db/client";
import { withFhirErrors } from "@/lib/fhir/http";
import { holdOperation } from "@/lib/fhir/scheduling/operations";

export const dynamic = "force-dynamic";

export const POST = withFhirErrors((request) => holdOperation(getDb(), request));
