// /api/v1/openapi.json, generated from the same zod schemas the handlers use.
import { z } from "zod";
import {
  apiErrorSchema,
  hospitalDetailSchema,
  hospitalListSchema,
  packageDetailSchema,
  packageListSchema,
} from "../catalogue/api-schemas";
import { hospitalQuerySchema } from "../catalogue/hospital-filters";
import { packageQuerySchema } from "../catalogue/package-filters";
import { locales } from "../i18n/locales";

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as JsonSchema;
  return rest;
}

const localeParameter = {
  name: "locale",
  in: "query",
  required: false,
  description: "Language of the content and of error messages; otherwise Accept-Language, then English.",
  schema: { type: "string", enum: [...locales] },
};

function queryParameters(schema: z.ZodObject) {
  return [
    localeParameter,
    ...Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => ({
      name,
      in: "query",
      required: false,
      description: field.description,
      schema: jsonSchema(field, "input"),
    })),
  ];
}

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { "application/json": { schema: jsonSchema(schema, "output") } },
});

const errors = {
  "400": json(apiErrorSchema, "Invalid parameter; error.fields names it"),
  "503": json(apiErrorSchema, "Database unavailable"),
};

const slugParameter = {
  name: "slug",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$" },
};

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "International Patient Portal API",
      version: "1.0.0",
      description:
        'Hospitals in China with international services and TCM packages. Errors: {"error":{"code","message","fields"?}} with a 4xx status and message in the request\'s language.',
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    paths: {
      "/hospitals": {
        get: {
          operationId: "listHospitals",
          summary: "Find institutions with international services",
          parameters: queryParameters(hospitalQuerySchema),
          responses: {
            "200": json(hospitalListSchema, "A page of institutions with facet counts"),
            ...errors,
          },
        },
      },
      "/hospitals/{slug}": {
        get: {
          operationId: "getHospital",
          summary: "One institution",
          parameters: [slugParameter, localeParameter],
          responses: {
            "200": json(hospitalDetailSchema, "The institution"),
            "404": json(apiErrorSchema, "No such institution"),
            ...errors,
          },
        },
      },
      "/packages": {
        get: {
          operationId: "listPackages",
          summary: "Find TCM treatment packages",
          parameters: queryParameters(packageQuerySchema),
          responses: { "200": json(packageListSchema, "A page of packages"), ...errors },
        },
      },
      "/packages/{slug}": {
        get: {
          operationId: "getPackage",
          summary: "One TCM package",
          parameters: [slugParameter, localeParameter],
          responses: {
            "200": json(packageDetailSchema, "The package"),
            "404": json(apiErrorSchema, "No such package"),
            ...errors,
          },
        },
      },
    },
  };
}
