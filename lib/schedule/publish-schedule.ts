// Use case: publish a schedule's slots for the next N weeks (planned by the
// booking issue's slot generator, lib/booking/plan-slots.ts).
import type { DbClient } from "../db/create-client";
import { validationError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { editSchedule } from "./edit-schedule";
import { publishSchema } from "./schedule-inputs";

export async function publishSchedule(
  db: DbClient,
  actor: Actor | null,
  raw: unknown,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "schedule.manage");
  const parsed = publishSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const { scheduleId, weeks } = parsed.data;
  return editSchedule(
    db,
    scope,
    scheduleId,
    { action: "schedule.publish", change: async () => ({ weeks }), days: weeks * 7 },
    now,
  );
}
