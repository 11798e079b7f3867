// What the patient types on the booking form, and the payload the booking
// server action receives (only the fields that apply: policy data only for
// direct billing, the passport number only when given).
export type BookingValues = {
  name: string;
  nationality: string;
  dateOfBirth: string;
  email: string;
  phone: string;
  preferredLanguage: string;
  reasonForVisit: string;
  interpreterWanted: boolean;
  visaLetterWanted: boolean;
  passportNumber: string;
  paymentMethod: "SELF_PAY" | "DIRECT_BILLING";
  insurer: string;
  policyNumber: string;
  memberName: string;
  consentTerms: boolean;
  consentSensitive: boolean;
};

/** The typed fields, in the order the review lists them. */
export const TEXT_FIELDS = [
  "name",
  "nationality",
  "dateOfBirth",
  "email",
  "phone",
  "preferredLanguage",
  "reasonForVisit",
  "passportNumber",
  "insurer",
  "policyNumber",
  "memberName",
] as const;

export const emptyValues = (preferredLanguage: string): BookingValues => ({
  name: "",
  nationality: "",
  dateOfBirth: "",
  email: "",
  phone: "",
  preferredLanguage,
  reasonForVisit: "",
  interpreterWanted: false,
  visaLetterWanted: false,
  passportNumber: "",
  paymentMethod: "SELF_PAY",
  insurer: "",
  policyNumber: "",
  memberName: "",
  consentTerms: false,
  consentSensitive: false,
});

export function bookingPayload(
  values: BookingValues,
  hold: { slotId: string; holdToken: string; locale: string },
) {
  const { passportNumber, insurer, policyNumber, memberName, ...rest } = values;
  return {
    ...rest,
    ...hold,
    ...(passportNumber.trim() ? { passportNumber } : {}),
    ...(values.paymentMethod === "DIRECT_BILLING"
      ? {
          ...(insurer ? { insurer } : {}),
          ...(policyNumber.trim() ? { policyNumber } : {}),
          ...(memberName.trim() ? { memberName } : {}),
        }
      : {}),
  };
}

/** Setting one value, typed by its key. */
export type SetValue = <K extends keyof BookingValues>(key: K) => (value: BookingValues[K]) => void;
