// GET /api/v1/hospitals: app/api/v1/hospitals/route.ts.
import { hospitalFinderListSchema } from "../../catalogue/finder-api";
import { hospitalQuerySchema } from "../../catalogue/hospital-filters";
import { databaseUnavailable, invalidParameters, json, localeParameter, type ApiOperation } from "../shared";

export const listHospitals: ApiOperation = {
  method: "get",
  path: "/hospitals",
  operation: {
    operationId: "listHospitals",
    tags: ["Catalogue"],
    summary: "Find institutions with international services",
    parameters: [localeParameter],
    requestParams: { query: hospitalQuerySchema },
    responses: {
      "200": json(
        hospitalFinderListSchema,
        "A page of institutions with facet counts; when none is found, which filter to drop",
      ),
      "400": invalidParameters(),
      "503": databaseUnavailable,
    },
  },
};
