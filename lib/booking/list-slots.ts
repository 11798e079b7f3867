// Use case: the free slots of one department or package between two dates.
// Seen by a patient's browser, its own live hold does not count against it:
// the slot it holds shows as held for it, and it can choose that time again.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import { Prisma } from "../db/generated/client";
import { slugParam } from "../slug";
import { AppError } from "../errors";
import { monthKey } from "../quota/month";
import { fullMonths } from "../quota/month-state";
import { beijingMonthOf } from "../time/zone";
import { offeredDepartment, offeredPackage } from "../catalogue/offered";
import { heldBy, openPlacesFor } from "./slot-capacity";
import { tracedUseCase } from "../observability/trace";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "invalid");

export const slotQuerySchema = z
  .object({
    hospital: slugParam,
    department: slugParam.optional(),
    package: slugParam.optional(),
    from: day.optional().describe("First day, Beijing time (default today)"),
    to: day.optional().describe("Last day, Beijing time (default 14 days after from; at most 62 days)"),
  })
  .superRefine((q, ctx) => {
    if (Boolean(q.department) === Boolean(q.package)) {
      ctx.addIssue({
        code: "custom",
        path: [q.department ? "package" : "department"],
        message: "exactly one of department or package",
        input: undefined,
      });
    }
  });
export type SlotQuery = z.output<typeof slotQuerySchema>;

/** A slot a booking can still take (the v1 API serializes it with slotListSchema). */
export interface OpenSlot {
  id: string;
  startsAt: Date;
  endsAt: Date;
  available: number;
  /** The viewing client holds it (its own live hold, not counted in `available`). */
  heldByYou: boolean;
}

/** Who looks: the browser's client key (as createHold takes it), when known. */
export interface SlotViewer {
  clientKey?: string | null;
}

const beijingMidnight = (isoDay: string) => new Date(`${isoDay}T00:00:00+08:00`);

async function listSlotsUntraced(
  db: DbClient,
  q: SlotQuery,
  viewer: SlotViewer = {},
  now: Date = new Date(),
): Promise<OpenSlot[]> {
  const clientKey = viewer.clientKey ?? null;
  const from = q.from ? beijingMidnight(q.from) : now;
  const to = q.to
    ? new Date(beijingMidnight(q.to).getTime() + 86_400_000)
    : new Date(from.getTime() + 15 * 86_400_000);
  if (to <= from) throw new AppError("VALIDATION_FAILED", { fields: { to: "invalid" } });
  if (to.getTime() - from.getTime() > 63 * 86_400_000)
    throw new AppError("VALIDATION_FAILED", { fields: { to: "tooLong" } });

  const institution = await db.institution.findUnique({
    where: { slug: q.hospital },
    select: { id: true, ownership: true },
  });
  if (!institution) throw new AppError("NOT_FOUND");
  const target = q.department
    ? await db.department.findFirst({
        where: { institutionId: institution.id, slug: q.department, ...offeredDepartment },
        select: { id: true },
      })
    : await db.tcmPackage.findFirst({
        where: { slug: q.package, institutionId: institution.id, ...offeredPackage },
        select: { id: true, sessions: true },
      });
  if (!target) throw new AppError("NOT_FOUND");

  const rows = await db.$queryRaw<
    { id: string; starts_at: Date; ends_at: Date; available: number; held_by_you: boolean }[]
  >`
    SELECT s.id, s.starts_at, s.ends_at,
      ${openPlacesFor(clientKey)}::int AS available, ${heldBy(clientKey)} AS held_by_you
    FROM slot s
    WHERE ${q.department ? Prisma.sql`s.department_id = ${target.id}` : Prisma.sql`s.package_id = ${target.id}`}
      AND s.starts_at >= ${from > now ? from : now} AND s.starts_at < ${to} AND NOT s.closed
    ORDER BY s.starts_at`;
  // Rule 3: in a month whose quota has no room for one more booking, no time is available.
  const units = "sessions" in target ? Number(target.sessions) : 1;
  const full =
    institution.ownership === "PUBLIC" && rows.length > 0
      ? new Set(await fullMonths(db, institution.id, units, rows[0]!.starts_at, rows.at(-1)!.starts_at, now))
      : new Set<string>();
  return rows.map((r) => ({
    id: r.id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    // A month full with this client's own hold in it still lets the client have its slot back.
    available:
      full.has(monthKey(beijingMonthOf(r.starts_at))) && !r.held_by_you
        ? 0
        : Math.max(0, Number(r.available)),
    heldByYou: r.held_by_you,
  }));
}

/** listSlots with a "booking.listSlots" span around each call (lib/observability/trace.ts). */
export const listSlots = tracedUseCase("booking.listSlots", listSlotsUntraced, (_db, q) => ({
  "institution.slug": q.hospital,
  "department.slug": q.department,
}));
