// One home for what an integration client (a hospital's own system) may be
// allowed to do through the FHIR API. The list is small and exact: each scope
// names one thing a hospital system does, and the route that does it asks for
// that scope (requireFhirClient in lib/fhir/auth/client-auth.ts).
import { z } from "zod";

export const INTEGRATION_SCOPES = [
  /** Push Schedule and Slot resources in a transaction Bundle (POST /fhir/r4). */
  "slots:write",
  /** Poll the institution's bookings: GET /fhir/r4/Appointment?_lastUpdated=gt… */
  "appointments:read",
  /** Receive a signed POST when one of the institution's bookings changes (needs a webhook URL). */
  "webhooks",
] as const;

export type IntegrationScope = (typeof INTEGRATION_SCOPES)[number];

export const scopeParam = z.enum(INTEGRATION_SCOPES);

export function isIntegrationScope(value: unknown): value is IntegrationScope {
  return (INTEGRATION_SCOPES as readonly unknown[]).includes(value);
}

/** Scopes in the list's order, each once (the order the console and tokens show them in). */
export function orderedScopes(scopes: Iterable<string>): IntegrationScope[] {
  const wanted = new Set(scopes);
  return INTEGRATION_SCOPES.filter((s) => wanted.has(s));
}
