// Use case: the health commission's console home, the city at a glance:
// institutions by admission status (listed in the guide, meeting the standard
// but not listed, partly meeting it, not checked yet), the guide's published
// version and which languages it is complete in, the quota months at or near
// their cap, and how old the exchange rates are. Each reads from the same
// place its own page does (the admission checklist, guide versions, the quota
// month reading, the rates table), so the figures agree with the pages it links to.
import type { DbClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { adminCity } from "../auth/admin-city";
import { requireAdmin } from "../auth/permissions";
import { guideCriteria, guideSectionKeys } from "../guide/codes";
import { locales, type Locale } from "../i18n/locales";
import { nameTranslations, pickName } from "../i18n/content";
import { latestRates } from "../payment/exchange-rates";
import { capShare, quotaMonthStates } from "../quota/month-state";
import { addMonths, monthKey, monthRange } from "../quota/month";
import { beijingMonthOf, calendarDateOf, isoDate } from "../time/zone";

export const ADMISSION_STATUSES = ["listed", "meetsStandard", "partly", "notChecked"] as const;
export type AdmissionStatus = (typeof ADMISSION_STATUSES)[number];

/** A month is flagged from this share of its cap. */
export const QUOTA_NEAR_SHARE = 0.9;
/** The months read: the compliance report's default period (three months back, two ahead). */
export const OVERVIEW_MONTHS_BACK = 3;
export const OVERVIEW_MONTHS_AHEAD = 2;
/** Rates older than this many days are stale: estimates in patients' currencies drift. */
export const RATES_STALE_AFTER_DAYS = 7;

export interface QuotaAlert {
  institution: string;
  slug: string;
  month: string;
  used: number;
  cap: number;
  /** used / cap (Infinity when the cap is 0 and something was used). */
  share: number;
  over: boolean;
}

export async function cityOverview(
  db: DbClient,
  actor: Actor | null,
  citySlug: string | undefined,
  locale: string,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "admin.view");
  const city = await adminCity(db, admin, citySlug, locale);
  const current = beijingMonthOf(now);
  const months = monthRange(
    addMonths(current, -OVERVIEW_MONTHS_BACK),
    addMonths(current, OVERVIEW_MONTHS_AHEAD),
  );
  const [institutions, published, draft, rates] = await Promise.all([
    db.institution.findMany({
      where: { cityId: city.id },
      select: {
        id: true,
        slug: true,
        nameZh: true,
        ownership: true,
        guideListed: true,
        translations: nameTranslations(locale),
        _count: { select: { criteria: { where: { met: true } } } },
      },
      orderBy: { nameZh: "asc" },
    }),
    db.guideVersion.findFirst({
      where: { guide: { cityId: city.id }, status: "PUBLISHED" },
      orderBy: { version: "desc" },
      select: {
        version: true,
        publishedAt: true,
        sections: {
          select: { key: true, translations: { select: { locale: true, title: true, body: true } } },
        },
      },
    }),
    db.guideVersion.count({ where: { guide: { cityId: city.id }, status: "DRAFT" } }),
    latestRates(db),
  ]);

  const admission = Object.fromEntries(ADMISSION_STATUSES.map((s) => [s, 0])) as Record<
    AdmissionStatus,
    number
  >;
  for (const i of institutions) {
    const met = i._count.criteria;
    const status: AdmissionStatus = i.guideListed
      ? "listed"
      : met >= guideCriteria.length
        ? "meetsStandard"
        : met > 0
          ? "partly"
          : "notChecked";
    admission[status] += 1;
  }

  /** A language is complete when every section of the published version has its title and text in it. */
  const completeIn = (l: Locale) =>
    guideSectionKeys.every((key) =>
      published?.sections
        .find((s) => s.key === key)
        ?.translations.some((t) => t.locale === l && t.title.trim() !== "" && t.body.trim() !== ""),
    );
  const complete = published ? locales.filter(completeIn) : [];

  const capped = institutions.filter((i) => i.ownership === "PUBLIC");
  const states = await quotaMonthStates(
    db,
    capped.map((i) => i.id),
    months,
    now,
    { published: false },
  );
  const byId = new Map(capped.map((i) => [i.id, i]));
  const quotaAlerts: QuotaAlert[] = states.flatMap((s) => {
    const share = capShare(s);
    if (share === null || share < QUOTA_NEAR_SHARE || s.cap === null) return [];
    const i = byId.get(s.institutionId)!;
    return [
      {
        institution: pickName(i.translations, locale, i.nameZh),
        slug: i.slug,
        month: s.month,
        used: s.used,
        cap: s.cap,
        share,
        over: s.used > s.cap,
      },
    ];
  });
  quotaAlerts.sort(
    (a, b) => Number(b.over) - Number(a.over) || b.share - a.share || a.month.localeCompare(b.month),
  );

  const today = isoDate(calendarDateOf(now));
  const ageInDays = (day: string) => Math.round((Date.parse(today) - Date.parse(day)) / 86_400_000);
  const oldest = rates.reduce<string | null>(
    (o, r) => (o === null || r.effectiveOn < o ? r.effectiveOn : o),
    null,
  );
  const stale = rates.filter((r) => ageInDays(r.effectiveOn) > RATES_STALE_AFTER_DAYS).map((r) => r.currency);

  return {
    city,
    institutions: { total: institutions.length, byStatus: admission },
    guide: {
      published: published ? { version: published.version, publishedAt: published.publishedAt } : null,
      hasDraft: draft > 0,
      completeLanguages: complete,
      incompleteLanguages: published ? locales.filter((l) => !complete.includes(l)) : [...locales],
    },
    quota: {
      from: monthKey(months[0]!),
      to: monthKey(months[months.length - 1]!),
      alerts: quotaAlerts,
    },
    rates: {
      currencies: rates.length,
      /** The oldest of the latest rates ("YYYY-MM-DD"), and its age in days (Beijing calendar). */
      oldestEffectiveOn: oldest,
      ageDays: oldest === null ? null : ageInDays(oldest),
      stale,
    },
  };
}

export type CityOverview = Awaited<ReturnType<typeof cityOverview>>;
