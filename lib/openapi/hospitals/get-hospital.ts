// GET /api/v1/hospitals/{slug}: app/api/v1/hospitals/[slug]/route.ts.
import { z } from "zod";
import { hospitalDetailSchema } from "../../catalogue/api-schemas";
import {
  databaseUnavailable,
  error,
  invalidParameters,
  json,
  localeParameter,
  slugPath,
  type ApiOperation,
} from "../shared";

export const getHospital: ApiOperation = {
  method: "get",
  path: "/hospitals/{slug}",
  operation: {
    operationId: "getHospital",
    tags: ["Catalogue"],
    summary: "One institution",
    parameters: [localeParameter],
    requestParams: { path: slugPath("slug") },
    responses: {
      // Written out at its one operation, not a $ref to components.schemas.HospitalDetail:
      // tests/integration/catalogue-api.test.ts reads the detail's fields here. The same
      // fields (the same zod schemas), in an object without the component id.
      "200": json(z.object(hospitalDetailSchema.shape), "The institution"),
      "308": {
        description:
          "A renamed institution's old slug: the same request under its current slug (Location), permanently; clients should update stored links",
        headers: z.object({
          Location: z.string().meta({ description: "/api/v1/hospitals/{current slug} with the same query" }),
        }),
      },
      "400": invalidParameters("?locale= or an unknown query parameter"),
      "404": error("NOT_FOUND: no such institution"),
      "503": databaseUnavailable,
    },
  },
};
