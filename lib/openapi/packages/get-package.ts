// GET /api/v1/packages/{slug}: app/api/v1/packages/[slug]/route.ts.
import { packageDetailSchema } from "../../catalogue/api-schemas";
import {
  databaseUnavailable,
  error,
  invalidParameters,
  json,
  localeParameter,
  slugPath,
  type ApiOperation,
} from "../shared";

export const getPackage: ApiOperation = {
  method: "get",
  path: "/packages/{slug}",
  operation: {
    operationId: "getPackage",
    tags: ["Catalogue"],
    summary: "One TCM package",
    parameters: [localeParameter],
    requestParams: { path: slugPath("slug") },
    responses: {
      "200": json(packageDetailSchema, "The package"),
      "400": invalidParameters("?locale= or an unknown query parameter"),
      "404": error("NOT_FOUND: no such package"),
      "503": databaseUnavailable,
    },
  },
};
