// GET /api/v1/guides/{city}: app/api/v1/guides/[city]/route.ts.
import { guideSchema } from "../../guide/api-schemas";
import {
  databaseUnavailable,
  error,
  invalidParameters,
  json,
  localeParameter,
  slugPath,
  type ApiOperation,
} from "../shared";

export const getGuide: ApiOperation = {
  method: "get",
  path: "/guides/{city}",
  operation: {
    operationId: "getGuide",
    tags: ["Guides"],
    summary: "A city's published foreigner medical guide",
    description:
      "The current published version, each section in the requested language or marked as a fallback (requested, English, Chinese), with the Chinese text for bilingual use and the institutions captured at publication.",
    parameters: [localeParameter],
    requestParams: { path: slugPath("city") },
    responses: {
      "200": json(guideSchema, "The published guide"),
      "400": invalidParameters("?locale="),
      "404": error("NOT_FOUND: no such city, or no published guide"),
      "503": databaseUnavailable,
    },
  },
};
