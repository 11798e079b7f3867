// What the FHIR API's directory area supports, for the CapabilityStatement (lib/fhir/capability.ts).
import type { CapabilityFragment } from "../capability-types";

export const capability: CapabilityFragment = {};
