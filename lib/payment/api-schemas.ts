// Response shape of GET /api/v1/payment-options, used by the handler and by
// OpenAPI, and its serializer from paymentOptions' answer.
import { z } from "zod";
import type { PaymentOptions } from "./payment-options";

const directBilling = z
  .object({
    available: z.boolean(),
    reason: z
      .enum(["NO_AGREEMENT", "SCOPE_NOT_COVERED", "NOT_VALID_ON_DATE", "PREAUTH_TOO_SOON"])
      .optional()
      .describe("Why direct billing is not possible"),
    preauthRequired: z.boolean().optional(),
    leadDays: z.number().int().optional().describe("Pre-authorization lead time, in working days (Beijing)"),
    earliestDate: z
      .string()
      .optional()
      .describe("PREAUTH_TOO_SOON: the first visit day the lead time allows"),
    documents: z
      .array(z.string())
      .optional()
      .describe("What the patient brings: passport, insurance_card, …"),
    validFrom: z.string().optional(),
    validTo: z.string().nullable().optional(),
    holidaysUnknown: z
      .boolean()
      .optional()
      .describe(
        "true: the lead time reaches a year whose public holidays are not published yet, so it was counted Monday to Friday (an estimate)",
      ),
  })
  .describe("Rule 4 for this insurer, visit and date; null for self-pay");

export const paymentOptionsSchema = z
  .object({
    date: z.string(),
    visit: z.enum(["OUTPATIENT", "INPATIENT", "TCM_PACKAGE"]),
    insurer: z.object({ slug: z.string(), name: z.string() }).nullable(),
    currency: z.string().nullable(),
    rate: z
      .object({ currency: z.string(), unitsPerCny: z.number(), effectiveOn: z.string() })
      .nullable()
      .describe("The exchange rate the estimate uses, with its date"),
    institutions: z.array(
      z.object({
        slug: z.string(),
        name: z.string(),
        nameZh: z.string(),
        ownership: z.enum(["PUBLIC", "PRIVATE", "FOREIGN_OWNED"]),
        directBilling: directBilling.nullable(),
        selfPay: z
          .object({ fromFen: z.number().int(), toFen: z.number().int() })
          .nullable()
          .describe("Fee or price range in CNY fen (the amount that counts); null for inpatient stays"),
        estimate: z
          .object({ from: z.number(), to: z.number() })
          .nullable()
          .describe("The same, approximately, in the requested currency"),
        acceptedPayments: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: "PaymentOptions" });

/** paymentOptions' answer on the wire (calendar days stay YYYY-MM-DD; internal ids are left out). */
export function paymentOptionsView(options: PaymentOptions): z.output<typeof paymentOptionsSchema> {
  return paymentOptionsSchema.parse(options);
}
