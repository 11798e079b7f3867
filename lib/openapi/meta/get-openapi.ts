// GET /api/v1/openapi.json: app/api/v1/openapi.json/route.ts.
import type { ApiOperation } from "../shared";

export const getOpenApi: ApiOperation = {
  method: "get",
  path: "/openapi.json",
  operation: {
    operationId: "getOpenApi",
    tags: ["Meta"],
    summary: "This OpenAPI 3.1 document",
    responses: {
      "200": {
        description: "The document",
        content: { "application/json": { schema: { type: "object" } } },
      },
    },
  },
};
