import { describe, expect, it } from "vitest";
import { canChooseSelfPay, patientManageActions } from "../../lib/booking/manage-actions";
import { guaranteeDecisions, mayDecideGuarantee } from "../../lib/payment/guarantee-decisions";

const now = new Date("2026-03-02T08:00:00Z");
const later = "2026-03-03T08:00:00.000Z";
const earlier = "2026-03-01T08:00:00.000Z";
const booking = (
  status: string,
  guarantee: "PENDING" | "APPROVED" | "DENIED" | null,
  cancellableUntil = later,
  method = guarantee ? "DIRECT_BILLING" : "SELF_PAY",
) => ({ status, cancellableUntil, payment: { method, guarantee: guarantee ? { status: guarantee } : null } });

describe("what a patient may do through the manage link", () => {
  it("offers self-pay only after a denied guarantee on a booking still waiting", () => {
    expect(patientManageActions(booking("PENDING_CONFIRMATION", "DENIED"), now).chooseSelfPay).toBe(true);
    expect(patientManageActions(booking("PENDING_CONFIRMATION", "PENDING"), now).chooseSelfPay).toBe(false);
    expect(patientManageActions(booking("CONFIRMED", "APPROVED"), now).chooseSelfPay).toBe(false);
    expect(patientManageActions(booking("CANCELLED", "DENIED"), now).chooseSelfPay).toBe(false);
    expect(
      canChooseSelfPay({ status: "PENDING_CONFIRMATION", paymentMethod: "SELF_PAY", guarantee: "DENIED" }),
    ).toBe(false);
  });

  it("lets a live booking be cancelled or moved until the deadline, then says to phone", () => {
    expect(patientManageActions(booking("CONFIRMED", null), now)).toMatchObject({
      changeAppointment: true,
      phoneToChange: false,
    });
    expect(patientManageActions(booking("PENDING_CONFIRMATION", "PENDING"), now).changeAppointment).toBe(
      true,
    );
    expect(patientManageActions(booking("CONFIRMED", null, earlier), now)).toMatchObject({
      changeAppointment: false,
      phoneToChange: true,
    });
    expect(patientManageActions(booking("CHECKED_IN", null), now)).toMatchObject({
      changeAppointment: false,
      phoneToChange: true,
    });
  });

  it("shows nothing to change on a cancelled booking, and its guarantee no more", () => {
    expect(patientManageActions(booking("CANCELLED", "DENIED"), now)).toEqual({
      showGuarantee: false,
      chooseSelfPay: false,
      changeAppointment: false,
      phoneToChange: false,
    });
    expect(patientManageActions(booking("CONFIRMED", "APPROVED"), now).showGuarantee).toBe(true);
    expect(patientManageActions(booking("CONFIRMED", null), now).showGuarantee).toBe(false);
  });
});

describe("which guarantee decisions staff may take", () => {
  it("offers approve and deny while the answer is awaited on a waiting booking", () => {
    expect(guaranteeDecisions({ status: "PENDING_CONFIRMATION", guarantee: "PENDING" })).toEqual([
      "approve",
      "deny",
    ]);
  });

  it.each([
    ["PENDING_CONFIRMATION", "DENIED"],
    ["CONFIRMED", "APPROVED"],
    ["CANCELLED", "PENDING"],
    ["CONFIRMED", null],
  ])("offers none on a %s booking whose guarantee is %s", (status, guarantee) => {
    expect(guaranteeDecisions({ status, guarantee })).toEqual([]);
    expect(mayDecideGuarantee({ status, guarantee }, "approve")).toBe(false);
  });
});
