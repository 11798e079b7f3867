// Appointment/$find (IHE ITI-115): free slots as proposed Appointments, by GET
// (query parameters) or POST (a Parameters resource). Public, like the slots.
import { getDb } from "@/lib/db/client";
import { searchset } from "@/lib/fhir/bundle";
import { fhirJson, readFhirJson, withFhirErrors } from "@/lib/fhir/http";
import { proposedAppointment } from "@/lib/fhir/scheduling/appointment";
import { findAppointments, findInputSchema, findRaw } from "@/lib/fhir/scheduling/find";
import { bodyInput, queryInput, type OperationInput } from "@/lib/fhir/scheduling/parameters";
import { parseInput } from "@/lib/http/request";

export const dynamic = "force-dynamic";

async function find(request: Request, input: OperationInput): Promise<Response> {
  const query = parseInput(findInputSchema, findRaw(input));
  const found = await findAppointments(getDb(), query);
  return fhirJson(searchset(request, { matches: found.places.map(proposedAppointment), total: found.total }));
}

export const GET = withFhirErrors(async (request) => find(request, queryInput(new URL(request.url))));

export const POST = withFhirErrors(async (request) => find(request, bodyInput(await readFhirJson(request))));
