// Use case: close a schedule for some days (a holiday, a doctor away). Free
// slots in those days go at once; booked ones stay and are reported.
import type { DbClient } from "../db/create-client";
import { validationError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { editSchedule } from "./edit-schedule";
import { addClosureSchema } from "./schedule-inputs";

export async function addScheduleClosure(
  db: DbClient,
  actor: Actor | null,
  raw: unknown,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "schedule.manage");
  const parsed = addClosureSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const { scheduleId, startsOn, endsOn, reason } = parsed.data;
  return editSchedule(
    db,
    scope,
    scheduleId,
    {
      action: "schedule.add_closure",
      change: async (tx) => {
        await tx.scheduleClosure.create({
          data: {
            scheduleId,
            startsOn: new Date(`${startsOn}T00:00:00Z`),
            endsOn: new Date(`${endsOn}T00:00:00Z`),
            reason: reason || null,
          },
        });
        return { startsOn, endsOn, reason: reason ?? null };
      },
    },
    now,
  );
}
