// Response shape of GET /api/v1/guides/{city}, used by the handler and by OpenAPI.
import { z } from "zod";

export const guideSchema = z
  .object({
    city: z.object({
      slug: z.string(),
      name: z.string(),
      nameZh: z.string(),
      emergency: z.object({ ambulance: z.string(), police: z.string(), fire: z.string() }),
    }),
    locale: z.string().describe("The requested language"),
    version: z.number().int().describe("The published version (a published version never changes)"),
    publishedAt: z.string(),
    sections: z.array(
      z.object({
        key: z.string(),
        title: z.string(),
        body: z.string().describe("Plain text; paragraphs separated by a blank line"),
        locale: z.string().describe("The language the text is in"),
        isFallback: z.boolean().describe("True when the section is not available in the requested language"),
        zh: z
          .object({ title: z.string(), body: z.string() })
          .nullable()
          .describe("The Chinese text, for bilingual use"),
      }),
    ),
    institutions: z
      .array(
        z.object({
          slug: z.string(),
          name: z.string(),
          nameZh: z.string(),
          addressZh: z.string(),
          phone: z.string(),
        }),
      )
      .describe("The listed institutions as captured when this version was published"),
  })
  .meta({ id: "Guide" });
