// The bulk publication's NDJSON files (ADR 0023), read live and streamed: the
// rows come in keyset batches through the directory's own row readers
// (lib/fhir/directory/rows.ts) and each row becomes one line through the
// directory's serializers, so a Location, Schedule or Slot in a file is the
// same resource a read or search returns. Memory holds one batch, whatever the
// file's size.
import type { DbClient } from "../../db/create-client";
import { Prisma } from "../../db/generated/client";
import {
  readInstitutions,
  readSchedules,
  readServices,
  readSlots,
  type InstitutionRow,
  type ScheduleRow,
  type ServiceRow,
  type SlotRow,
} from "../directory/rows";
import { healthcareServiceId } from "../ids";
import { keysetBatches } from "./ndjson";
import { futureSlot } from "./publication";

type Reader = Pick<DbClient, "$queryRaw">;

/** Rows a batch holds: a Location or Schedule line is a few kB at most. */
export const ROW_BATCH = 500;
/** Institutions whose week of slots is read at once (a few thousand slots at most), then slots in batches. */
export const INSTITUTION_BATCH = 25;

/** The Location rows of a city's institutions, in id order. */
export function locationBatches(
  db: Reader,
  city: string,
  size = ROW_BATCH,
): AsyncGenerator<InstitutionRow[]> {
  return keysetBatches(
    (after, limit) =>
      readInstitutions(
        db,
        after === null ? Prisma.sql`c.slug = ${city}` : Prisma.sql`c.slug = ${city} AND i.id > ${after}`,
        Prisma.sql`i.id`,
        limit,
      ),
    (row) => row.id,
    size,
  );
}

/** The HealthcareService rows (departments, then packages) of a city's institutions, in FHIR id order. */
export function serviceBatches(
  db: Reader,
  city: string,
  now: Date,
  size = ROW_BATCH,
): AsyncGenerator<ServiceRow[]> {
  const inCity = Prisma.sql`svc.institution_id IN (SELECT i.id FROM institution i JOIN city c ON c.id = i.city_id WHERE c.slug = ${city})`;
  return keysetBatches<ServiceRow & { fhirId: string }, string>(
    async (after, limit) =>
      (
        await readServices(
          db,
          after === null ? inCity : Prisma.sql`${inCity} AND svc.fhir_id > ${after}`,
          now,
          Prisma.sql`svc.fhir_id`,
          limit,
        )
      ).map((row) => ({ ...row, fhirId: healthcareServiceId(row) })),
    (row) => row.fhirId,
    size,
  );
}

/** The Schedule rows (and fallback schedules) of a city's institutions, in id order. */
export function scheduleBatches(
  db: Reader,
  city: string,
  now: Date,
  size = ROW_BATCH,
): AsyncGenerator<ScheduleRow[]> {
  const inCity = Prisma.sql`sch.institution_id IN (SELECT i.id FROM institution i JOIN city c ON c.id = i.city_id WHERE c.slug = ${city})`;
  return keysetBatches(
    (after, limit) =>
      readSchedules(
        db,
        after === null ? inCity : Prisma.sql`${inCity} AND sch.id > ${after}`,
        now,
        Prisma.sql`sch.id`,
        limit,
      ),
    (row) => row.id,
    size,
  );
}

/** The ids of a city's institutions, a batch at a time, in id order. */
function institutionBatches(db: Reader, city: string, size: number): AsyncGenerator<{ id: string }[]> {
  return keysetBatches(
    (after, limit) => db.$queryRaw<{ id: string }[]>`
      SELECT i.id FROM institution i JOIN city c ON c.id = i.city_id
      WHERE c.slug = ${city} ${after === null ? Prisma.empty : Prisma.sql`AND i.id > ${after}`}
      ORDER BY i.id LIMIT ${limit}`,
    (row) => row.id,
    size,
  );
}

/**
 * The future Slot rows of a city starting in [start, end): institutions a batch
 * at a time (their slots found through the (institution_id, starts_at) index),
 * each batch's slots read in id order, `size` at a time.
 */
export async function* slotBatches(
  db: Reader,
  city: string,
  start: Date,
  end: Date,
  now: Date,
  size = ROW_BATCH,
): AsyncGenerator<SlotRow[]> {
  for await (const institutions of institutionBatches(db, city, INSTITUTION_BATCH)) {
    const ids = institutions.map((i) => i.id);
    const where = Prisma.sql`s.institution_id = ANY(${ids}::text[]) AND ${futureSlot(now)}
      AND s.starts_at >= ${start} AND s.starts_at < ${end}`;
    yield* keysetBatches(
      (after, limit) =>
        readSlots(
          db,
          after === null ? where : Prisma.sql`${where} AND s.id > ${after}`,
          Prisma.sql`s.id`,
          limit,
        ),
      (row) => row.id,
      size,
    );
  }
}
