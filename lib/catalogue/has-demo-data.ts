import type { DbClient } from "../db/create-client";

export async function hasDemoData(db: DbClient): Promise<boolean> {
  const row = await db.institution.findFirst({ where: { isDemo: true }, select: { id: true } });
  return row !== null;
}
