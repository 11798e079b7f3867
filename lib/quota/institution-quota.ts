// Use case: the staff console's quota view (rule 3): the institution's months
// with volume, cap, used, published and remaining, and for this month and the
// next a meter with the use by department and package. `used` per service
// adds up the bookings that hold the month's units, so the parts sum to the
// counter the booking transaction checks.
import type { DbClient } from "../db/create-client";
import { nameTranslations, pickName } from "../i18n/content";
import type { Actor } from "../auth/actor";
import { can, requireStaff } from "../auth/permissions";
import { beijingMonthOf } from "../time/zone";
import { addMonths, monthDbDate, monthKey, monthRange } from "./month";
import { meterLevel, quotaMonthStates, type QuotaMonthState } from "./month-state";

export interface ServiceUse {
  kind: "department" | "package";
  slug: string;
  name: string;
  used: number;
  published: number;
}

export interface QuotaMeter {
  state: QuotaMonthState;
  level: "ok" | "warning" | "critical";
  services: ServiceUse[];
}

export async function institutionQuota(
  db: DbClient,
  actor: Actor | null,
  locale: string,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "console.view");
  const current = beijingMonthOf(now);
  const months = monthRange(addMonths(current, -2), addMonths(current, 3));
  const meterMonths = [current, addMonths(current, 1)];
  const tr = nameTranslations(locale);
  const [states, used, published, departments, packages] = await Promise.all([
    quotaMonthStates(db, [scope.institutionId], months, now),
    db.$queryRaw<{ department_id: string | null; package_id: string | null; month: Date; units: number }[]>`
      SELECT b.department_id, b.package_id, qp.month, SUM(b.units)::int AS units
      FROM booking b JOIN quota_period qp ON qp.id = b.quota_period_id
      WHERE qp.institution_id = ${scope.institutionId} AND qp.month = ANY(${meterMonths.map(monthDbDate)}::date[])
        AND b.status <> 'CANCELLED'
      GROUP BY 1, 2, 3`,
    db.$queryRaw<{ department_id: string | null; package_id: string | null; month: Date; units: number }[]>`
      SELECT s.department_id, s.package_id, date_trunc('month', s.starts_at AT TIME ZONE 'Asia/Shanghai')::date AS month,
        SUM(GREATEST(s.capacity - s.booked, 0) * COALESCE(p.sessions, 1))::int AS units
      FROM slot s LEFT JOIN tcm_package p ON p.id = s.package_id
      WHERE s.institution_id = ${scope.institutionId} AND NOT s.closed AND s.starts_at > ${now}
        AND s.starts_at >= (${monthDbDate(meterMonths[0]!)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
        AND s.starts_at < ((${monthDbDate(meterMonths[1]!)}::date + INTERVAL '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai')
      GROUP BY 1, 2, 3`,
    db.department.findMany({
      where: { institutionId: scope.institutionId },
      select: { id: true, slug: true, translations: tr },
    }),
    db.tcmPackage.findMany({
      where: { institutionId: scope.institutionId },
      select: { id: true, slug: true, translations: tr },
    }),
  ]);
  const keyOf = (r: { department_id: string | null; package_id: string | null; month: Date }) =>
    `${r.department_id ?? `p:${r.package_id}`}|${r.month.toISOString().slice(0, 7)}`;
  const usedBy = new Map(used.map((r) => [keyOf(r), Number(r.units)]));
  const publishedBy = new Map(published.map((r) => [keyOf(r), Number(r.units)]));
  const services = [
    ...departments.map((d) => ({
      kind: "department" as const,
      key: d.id,
      slug: d.slug,
      name: pickName(d.translations, locale, d.slug),
    })),
    ...packages.map((p) => ({
      kind: "package" as const,
      key: `p:${p.id}`,
      slug: p.slug,
      name: pickName(p.translations, locale, p.slug),
    })),
  ];
  const meters: QuotaMeter[] = meterMonths.map((m) => {
    const state = states.find((s) => s.month === monthKey(m))!;
    return {
      state,
      level: meterLevel(state),
      services: services
        .map((s) => ({
          kind: s.kind,
          slug: s.slug,
          name: s.name,
          used: usedBy.get(`${s.key}|${state.month}`) ?? 0,
          published: publishedBy.get(`${s.key}|${state.month}`) ?? 0,
        }))
        .filter((s) => s.used > 0 || s.published > 0)
        .sort((a, b) => b.used - a.used || a.name.localeCompare(b.name, locale)),
    };
  });
  return {
    exempt: states[0]?.exempt ?? false,
    canDeclare: can(actor, "quota.declare"),
    currentMonth: monthKey(current),
    months: states,
    meters,
  };
}
