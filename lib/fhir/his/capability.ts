// What the FHIR API's his area supports, for the CapabilityStatement
// (lib/fhir/capability.ts): the transaction a hospital system pushes its
// Schedules and Slots with (lib/fhir/his/transaction.ts), the Appointment
// change feed it polls (changed-appointments.ts), and the webhooks it may get
// (lib/notify/webhook.ts). ADR 0022.
import type { CapabilityFragment } from "../capability-types";
import { standard } from "../systems";
import { DEFAULT_CHANGES_PAGE, MAX_CHANGES_PAGE } from "./changed-appointments";
import { MAX_TRANSACTION_ENTRIES, pushOutcomeSystem } from "./transaction";

const transaction =
  "A hospital system (OAuth client credentials, scope slots:write) publishes its slots: POST a Bundle of type " +
  "transaction to the base, each entry a conditional update: PUT Schedule?identifier=<system>|<value> and " +
  "PUT Slot?identifier=<system>|<value>, the resource carrying that identifier. Schedule.actor names one " +
  "HealthcareService of the client's institution (HealthcareService/dept-<id> or pkg-<id>; its Location may be " +
  "named too); Schedule.planningHorizon is the window the Bundle replaces for that schedule: its slots there that " +
  "the Bundle does not list are removed. Slot.schedule references the Schedule entry by its fullUrl (urn:uuid:…) " +
  "or as Schedule/<id>. Slot.status free is offered to patients; busy, busy-unavailable and busy-tentative keep " +
  `the slot closed. Places per slot: the extension ${standard.slotCapacity} (valueInteger 1-100, default 1), ` +
  "here the slot's TOTAL places, bookings already made included (the Slots we publish use it for the places " +
  "still open, as SMART Scheduling Links does); a value below what is booked and held is refused. " +
  `At most ${MAX_TRANSACTION_ENTRIES} entries and 256 KiB. All or nothing: a Bundle that would remove, move or shrink ` +
  "a slot below its bookings and live holds is refused 409 with an issue naming each slot, one that would offer " +
  "more special-service places than a month's quota leaves is refused 409 with an issue per month; another " +
  "institution's service or schedule is 404. The same Bundle twice changes nothing. The transaction-response " +
  "gives each entry 201 Created or 200 OK and its location; an entry that changed nothing, a slot already past " +
  `(left as it is) and a Schedule whose slots were removed carry an informational outcome coded in ${pushOutcomeSystem()} ` +
  "(unchanged, past, removed with the count in diagnostics). A schedule pushed this way is managed by the hospital " +
  "system: the staff console shows it read-only.";

const feed =
  "Hospital systems (scope appointments:read) poll their institution's booking changes (new, rescheduled, " +
  "cancelled, any status change): GET Appointment?_lastUpdated=gt<instant>, oldest change first, " +
  `_count (default ${DEFAULT_CHANGES_PAGE}, at most ${MAX_CHANGES_PAGE}) and the next link to page. Poll again with the ` +
  "largest meta.lastUpdated seen: a change is answered only once every transaction that started before it has " +
  "ended, so none is ever missed behind the cursor. Webhooks (scope webhooks and a webhook URL): each such change " +
  "is also POSTed to the client's URL, signed as Standard Webhooks say (headers webhook-id, webhook-timestamp, " +
  "webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body under the whsec_ secret>), body " +
  '{"type":"appointment.<event>","timestamp","data":{"resourceType":"Appointment","id","reference","event","version"}} ' +
  "(no personal data: read the Appointment), retried with exponential back-off until a 2xx answer.";

export const capability: CapabilityFragment = {
  interactions: [{ code: "transaction", documentation: transaction }],
  resources: [
    {
      type: "Appointment",
      interaction: [{ code: "search-type" }],
      searchParam: [
        {
          name: "_lastUpdated",
          definition: "http://hl7.org/fhir/SearchParameter/Resource-lastUpdated",
          type: "date",
          documentation:
            "With a hospital system's bearer token: the change feed. Prefixes gt, ge, lt, le, eq (or none); " +
            "an instant with its time zone, or a date (a UTC day).",
        },
      ],
      documentation: feed,
    },
  ],
};
