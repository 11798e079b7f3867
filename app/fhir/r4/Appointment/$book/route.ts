// Appointment/$book (IHE ITI-117): books a proposed or held Appointment whose
// patient is a contained Patient, through bookingInputSchema and createBooking
// exactly as POST /api/v1/bookings does (lib/fhir/scheduling/operations.ts).
import { getDb } from "@/lib/db/client";
import { withFhirErrors } from "@/lib/fhir/http";
import { bookOperation } from "@/lib/fhir/scheduling/operations";

export const dynamic = "force-dynamic";

export const POST = withFhirErrors((request) => bookOperation(getDb(), request));
