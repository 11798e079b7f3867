// GET /api/v1/guides/{city}/pdf: app/api/v1/guides/[city]/pdf/route.ts.
import { z } from "zod";
import {
  databaseUnavailable,
  download,
  error,
  invalidParameters,
  localeParameter,
  slugPath,
  type ApiOperation,
} from "../shared";

export const getGuidePdf: ApiOperation = {
  method: "get",
  path: "/guides/{city}/pdf",
  operation: {
    operationId: "getGuidePdf",
    tags: ["Guides"],
    summary: "A city's published guide as a PDF (Chinese, Arabic and Cyrillic fonts embedded)",
    parameters: [localeParameter],
    requestParams: {
      path: slugPath("city"),
      // The route reads it by hand: anything but "bilingual" is a 400.
      query: z.object({
        view: z
          .literal("bilingual")
          .optional()
          .meta({ description: "bilingual: the Chinese text beside each section" }),
      }),
    },
    responses: {
      "200": download("application/pdf", "The PDF"),
      "400": invalidParameters("?locale= or ?view="),
      "404": error("NOT_FOUND: no such city, or no published guide"),
      "503": databaseUnavailable,
    },
  },
};
