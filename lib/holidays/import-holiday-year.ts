// Use case: the system admin imports a year's holiday arrangement (the State
// Council's notice in holiday-cn's JSON format), so lead times count the new
// year's holidays without a release (ADR 0015). Without `save` it only checks
// and summarizes (a dry run: nothing changes); with it, the year's days are
// replaced in one transaction, with an audit event.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/permissions";
import { recordAudit } from "../audit/record-audit";
import { fromHolidayCn, holidayCnYearSchema, replaceHolidayYear, type ArrangedDay } from "./arrangement";

export const importHolidayYearSchema = z
  .object({
    arrangement: holidayCnYearSchema,
    /** False: check and summarize only. */
    save: z.boolean(),
  })
  .strict();

export interface HolidayImportSummary {
  year: number;
  source: string;
  /** Days off, in date order. */
  holidays: ArrangedDay[];
  /** Weekend days made working days, in date order. */
  workdays: ArrangedDay[];
  /** What the calendar had for that year before (null: not covered). */
  replaced: { holidays: number; workdays: number } | null;
  saved: boolean;
}

export async function importHolidayYear(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof importHolidayYearSchema>,
): Promise<HolidayImportSummary> {
  const admin = requireAdmin(actor, "holidays.manage");
  const arrangement = fromHolidayCn(input.arrangement);
  const summarize = async (tx: Pick<DbClient, "holidayDay" | "holidayYear">) => {
    const existing = await tx.holidayYear.findUnique({
      where: { year: arrangement.year },
      include: { days: { select: { kind: true } } },
    });
    return {
      year: arrangement.year,
      source: arrangement.source,
      holidays: arrangement.days.filter((d) => d.kind === "HOLIDAY"),
      workdays: arrangement.days.filter((d) => d.kind === "MAKEUP_WORKDAY"),
      replaced: existing
        ? {
            holidays: existing.days.filter((d) => d.kind === "HOLIDAY").length,
            workdays: existing.days.filter((d) => d.kind === "MAKEUP_WORKDAY").length,
          }
        : null,
      saved: input.save,
    };
  };
  if (!input.save) return summarize(db);
  return db.$transaction(
    async (tx) => {
      const summary = await summarize(tx);
      await replaceHolidayYear(tx, arrangement);
      await recordAudit(tx, {
        actorId: admin.actor.userId,
        actorRole: admin.role,
        action: "holiday.year.import",
        entityType: "holiday_year",
        entityId: String(arrangement.year),
        before: summary.replaced,
        after: {
          source: arrangement.source,
          holidays: summary.holidays.map((d) => d.date),
          workdays: summary.workdays.map((d) => d.date),
        },
      });
      return summary;
    },
    { timeout: 30_000 },
  );
}
