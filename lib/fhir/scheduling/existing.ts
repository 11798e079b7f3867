// Finding existing appointments (IHE ITI-118) as the booking's holder: the
// manage token as the bearer token, the booking's reference as the
// identifier. The token is checked by findWithToken, the manage link's own
// use case, under the same limit on wrong tokens (withManageTokenLimit); a
// wrong token or reference finds nothing, as FHIR searches say, and counts
// as a guess. Hospital systems (a JWT bearer) search through
// lib/fhir/his/changed-appointments.ts instead: the route dispatches.
import type { Appointment, Bundle } from "@medplum/fhirtypes";
import type { DbClient } from "../../db/create-client";
import { AppError } from "../../errors";
import { findWithToken } from "../../booking/manage-booking";
import { withManageTokenLimit } from "../../rate-limit/manage-limit";
import { bearerToken, clientAddress } from "../../http/request";
import { searchset } from "../bundle";
import { systems } from "../systems";
import { FHIR_ID } from "../ids";
import { appointmentRow, appointmentSelect, toAppointment } from "./appointment";
import { refuseUnknownNames } from "./parameters";

/** The search parameters a holder's search takes (besides _format and locale). */
export const EXISTING_PARAMETERS = ["identifier"] as const;
const GENERAL = new Set(["_format", "locale"]);

/** The holder's manage token, or UNAUTHENTICATED (401 with WWW-Authenticate: Bearer). */
function holderToken(request: Request): string {
  const token = bearerToken(request);
  if (!token) throw new AppError("UNAUTHENTICATED");
  return token;
}

/** The booking a holder's token opens, as an Appointment with the patient's details; null for a wrong token. */
async function holderAppointment(
  db: DbClient,
  request: Request,
  reference: string,
  token: string,
): Promise<Appointment | null> {
  try {
    const booking = await withManageTokenLimit(db, clientAddress(request), { reference, token }, () =>
      findWithToken(db, reference, token),
    );
    const row = await db.booking.findUniqueOrThrow({ where: { id: booking.id }, select: appointmentSelect });
    return toAppointment(appointmentRow(row, { personal: true, fullPolicyNumber: false }));
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

/** GET Appointment?identifier=[system|]reference with the manage token: a searchset of that booking, or empty. */
export async function findExistingAppointments(db: DbClient, request: Request): Promise<Bundle> {
  const params = new URL(request.url).searchParams;
  refuseUnknownNames(
    [...params.keys()].filter((k) => !GENERAL.has(k)),
    EXISTING_PARAMETERS,
  );
  const identifiers = params.getAll("identifier");
  if (identifiers.length !== 1)
    throw new AppError("VALIDATION_FAILED", {
      fields: { identifier: identifiers.length ? "invalid" : "required" },
    });
  const token = holderToken(request);
  const value = identifiers[0]!;
  const bar = value.lastIndexOf("|");
  const system = bar < 0 ? null : value.slice(0, bar);
  const reference = (bar < 0 ? value : value.slice(bar + 1)).trim().toUpperCase();
  // Another identifier system names no booking of ours (IHE: an empty searchset).
  const appointment =
    system === null || system === "" || system === systems.bookingReference()
      ? await holderAppointment(db, request, reference, token)
      : null;
  return searchset(request, { matches: appointment ? [appointment] : [], total: appointment ? 1 : 0 });
}

/** GET Appointment/<id> with the manage token: the holder's booking; NOT_FOUND for a wrong token or id. */
export async function readHolderAppointment(
  db: DbClient,
  request: Request,
  id: string,
): Promise<Appointment> {
  const token = holderToken(request);
  const booking = FHIR_ID.test(id)
    ? await db.booking.findUnique({ where: { id }, select: { reference: true } })
    : null;
  const appointment = await holderAppointment(db, request, booking?.reference ?? "", token);
  if (!appointment) throw new AppError("NOT_FOUND");
  return appointment;
}
