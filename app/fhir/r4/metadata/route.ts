import { capabilityStatement } from "@/lib/fhir/capability";
import { fhirJson, withFhirErrors } from "@/lib/fhir/http";

export const dynamic = "force-dynamic";

/** The CapabilityStatement: what this FHIR server supports, exactly. */
export const GET = withFhirErrors(async () =>
  fhirJson(capabilityStatement(), { headers: { "Cache-Control": "public, max-age=300" } }),
);
