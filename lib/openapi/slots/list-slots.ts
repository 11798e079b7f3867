// GET /api/v1/slots: app/api/v1/slots/route.ts.
import { slotListSchema } from "../../booking/api-schemas";
import { slotQuerySchema } from "../../booking/list-slots";
import {
  databaseUnavailable,
  error,
  invalidParameters,
  json,
  localeParameter,
  type ApiOperation,
} from "../shared";

export const listSlots: ApiOperation = {
  method: "get",
  path: "/slots",
  operation: {
    operationId: "listSlots",
    tags: ["Booking"],
    summary: "Free slots of one department or TCM package",
    description: "Give hospital and exactly one of department or package.",
    parameters: [localeParameter],
    requestParams: { query: slotQuerySchema },
    responses: {
      "200": json(slotListSchema, "Slots with the places still free"),
      "400": invalidParameters(
        "a parameter (or both or neither of department and package, or to before from)",
      ),
      "404": error("NOT_FOUND: no such hospital, department or package"),
      "503": databaseUnavailable,
    },
  },
};
