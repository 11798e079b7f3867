// The SMART Scheduling Links bulk publication (HL7 SMART Scheduling Links
// STU1, ADR 0023): the manifest GET /fhir/r4/$bulk-publish, which files it
// lists, and each file's fingerprint. The manifest is cheap (no slot is
// scanned: it lists each city's files and the weeks up to its last slot); the
// files are live (read when fetched), each with a fingerprint of the rows it is
// made of, one aggregate over the same rows the file serializes
// (lib/fhir/directory/rows.ts) and the same free/busy decision
// (slotStatusSql), so a file's ETag changes exactly when its data does and an
// aggregator re-reads only the files whose ETag changed.
import type { DbClient } from "../../db/create-client";
import { Prisma } from "../../db/generated/client";
import { institutionRowSelect, scheduleRowSelect, serviceRowSelect, slotStatusSql } from "../directory/rows";
import { fhirUrl } from "../systems";
import { publicBaseUrl } from "../../env";
import { ChangeClock, weakEtag, type Freshness } from "./conditional";
import { bulkFilePath, stateOf, weeksBetween, type BulkFile } from "./partitions";

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
}

/**
 * Every file of the publication, cheaply (an index probe per institution, no
 * slot scanned): per city with institutions its Location, HealthcareService and
 * Schedule files, and a Slot file for each week from this one to the week of
 * its last slot. A listed file may be empty (a week without slots).
 */
export async function publishedFiles(db: Reader, now: Date): Promise<PublishedFile[]> {
  const cities = await db.$queryRaw<{ city: string; province: string; last: Date | null }[]>`
    SELECT c.slug AS city, c.province, max(x.last) AS last
    FROM city c JOIN institution i ON i.city_id = c.id
      LEFT JOIN LATERAL (SELECT max(s.starts_at) AS last FROM slot s WHERE s.institution_id = i.id) x ON true
    GROUP BY 1, 2 ORDER BY 1`;
  const files: PublishedFile[] = [];
  for (const type of ["Location", "HealthcareService", "Schedule"] as const)
    for (const c of cities) files.push({ file: { type, city: c.city }, state: stateOf(c.province) });
  for (const c of cities)
    if (c.last && c.last > now)
      for (const week of weeksBetween(now, c.last))
        files.push({ file: { type: "Slot", city: c.city, week }, state: stateOf(c.province) });
  return files;
}

const manifestClock = new ChangeClock(16);

/**
 * The manifest and its validators. Its ETag covers the list of files (and
 * their state hints); transactionTime and Last-Modified are when this server
 * first saw that list. Each file's data has its own validators, read when the
 * file is fetched (live, never older than the manifest): a client re-reads the
 * manifest, then sends each file's If-None-Match and fetches only what changed.
 */
export async function bulkManifest(
  db: Reader,
  now: Date = new Date(),
  clock: ChangeClock = manifestClock,
): Promise<{ manifest: BulkManifest; freshness: Freshness }> {
  const files = await publishedFiles(db, now);
  const paths = files.map((f) => `${bulkFilePath(f.file)} ${f.state}`);
  const etag = weakEtag(PUBLICATION_VERSION, publicBaseUrl(), ...paths);
  const since = clock.since("manifest", etag, now);
  const manifest: BulkManifest = {
    transactionTime: since.toISOString(),
    request: fhirUrl("$bulk-publish"),
    requiresAccessToken: false,
    output: files.map((f) => ({
      type: f.file.type,
      url: `${publicBaseUrl()}${bulkFilePath(f.file)}`,
      extension: { state: [f.state] },
    })),
    error: [],
  };
  return { manifest, freshness: { etag, lastModified: since, maxAgeSeconds: MANIFEST_MAX_AGE } };
}
