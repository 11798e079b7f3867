// Use case: reopen days a closure had taken out; their slots come back.
import type { z } from "zod";
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { editSchedule } from "./edit-schedule";
import type { removeClosureSchema } from "./schedule-inputs";
import { actorAttributes, tracedUseCase } from "../observability/trace";

async function removeScheduleClosureUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof removeClosureSchema>,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "schedule.manage");
  const { scheduleId, closureId } = input;
  return editSchedule(
    db,
    scope,
    scheduleId,
    {
      action: "schedule.remove_closure",
      change: async (tx, schedule) => {
        const closure = schedule.closures.find((c) => c.id === closureId);
        if (!closure) throw new AppError("NOT_FOUND");
        await tx.scheduleClosure.delete({ where: { id: closureId } });
        return {
          startsOn: closure.startsOn.toISOString().slice(0, 10),
          endsOn: closure.endsOn.toISOString().slice(0, 10),
        };
      },
    },
    now,
  );
}

/** removeScheduleClosure with a "schedule.removeScheduleClosure" span around each call (lib/observability/trace.ts). */
export const removeScheduleClosure = tracedUseCase(
  "schedule.removeScheduleClosure",
  removeScheduleClosureUntraced,
  (_db, actor) => actorAttributes(actor),
);
