// The Appointment serializer (lib/fhir/scheduling/appointment.ts): every
// shape it makes is valid FHIR R4, statuses map as ADR 0024 says, and personal
// data appears only when the reader may see it.
import { describe, expect, it } from "vitest";
import {
  APPOINTMENT_STATUS,
  heldAppointment,
  proposedAppointment,
  slotOfProposedId,
  toAppointment,
  type AppointmentRow,
} from "../../lib/fhir/scheduling/appointment";
import { systems } from "../../lib/fhir/systems";
import { expectValidFhir } from "../helpers/fhir";

const place = {
  slotId: "cslot0000000000000000001",
  institutionId: "cinst0000000000000000001",
  departmentId: "cdept0000000000000000001",
  packageId: null,
  startsAt: new Date("2027-03-01T02:00:00Z"),
  endsAt: new Date("2027-03-01T02:30:00Z"),
};

const row: AppointmentRow = {
  ...place,
  id: "5f0c6a3e-7d1b-4c1e-9a55-0b8f6c2d9e11",
  reference: "IPP-7K3Q-9DMA",
  status: "PENDING_CONFIRMATION",
  createdAt: new Date("2027-02-01T00:00:00Z"),
  updatedAt: new Date("2027-02-01T00:00:01Z"),
  cancelReason: null,
  guarantee: "PENDING",
  patient: {
    name: "Amina Bekova",
    nationality: "KZ",
    dateOfBirth: "1980-01-02",
    email: "amina@example.org",
    phone: "+7 701 234 5678",
    preferredLanguage: "ru",
    passportNumber: "…4567",
    reasonForVisit: "Knee pain",
    interpreterWanted: true,
    visaLetterWanted: true,
    paymentMethod: "DIRECT_BILLING",
    insurer: { slug: "allianz-care", name: "Allianz Care" },
    policyNumber: "POL-123456",
    memberName: "Amina Bekova",
    consentTermsAt: new Date("2027-02-01T00:00:00Z"),
    consentSensitiveAt: new Date("2027-02-01T00:00:00Z"),
  },
};

describe("the Appointment serializer", () => {
  it("writes a booking with its patient as a valid Appointment, the manage token only when asked", () => {
    const withToken = toAppointment(row, { manageToken: "secret-token-0123456789" });
    expectValidFhir(withToken);
    expect(withToken.status).toBe("pending");
    expect(withToken.contained?.map((r) => r.resourceType)).toEqual(["Patient", "Coverage"]);
    expect(withToken.identifier).toContainEqual({
      system: systems.manageToken(),
      value: "secret-token-0123456789",
    });
    const plain = toAppointment(row);
    expect(plain.identifier?.some((i) => i.system === systems.manageToken())).toBe(false);
  });

  it("leaves every personal detail out when the reader may not see them", () => {
    const anonymous = toAppointment({
      ...row,
      status: "CANCELLED",
      cancelReason: "Doctor unavailable",
      patient: null,
    });
    expectValidFhir(anonymous);
    const text = JSON.stringify(anonymous);
    for (const secret of ["Amina", "amina@example.org", "Knee", "POL-123456", "contained"])
      expect(text).not.toContain(secret);
    expect(anonymous.cancelationReason?.text).toBe("Doctor unavailable");
  });

  it("maps each status, self-pay included, to a valid Appointment", () => {
    for (const status of Object.keys(APPOINTMENT_STATUS) as (keyof typeof APPOINTMENT_STATUS)[]) {
      const appointment = toAppointment({
        ...row,
        status,
        guarantee: null,
        patient: {
          ...row.patient!,
          paymentMethod: "SELF_PAY",
          insurer: null,
          policyNumber: null,
          memberName: null,
        },
      });
      expectValidFhir(appointment);
      expect(appointment.status).toBe(APPOINTMENT_STATUS[status]);
    }
  });

  it("writes a free slot as a proposed Appointment whose id names the slot, and a hold as a pending one", () => {
    const proposed = proposedAppointment(place);
    expectValidFhir(proposed);
    expect(slotOfProposedId(proposed.id!)).toBe(place.slotId);
    const held = heldAppointment(place, {
      token: "hold-token-0123456789",
      expiresAt: new Date("2027-02-01T00:10:00Z"),
    });
    expectValidFhir(held);
    expect(held.status).toBe("pending");
    expect(held.identifier).toEqual([{ system: systems.holdToken(), value: "hold-token-0123456789" }]);
  });
});
