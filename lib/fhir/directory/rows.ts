// The rows the directory's FHIR resources are made from, and the one SQL that
// reads each (searches, reads and the bulk files share it). A row is a plain
// object: everything a resource needs (translations, the institution's phone,
// live open places) comes in the same row, so a streaming reader serializes
// row by row without a second query per resource.
import type { DbClient, TxClient } from "../../db/create-client";
import { Prisma } from "../../db/generated/client";
import type { HospitalGrade, Ownership } from "../../db/generated/client";
import { openPlaces } from "../../booking/slot-capacity";
import { agreementActiveOn } from "../../payment/agreement-active";
import { calendarDateOf } from "../../time/zone";
import { offeredSql, slotOfferedSql } from "../../catalogue/offered";

type Reader = Pick<DbClient | TxClient, "$queryRaw">;

export interface NameRow {
  locale: string;
  name: string;
}

export interface InstitutionRow {
  id: string;
  slug: string;
  nameZh: string;
  namePinyin: string;
  addressZh: string;
  latitude: number;
  longitude: number;
  ownership: Ownership;
  grade: HospitalGrade;
  emergency24h: boolean;
  languages: string[];
  phone: string;
  email: string | null;
  website: string | null;
  /** intl_dept_hours as stored (parsed with lib/catalogue/hours.ts). */
  hours: unknown;
  isDemo: boolean;
  updatedAt: Date;
  translations: { locale: string; name: string; address: string | null; intlDeptName: string | null }[];
  city: { slug: string; nameZh: string; province: string; translations: NameRow[] };
}

/** A direct-billing agreement in force today for the kind of visit a service is (DESIGN rule 4). */
export interface BillingRow {
  insurerSlug: string;
  insurerName: string;
  preauthRequired: boolean;
  preauthLeadDays: number;
}

export interface ServiceRow {
  kind: "department" | "package";
  /** The department's or package's own id (the FHIR id is dept-<id> or pkg-<id>). */
  id: string;
  slug: string;
  /** A department's specialty code; "tcm" for a package. */
  specialty: string;
  therapies: string[];
  conditions: string[];
  sessions: number;
  durationDays: number | null;
  feeFen: number;
  isDemo: boolean;
  updatedAt: Date;
  translations: { locale: string; name: string; description: string | null }[];
  institution: {
    id: string;
    slug: string;
    nameZh: string;
    languages: string[];
    phone: string;
    email: string | null;
    acceptedPayments: string[];
    translations: NameRow[];
  };
  billing: BillingRow[];
}

export interface ScheduleRow {
  /** The schedule's id; dept-<id> or pkg-<id> for the times of a service that no schedule holds (ADR 0020). */
  id: string;
  institutionId: string;
  departmentId: string | null;
  packageId: string | null;
  specialty: string;
  therapies: string[];
  active: boolean;
  /** The window the hospital system's last push described, else the service's slots from now on. */
  horizonStart: Date | null;
  horizonEnd: Date | null;
  updatedAt: Date | null;
}

export interface SlotRow {
  id: string;
  /** Null when the slot's schedule is gone: it is then served under its service's fallback Schedule. */
  scheduleId: string | null;
  institutionId: string;
  institutionSlug: string;
  phone: string;
  departmentId: string | null;
  departmentSlug: string | null;
  packageId: string | null;
  packageSlug: string | null;
  specialty: string;
  therapies: string[];
  startsAt: Date;
  endsAt: Date;
  /** slotStatusSql's decision. */
  status: SlotStatus;
  /** Places a hold or booking could take now (openPlaces: capacity less bookings and live holds). */
  openPlaces: number;
}

// ---------------------------------------------------------------- institutions

/** SELECT of InstitutionRow columns over `institution i JOIN city c`: add WHERE / ORDER BY / LIMIT. */
export const institutionRowSelect = Prisma.sql`
  SELECT i.id, i.slug, i.name_zh, i.name_pinyin, i.address_zh, i.latitude, i.longitude,
    i.ownership::text AS ownership, i.grade::text AS grade, i.emergency_24h, i.languages,
    i.intl_dept_phone, i.intl_dept_email, i.website, i.intl_dept_hours, i.is_demo, i.updated_at,
    c.slug AS city_slug, c.name_zh AS city_name_zh, c.province AS city_province,
    COALESCE((SELECT json_agg(json_build_object('locale', t.locale, 'name', t.name, 'address', t.address,
        'intlDeptName', t.intl_dept_name) ORDER BY t.locale)
      FROM institution_translation t WHERE t.institution_id = i.id), '[]'::json) AS translations,
    COALESCE((SELECT json_agg(json_build_object('locale', ct.locale, 'name', ct.name) ORDER BY ct.locale)
      FROM city_translation ct WHERE ct.city_id = c.id), '[]'::json) AS city_translations
  FROM institution i JOIN city c ON c.id = i.city_id`;

export interface RawInstitution {
  id: string;
  slug: string;
  name_zh: string;
  name_pinyin: string;
  address_zh: string;
  latitude: number;
  longitude: number;
  ownership: Ownership;
  grade: HospitalGrade;
  emergency_24h: boolean;
  languages: string[];
  intl_dept_phone: string;
  intl_dept_email: string | null;
  website: string | null;
  intl_dept_hours: unknown;
  is_demo: boolean;
  updated_at: Date;
  city_slug: string;
  city_name_zh: string;
  city_province: string;
  translations: InstitutionRow["translations"];
  city_translations: NameRow[];
}

export function institutionRow(r: RawInstitution): InstitutionRow {
  return {
    id: r.id,
    slug: r.slug,
    nameZh: r.name_zh,
    namePinyin: r.name_pinyin,
    addressZh: r.address_zh,
    latitude: Number(r.latitude),
    longitude: Number(r.longitude),
    ownership: r.ownership,
    grade: r.grade,
    emergency24h: r.emergency_24h,
    languages: r.languages,
    phone: r.intl_dept_phone,
    email: r.intl_dept_email,
    website: r.website,
    hours: r.intl_dept_hours,
    isDemo: r.is_demo,
    updatedAt: r.updated_at,
    translations: r.translations,
    city: {
      slug: r.city_slug,
      nameZh: r.city_name_zh,
      province: r.city_province,
      translations: r.city_translations,
    },
  };
}

/** Institutions matching `where` (on aliases i and c), in `order`, at most `limit`. */
export async function readInstitutions(
  db: Reader,
  where: Prisma.Sql,
  order: Prisma.Sql = Prisma.sql`i.id`,
  limit = 1000,
  offset = 0,
): Promise<InstitutionRow[]> {
  const rows = await db.$queryRaw<RawInstitution[]>`
    ${institutionRowSelect} WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`;
  return rows.map(institutionRow);
}

// ---------------------------------------------------------------- services

/**
 * SELECT of ServiceRow columns, departments then packages, as one relation `svc` with a
 * column `fhir_id` (dept-<id> / pkg-<id>): add WHERE (on svc.*) / ORDER BY / LIMIT.
 * `day` is the Beijing day whose direct-billing agreements count (today).
 */
export function serviceRowSelect(day: Date): Prisma.Sql {
  const active = agreementActiveOn(calendarDateOf(day));
  const institution = (scope: string) => Prisma.sql`
    i.slug AS institution_slug, i.name_zh AS institution_name_zh, i.languages, i.intl_dept_phone,
    i.intl_dept_email, i.accepted_payments,
    COALESCE((SELECT json_agg(json_build_object('locale', it.locale, 'name', it.name) ORDER BY it.locale)
      FROM institution_translation it WHERE it.institution_id = i.id), '[]'::json) AS institution_translations,
    COALESCE((SELECT json_agg(json_build_object('insurerSlug', ins.slug, 'insurerName', ins.name,
        'preauthRequired', a.preauth_required, 'preauthLeadDays', a.preauth_lead_days) ORDER BY ins.name, ins.slug)
      FROM direct_billing_agreement a JOIN insurer ins ON ins.id = a.insurer_id
      WHERE a.institution_id = i.id AND a.scope = ${scope}::"VisitKind" AND ${active}), '[]'::json) AS billing`;
  return Prisma.sql`SELECT * FROM (
    SELECT 'dept-' || d.id AS fhir_id, 'department' AS kind, d.id, d.slug, d.institution_id, d.specialty,
      ARRAY[]::text[] AS therapies, ARRAY[]::text[] AS conditions, 1 AS sessions, NULL::int AS duration_days,
      d.consultation_fee_fen AS fee_fen, i.is_demo, GREATEST(d.updated_at, i.updated_at) AS updated_at, d.retired_at,
      COALESCE((SELECT json_agg(json_build_object('locale', t.locale, 'name', t.name, 'description', t.description)
        ORDER BY t.locale) FROM department_translation t WHERE t.department_id = d.id), '[]'::json) AS translations,
      ${institution("OUTPATIENT")}
    FROM department d JOIN institution i ON i.id = d.institution_id
    UNION ALL
    SELECT 'pkg-' || p.id AS fhir_id, 'package' AS kind, p.id, p.slug, p.institution_id, 'tcm' AS specialty,
      p.therapies, p.conditions, p.sessions, p.duration_days,
      p.price_fen AS fee_fen, (p.is_demo OR i.is_demo) AS is_demo, GREATEST(p.updated_at, i.updated_at) AS updated_at, p.retired_at,
      COALESCE((SELECT json_agg(json_build_object('locale', t.locale, 'name', t.name, 'description', t.description)
        ORDER BY t.locale) FROM tcm_package_translation t WHERE t.package_id = p.id), '[]'::json) AS translations,
      ${institution("TCM_PACKAGE")}
    FROM tcm_package p JOIN institution i ON i.id = p.institution_id
  ) svc`;
}

export interface RawService {
  fhir_id: string;
  kind: "department" | "package";
  id: string;
  slug: string;
  institution_id: string;
  specialty: string;
  therapies: string[];
  conditions: string[];
  sessions: number;
  duration_days: number | null;
  fee_fen: number;
  is_demo: boolean;
  updated_at: Date;
  translations: ServiceRow["translations"];
  institution_slug: string;
  institution_name_zh: string;
  languages: string[];
  intl_dept_phone: string;
  intl_dept_email: string | null;
  accepted_payments: string[];
  institution_translations: NameRow[];
  billing: BillingRow[];
}

export function serviceRow(r: RawService): ServiceRow {
  return {
    kind: r.kind,
    id: r.id,
    slug: r.slug,
    specialty: r.specialty,
    therapies: r.therapies,
    conditions: r.conditions,
    sessions: Number(r.sessions),
    durationDays: r.duration_days === null ? null : Number(r.duration_days),
    feeFen: Number(r.fee_fen),
    isDemo: r.is_demo,
    updatedAt: r.updated_at,
    translations: r.translations,
    institution: {
      id: r.institution_id,
      slug: r.institution_slug,
      nameZh: r.institution_name_zh,
      languages: r.languages,
      phone: r.intl_dept_phone,
      email: r.intl_dept_email,
      acceptedPayments: r.accepted_payments,
      translations: r.institution_translations,
    },
    billing: r.billing,
  };
}

export async function readServices(
  db: Reader,
  where: Prisma.Sql,
  now: Date,
  order: Prisma.Sql = Prisma.sql`svc.fhir_id`,
  limit = 1000,
  offset = 0,
): Promise<ServiceRow[]> {
  const rows = await db.$queryRaw<RawService[]>`
    ${serviceRowSelect(now)} WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`;
  return rows.map(serviceRow);
}

// ---------------------------------------------------------------- schedules

/**
 * SELECT of ScheduleRow columns as relation `sch` (with `sch.id` the FHIR id): every schedule,
 * and for a department or package with slots that no schedule holds (a deleted schedule's),
 * a fallback schedule dept-<id> / pkg-<id> so that every Slot references a Schedule
 * (found by the partial indexes slot_unscheduled_*). Add WHERE (on sch.*) / ORDER BY / LIMIT.
 */
export function scheduleRowSelect(now: Date): Prisma.Sql {
  return Prisma.sql`SELECT * FROM (
    SELECT s.id, s.institution_id, s.department_id, s.package_id, COALESCE(d.specialty, 'tcm') AS specialty,
      COALESCE(p.therapies, ARRAY[]::text[]) AS therapies, (s.active AND ${slotOfferedSql("d", "p")}) AS active, s.updated_at,
      COALESCE(s.horizon_start, (SELECT min(x.starts_at) FROM slot x WHERE x.schedule_id = s.id AND x.starts_at >= ${now})) AS horizon_start,
      COALESCE(s.horizon_end, (SELECT max(x.ends_at) FROM slot x WHERE x.schedule_id = s.id AND x.starts_at >= ${now})) AS horizon_end
    FROM schedule s LEFT JOIN department d ON d.id = s.department_id LEFT JOIN tcm_package p ON p.id = s.package_id
    UNION ALL
    SELECT 'dept-' || d.id, d.institution_id, d.id, NULL, d.specialty, ARRAY[]::text[], ${offeredSql("d")}, NULL, NULL, NULL
    FROM department d WHERE EXISTS (SELECT 1 FROM slot x WHERE x.department_id = d.id AND x.schedule_id IS NULL)
    UNION ALL
    SELECT 'pkg-' || p.id, p.institution_id, NULL, p.id, 'tcm', p.therapies, ${offeredSql("p")}, NULL, NULL, NULL
    FROM tcm_package p WHERE EXISTS (SELECT 1 FROM slot x WHERE x.package_id = p.id AND x.schedule_id IS NULL)
  ) sch`;
}

export interface RawSchedule {
  id: string;
  institution_id: string;
  department_id: string | null;
  package_id: string | null;
  specialty: string;
  therapies: string[];
  active: boolean;
  updated_at: Date | null;
  horizon_start: Date | null;
  horizon_end: Date | null;
}

export function scheduleRow(r: RawSchedule): ScheduleRow {
  return {
    id: r.id,
    institutionId: r.institution_id,
    departmentId: r.department_id,
    packageId: r.package_id,
    specialty: r.specialty,
    therapies: r.therapies,
    active: r.active,
    horizonStart: r.horizon_start,
    horizonEnd: r.horizon_end,
    updatedAt: r.updated_at,
  };
}

export async function readSchedules(
  db: Reader,
  where: Prisma.Sql,
  now: Date,
  order: Prisma.Sql = Prisma.sql`sch.id`,
  limit = 1000,
  offset = 0,
): Promise<ScheduleRow[]> {
  const rows = await db.$queryRaw<RawSchedule[]>`
    ${scheduleRowSelect(now)} WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`;
  return rows.map(scheduleRow);
}

// ---------------------------------------------------------------- slots

/** FHIR Slot.status values we serve. */
export type SlotStatus = "free" | "busy" | "busy-unavailable";

/**
 * The one decision of a slot's FHIR status, over alias `s`, on the database's clock (like
 * holds): closed or started is busy-unavailable (createHold refuses it), a slot with an open
 * place (openPlaces: capacity less bookings and live holds) is free, a full one busy.
 */
export const slotStatusSql = Prisma.sql`(CASE WHEN s.closed OR s.starts_at <= now() OR NOT ${slotOfferedSql("d", "p")} THEN 'busy-unavailable'
  WHEN ${openPlaces} > 0 THEN 'free' ELSE 'busy' END)`;

/**
 * SELECT of SlotRow columns over `slot s` (with its institution, department or package),
 * places counted live by openPlaces: add WHERE (on s.*) / ORDER BY / LIMIT.
 */
export const slotRowSelect = Prisma.sql`
  SELECT s.id, s.schedule_id, s.institution_id, i.slug AS institution_slug, i.intl_dept_phone,
    s.department_id, d.slug AS department_slug, s.package_id, p.slug AS package_slug,
    COALESCE(d.specialty, 'tcm') AS specialty, COALESCE(p.therapies, ARRAY[]::text[]) AS therapies,
    s.starts_at, s.ends_at, ${slotStatusSql} AS status, ${openPlaces}::int AS open_places
  FROM slot s JOIN institution i ON i.id = s.institution_id
    LEFT JOIN department d ON d.id = s.department_id LEFT JOIN tcm_package p ON p.id = s.package_id`;

export interface RawSlot {
  id: string;
  schedule_id: string | null;
  institution_id: string;
  institution_slug: string;
  intl_dept_phone: string;
  department_id: string | null;
  department_slug: string | null;
  package_id: string | null;
  package_slug: string | null;
  specialty: string;
  therapies: string[];
  starts_at: Date;
  ends_at: Date;
  status: SlotStatus;
  open_places: number;
}

export function slotRow(r: RawSlot): SlotRow {
  return {
    id: r.id,
    scheduleId: r.schedule_id,
    institutionId: r.institution_id,
    institutionSlug: r.institution_slug,
    phone: r.intl_dept_phone,
    departmentId: r.department_id,
    departmentSlug: r.department_slug,
    packageId: r.package_id,
    packageSlug: r.package_slug,
    specialty: r.specialty,
    therapies: r.therapies,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    status: r.status,
    openPlaces: Number(r.open_places),
  };
}

export async function readSlots(
  db: Reader,
  where: Prisma.Sql,
  order: Prisma.Sql = Prisma.sql`s.starts_at, s.id`,
  limit = 1000,
  offset = 0,
): Promise<SlotRow[]> {
  const rows = await db.$queryRaw<RawSlot[]>`
    ${slotRowSelect} WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`;
  return rows.map(slotRow);
}
