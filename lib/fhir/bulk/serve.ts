// The HTTP answers of the bulk publication (ADR 0023): the manifest as
// application/json (a Bulk Data manifest is not a FHIR resource) and each file
// as application/fhir+ndjson, both with Cache-Control, ETag and Last-Modified,
// and 304 when the client's copy is current. The route handlers under
// app/fhir/r4/$bulk-publish and app/fhir/r4/bulk only parse the path and call these.
import type { DbClient } from "../../db/create-client";
import { AppError } from "../../errors";
import { FHIR_NDJSON } from "../http";
import { toHealthcareService, toLocation, toSchedule, toSlot } from "../directory/resources";
import { directoryText, type DirectoryText } from "../directory/text";
import {
  ChangeClock,
  freshnessHeaders,
  notModified,
  notModifiedResponse,
  type Freshness,
} from "./conditional";
import { locationBatches, scheduleBatches, serviceBatches, slotBatches } from "./files";
import { ndjsonStream } from "./ndjson";
import { bulkFilePath, cityOfFileName, weekOfFileName, weekRange, type BulkFile } from "./partitions";
import {
  bulkManifest,
  FILE_MAX_AGE,
  fileEtag,
  locationPrint,
  schedulePrint,
  servicePrint,
  slotPrint,
  type Print,
} from "./publication";

/** GET /fhir/r4/$bulk-publish. */
export async function manifestResponse(
  db: DbClient,
  request: Request,
  now: Date = new Date(),
): Promise<Response> {
  const { manifest, freshness } = await bulkManifest(db, now);
  if (notModified(request, freshness)) return notModifiedResponse(freshness);
  return new Response(JSON.stringify(manifest), {
    headers: { "Content-Type": "application/json; charset=utf-8", ...freshnessHeaders(freshness) },
  });
}

/** The file a Location, HealthcareService or Schedule file name names, or NOT_FOUND. */
export function cityFile(type: "Location" | "HealthcareService" | "Schedule", name: string): BulkFile {
  const city = cityOfFileName(name);
  if (!city) throw new AppError("NOT_FOUND");
  return { type, city };
}

/** The Slot file a city and week file name name, or NOT_FOUND. */
export function slotFile(city: string, name: string): BulkFile {
  const week = weekOfFileName(name);
  if (!cityOfFileName(`${city}.ndjson`) || !week) throw new AppError("NOT_FOUND");
  return { type: "Slot", city, week: week.week };
}

const fileClock = new ChangeClock();

/**
 * A file, streamed: its fingerprint is read first (so the ETag sent never
 * claims newer data than the lines that follow), then its rows a batch at a
 * time. A city with no institutions is NOT_FOUND; a week with no slots is an
 * empty file (a listed week can empty out between the manifest and the fetch).
 */
export async function fileResponse(
  db: DbClient,
  request: Request,
  file: BulkFile,
  now: Date = new Date(),
  clock: ChangeClock = fileClock,
): Promise<Response> {
  const known = await db.city.count({ where: { slug: file.city, institutions: { some: {} } } });
  if (!known) throw new AppError("NOT_FOUND");
  const { print, lines } = await fileSource(db, file, now);
  const etag = fileEtag(file, await print());
  const freshness: Freshness = {
    etag,
    lastModified: clock.since(bulkFilePath(file), etag, now),
    maxAgeSeconds: FILE_MAX_AGE[file.type],
  };
  if (notModified(request, freshness)) return notModifiedResponse(freshness);
  return new Response(lines(await directoryText("en")), {
    headers: { "Content-Type": FHIR_NDJSON, ...freshnessHeaders(freshness) },
  });
}

/** How a file's fingerprint and lines are read (English text: a file serves every client alike). */
async function fileSource(
  db: DbClient,
  file: BulkFile,
  now: Date,
): Promise<{ print: () => Promise<Print>; lines: (text: DirectoryText) => ReadableStream<Uint8Array> }> {
  switch (file.type) {
    case "Location":
      return {
        print: () => locationPrint(db, file.city),
        lines: (text) => ndjsonStream(locationBatches(db, file.city), (row) => toLocation(row, text)),
      };
    case "HealthcareService":
      return {
        print: () => servicePrint(db, file.city, now),
        lines: (text) =>
          ndjsonStream(serviceBatches(db, file.city, now), (row) => toHealthcareService(row, text)),
      };
    case "Schedule":
      return {
        print: () => schedulePrint(db, file.city, now),
        lines: (text) => ndjsonStream(scheduleBatches(db, file.city, now), (row) => toSchedule(row, text)),
      };
    case "Slot": {
      const range = weekRange(file.week);
      if (!range) throw new AppError("NOT_FOUND");
      return {
        print: () => slotPrint(db, file.city, range.start, range.end, now),
        lines: (text) =>
          ndjsonStream(slotBatches(db, file.city, range.start, range.end, now), (row) => toSlot(row, text)),
      };
    }
  }
}
