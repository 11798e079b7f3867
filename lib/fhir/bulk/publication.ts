// The SMART Scheduling Links bulk publication (HL7 SMART Scheduling Links
// STU1, ADR 0023): the manifest GET /fhir/r4/$bulk-publish and which files it
// lists. The files are live (read when fetched); the manifest says, per file,
// a fingerprint of the data the file is made of, so an aggregator fetches only
// the files whose data changed (the URL carries the fingerprint, and the file
// answers 304 to a matching If-None-Match). Fingerprints are one aggregate per
// kind over the same rows the files serialize (lib/fhir/directory/rows.ts) and
// the same free/busy decision (slotStatusSql), so a file changes exactly when
// its fingerprint does.
import type { DbClient } from "../../db/create-client";
import { Prisma } from "../../db/generated/client";
import { BEIJING } from "../../time/zone";
import { institutionRowSelect, scheduleRowSelect, serviceRowSelect, slotStatusSql } from "../directory/rows";
import { fhirBaseUrl, fhirUrl } from "../systems";
import { publicBaseUrl } from "../../env";
import { ChangeClock, weakEtag, type Freshness } from "./conditional";
import { bulkFilePath, stateOf, type BulkFile } from "./partitions";

type Reader = Pick<DbClient, "$queryRaw">;

/**
 * Bumped when the files' serialization changes without the data changing, so
 * clients holding an older file's ETag fetch it again.
 */
export const PUBLICATION_VERSION = 1;

/** Polling hints (Cache-Control max-age): the IG asks clients to poll at most once a minute. */
export const MANIFEST_MAX_AGE = 300;
export const FILE_MAX_AGE: Record<BulkFile["type"], number> = {
  Location: 300,
  HealthcareService: 300,
  Schedule: 300,
  Slot: 60,
};

/** A Slot file holds future slots only: from `now` (or the week's start, if later) to the week's end. */
export const futureSlot = (now: Date) => Prisma.sql`s.starts_at > ${now}`;

/** One slot's contribution to its file's fingerprint: every column its Slot is made of, and its free/busy status. */
const slotHash = Prisma.sql`hashtextextended(concat_ws('|', s.id, s.schedule_id, s.department_id, s.package_id,
  s.starts_at, s.ends_at, ${slotStatusSql}, i.updated_at, d.updated_at, p.updated_at), 0)`;

const slotJoins = Prisma.sql`slot s JOIN institution i ON i.id = s.institution_id
  LEFT JOIN department d ON d.id = s.department_id LEFT JOIN tcm_package p ON p.id = s.package_id`;

/** The ISO week (Beijing) of the slot aliased s, "2026-W49", as the files are cut. */
const slotWeek = Prisma.sql`to_char(s.starts_at AT TIME ZONE ${BEIJING}, 'IYYY-"W"IW')`;

export interface Print {
  rows: number;
  hash: string;
}

const print = (p: { rows: number | bigint; hash: bigint | string | null }): Print => ({
  rows: Number(p.rows),
  hash: String(p.hash ?? 0),
});

/** The fingerprint of one Location file: the whole row each Location is made of (names, address, hours…). */
export async function locationPrint(db: Reader, city: string): Promise<Print> {
  const [row] = await db.$queryRaw<{ rows: bigint; hash: bigint | null }[]>`
    SELECT count(*) AS rows, bit_xor(hashtextextended(x::text, 0)) AS hash
    FROM (${institutionRowSelect} WHERE c.slug = ${city}) x`;
  return print(row ?? { rows: 0, hash: null });
}

/** The fingerprint of one HealthcareService file: every department and package row (fees, billing, names). */
export async function servicePrint(db: Reader, city: string, now: Date): Promise<Print> {
  const [row] = await db.$queryRaw<{ rows: bigint; hash: bigint | null }[]>`
    SELECT count(*) AS rows, bit_xor(hashtextextended(x::text, 0)) AS hash
    FROM (${serviceRowSelect(now)}
      WHERE svc.institution_id IN (SELECT i.id FROM institution i JOIN city c ON c.id = i.city_id WHERE c.slug = ${city})) x`;
  return print(row ?? { rows: 0, hash: null });
}

/** The fingerprint of one Schedule file: every schedule row of the city's institutions. */
export async function schedulePrint(db: Reader, city: string, now: Date): Promise<Print> {
  const [row] = await db.$queryRaw<{ rows: bigint; hash: bigint | null }[]>`
    SELECT count(*) AS rows, bit_xor(hashtextextended(x::text, 0)) AS hash
    FROM (${scheduleRowSelect(now)}
      WHERE sch.institution_id IN (SELECT i.id FROM institution i JOIN city c ON c.id = i.city_id WHERE c.slug = ${city})) x`;
  return print(row ?? { rows: 0, hash: null });
}

/** The fingerprint of one Slot file: the city's future slots starting in [start, end). */
export async function slotPrint(db: Reader, city: string, start: Date, end: Date, now: Date): Promise<Print> {
  const [row] = await db.$queryRaw<{ rows: bigint; hash: bigint | null }[]>`
    SELECT count(*) AS rows, bit_xor(${slotHash}) AS hash
    FROM ${slotJoins}
    WHERE i.city_id = (SELECT id FROM city WHERE slug = ${city})
      AND ${futureSlot(now)} AND s.starts_at >= ${start} AND s.starts_at < ${end}`;
  return print(row ?? { rows: 0, hash: null });
}

/** The ETag of a file from its fingerprint (and what else its bytes depend on: the base URL, the serialization). */
export function fileEtag(file: BulkFile, p: Print): string {
  return weakEtag(PUBLICATION_VERSION, publicBaseUrl(), bulkFilePath(file), p.rows, p.hash);
}

export interface ManifestOutput {
  type: BulkFile["type"];
  url: string;
  /** SMART Scheduling Links: hints for choosing files; `state` is ISO 3166-2 (CN-BJ). */
  extension: { state: string[] };
}

/** The manifest of the SMART Scheduling Links IG (a FHIR Bulk Data manifest, not a FHIR resource). */
export interface BulkManifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: false;
  output: ManifestOutput[];
  error: [];
}

export interface PublishedFile {
  file: BulkFile;
  state: string;
  etag: string;
}

/** Every file of the publication with its ETag, in one aggregate per kind. */
export async function publishedFiles(db: Reader, now: Date): Promise<PublishedFile[]> {
  const [locations, services, schedules, slots] = await Promise.all([
    db.$queryRaw<{ city: string; province: string; rows: bigint; hash: bigint | null }[]>`
      SELECT x.city_slug AS city, x.city_province AS province, count(*) AS rows,
        bit_xor(hashtextextended(x::text, 0)) AS hash
      FROM (${institutionRowSelect}) x GROUP BY 1, 2 ORDER BY 1`,
    db.$queryRaw<{ city: string; rows: bigint; hash: bigint | null }[]>`
      SELECT c.slug AS city, count(*) AS rows, bit_xor(hashtextextended(x::text, 0)) AS hash
      FROM (${serviceRowSelect(now)}) x JOIN institution i ON i.id = x.institution_id JOIN city c ON c.id = i.city_id
      GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<{ city: string; rows: bigint; hash: bigint | null }[]>`
      SELECT c.slug AS city, count(*) AS rows, bit_xor(hashtextextended(x::text, 0)) AS hash
      FROM (${scheduleRowSelect(now)}) x JOIN institution i ON i.id = x.institution_id JOIN city c ON c.id = i.city_id
      GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<{ city: string; week: string; rows: bigint; hash: bigint | null }[]>`
      SELECT c.slug AS city, ${slotWeek} AS week, count(*) AS rows, bit_xor(${slotHash}) AS hash
      FROM ${slotJoins} JOIN city c ON c.id = i.city_id
      WHERE ${futureSlot(now)}
      GROUP BY 1, 2 ORDER BY 1, 2`,
  ]);
  const states = new Map(locations.map((l) => [l.city, stateOf(l.province)]));
  const entry = (file: BulkFile, p: { rows: bigint; hash: bigint | null }): PublishedFile => ({
    file,
    state: states.get(file.city) ?? "CN",
    etag: fileEtag(file, print(p)),
  });
  return [
    ...locations.map((l) => entry({ type: "Location", city: l.city }, l)),
    ...services.map((s) => entry({ type: "HealthcareService", city: s.city }, s)),
    ...schedules.map((s) => entry({ type: "Schedule", city: s.city }, s)),
    ...slots.map((s) => entry({ type: "Slot", city: s.city, week: s.week }, s)),
  ];
}

/** The opaque version a file's URL carries in the manifest (its ETag's tag), so a changed file has a new URL. */
export const urlVersion = (etag: string) => etag.replace(/^W\/"|"$/g, "");

const manifestClock = new ChangeClock(16);

/**
 * The manifest and its validators. transactionTime is when this server first
 * saw the data in its present state (an upper bound of its last change): the
 * time the data set was current as of. Files are read live, so a file fetched
 * later is as new as that fetch, never older than the manifest.
 */
export async function bulkManifest(
  db: Reader,
  now: Date = new Date(),
  clock: ChangeClock = manifestClock,
): Promise<{ manifest: BulkManifest; freshness: Freshness }> {
  const files = await publishedFiles(db, now);
  const etag = weakEtag(PUBLICATION_VERSION, fhirBaseUrl(), ...files.map((f) => f.etag));
  const since = clock.since("manifest", etag, now);
  const manifest: BulkManifest = {
    transactionTime: since.toISOString(),
    request: fhirUrl("$bulk-publish"),
    requiresAccessToken: false,
    output: files.map((f) => ({
      type: f.file.type,
      url: `${publicBaseUrl()}${bulkFilePath(f.file)}?v=${urlVersion(f.etag)}`,
      extension: { state: [f.state] },
    })),
    error: [],
  };
  return { manifest, freshness: { etag, lastModified: since, maxAgeSeconds: MANIFEST_MAX_AGE } };
}
