// What the FHIR API's auth area supports, for the CapabilityStatement
// (lib/fhir/capability.ts): hospital systems authenticate with OAuth 2.0
// client credentials at the token endpoint the SMART oauth-uris extension
// names (ADR 0021); the directory, slots and the patient's booking need no token.
import type { CapabilityStatementRestSecurity } from "@medplum/fhirtypes";
import type { CapabilityFragment } from "../capability-types";
import { INTEGRATION_SCOPES, type IntegrationScope } from "../../integration/scopes";
import { fhirUrl } from "../systems";
import { ACCESS_TOKEN_SECONDS } from "./access-token";

/** The path of the token endpoint under the FHIR base. */
export const TOKEN_PATH = "auth/token";

const scopeUse: Record<IntegrationScope, string> = {
  "slots:write": "push Schedule and Slot resources in a `transaction` Bundle (`POST [base]`)",
  "appointments:read": "poll the institution's bookings (`GET [base]/Appointment?_lastUpdated=gt…`)",
  webhooks: "receive a signed POST when one of the institution's bookings changes",
};

function security(): CapabilityStatementRestSecurity {
  return {
    service: [
      {
        coding: [{ system: "http://terminology.hl7.org/CodeSystem/restful-security-service", code: "OAuth" }],
        text: "OAuth 2.0 client credentials (RFC 6749 §4.4), bearer tokens (RFC 6750)",
      },
    ],
    extension: [
      {
        url: "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
        extension: [{ url: "token", valueUri: fhirUrl(TOKEN_PATH) }],
      },
    ],
    description: [
      "The directory (Organization, Location, HealthcareService, Schedule, Slot), `$bulk-publish` and " +
        "`$find`/`$hold`/`$book` need no credentials; a patient finds their own appointments with the " +
        "manage token of the booking as the bearer token.",
      `A hospital system is an integration client created by the hospital's manager in the staff console. It asks ` +
        `\`POST ${fhirUrl(TOKEN_PATH)}\` (\`application/x-www-form-urlencoded\`, \`grant_type=client_credentials\`, ` +
        `optional \`scope\`; client authenticated with HTTP Basic or \`client_id\`/\`client_secret\` in the body) ` +
        `for a bearer token valid ${ACCESS_TOKEN_SECONDS / 60} minutes, and acts on its own institution only ` +
        `(another institution's resources are 404). Revoking the client or rotating its secret ends its tokens at once.`,
      `Scopes: ${INTEGRATION_SCOPES.map((s) => `\`${s}\`: ${scopeUse[s]}`).join("; ")}.`,
    ].join("\n\n"),
  };
}

export const capability: CapabilityFragment = {
  get security() {
    return security();
  },
};
