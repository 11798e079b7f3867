// Appointment/$hold (IHE ITI-116): holds a proposed Appointment's slot for 10
// minutes with createHold, under the same limit per client address as POST
// /api/v1/holds; answers the pending Appointment carrying the hold's token.
import { createHold, holdInputSchema } from "@/lib/booking/holds";
import { getDb } from "@/lib/db/client";
import { fhirJson, readFhirJson, withFhirErrors } from "@/lib/fhir/http";
import { heldAppointment } from "@/lib/fhir/scheduling/appointment";
import { placeOfSlot, slotToHold } from "@/lib/fhir/scheduling/hold";
import { appointmentResult } from "@/lib/fhir/scheduling/result";
import { clientAddress, clientKey, parseInput } from "@/lib/http/request";
import { limitHolds } from "@/lib/rate-limit/rate-limit";

export const dynamic = "force-dynamic";

export const POST = withFhirErrors(async (request) => {
  await limitHolds(getDb(), clientAddress(request));
  const input = parseInput(holdInputSchema, { slotId: slotToHold(await readFhirJson(request)) });
  const hold = await createHold(getDb(), input, clientKey(request));
  const place = await placeOfSlot(getDb(), hold.slotId);
  return fhirJson(appointmentResult(heldAppointment(place, hold)), { status: 201 });
});
