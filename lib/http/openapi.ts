// /api/v1/openapi.json, generated from the same zod schemas the handlers use.
import { REFERENCE_PATTERN } from "../booking/reference";
import { guideSchema } from "../guide/api-schemas";
import { paymentOptionsSchema } from "../payment/api-schemas";
import { paymentQuerySchema } from "../payment/payment-options";
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
import {
  bookingConfirmationSchema,
  bookingViewSchema,
  holdSchema,
  slotListSchema,
} from "../booking/api-schemas";
import { bookingInputSchema } from "../booking/booking-input";
import { holdInputSchema } from "../booking/holds";
import { slotQuerySchema } from "../booking/list-slots";
import { rescheduleInputSchema } from "../booking/reschedule-booking";

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

const body = (schema: z.ZodType) => ({
  required: true,
  content: { "application/json": { schema: jsonSchema(schema, "input") } },
});
const referenceParameter = {
  name: "reference",
  in: "path",
  required: true,
  schema: { type: "string", pattern: REFERENCE_PATTERN.source },
};
const bearer = [{ manageToken: [] }];

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
    components: {
      securitySchemes: {
        manageToken: {
          type: "http",
          scheme: "bearer",
          description: "The booking's secret manage token, returned once when it is made",
        },
      },
    },
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
      "/slots": {
        get: {
          operationId: "listSlots",
          summary: "Free slots of one department or TCM package",
          parameters: queryParameters(slotQuerySchema as unknown as z.ZodObject),
          responses: {
            "200": json(slotListSchema, "Slots with the places still free"),
            "404": json(apiErrorSchema, "No such hospital, department or package"),
            ...errors,
          },
        },
      },
      "/payment-options": {
        get: {
          operationId: "paymentOptions",
          summary: "Can this insurer bill this hospital directly for this visit on this date? (rule 4)",
          description:
            "For one hospital (or every institution of a city): direct billing or the reason it is not possible (NO_AGREEMENT, SCOPE_NOT_COVERED, NOT_VALID_ON_DATE, PREAUTH_TOO_SOON), the pre-authorization lead time in working days and what to bring; the self-pay fee or price in CNY and, with currency=, an estimate at the latest rate and its date; and the accepted ways to pay.",
          parameters: queryParameters(paymentQuerySchema as unknown as z.ZodObject),
          responses: {
            "200": json(paymentOptionsSchema, "The answer for each institution"),
            ...errors,
          },
        },
      },
      "/guides/{city}": {
        get: {
          operationId: "getGuide",
          summary: "A city's published foreigner medical guide",
          description:
            "The current published version, each section in the requested language or marked as a fallback (requested, English, Chinese), with the Chinese text for bilingual use and the institutions captured at publication.",
          parameters: [
            { name: "city", in: "path", required: true, schema: { type: "string" } },
            localeParameter,
          ],
          responses: {
            "200": json(guideSchema, "The published guide"),
            "404": json(apiErrorSchema, "No such city, or no published guide"),
            ...errors,
          },
        },
      },
      "/guides/{city}/pdf": {
        get: {
          operationId: "getGuidePdf",
          summary: "A city's published guide as a PDF (Chinese, Arabic and Cyrillic fonts embedded)",
          parameters: [
            { name: "city", in: "path", required: true, schema: { type: "string" } },
            { name: "view", in: "query", required: false, schema: { type: "string", enum: ["bilingual"] } },
            localeParameter,
          ],
          responses: {
            "200": {
              description: "The PDF",
              content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
            },
            "404": json(apiErrorSchema, "No such city, or no published guide"),
            ...errors,
          },
        },
      },
      "/holds": {
        post: {
          operationId: "createHold",
          summary: "Hold one place of a slot for 10 minutes",
          parameters: [localeParameter],
          requestBody: body(holdInputSchema),
          responses: {
            "201": json(holdSchema, "The hold; pass its token as holdToken when booking"),
            "409": json(
              apiErrorSchema,
              "SLOT_FULL, or QUOTA_EXCEEDED when the month has no special-service room left",
            ),
            ...errors,
          },
        },
      },
      "/bookings": {
        post: {
          operationId: "createBooking",
          summary: "Book a slot",
          parameters: [
            localeParameter,
            {
              name: "Idempotency-Key",
              in: "header",
              required: true,
              description: "Unique per booking attempt; a retry with the same key gets the same answer",
              schema: { type: "string", minLength: 8, maxLength: 200 },
            },
          ],
          requestBody: body(bookingInputSchema),
          responses: {
            "201": json(bookingConfirmationSchema, "The booking, with its reference and secret manage token"),
            "409": json(apiErrorSchema, "SLOT_FULL or QUOTA_EXCEEDED"),
            "410": json(apiErrorSchema, "HOLD_EXPIRED"),
            "422": json(apiErrorSchema, "IDEMPOTENCY_MISMATCH: the key was used for a different request"),
            ...errors,
          },
        },
      },
      "/bookings/{reference}": {
        get: {
          operationId: "getBooking",
          summary: "A booking, with its manage token",
          security: bearer,
          parameters: [referenceParameter, localeParameter],
          responses: {
            "200": json(bookingViewSchema, "The booking"),
            "404": json(apiErrorSchema, "No such booking for this token"),
            ...errors,
          },
        },
      },
      "/bookings/{reference}/cancel": {
        post: {
          operationId: "cancelBooking",
          summary: "Cancel a booking within the institution's cancellation window",
          security: bearer,
          parameters: [referenceParameter, localeParameter],
          responses: {
            "200": json(bookingViewSchema, "The cancelled booking (cancelling again answers the same)"),
            "404": json(apiErrorSchema, "No such booking for this token"),
            "409": json(apiErrorSchema, "CANCELLATION_WINDOW_CLOSED"),
            ...errors,
          },
        },
      },
      "/bookings/{reference}/reschedule": {
        post: {
          operationId: "rescheduleBooking",
          summary: "Move a booking to another free slot of the same department or package, in one step",
          security: bearer,
          parameters: [referenceParameter, localeParameter],
          requestBody: body(rescheduleInputSchema),
          responses: {
            "200": json(bookingViewSchema, "The booking at its new time"),
            "404": json(apiErrorSchema, "No such booking for this token"),
            "409": json(apiErrorSchema, "SLOT_FULL, QUOTA_EXCEEDED or CANCELLATION_WINDOW_CLOSED"),
            ...errors,
          },
        },
      },
      "/bookings/{reference}/export": {
        get: {
          operationId: "exportBookingData",
          summary: "Everything held about the patient of this booking (JSON download)",
          security: bearer,
          parameters: [referenceParameter, localeParameter],
          responses: {
            "200": { description: "The patient's data as JSON" },
            "404": json(apiErrorSchema, "No such booking for this token"),
            ...errors,
          },
        },
      },
      "/bookings/{reference}/erase": {
        post: {
          operationId: "eraseBookingData",
          summary: "Erase the patient's personal data (cancelling the visit if it is still ahead)",
          security: bearer,
          parameters: [referenceParameter, localeParameter],
          responses: {
            "200": { description: "Erased" },
            "404": json(apiErrorSchema, "No such booking for this token"),
            ...errors,
          },
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
