// GET /api/v1/payment-options: app/api/v1/payment-options/route.ts.
import { paymentOptionsSchema } from "../../payment/api-schemas";
import { paymentQuerySchema } from "../../payment/payment-options";
import { databaseUnavailable, invalidParameters, json, localeParameter, type ApiOperation } from "../shared";

export const getPaymentOptions: ApiOperation = {
  method: "get",
  path: "/payment-options",
  operation: {
    operationId: "paymentOptions",
    tags: ["Payment"],
    summary: "Can this insurer bill this hospital directly for this visit on this date? (rule 4)",
    description:
      "For one hospital (or every institution of a city): direct billing or the reason it is not possible (NO_AGREEMENT, SCOPE_NOT_COVERED, NOT_VALID_ON_DATE, PREAUTH_TOO_SOON), the pre-authorization lead time in working days and what to bring; the self-pay fee or price in CNY and, with currency=, an estimate at the latest rate and its date; and the accepted ways to pay.",
    parameters: [localeParameter],
    requestParams: { query: paymentQuerySchema },
    responses: {
      "200": json(paymentOptionsSchema, "The answer for each institution"),
      "400": invalidParameters(
        "a parameter (an unknown hospital, city or insurer, a date in the past or over a year ahead, a visit the hospital does not offer)",
      ),
      "503": databaseUnavailable,
    },
  },
};
