// GET /api/v1/packages: app/api/v1/packages/route.ts.
import { packageListSchema } from "../../catalogue/api-schemas";
import { packageQuerySchema } from "../../catalogue/package-filters";
import { databaseUnavailable, invalidParameters, json, localeParameter, type ApiOperation } from "../shared";

export const listPackages: ApiOperation = {
  method: "get",
  path: "/packages",
  operation: {
    operationId: "listPackages",
    tags: ["Catalogue"],
    summary: "Find TCM treatment packages",
    parameters: [localeParameter],
    requestParams: { query: packageQuerySchema },
    responses: {
      "200": json(packageListSchema, "A page of packages"),
      "400": invalidParameters(),
      "503": databaseUnavailable,
    },
  },
};
