// The database client for a public catalogue page's reads: a read replica
// unless this visitor wrote moments ago or the replica is down or behind
// (lib/db/replicas.ts, ADR 0028). Console and booking pages use getDb().
import "server-only";
import { headers } from "next/headers";
import type { DbClient } from "@/lib/db/create-client";
import { readDb } from "@/lib/db/replicas";

export async function catalogueDb(): Promise<DbClient> {
  return readDb(await headers());
}
