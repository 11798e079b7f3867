// GET /api/v1/hospitals: app/api/v1/hospitals/route.ts.
import { hospitalListSchema } from "../../catalogue/api-schemas";
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
      "200": json(hospitalListSchema, "A page of institutions with facet counts"),
      "400": invalidParameters(),
      "503": databaseUnavailable,
    },
  },
};
