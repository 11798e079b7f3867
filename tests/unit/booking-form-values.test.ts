// The booking form's pure rules: every problem of the form in one round (the
// schema's cross-field checks run even when other fields fail), each named in
// the form's order with a consent saying what to do, and the draft kept in the
// tab never holding the passport or policy number, nor a consent.
import { describe, expect, it } from "vitest";
import { bookingInputSchema } from "../../lib/booking/booking-input";
import { validationError } from "../../lib/errors";
import {
  bookingPayload,
  draftOf,
  emptyValues,
  fieldMessages,
  valuesFromDraft,
} from "../../components/booking/booking-values";

const hold = { slotId: "slot-1", holdToken: "t".repeat(43), locale: "ar" };

const problemsOf = (values: ReturnType<typeof emptyValues>) => {
  const parsed = bookingInputSchema.safeParse(bookingPayload(values, hold));
  expect(parsed.success).toBe(false);
  return validationError(parsed.error!).fields ?? {};
};

describe("the booking form's check", () => {
  it("names the direct-billing fields in the same round as the e-mail and the consents", () => {
    const values = {
      ...emptyValues("ar"),
      email: "not-an-address",
      paymentMethod: "DIRECT_BILLING" as const,
    };
    const problems = problemsOf(values);
    expect(problems).toMatchObject({
      email: "invalid",
      consentTerms: "invalid",
      consentSensitive: "invalid",
      insurer: "required",
      policyNumber: "required",
      memberName: "required",
    });
    expect(problemsOf({ ...values, visaLetterWanted: true })).toMatchObject({ passportNumber: "required" });
  });

  it("says each problem in the form's order, and what to do about a consent", () => {
    const values = { ...emptyValues("ar"), paymentMethod: "DIRECT_BILLING" as const };
    const messages = fieldMessages(problemsOf(values), {
      problem: (problem, field) => `${field}:${problem}`,
      consent: (field) => `tick ${field}`,
    });
    expect(Object.keys(messages)).toEqual([
      "name",
      "nationality",
      "dateOfBirth",
      "email",
      "phone",
      "reasonForVisit",
      "insurer",
      "policyNumber",
      "memberName",
      "consentTerms",
      "consentSensitive",
    ]);
    expect(messages.consentTerms).toBe("tick consentTerms");
    expect(messages.policyNumber).toBe("policyNumber:required");
  });
});

describe("the tab's draft", () => {
  const typed = {
    ...emptyValues("ru"),
    name: "Анна Иванова",
    email: "anna@example.com",
    passportNumber: "753912345",
    paymentMethod: "DIRECT_BILLING" as const,
    insurer: "bupa-global",
    policyNumber: "BUPA-1234567",
    memberName: "Anna Ivanova",
    consentTerms: true,
    consentSensitive: true,
  };

  it("keeps what was typed but never the passport or policy number, nor a consent", () => {
    const stored = JSON.parse(JSON.stringify(draftOf(typed)));
    expect(stored).not.toHaveProperty("passportNumber");
    expect(stored).not.toHaveProperty("policyNumber");
    expect(stored).not.toHaveProperty("consentTerms");
    expect(stored).not.toHaveProperty("consentSensitive");
    const restored = valuesFromDraft(emptyValues("ru"), stored);
    expect(restored).toEqual({
      ...typed,
      passportNumber: "",
      policyNumber: "",
      consentTerms: false,
      consentSensitive: false,
    });
  });

  it("ignores what it does not know or cannot trust", () => {
    const base = emptyValues("en");
    expect(valuesFromDraft(base, null)).toEqual(base);
    expect(valuesFromDraft(base, "nonsense")).toEqual(base);
    expect(
      valuesFromDraft(base, {
        name: 42,
        extra: "x",
        paymentMethod: "CASH",
        passportNumber: "X1",
        consentTerms: true,
        email: "a@b.co",
      }),
    ).toEqual({ ...base, email: "a@b.co" });
  });
});
