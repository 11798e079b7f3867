// The answer of $hold and $book (IHE ITI-116/117): a searchset Bundle holding
// the one Appointment the operation made. A held Appointment has no id of its
// own (a hold is not a resource one can read): its entry is a urn:uuid.
import { randomUUID } from "node:crypto";
import type { Appointment, Bundle } from "@medplum/fhirtypes";
import { fhirUrl } from "../systems";

export function appointmentResult(appointment: Appointment): Bundle {
  return {
    resourceType: "Bundle",
    type: "searchset",
    total: 1,
    entry: [
      {
        fullUrl: appointment.id ? fhirUrl(`Appointment/${appointment.id}`) : `urn:uuid:${randomUUID()}`,
        resource: appointment,
        search: { mode: "match" },
      },
    ],
  };
}
