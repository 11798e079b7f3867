// Reading one Appointment as a hospital's system: a booking of the client's
// institution, with what the hospital's staff see (the policy number in full
// for the guarantee request, the passport's last four characters); any other
// booking is NOT_FOUND.
import type { Appointment } from "@medplum/fhirtypes";
import type { DbClient } from "../../db/create-client";
import { AppError } from "../../errors";
import type { FhirClient } from "../auth/client-auth";
import { FHIR_ID } from "../ids";
import { appointmentRow, appointmentSelect, toAppointment } from "./appointment";

export async function readClientAppointment(
  db: DbClient,
  client: FhirClient,
  id: string,
): Promise<Appointment> {
  const row = FHIR_ID.test(id)
    ? await db.booking.findFirst({
        where: { id, institutionId: client.institutionId },
        select: appointmentSelect,
      })
    : null;
  if (!row) throw new AppError("NOT_FOUND");
  return toAppointment(appointmentRow(row, { personal: true, fullPolicyNumber: true }));
}
