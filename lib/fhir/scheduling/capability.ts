// What the FHIR API's scheduling area supports, for the CapabilityStatement
// (lib/fhir/capability.ts): IHE ITI Scheduling's $find, $hold and $book on
// Appointment, read, and finding existing appointments (ITI-118) with the
// manage token, each documented as its OperationDefinition would be: the
// parameters we take, and how $book's Appointment becomes a booking (ADR 0024).
import type { CapabilityFragment } from "../capability-types";
import { standard, systems } from "../systems";
import { IHE_APPOINTMENT_PROFILE } from "./appointment";
import { COVERAGE_SELF_PAY, PASSPORT_TYPE, schedulingExtensions, schedulingSystems } from "./extensions";
import { DEFAULT_COUNT, MAX_COUNT, MAX_SERVICES } from "./find";

const IHE_OPERATIONS = "https://profiles.ihe.net/ITI/Scheduling/OperationDefinition";

const find =
  "IHE ITI-115 Find Potential Appointments. GET with query parameters or POST a Parameters resource. In: " +
  "`start`, `end` (dateTime or date; a date is a day in Beijing; default now and 14 days later; at most 62 days " +
  "apart), `service` (0..*, Reference HealthcareService/dept-<id> or pkg-<id>; our extension of the operation), " +
  `\`specialty\` (token of ${systems.specialty()}, e.g. cardiology; tcm for TCM packages), \`organization\` and ` +
  "`location-reference` (Reference to the institution's Organization or Location, which share its id), " +
  "`patient-resource` (Patient: its preferred communication language narrows to hospitals serving in it) or " +
  "`language` (BCP-47, the same), `_count` " +
  `(default ${DEFAULT_COUNT}, at most ${MAX_COUNT}). At least one of service, specialty, organization. At most ` +
  `${MAX_SERVICES} services are searched. Out: a searchset Bundle of proposed Appointments (id proposed-<slot id>, ` +
  "slot, start, end, HealthcareService and Location participants), earliest first, `total` counting every free " +
  "slot found. Only slots with a place left after bookings and live holds, in a month whose quota has room; a " +
  "held slot is never offered. Unknown parameters are refused (400).";

const hold =
  "IHE ITI-116 Hold Appointment. POST Parameters with `appointment-reference` (Reference Appointment/proposed-<slot " +
  "id> from $find), or `appointment-resource` / `appointment` (an Appointment whose slot[0] names the Slot), or the " +
  "Appointment itself. Holds one place for 10 minutes (the web's hold: same rules, same limit per client address). " +
  "Out (201): a searchset Bundle with the pending Appointment; its identifier " +
  `${systems.holdToken()} carries the hold's secret token (send it back to $book), the extension ` +
  `${schedulingExtensions.holdExpires()} (valueInstant) when the hold lapses. A slot without a place, or a month ` +
  "without quota room, is 409 (SLOT_FULL, QUOTA_EXCEEDED); an unknown slot 404.";

const book =
  "IHE ITI-117 Book Appointment. POST Parameters with `appointment-resource` (or `appointment`), or the " +
  "Appointment itself: status proposed (slot[0] names the Slot) or pending (the held Appointment with its " +
  `${systems.holdToken()} identifier). The patient is a contained Patient: name[0] (text, or given and family), ` +
  `birthDate, telecom email and phone, communication (preferred language, ${standard.bcp47}), nationality in the ` +
  `extension ${standard.patientNationality} (sub-extension code, ${standard.iso3166} alpha-2), the passport as an ` +
  `identifier typed ${PASSPORT_TYPE.system}#${PASSPORT_TYPE.code} (needed for a visa letter); gender is not kept. ` +
  "The reason is reasonCode[0].text. Payment is a contained Coverage (referenced from supportingInformation): " +
  `type ${COVERAGE_SELF_PAY.system}#${COVERAGE_SELF_PAY.code} for self-pay; otherwise direct billing with ` +
  `payor[0].identifier (${schedulingSystems.insurer()}, the insurer's slug), subscriberId (policy number) and ` +
  "subscriber.display (the member's name). Extensions on the Appointment (valueBoolean): " +
  `${schedulingExtensions.consentTerms()} and ${schedulingExtensions.consentSensitive()} (both required, true: ` +
  `the terms and the processing of health data), ${schedulingExtensions.interpreterWanted()} and ` +
  `${schedulingExtensions.visaLetterWanted()} (default false). Idempotency (required): an Appointment.identifier ` +
  `with system ${systems.requestId()}, or the header If-None-Exist: identifier=${systems.requestId()}|<value> ` +
  "(8-200 of A-Z a-z 0-9 _ - : .). The same request again is answered 200 with the same Appointment, whatever " +
  "the limits; another body with the same value is 422. Out (201, Location): a searchset Bundle with the booked " +
  "Appointment: status booked, or pending while the insurer's guarantee of payment is awaited (extension " +
  `${schedulingExtensions.guaranteeOfPayment()}); identifier ${systems.bookingReference()} (the reference) and, ` +
  `in this answer only, ${systems.manageToken()} (the manage token: the bearer token to find and read it later). ` +
  "Problems are 400 with an issue per element, its FHIRPath in expression (e.g. Appointment.contained[0].birthDate), " +
  "in the request's language; SLOT_FULL, QUOTA_EXCEEDED, DIRECT_BILLING_UNAVAILABLE 409; HOLD_EXPIRED 410; " +
  "limits 429 with Retry-After. One confirmation e-mail per booking.";

export const capability: CapabilityFragment = {
  resources: [
    {
      type: "Appointment",
      profile: IHE_APPOINTMENT_PROFILE,
      documentation:
        "Appointment = booking (id: the booking's id). Status: booked (confirmed), pending (waiting for the " +
        "insurer's guarantee; also a held place from $hold), checked-in, fulfilled (completed), noshow, cancelled. " +
        "Read and search need a bearer token: a booking's manage token (its holder, who sees the patient's " +
        "details) or a hospital system's access token (its institution's bookings).",
      interaction: [
        {
          code: "read",
          documentation:
            "Appointment/<id> with Authorization: Bearer <manage token> (the holder) or a hospital system's access " +
            "token (scope appointments:read; another institution's booking is 404).",
        },
        {
          code: "search-type",
          documentation:
            "IHE ITI-118 Find Existing Appointments for a booking's holder: identifier=[system|]reference with " +
            "Authorization: Bearer <manage token>; a wrong token or reference finds nothing (an empty searchset), " +
            "and wrong tokens are limited per client address (429).",
        },
      ],
      searchParam: [
        {
          name: "identifier",
          definition: "http://hl7.org/fhir/SearchParameter/Appointment-identifier",
          type: "token",
          documentation: `The booking reference (${systems.bookingReference()}|IPP-XXXX-XXXX); with the manage token as bearer token.`,
        },
      ],
      operation: [
        { name: "find", definition: `${IHE_OPERATIONS}/appointment-find`, documentation: find },
        { name: "hold", definition: `${IHE_OPERATIONS}/appointment-hold`, documentation: hold },
        { name: "book", definition: `${IHE_OPERATIONS}/appointment-book`, documentation: book },
      ],
    },
  ],
};
