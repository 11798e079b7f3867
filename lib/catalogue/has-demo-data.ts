import { TtlCache } from "../cache/ttl-cache";
import type { DbClient } from "../db/create-client";

export async function hasDemoData(db: DbClient): Promise<boolean> {
  const row = await db.institution.findFirst({ where: { isDemo: true }, select: { id: true } });
  return row !== null;
}

// Every page's footer asks; the answer changes only when the catalogue is
// seeded or cleared, so each instance reuses it for a minute instead of
// querying (and, without demo rows, reading the whole table) on every render.
const demoCache = new TtlCache<boolean>(60_000, 1);

export function hasDemoDataCached(db: DbClient): Promise<boolean> {
  return demoCache.get("demo", () => hasDemoData(db));
}
