// Use case: close a schedule for some days (a holiday, a doctor away). Free
// slots in those days go at once; booked ones stay and are reported.
import type { z } from "zod";
import type { DbClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { editSchedule } from "./edit-schedule";
import type { addClosureSchema } from "./schedule-inputs";
import { actorAttributes, tracedUseCase } from "../observability/trace";

async function addScheduleClosureUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof addClosureSchema>,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "schedule.manage");
  const { scheduleId, startsOn, endsOn, reason } = input;
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

/** addScheduleClosure with a "schedule.addScheduleClosure" span around each call (lib/observability/trace.ts). */
export const addScheduleClosure = tracedUseCase(
  "schedule.addScheduleClosure",
  addScheduleClosureUntraced,
  (_db, actor) => actorAttributes(actor),
);
