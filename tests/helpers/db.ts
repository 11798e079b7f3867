import { createDbClient, type DbClient } from "../../lib/db/create-client";

let client: DbClient | undefined;

/** A Prisma client on this test file's own database. */
export function testDb(): DbClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: integration tests run with tests/setup/test-db.ts");
  client ??= createDbClient(url);
  return client;
}

export async function closeTestDb(): Promise<void> {
  await client?.$disconnect();
  client = undefined;
}
