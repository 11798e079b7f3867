// The directory's FHIR searches and reads (public, no credentials): for each
// resource, the parameters it takes (zod schema over the query's values: the
// one list the CapabilityStatement is built from, lib/fhir/directory/capability.ts),
// the indexed query that answers them (rows.ts' SQL with a WHERE made here),
// paging by _count/_offset in a stable order, and the cheap _include targets.
// Name search reuses the catalogue's (lib/catalogue/text-search.ts).
import type { Resource } from "@medplum/fhirtypes";
import { z } from "zod";
import type { DbClient } from "../../db/create-client";
import { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
import { foldText, institutionTextIds, textMatch } from "../../catalogue/text-search";
import { offeredSql, slotOfferedSql } from "../../catalogue/offered";
import { fhirIdSchema, healthcareServiceId, parseHealthcareServiceId } from "../ids";
import { standard, systems } from "../systems";
import { HL7_SERVICE_TYPE, HL7_THERAPY_TYPE, SNOMED_SPECIALTY, directorySystems, hl7 } from "./codes";
import {
  readInstitutions,
  readSchedules,
  readServices,
  readSlots,
  slotStatusSql,
  type InstitutionRow,
  type ScheduleRow,
  type ServiceRow,
  type SlotRow,
} from "./rows";
import {
  scheduleIdOf,
  toHealthcareService,
  toLocation,
  toOrganization,
  toSchedule,
  toSlot,
} from "./resources";
import {
  datesParam,
  idsParam,
  includeParam,
  pagingParams,
  referencesParam,
  stringsParam,
  tokensParam,
  type DateBound,
  type ReferenceValue,
  type Token,
} from "./search-params";
import type { DirectoryText } from "./text";

type Db = Pick<DbClient, "$queryRaw">;

/** One page of a search: the matches, what _include added, the total when it is cheap. */
export interface DirectoryPage {
  matches: Resource[];
  includes: Resource[];
  total?: number;
  /** Whether a page follows this one. */
  hasMore: boolean;
}

const all = (parts: Prisma.Sql[]) => (parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`true`);
const any = (parts: Prisma.Sql[]) =>
  parts.length ? Prisma.sql`(${Prisma.join(parts, " OR ")})` : Prisma.sql`false`;
const distinct = <T>(values: Iterable<T>) => [...new Set(values)];

// ---------------------------------------------------------------- codes of token parameters

const ourSpecialties = Object.keys(SNOMED_SPECIALTY);

/** Our specialty codes a token names: ours (no system or our system) or SNOMED CT's practice setting. */
function specialtiesOf(t: Token, withServiceTypes: boolean): string[] {
  const ours = t.system === undefined || t.system === directorySystems.specialty();
  const codes: string[] = [];
  if (ours && ourSpecialties.includes(t.code)) codes.push(t.code);
  for (const [code, mapped] of Object.entries(SNOMED_SPECIALTY))
    if (mapped?.[0] === t.code && (t.system === undefined || t.system === hl7.snomed)) codes.push(code);
  if (withServiceTypes)
    for (const [code, mapped] of Object.entries(HL7_SERVICE_TYPE))
      if (mapped?.[0] === t.code && (t.system === undefined || t.system === hl7.serviceType))
        codes.push(code);
  return codes;
}

/** Our therapy codes a service-type token names: ours or HL7's service type. */
function therapiesOf(t: Token): string[] {
  const codes: string[] = [];
  for (const [code, mapped] of Object.entries(HL7_THERAPY_TYPE)) {
    if ((t.system === undefined || t.system === directorySystems.therapy()) && t.code === code)
      codes.push(code);
    if (mapped?.[0] === t.code && (t.system === undefined || t.system === hl7.serviceType)) codes.push(code);
  }
  return codes;
}

/** service-type over a relation's specialty and therapies columns: each occurrence ANDed, its values ORed. */
function serviceTypeWhere(values: Token[][] | undefined, specialty: Prisma.Sql, therapies: Prisma.Sql) {
  return (values ?? []).map((tokens) => {
    const specialties = distinct(tokens.flatMap((t) => specialtiesOf(t, true)));
    const treatments = distinct(tokens.flatMap(therapiesOf));
    return Prisma.sql`(${specialty} = ANY(${specialties}::text[]) OR ${therapies} && ${treatments}::text[])`;
  });
}

/** Institution ids a reference parameter names (Organization/x, Location/x or a bare id). */
function institutionIds(values: ReferenceValue[][] | undefined): Prisma.Sql[] {
  return (values ?? []).map((refs) => Prisma.sql`i.id = ANY(${refs.map((r) => r.id)}::text[])`);
}

// ---------------------------------------------------------------- cities (address-city)

/** Ids of cities whose name in any language, Chinese name or slug starts with the value (FHIR string match). */
async function citiesNamed(db: Db, value: string): Promise<string[]> {
  const cities = await db.$queryRaw<{ id: string; slug: string; name_zh: string; names: string[] }[]>`
    SELECT c.id, c.slug, c.name_zh, COALESCE(array_agg(ct.name) FILTER (WHERE ct.name IS NOT NULL), '{}') AS names
    FROM city c LEFT JOIN city_translation ct ON ct.city_id = c.id GROUP BY c.id`;
  const wanted = foldText(value);
  return cities
    .filter((c) => [c.slug, c.name_zh, ...c.names].some((n) => foldText(n).startsWith(wanted)))
    .map((c) => c.id);
}

// ---------------------------------------------------------------- Organization and Location

const institutionParams = {
  _id: idsParam,
  identifier: tokensParam,
  name: stringsParam,
  "address-city": stringsParam,
};

export const organizationSearchSchema = z.object({ ...institutionParams, ...pagingParams });

export const locationSearchSchema = z.object({
  ...institutionParams,
  organization: referencesParam(["Organization"]),
  ...pagingParams,
});

type InstitutionQuery = z.output<typeof locationSearchSchema>;

async function institutionWhere(db: Db, q: Partial<InstitutionQuery>): Promise<Prisma.Sql> {
  const parts: Prisma.Sql[] = [];
  for (const ids of q._id ?? []) parts.push(Prisma.sql`i.id = ANY(${ids}::text[])`);
  parts.push(...institutionIds(q.organization));
  for (const tokens of q.identifier ?? []) {
    const slugs = tokens
      .filter((t) => t.system === undefined || t.system === systems.institutionSlug())
      .map((t) => t.code);
    parts.push(Prisma.sql`i.slug = ANY(${slugs}::text[])`);
  }
  for (const name of q.name ?? []) parts.push(Prisma.sql`i.id IN (${institutionTextIds(textMatch(name))})`);
  for (const city of q["address-city"] ?? [])
    parts.push(Prisma.sql`i.city_id = ANY(${await citiesNamed(db, city)}::text[])`);
  return all(parts);
}

async function countWhere(db: Db, from: Prisma.Sql, where: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`;
  return Number(row?.n ?? 0);
}

/** Rows of one page: fetches one more than _count to know whether a next page exists. */
function pageOf<T>(rows: T[], count: number): { rows: T[]; hasMore: boolean } {
  return { rows: rows.slice(0, count), hasMore: rows.length > count };
}

async function searchInstitutions(
  db: Db,
  q: Partial<InstitutionQuery> & { _count: number; _offset: number },
): Promise<{ rows: InstitutionRow[]; hasMore: boolean; total: number }> {
  const where = await institutionWhere(db, q);
  const [rows, total] = await Promise.all([
    q._count === 0 ? [] : readInstitutions(db, where, Prisma.sql`i.id`, q._count + 1, q._offset),
    countWhere(db, Prisma.sql`institution i JOIN city c ON c.id = i.city_id`, where),
  ]);
  return { ...pageOf(rows, q._count), total };
}

export async function searchOrganizations(
  db: Db,
  q: z.output<typeof organizationSearchSchema>,
): Promise<DirectoryPage> {
  const { rows, hasMore, total } = await searchInstitutions(db, q);
  return { matches: rows.map(toOrganization), includes: [], total, hasMore };
}

export async function searchLocations(
  db: Db,
  q: InstitutionQuery,
  text: DirectoryText,
): Promise<DirectoryPage> {
  const { rows, hasMore, total } = await searchInstitutions(db, q);
  return { matches: rows.map((r) => toLocation(r, text)), includes: [], total, hasMore };
}

// ---------------------------------------------------------------- HealthcareService

export const HEALTHCARE_SERVICE_INCLUDES = ["HealthcareService:organization", "HealthcareService:location"];

export const healthcareServiceSearchSchema = z.object({
  _id: idsParam,
  organization: referencesParam(["Organization"]),
  location: referencesParam(["Location"]),
  specialty: tokensParam,
  "service-type": tokensParam,
  communication: tokensParam,
  _include: includeParam(HEALTHCARE_SERVICE_INCLUDES),
  ...pagingParams,
});

/** BCP-47 tags as our ISO 639-1 language codes ("en-GB" → "en"). */
function languagesOf(tokens: Token[]): string[] {
  return tokens
    .filter((t) => t.system === undefined || t.system === standard.bcp47)
    .map((t) => t.code.toLowerCase().split("-")[0]!);
}

export async function searchHealthcareServices(
  db: Db,
  q: z.output<typeof healthcareServiceSearchSchema>,
  text: DirectoryText,
  now: Date = new Date(),
): Promise<DirectoryPage> {
  // A retired department or package is no longer offered: out of the search (a read by id still finds it).
  const parts: Prisma.Sql[] = [offeredSql("svc")];
  for (const ids of q._id ?? []) parts.push(Prisma.sql`svc.fhir_id = ANY(${ids}::text[])`);
  for (const refs of [...(q.organization ?? []), ...(q.location ?? [])])
    parts.push(Prisma.sql`svc.institution_id = ANY(${refs.map((r) => r.id)}::text[])`);
  for (const tokens of q.specialty ?? []) {
    const codes = distinct(tokens.flatMap((t) => specialtiesOf(t, false)));
    parts.push(Prisma.sql`svc.specialty = ANY(${codes}::text[])`);
  }
  parts.push(...serviceTypeWhere(q["service-type"], Prisma.sql`svc.specialty`, Prisma.sql`svc.therapies`));
  for (const tokens of q.communication ?? [])
    parts.push(Prisma.sql`svc.languages && ${languagesOf(tokens)}::text[]`);
  const where = all(parts);
  const [found, [count]] = await Promise.all([
    q._count === 0 ? [] : readServices(db, where, now, Prisma.sql`svc.fhir_id`, q._count + 1, q._offset),
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (${serviceCountSelect}) svc WHERE ${where}`,
  ]);
  const { rows, hasMore } = pageOf(found, q._count);
  const includes: Resource[] = [];
  const wantOrg = q._include.has("HealthcareService:organization");
  const wantLoc = q._include.has("HealthcareService:location");
  if (rows.length && (wantOrg || wantLoc)) {
    const ids = distinct(rows.map((r) => r.institution.id));
    const institutions = await readInstitutions(db, Prisma.sql`i.id = ANY(${ids}::text[])`);
    if (wantOrg) includes.push(...institutions.map(toOrganization));
    if (wantLoc) includes.push(...institutions.map((r) => toLocation(r, text)));
  }
  return {
    matches: rows.map((r) => toHealthcareService(r, text)),
    includes,
    total: Number(count?.n ?? 0),
    hasMore,
  };
}

/** The columns of serviceRowSelect a count filters on, without its translations and agreements. */
const serviceCountSelect = Prisma.sql`
  SELECT 'dept-' || d.id AS fhir_id, d.institution_id, d.specialty, ARRAY[]::text[] AS therapies, i.languages, d.retired_at
  FROM department d JOIN institution i ON i.id = d.institution_id
  UNION ALL
  SELECT 'pkg-' || p.id, p.institution_id, 'tcm', p.therapies, i.languages, p.retired_at
  FROM tcm_package p JOIN institution i ON i.id = p.institution_id`;

// ---------------------------------------------------------------- Schedule

export const SCHEDULE_INCLUDES = ["Schedule:actor"];

export const scheduleSearchSchema = z.object({
  _id: idsParam,
  actor: referencesParam(["HealthcareService", "Location"]),
  "service-type": tokensParam,
  active: tokensParam,
  _include: includeParam(SCHEDULE_INCLUDES),
  ...pagingParams,
});

/** A reference to a HealthcareService or a Location as a condition on a schedule's columns. */
function actorWhere(ref: ReferenceValue): Prisma.Sql {
  const service = ref.type === "Location" ? null : parseHealthcareServiceId(ref.id);
  if (service)
    return service.kind === "department"
      ? Prisma.sql`sch.department_id = ${service.id}`
      : Prisma.sql`sch.package_id = ${service.id}`;
  return ref.type === "HealthcareService" ? Prisma.sql`false` : Prisma.sql`sch.institution_id = ${ref.id}`;
}

export async function searchSchedules(
  db: Db,
  q: z.output<typeof scheduleSearchSchema>,
  text: DirectoryText,
  now: Date = new Date(),
): Promise<DirectoryPage> {
  const parts: Prisma.Sql[] = [];
  for (const ids of q._id ?? []) parts.push(Prisma.sql`sch.id = ANY(${ids}::text[])`);
  for (const refs of q.actor ?? []) parts.push(any(refs.map(actorWhere)));
  parts.push(...serviceTypeWhere(q["service-type"], Prisma.sql`sch.specialty`, Prisma.sql`sch.therapies`));
  for (const tokens of q.active ?? []) {
    const wanted = tokens
      .filter((t) => t.code === "true" || t.code === "false")
      .map((t) => t.code === "true");
    parts.push(Prisma.sql`sch.active = ANY(${wanted}::boolean[])`);
  }
  const where = all(parts);
  const [found, total] = await Promise.all([
    q._count === 0 ? [] : readSchedules(db, where, now, Prisma.sql`sch.id`, q._count + 1, q._offset),
    countWhere(db, Prisma.sql`(${scheduleCountSelect}) sch`, where),
  ]);
  const { rows, hasMore } = pageOf(found, q._count);
  return {
    matches: rows.map((r) => toSchedule(r, text)),
    includes: q._include.has("Schedule:actor") ? await actorsOf(db, rows, text, now) : [],
    total,
    hasMore,
  };
}

/** The columns of scheduleRowSelect a count filters on (no horizons). */
const scheduleCountSelect = Prisma.sql`
  SELECT s.id, s.institution_id, s.department_id, s.package_id, COALESCE(d.specialty, 'tcm') AS specialty,
    COALESCE(p.therapies, ARRAY[]::text[]) AS therapies, (s.active AND ${slotOfferedSql("d", "p")}) AS active
  FROM schedule s LEFT JOIN department d ON d.id = s.department_id LEFT JOIN tcm_package p ON p.id = s.package_id
  UNION ALL
  SELECT 'dept-' || d.id, d.institution_id, d.id, NULL, d.specialty, ARRAY[]::text[], ${offeredSql("d")}
  FROM department d WHERE EXISTS (SELECT 1 FROM slot x WHERE x.department_id = d.id AND x.schedule_id IS NULL)
  UNION ALL
  SELECT 'pkg-' || p.id, p.institution_id, NULL, p.id, 'tcm', p.therapies, ${offeredSql("p")}
  FROM tcm_package p WHERE EXISTS (SELECT 1 FROM slot x WHERE x.package_id = p.id AND x.schedule_id IS NULL)`;

/** Schedule:actor — the HealthcareServices and Locations the schedules name. */
async function actorsOf(db: Db, rows: ScheduleRow[], text: DirectoryText, now: Date): Promise<Resource[]> {
  if (rows.length === 0) return [];
  const serviceIds = distinct(
    rows.map((r) =>
      r.departmentId
        ? healthcareServiceId({ kind: "department", id: r.departmentId })
        : healthcareServiceId({ kind: "package", id: r.packageId! }),
    ),
  );
  const institutionIds = distinct(rows.map((r) => r.institutionId));
  const [services, institutions] = await Promise.all([
    readServices(db, Prisma.sql`svc.fhir_id = ANY(${serviceIds}::text[])`, now),
    readInstitutions(db, Prisma.sql`i.id = ANY(${institutionIds}::text[])`),
  ]);
  return [
    ...services.map((r: ServiceRow) => toHealthcareService(r, text)),
    ...institutions.map((r) => toLocation(r, text)),
  ];
}

// ---------------------------------------------------------------- Slot

export const SLOT_INCLUDES = ["Slot:schedule"];
export const SLOT_STATUSES = [
  "free",
  "busy",
  "busy-unavailable",
  "busy-tentative",
  "entered-in-error",
] as const;

export const slotSearchSchema = z.object({
  _id: idsParam,
  schedule: referencesParam(["Schedule"]),
  start: datesParam,
  status: tokensParam,
  "service-type": tokensParam,
  _include: includeParam(SLOT_INCLUDES),
  ...pagingParams,
});

/** A date bound on a column (FHIR's prefixes over the value's range [from, to)). */
export function dateWhere(column: Prisma.Sql, b: DateBound): Prisma.Sql {
  switch (b.prefix) {
    case "eq":
      return Prisma.sql`(${column} >= ${b.from} AND ${column} < ${b.to})`;
    case "ne":
      return Prisma.sql`(${column} < ${b.from} OR ${column} >= ${b.to})`;
    case "lt":
    case "eb":
      return Prisma.sql`${column} < ${b.from}`;
    case "le":
      return Prisma.sql`${column} < ${b.to}`;
    case "gt":
    case "sa":
      return Prisma.sql`${column} >= ${b.to}`;
    case "ge":
      return Prisma.sql`${column} >= ${b.from}`;
  }
}

/** A Schedule reference as a condition on a slot: its schedule, or a service's fallback schedule. */
function scheduleWhere(ref: ReferenceValue): Prisma.Sql {
  const service = parseHealthcareServiceId(ref.id);
  if (service)
    return service.kind === "department"
      ? Prisma.sql`(s.schedule_id IS NULL AND s.department_id = ${service.id})`
      : Prisma.sql`(s.schedule_id IS NULL AND s.package_id = ${service.id})`;
  return Prisma.sql`s.schedule_id = ${ref.id}`;
}

export async function searchSlots(
  db: Db,
  q: z.output<typeof slotSearchSchema>,
  text: DirectoryText,
  now: Date = new Date(),
): Promise<DirectoryPage> {
  const parts: Prisma.Sql[] = [];
  for (const ids of q._id ?? []) parts.push(Prisma.sql`s.id = ANY(${ids}::text[])`);
  for (const refs of q.schedule ?? []) parts.push(any(refs.map(scheduleWhere)));
  for (const bound of q.start ?? []) parts.push(dateWhere(Prisma.sql`s.starts_at`, bound));
  for (const tokens of q.status ?? []) {
    const statuses = tokens
      .filter((t) => t.system === undefined || t.system === "http://hl7.org/fhir/slotstatus")
      .map((t) => t.code);
    parts.push(Prisma.sql`${slotStatusSql} = ANY(${statuses}::text[])`);
  }
  parts.push(
    ...serviceTypeWhere(
      q["service-type"],
      Prisma.sql`COALESCE(d.specialty, 'tcm')`,
      Prisma.sql`COALESCE(p.therapies, ARRAY[]::text[])`,
    ),
  );
  const where = all(parts);
  // The total only when a schedule bounds the search (an index range); across every slot it is not cheap.
  const cheap = (q.schedule?.length ?? 0) > 0 || (q._id?.length ?? 0) > 0;
  const [found, total] = await Promise.all([
    q._count === 0 ? [] : readSlots(db, where, Prisma.sql`s.starts_at, s.id`, q._count + 1, q._offset),
    cheap
      ? countWhere(
          db,
          Prisma.sql`slot s LEFT JOIN department d ON d.id = s.department_id LEFT JOIN tcm_package p ON p.id = s.package_id`,
          where,
        )
      : undefined,
  ]);
  const { rows, hasMore } = pageOf(found, q._count);
  return {
    matches: rows.map((r) => toSlot(r, text)),
    includes: q._include.has("Slot:schedule") ? await schedulesOf(db, rows, text, now) : [],
    ...(total !== undefined ? { total } : {}),
    hasMore,
  };
}

async function schedulesOf(db: Db, rows: SlotRow[], text: DirectoryText, now: Date): Promise<Resource[]> {
  if (rows.length === 0) return [];
  const ids = distinct(rows.map(scheduleIdOf));
  const schedules = await readSchedules(db, Prisma.sql`sch.id = ANY(${ids}::text[])`, now);
  return schedules.map((r) => toSchedule(r, text));
}

// ---------------------------------------------------------------- reads by id

/** The resource with this logical id, or NOT_FOUND (an id that is not one of ours is not found either). */
export async function readDirectoryResource(
  db: Db,
  type: "Organization" | "Location" | "HealthcareService" | "Schedule" | "Slot",
  id: string,
  text: DirectoryText,
  now: Date = new Date(),
): Promise<Resource> {
  if (!fhirIdSchema.safeParse(id).success) throw new AppError("NOT_FOUND");
  let found: Resource | undefined;
  switch (type) {
    case "Organization":
    case "Location": {
      const [row] = await readInstitutions(db, Prisma.sql`i.id = ${id}`);
      found = row && (type === "Organization" ? toOrganization(row) : toLocation(row, text));
      break;
    }
    case "HealthcareService": {
      const [row] = await readServices(db, Prisma.sql`svc.fhir_id = ${id}`, now);
      found = row && toHealthcareService(row, text);
      break;
    }
    case "Schedule": {
      const [row] = await readSchedules(db, Prisma.sql`sch.id = ${id}`, now);
      found = row && toSchedule(row, text);
      break;
    }
    case "Slot": {
      const [row] = await readSlots(db, Prisma.sql`s.id = ${id}`);
      found = row && toSlot(row, text);
      break;
    }
  }
  if (!found) throw new AppError("NOT_FOUND");
  return found;
}
