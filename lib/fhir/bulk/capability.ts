// What the FHIR API's bulk area supports, for the CapabilityStatement (lib/fhir/capability.ts):
// the SMART Scheduling Links bulk publication (ADR 0023).
import type { CapabilityFragment } from "../capability-types";

export const capability: CapabilityFragment = {
  operations: [
    {
      name: "bulk-publish",
      definition: "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/bulk-publish",
      documentation:
        "SMART Scheduling Links (HL7, STU1) bulk publication: GET [base]/$bulk-publish answers the manifest " +
        "(application/json; transactionTime, request, output[] with type, url and extension.state as ISO 3166-2 " +
        "codes such as CN-BJ). Its files are NDJSON (application/fhir+ndjson): Location, HealthcareService and " +
        "Schedule files per city, " +
        "Slot files per city and ISO week in Beijing time, future slots only, free, busy or busy-unavailable from " +
        "live capacity and holds. Public, no access token. Files are read live when fetched, each with an ETag " +
        "from a fingerprint of its rows, so a client fetches only the files that changed. Manifest and files send " +
        "Cache-Control max-age (the polling hint), ETag and Last-Modified, and answer 304 to If-None-Match or " +
        "If-Modified-Since. _since is accepted and ignored: the manifest always lists the full data set.",
    },
  ],
};
