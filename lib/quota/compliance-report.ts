// Use case: the compliance report for a city's health commission (rule 3):
// every public institution of the city, month by month, with the declared
// volume (and whether it is verified), the percentage and cap in force, the
// special-service units used and their share of all services. A month over
// its cap is flagged; the portal's own checks mean there should be none. The
// numbers are the same reading the meters and the booking transaction use.
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { nameTranslations, pickName } from "../i18n/content";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/permissions";
import { adminCity } from "../auth/admin-city";
import { beijingMonthOf } from "../time/zone";
import { addMonths, monthKey, monthRange, parseMonth } from "./month";
import { quotaMonthStates, type QuotaMonthState } from "./month-state";
import type { ReportQuery } from "./quota-inputs";

export const REPORT_MAX_MONTHS = 24;

export interface ReportMonth extends QuotaMonthState {
  /** used / declared volume, 0..1 (null without a volume). */
  share: number | null;
  overCap: boolean;
}

export async function complianceReport(
  db: DbClient,
  actor: Actor | null,
  q: ReportQuery,
  locale: string,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "quota.report");
  const current = beijingMonthOf(now);
  const from = q.from ? parseMonth(q.from) : addMonths(current, -3);
  const to = q.to ? parseMonth(q.to) : addMonths(current, 2);
  const months = monthRange(from, to);
  if (months.length === 0) throw new AppError("VALIDATION_FAILED", { fields: { to: "invalid" } });
  if (months.length > REPORT_MAX_MONTHS)
    throw new AppError("VALIDATION_FAILED", { fields: { to: "outOfRange" } });

  const tr = nameTranslations(locale);
  const city = await adminCity(db, admin, q.city, locale);
  const institutions = await db.institution.findMany({
    where: { cityId: city.id, ownership: "PUBLIC" },
    select: { id: true, slug: true, nameZh: true, translations: tr },
    orderBy: { nameZh: "asc" },
  });
  const states = await quotaMonthStates(
    db,
    institutions.map((i) => i.id),
    months,
    now,
  );
  const rows = institutions.map((i) => ({
    slug: i.slug,
    name: pickName(i.translations, locale, i.nameZh),
    nameZh: i.nameZh,
    months: states
      .filter((s) => s.institutionId === i.id)
      .map((s): ReportMonth => ({
        ...s,
        share: s.declaredVolume ? s.used / s.declaredVolume : null,
        overCap: s.cap !== null && s.used > s.cap,
      })),
  }));
  return {
    city: { slug: city.slug, name: city.name },
    cities: city.cities,
    from: monthKey(from),
    to: monthKey(to),
    currentMonth: monthKey(current),
    months: months.map(monthKey),
    institutions: rows,
    overCap: rows.reduce((n, r) => n + r.months.filter((m) => m.overCap).length, 0),
  };
}

export type ComplianceReport = Awaited<ReturnType<typeof complianceReport>>;

const csvCell = (value: string | number | null) => {
  const text = value === null ? "" : String(value);
  // Quote everything that could break a row, and defuse spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The report as CSV (UTF-8 with a byte-order mark, so spreadsheets read the Chinese names). */
export function complianceCsv(report: ComplianceReport): string {
  const header = [
    "city",
    "institution",
    "institution_zh",
    "month",
    "declared_volume",
    "verified",
    "cap_percent",
    "cap_units",
    "used_units",
    "share_percent",
    "over_cap",
  ];
  const lines = report.institutions.flatMap((i) =>
    i.months.map((m) =>
      [
        report.city.slug,
        i.slug,
        i.nameZh,
        m.month,
        m.declaredVolume,
        m.lockedAt ? "yes" : "no",
        m.percent,
        m.cap,
        m.used,
        m.share === null ? null : (m.share * 100).toFixed(2),
        m.overCap ? "yes" : "no",
      ]
        .map(csvCell)
        .join(","),
    ),
  );
  return `\uFEFF${[header.join(","), ...lines].join("\r\n")}\r\n`;
}
