// What the patient types on the booking form, and the payload the booking
// server action receives (only the fields that apply: policy data only for
// direct billing, the passport number only when given); the sentence for each
// field's problem, the same in the browser and from the server; and the
// draft kept in the tab while the patient books.
import type { FieldProblem } from "@/lib/errors";
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

export const CONSENT_FIELDS = ["consentTerms", "consentSensitive"] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];
const isConsent = (field: string): field is ConsentField =>
  (CONSENT_FIELDS as readonly string[]).includes(field);

/** The fields in the order the form shows them: the error summary lists problems in this order. */
const FORM_ORDER = [
  "name",
  "nationality",
  "dateOfBirth",
  "email",
  "phone",
  "preferredLanguage",
  "passportNumber",
  "reasonForVisit",
  "paymentMethod",
  "insurer",
  "policyNumber",
  "memberName",
  ...CONSENT_FIELDS,
];
const rank = (field: string) => {
  const i = FORM_ORDER.indexOf(field);
  return i < 0 ? FORM_ORDER.length : i;
};

/**
 * One sentence per field with a problem, in the form's order. A consent not given says what to
 * do ("Tick this box to…"), not that the field is "not valid".
 */
export function fieldMessages(
  problems: Readonly<Record<string, FieldProblem>>,
  say: {
    problem: (problem: FieldProblem, field: string) => string;
    consent: (field: ConsentField) => string;
  },
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(problems)
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([field, problem]) => [
        field,
        isConsent(field) ? say.consent(field) : say.problem(problem, field),
      ]),
  );
}

/**
 * Never kept in the tab's storage: the passport and policy numbers (they stay in the page's
 * memory only), and consent, which is given afresh on the form that books.
 */
const NOT_KEPT: readonly string[] = ["passportNumber", "policyNumber", ...CONSENT_FIELDS];

/** What is kept in the tab (sessionStorage), so a hold running out or a new time loses nothing typed. */
export type BookingDraft = Omit<BookingValues, "passportNumber" | "policyNumber" | ConsentField>;

export const draftOf = (values: BookingValues): BookingDraft =>
  Object.fromEntries(Object.entries(values).filter(([key]) => !NOT_KEPT.includes(key))) as BookingDraft;

/** Values from a stored draft, over `base`; anything unexpected in it is ignored. */
export function valuesFromDraft(base: BookingValues, stored: unknown): BookingValues {
  if (!stored || typeof stored !== "object") return base;
  const next: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(stored)) {
    if (key in base && !NOT_KEPT.includes(key) && typeof value === typeof next[key]) next[key] = value;
  }
  if (next.paymentMethod !== "SELF_PAY" && next.paymentMethod !== "DIRECT_BILLING")
    next.paymentMethod = "SELF_PAY";
  return next as BookingValues;
}
