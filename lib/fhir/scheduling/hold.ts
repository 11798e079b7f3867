// $hold (IHE ITI-116): which slot a client wants held, read from what it sends
// (the proposed Appointment's reference, as IHE has it, or the Appointment
// itself), and the place a held slot is at, for the pending Appointment the
// operation answers. The hold is createHold's, with its rules and limits.
import type { Appointment } from "@medplum/fhirtypes";
import type { DbClient } from "../../db/create-client";
import { AppError } from "../../errors";
import { referencedId } from "../ids";
import { slotOfProposedId, type SlotPlace } from "./appointment";
import { bodyInput, refuseUnknown } from "./parameters";

export const HOLD_PARAMETERS = ["appointment-reference", "appointment-resource", "appointment"] as const;

/**
 * The slot an Appointment names in `slot[0]` (`path` is where that Appointment
 * sits, for the error), or VALIDATION_FAILED naming `<path>.slot`.
 */
export function slotOfAppointment(appointment: Appointment, path: string): string {
  const slots = appointment.slot;
  if (!Array.isArray(slots) || slots.length === 0)
    throw new AppError("VALIDATION_FAILED", { fields: { [`${path}.slot`]: "required" } });
  const id = referencedId(slots[0]?.reference, "Slot");
  if (!id || slots.length > 1)
    throw new AppError("VALIDATION_FAILED", { fields: { [`${path}.slot[0]`]: "invalid" } });
  return id;
}

/** The slot id a $hold request names (createHold's input before holdInputSchema). */
export function slotToHold(body: unknown): string {
  const input = bodyInput(body, "Appointment");
  if (input.body) return slotOfAppointment(input.body as Appointment, "Appointment");
  refuseUnknown(input, HOLD_PARAMETERS);
  const given = HOLD_PARAMETERS.flatMap((name) => input.all(name).map((value) => ({ name, value })));
  if (given.length !== 1)
    throw new AppError("VALIDATION_FAILED", {
      fields: { "appointment-reference": given.length ? "invalid" : "required" },
    });
  const [{ name, value }] = given as [(typeof given)[number]];
  if (value.kind === "resource") {
    if (value.value.resourceType !== "Appointment")
      throw new AppError("VALIDATION_FAILED", { fields: { [name]: "invalid" } });
    return slotOfAppointment(value.value, "Appointment");
  }
  const slotId = slotOfProposedId(referencedId(value.value, "Appointment") ?? "");
  if (!slotId) throw new AppError("VALIDATION_FAILED", { fields: { [name]: "invalid" } });
  return slotId;
}

/** Where a slot is and what it is for (NOT_FOUND when there is no such slot). */
export async function placeOfSlot(db: DbClient, slotId: string): Promise<SlotPlace> {
  const slot = await db.slot.findUnique({
    where: { id: slotId },
    select: {
      id: true,
      institutionId: true,
      departmentId: true,
      packageId: true,
      startsAt: true,
      endsAt: true,
    },
  });
  if (!slot) throw new AppError("NOT_FOUND");
  return { ...slot, slotId: slot.id };
}
