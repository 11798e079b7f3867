// The booking form's check before the review: the server's own schema (bookingInputSchema), so the
// browser names the same problems the server would. It pulls zod and libphonenumber (about 60 KiB
// gzipped), so the form imports this module only once the patient starts typing (ADR 0031); the
// server action checks the same schema again and stays the authority.
import { bookingInputSchema } from "@/lib/booking/booking-input";
import { validationError, type FieldProblem } from "@/lib/errors";

/** The problems of a booking payload by field, or null when the server would take it. */
export function bookingProblems(payload: unknown): Record<string, FieldProblem> | null {
  const parsed = bookingInputSchema.safeParse(payload);
  return parsed.success ? null : (validationError(parsed.error).fields ?? {});
}
