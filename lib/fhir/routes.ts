// Every FHIR route handler under app/fhir/r4 and the methods it exports, for
// the proxy (a method a route lacks, a path that does not decode and a body over
// the limit are answered there as OperationOutcome). Pure data, safe in the
// proxy. tests/unit/fhir-routes.test.ts fails when app/fhir and this list differ.
// Each engineer adds the routes they create (one line each).
import { routeIn, type Method } from "../http/api-routes";

export const fhirRoutes: Readonly<Record<string, readonly Method[]>> = {
  "/fhir/r4": ["POST"],
  "/fhir/r4/Appointment": ["GET"],
  "/fhir/r4/Appointment/$book": ["POST"],
  "/fhir/r4/Appointment/$find": ["GET", "POST"],
  "/fhir/r4/Appointment/$hold": ["POST"],
  "/fhir/r4/Appointment/[id]": ["GET"],
  "/fhir/r4/HealthcareService": ["GET"],
  "/fhir/r4/HealthcareService/[id]": ["GET"],
  "/fhir/r4/Location": ["GET"],
  "/fhir/r4/Location/[id]": ["GET"],
  "/fhir/r4/Organization": ["GET"],
  "/fhir/r4/Organization/[id]": ["GET"],
  "/fhir/r4/Schedule": ["GET"],
  "/fhir/r4/Schedule/[id]": ["GET"],
  "/fhir/r4/Slot": ["GET"],
  "/fhir/r4/Slot/[id]": ["GET"],
  "/fhir/r4/metadata": ["GET"],
  "/fhir/r4/$bulk-publish": ["GET"],
  "/fhir/r4/bulk/HealthcareService/[file]": ["GET"],
  "/fhir/r4/bulk/Location/[file]": ["GET"],
  "/fhir/r4/bulk/Schedule/[file]": ["GET"],
  "/fhir/r4/bulk/Slot/[city]/[file]": ["GET"],
  "/fhir/r4/auth/token": ["POST"],
};

/** The FHIR route a path reaches and the methods it answers, or undefined. */
export function fhirRouteFor(pathname: string): { pattern: string; allowed: string[] } | undefined {
  return routeIn(fhirRoutes, pathname);
}
