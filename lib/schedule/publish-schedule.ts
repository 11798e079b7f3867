// Use case: publish a schedule's slots for the next N weeks (planned by the
// booking issue's slot generator, lib/booking/plan-slots.ts).
import type { z } from "zod";
import type { DbClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { editSchedule } from "./edit-schedule";
import type { publishSchema } from "./schedule-inputs";
import { actorAttributes, tracedUseCase } from "../observability/trace";

async function publishScheduleUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof publishSchema>,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "schedule.manage");
  const { scheduleId, weeks } = input;
  return editSchedule(
    db,
    scope,
    scheduleId,
    { action: "schedule.publish", change: async () => ({ weeks }), days: weeks * 7 },
    now,
  );
}

/** publishSchedule with a "schedule.publishSchedule" span around each call (lib/observability/trace.ts). */
export const publishSchedule = tracedUseCase(
  "schedule.publishSchedule",
  publishScheduleUntraced,
  (_db, actor) => actorAttributes(actor),
);
