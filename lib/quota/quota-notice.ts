// Use case for the patient's booking page: which months of the shown dates
// have no special-service room left at this hospital (rule 3), and which
// other institutions of the city still have room and open times for the same
// kind of care (same specialty, or any TCM package) in the first such month.
import type { DbClient } from "../db/create-client";
import { Prisma } from "../db/generated/client";
import { nameTranslations, pickName } from "../i18n/content";
import { monthDbDate, parseMonth } from "./month";
import { fullMonths, quotaMonthStates } from "./month-state";

export interface Alternative {
  institution: { slug: string; name: string };
  kind: "department" | "package";
  slug: string;
  name: string;
}

export interface QuotaNotice {
  /** "YYYY-MM" months of the window in which a booking of this service cannot be taken. */
  fullMonths: string[];
  alternatives: Alternative[];
}

export async function quotaNotice(
  db: DbClient,
  where: { hospital: string; department?: string; package?: string },
  window: { from: Date; to: Date },
  locale: string,
  now: Date = new Date(),
  limit = 5,
): Promise<QuotaNotice> {
  const institution = await db.institution.findUnique({
    where: { slug: where.hospital },
    select: {
      id: true,
      cityId: true,
      departments: where.department
        ? { where: { slug: where.department }, select: { specialty: true } }
        : false,
      packages: where.package ? { where: { slug: where.package }, select: { sessions: true } } : false,
    },
  });
  if (!institution) return { fullMonths: [], alternatives: [] };
  const specialty = institution.departments?.[0]?.specialty;
  const units = institution.packages?.[0]?.sessions ?? 1;
  const full = await fullMonths(db, institution.id, units, window.from, window.to, now);
  if (full.length === 0) return { fullMonths: [], alternatives: [] };

  const month = monthDbDate(parseMonth(full[0]!));
  const open = Prisma.sql`s.institution_id = i.id AND NOT s.closed AND s.capacity > s.booked AND s.starts_at > ${now}
    AND s.starts_at >= (${month}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
    AND s.starts_at < ((${month}::date + INTERVAL '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  const candidates = await db.$queryRaw<
    { institution_id: string; department_id: string | null; package_id: string | null; units: number }[]
  >`
    SELECT DISTINCT ON (s.institution_id) s.institution_id, s.department_id, s.package_id, COALESCE(p.sessions, 1) AS units
    FROM slot s JOIN institution i ON i.id = s.institution_id
      LEFT JOIN department d ON d.id = s.department_id LEFT JOIN tcm_package p ON p.id = s.package_id
    WHERE i.city_id = ${institution.cityId} AND i.id <> ${institution.id} AND ${open}
      AND ${specialty ? Prisma.sql`d.specialty = ${specialty}` : Prisma.sql`s.package_id IS NOT NULL`}
    ORDER BY s.institution_id, s.starts_at
    LIMIT 50`;
  const states = await quotaMonthStates(
    db,
    candidates.map((c) => c.institution_id),
    [parseMonth(full[0]!)],
    now,
    { published: false },
  );
  const room = new Map(states.map((s) => [s.institutionId, s.room]));
  const withRoom = candidates
    .filter((c) => (room.get(c.institution_id) ?? 0) >= Number(c.units))
    .slice(0, limit);
  if (withRoom.length === 0) return { fullMonths: full, alternatives: [] };

  const tr = nameTranslations(locale);
  const [institutions, departments, packages] = await Promise.all([
    db.institution.findMany({
      where: { id: { in: withRoom.map((c) => c.institution_id) } },
      select: { id: true, slug: true, nameZh: true, translations: tr },
    }),
    db.department.findMany({
      where: { id: { in: withRoom.flatMap((c) => (c.department_id ? [c.department_id] : [])) } },
      select: { id: true, slug: true, translations: tr },
    }),
    db.tcmPackage.findMany({
      where: { id: { in: withRoom.flatMap((c) => (c.package_id ? [c.package_id] : [])) } },
      select: { id: true, slug: true, translations: tr },
    }),
  ]);
  return {
    fullMonths: full,
    alternatives: withRoom.map((c) => {
      const inst = institutions.find((i) => i.id === c.institution_id)!;
      const service = c.department_id
        ? departments.find((d) => d.id === c.department_id)!
        : packages.find((p) => p.id === c.package_id)!;
      return {
        institution: { slug: inst.slug, name: pickName(inst.translations, locale, inst.nameZh) },
        kind: c.department_id ? ("department" as const) : ("package" as const),
        slug: service.slug,
        name: pickName(service.translations, locale, service.slug),
      };
    }),
  };
}
