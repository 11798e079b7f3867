// The e2e server's own database, for arranging what a journey starts from (a
// booking on a given day, say) without going through the pages. A booking made
// here goes through the same use case as the booking form (createBooking, via
// tests/helpers/book.ts), but not through the adapters' abuse limits: those are
// per client address and shared by the whole suite (tests/e2e/README.md), so
// a test that checks something *after* booking arranges its booking here and
// keeps the page-driven bookings for the journeys that test booking itself.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createDbClient, type DbClient } from "../../../lib/db/create-client";
import type { AppError } from "../../../lib/errors";
import { bookFromBody } from "../../helpers/book";
import { runningEmbeddedUrl } from "../../../scripts/lib/runtime";

let client: DbClient | undefined;

/** A client of the database the e2e server runs on (started by playwright.config.ts's webServer). */
export function portalDb(): DbClient {
  if (client) return client;
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set: run through playwright.config.ts");
  // The server's key, so what the use case encrypts (passport, policy numbers) the server can read.
  process.env.DATA_ENCRYPTION_KEY ??= readFileSync(path.join(dataDir, "encryption.key"), "utf8").trim();
  process.env.PUBLIC_BASE_URL ??= `http://localhost:${process.env.E2E_PORT ?? 3100}`;
  const url = runningEmbeddedUrl({ PORTAL_DATA_DIR: dataDir } as Parameters<typeof runningEmbeddedUrl>[0]);
  if (!url) throw new Error(`No running embedded database in ${dataDir}`);
  client = createDbClient(url);
  return client;
}

export interface ArrangedBooking {
  reference: string;
  /** Path and query of the patient's manage page, e.g. /ar/bookings/BJ-…?token=… */
  managePath: string;
  slotId: string;
  startsAt: Date;
}

/**
 * Books the first free slot of `institution` (its slug) that starts after `from` (and before
 * `before`, when given), as a self-paying patient writing in `locale`. Each call uses its own
 * e-mail address. Throws when no such slot is free.
 */
export async function arrangeBooking(options: {
  institution: string;
  locale: string;
  from: Date;
  before?: Date;
  department?: string;
  patient?: Partial<{ name: string; nationality: string; email: string; visaLetterWanted: boolean }>;
}): Promise<ArrangedBooking> {
  const db = portalDb();
  const candidates = await db.slot.findMany({
    where: {
      institution: { slug: options.institution },
      ...(options.department ? { department: { slug: options.department } } : {}),
      startsAt: { gt: options.from, ...(options.before ? { lt: options.before } : {}) },
      packageId: null,
      closed: false,
      schedule: { active: true },
    },
    orderBy: { startsAt: "asc" },
    take: 50,
  });
  // booked < capacity is not room: live holds take places too, and another test may be booking
  // the same slot now (two workers, the same hospital). A slot that turns out full is skipped, as
  // a patient would pick another time; any other refusal fails the arrangement.
  const free = candidates.filter((s) => s.booked < s.capacity);
  for (const slot of free) {
    const id = randomUUID().slice(0, 8);
    let booked: Awaited<ReturnType<typeof bookFromBody>>;
    try {
      booked = await bookFromBody(
        db,
        {
          slotId: slot.id,
          locale: options.locale,
          name: options.patient?.name ?? "Amira Haddad",
          nationality: options.patient?.nationality ?? "EG",
          dateOfBirth: "1988-03-14",
          email: options.patient?.email ?? `e2e-${id}@example.com`,
          phone: "+20 10 1234 5678",
          preferredLanguage: "en",
          reasonForVisit: "Follow-up consultation",
          interpreterWanted: false,
          visaLetterWanted: options.patient?.visaLetterWanted ?? false,
          // A visa letter needs the passport number it will carry.
          ...(options.patient?.visaLetterWanted ? { passportNumber: "N1234567" } : {}),
          paymentMethod: "SELF_PAY",
          consentTerms: true,
          consentSensitive: true,
        },
        { idempotencyKey: `e2e-arranged-${id}-${Date.now()}`, clientKey: `e2e-arranged-${id}` },
      );
    } catch (error) {
      if (error instanceof Error && (error as AppError).code === "SLOT_FULL") continue;
      throw error;
    }
    return {
      reference: booked.reference,
      managePath: `/${options.locale}/bookings/${booked.reference}?token=${booked.manageToken}`,
      slotId: slot.id,
      startsAt: slot.startsAt,
    };
  }
  throw new Error(`No free slot at ${options.institution} after ${options.from.toISOString()}`);
}
