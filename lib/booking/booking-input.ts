// The booking form's fields: one schema for the browser form and the server.
import { isValidPhoneNumber } from "libphonenumber-js";
import { z } from "zod";
import { serviceLanguages } from "../catalogue/codes";
import { slugParam } from "../slug";
import { locales } from "../i18n/locales";

// Letters in any script, marks, spaces and the punctuation names use; no control characters.
const NAME = /^[\p{L}\p{M}][\p{L}\p{M}\p{Zs}'’.\-·]*$/u;
// Control and format characters, and half a surrogate pair (JSON can carry "\ud800"; it is no
// character, and neither PostgreSQL nor Prisma takes it).
const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}]/u;
const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !CONTROL.test(v.replace(/[\n\r\t]/g, "")), "invalid");

export const nationalitySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/)
  .refine((code) => {
    try {
      return regionNames.of(code) !== code;
    } catch {
      return false;
    }
  }, "invalid");

/**
 * A record's id as a client sends it back (a slot's, say): at most 64
 * characters, no control character (PostgreSQL refuses NUL in text) and no
 * half surrogate pair.
 */
export const idSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((v) => !CONTROL.test(v), "invalid");

export function isPastDate(iso: string, today: Date = new Date()): boolean {
  return iso <= today.toISOString().slice(0, 10);
}

export const bookingInputSchema = z
  .object({
    slotId: idSchema,
    holdToken: z.string().trim().min(16).max(128).optional(),
    locale: z.enum(locales).default("en"),
    name: text(120).refine((v) => NAME.test(v), "invalid"),
    nationality: nationalitySchema,
    dateOfBirth: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .refine(
        (v) =>
          !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
          new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
        "invalid",
      )
      .refine((v) => v >= "1900-01-01" && isPastDate(v), "invalid"),
    email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
    phone: z
      .string()
      .trim()
      .max(32)
      .refine((v) => isValidPhoneNumber(v), "invalid"),
    preferredLanguage: z.enum(serviceLanguages),
    reasonForVisit: text(2000),
    interpreterWanted: z.boolean().default(false),
    /** A visa support letter from the hospital; it needs the passport number. */
    visaLetterWanted: z.boolean().default(false),
    passportNumber: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9<]{5,20}$/)
      .optional(),
    paymentMethod: z.enum(["SELF_PAY", "DIRECT_BILLING"]),
    insurer: slugParam.optional(),
    /** Direct billing: the policy (or membership) number on the insurance card, and the member's name. */
    policyNumber: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9][A-Z0-9\-/. ]{3,39}$/)
      .optional(),
    memberName: text(120)
      .refine((v) => NAME.test(v), "invalid")
      .optional(),
    consentTerms: z.literal(true),
    consentSensitive: z.literal(true),
  })
  .strict()
  .superRefine(
    (value, ctx) => {
      if (value.paymentMethod === "DIRECT_BILLING") {
        for (const field of ["insurer", "policyNumber", "memberName"] as const)
          if (!value[field])
            ctx.addIssue({ code: "custom", path: [field], message: "required", input: undefined });
      }
      if (value.visaLetterWanted && !value.passportNumber) {
        ctx.addIssue({ code: "custom", path: ["passportNumber"], message: "required", input: undefined });
      }
    },
    // Also when other fields are wrong, so the patient sees every problem in one round (an
    // object, whatever else failed: the fields it reads are only compared, never trusted).
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );

export type BookingInput = z.output<typeof bookingInputSchema>;
