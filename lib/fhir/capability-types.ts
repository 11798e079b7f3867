// One area's part of the CapabilityStatement (lib/fhir/capability.ts merges them).
import type {
  CapabilityStatementRestInteraction,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceOperation,
  CapabilityStatementRestSecurity,
} from "@medplum/fhirtypes";

export interface CapabilityFragment {
  /** Resource types with their interactions, search parameters, _include values and type-level operations. */
  resources?: CapabilityStatementRestResource[];
  /** System-level interactions (e.g. transaction). */
  interactions?: CapabilityStatementRestInteraction[];
  /** System-level operations (e.g. $bulk-publish). */
  operations?: CapabilityStatementRestResourceOperation[];
  /** How clients authenticate (only one area declares it). */
  security?: CapabilityStatementRestSecurity;
}
