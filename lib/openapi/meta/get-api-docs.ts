// GET /api/docs and GET /api/docs/{asset}: app/api/docs/route.ts and app/api/docs/[asset]/route.ts.
import { z } from "zod";
import { API_ROOT, error, type ApiOperation } from "../shared";

const text = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: { type: "string" as const } } },
});

export const getApiDocs: ApiOperation = {
  method: "get",
  path: "/docs",
  base: API_ROOT,
  operation: {
    operationId: "getApiDocs",
    tags: ["Meta"],
    summary: "This reference as a web page (Swagger UI, served from the portal itself)",
    responses: { "200": text("text/html", "The page") },
  },
};

export const getApiDocsAsset: ApiOperation = {
  method: "get",
  path: "/docs/{asset}",
  base: API_ROOT,
  operation: {
    operationId: "getApiDocsAsset",
    tags: ["Meta"],
    summary: "The reference page's stylesheet and scripts",
    requestParams: {
      path: z.object({ asset: z.enum(["swagger-ui.css", "swagger-ui-bundle.js", "init.js"]) }),
    },
    responses: {
      "200": {
        description: "The file",
        content: {
          "text/css": { schema: { type: "string" } },
          "text/javascript": { schema: { type: "string" } },
        },
      },
      "400": error("VALIDATION_FAILED: the path is not valid percent-encoding"),
      "404": error("NOT_FOUND: no such file"),
    },
  },
};
