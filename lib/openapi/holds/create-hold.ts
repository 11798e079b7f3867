// POST /api/v1/holds: app/api/v1/holds/route.ts.
import { holdSchema } from "../../booking/api-schemas";
import { holdInputSchema } from "../../booking/holds";
import {
  databaseUnavailable,
  error,
  json,
  localeParameter,
  payloadTooLarge,
  tooManyRequests,
  type ApiOperation,
} from "../shared";

export const createHold: ApiOperation = {
  method: "post",
  path: "/holds",
  operation: {
    operationId: "createHold",
    tags: ["Booking"],
    summary: "Hold one place of a slot for 10 minutes",
    parameters: [localeParameter],
    requestBody: { required: true, content: { "application/json": { schema: holdInputSchema } } },
    responses: {
      "201": json(holdSchema, "The hold; pass its token as holdToken when booking"),
      "400": error("VALIDATION_FAILED: the body is not JSON or a field is invalid; error.fields names it"),
      "404": error("NOT_FOUND: no such slot"),
      "409": error(
        "SLOT_FULL (or closed, or already begun), QUOTA_EXCEEDED when the month has no special-service room left, or CONFLICT when a simultaneous request won",
      ),
      "413": payloadTooLarge,
      "429": tooManyRequests,
      "503": databaseUnavailable,
    },
  },
};
