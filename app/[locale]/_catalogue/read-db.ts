// The database client for a public catalogue page's reads: a read replica
// unless this visitor wrote moments ago or the replica is down or behind
// (lib/db/replicas.ts, ADR 0028). Console and booking pages use getDb().
// In a request the rendered-page cache may keep, every read of the request goes
// to the database chosen first, where the page's tag generations are read
// before its data (lib/cache/page-cache-render.ts, ADR 0030).
import "server-only";
import { headers } from "next/headers";
import type { DbClient } from "@/lib/db/create-client";
import { readDb } from "@/lib/db/replicas";
import { pinnedCatalogueDb } from "@/lib/cache/page-cache-render";

export function catalogueDb(): Promise<DbClient> {
  return pinnedCatalogueDb(async () => readDb(await headers()));
}
