// Logical ids of the FHIR resources we serve (ADR 0020). Organization and
// Location share the institution's id; a HealthcareService is a department
// (dept-<id>) or a TCM package (pkg-<id>); Schedule, Slot and Appointment
// (a booking) keep their row's id.
import { z } from "zod";

/** FHIR's id datatype: [A-Za-z0-9\-.]{1,64}. */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** A logical id in a path or a reference; anything else is not a resource of ours (404, not 500). */
export const fhirIdSchema = z.string().regex(FHIR_ID);

export type ServiceRef = { kind: "department"; id: string } | { kind: "package"; id: string };

export function healthcareServiceId(service: ServiceRef): string {
  return `${service.kind === "department" ? "dept" : "pkg"}-${service.id}`;
}

/** The department or package a HealthcareService id names, or null when it names neither. */
export function parseHealthcareServiceId(id: string): ServiceRef | null {
  const match = /^(dept|pkg)-([A-Za-z0-9]{1,59})$/.exec(id);
  if (!match) return null;
  return match[1] === "dept" ? { kind: "department", id: match[2]! } : { kind: "package", id: match[2]! };
}

/** A relative reference, "Slot/abc". */
export function reference(type: string, id: string): string {
  return `${type}/${id}`;
}

/**
 * The id a relative or absolute reference names for `type` ("Slot/abc",
 * "https://…/fhir/r4/Slot/abc" → "abc"), or null when it names another type or no valid id.
 */
export function referencedId(ref: string | undefined, type: string): string | null {
  if (!ref) return null;
  const match = new RegExp(`(?:^|/)${type}/([^/?#]+)$`).exec(ref);
  return match && FHIR_ID.test(match[1]!) ? match[1]! : null;
}
