// Response shapes of the booking API, used by the handlers and by OpenAPI,
// and the serializers that turn the use cases' answers (dates as Date) into
// them (dates as ISO strings).
import { z } from "zod";
import type { BookingConfirmation } from "./create-booking";
import type { HoldResult } from "./holds";
import type { OpenSlot } from "./list-slots";
import type { PatientBooking } from "./manage-booking";

export const slotListSchema = z
  .object({
    data: z.array(
      z.object({
        id: z.string(),
        startsAt: z.string(),
        endsAt: z.string(),
        available: z
          .number()
          .int()
          .describe(
            "Places a booking can still take: 0 when the slot is full or its month's special-service quota has no room left",
          ),
      }),
    ),
  })
  .meta({ id: "SlotList" });

/** listSlots' answer on the wire. */
export function slotListView(slots: readonly OpenSlot[]): z.output<typeof slotListSchema> {
  return slotListSchema.parse({
    data: slots.map((slot) => ({
      id: slot.id,
      startsAt: slot.startsAt.toISOString(),
      endsAt: slot.endsAt.toISOString(),
      available: slot.available,
    })),
  });
}

export const holdSchema = z
  .object({ slotId: z.string(), token: z.string(), expiresAt: z.string() })
  .meta({ id: "Hold" });

/** createHold's answer on the wire. */
export function holdView(hold: HoldResult): z.output<typeof holdSchema> {
  return holdSchema.parse({ ...hold, expiresAt: hold.expiresAt.toISOString() });
}

export const bookingConfirmationSchema = z
  .object({
    reference: z.string(),
    manageToken: z.string().describe("Secret: send as Authorization: Bearer <token> to view or cancel"),
    status: z.enum(["CONFIRMED", "PENDING_CONFIRMATION"]),
    slot: z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string() }),
    institution: z.object({ slug: z.string() }),
    department: z.object({ slug: z.string() }).nullable(),
    package: z.object({ slug: z.string() }).nullable(),
    units: z.number().int(),
    payment: z.object({
      method: z.enum(["SELF_PAY", "DIRECT_BILLING"]),
      insurer: z.string().nullable(),
      guaranteeOfPayment: z.boolean(),
    }),
  })
  .meta({ id: "BookingConfirmation" });

/** createBooking's answer on the wire (the API's 201 and its replays). */
export function bookingConfirmationView(
  confirmation: BookingConfirmation,
): z.output<typeof bookingConfirmationSchema> {
  const { slot } = confirmation;
  return bookingConfirmationSchema.parse({
    ...confirmation,
    slot: { id: slot.id, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() },
  });
}

export const bookingViewSchema = z
  .object({
    reference: z.string(),
    status: z.string(),
    slot: z.object({ startsAt: z.string(), endsAt: z.string() }),
    institution: z.object({ slug: z.string(), nameZh: z.string(), phone: z.string() }),
    department: z.object({ slug: z.string() }).nullable(),
    package: z.object({ slug: z.string() }).nullable(),
    patient: z.object({
      name: z.string(),
      nationality: z.string(),
      dateOfBirth: z.string(),
      email: z.string(),
      phone: z.string(),
      preferredLanguage: z.string(),
      passportNumberLast4: z.string().nullable(),
    }),
    reasonForVisit: z.string(),
    interpreterWanted: z.boolean(),
    payment: z.object({
      method: z.string(),
      insurer: z.object({ slug: z.string(), name: z.string() }).nullable(),
    }),
    cancellable: z.boolean(),
    cancellableUntil: z.string(),
  })
  .meta({ id: "Booking" });

/** The booking behind a manage link on the wire (view, cancel, reschedule). */
export function bookingView(booking: PatientBooking): z.output<typeof bookingViewSchema> {
  return bookingViewSchema.parse({
    ...booking,
    slot: { startsAt: booking.slot.startsAt.toISOString(), endsAt: booking.slot.endsAt.toISOString() },
    cancellableUntil: booking.cancellableUntil.toISOString(),
  });
}
