import { getDb } from "@/lib/db/client";
import { withFhirErrors } from "@/lib/fhir/http";
import { manifestResponse } from "@/lib/fhir/bulk/serve";

export const dynamic = "force-dynamic";

/** SMART Scheduling Links: the bulk publication's manifest (its Location, Schedule and Slot files). */
export const GET = withFhirErrors(async (request) => manifestResponse(getDb(), request));
