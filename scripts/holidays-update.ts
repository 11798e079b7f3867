// `npm run holidays:update`: loads every year of the mainland's holiday
// arrangement that the installed chinese-days package has into the calendar
// tables (ADR 0015), replacing those years; a year the system admin imported
// that the package lacks is left as it is. Upgrade the package when the State
// Council publishes a year, then run this. Uses the running embedded database
// when the portal is up (or DATABASE_URL), or starts and stops it.
import { createDbClient } from "../lib/db/create-client";
import { PACKAGE_SOURCE, refreshFromPackage } from "../lib/holidays/package-calendar";
import {
  ensureEncryptionKey,
  loadEnvOrExit,
  log,
  migrate,
  openDatabase,
  runningEmbeddedUrl,
  type Database,
} from "./lib/runtime";

const env = loadEnvOrExit();
ensureEncryptionKey(env);
const running = env.DATABASE_URL ? null : runningEmbeddedUrl(env);
const database: Database = running ? { url: running } : await openDatabase(env);
await migrate(database.url);
const db = createDbClient(database.url);

try {
  const years = await refreshFromPackage(db);
  const all = await db.holidayYear.findMany({ orderBy: { year: "asc" }, select: { year: true } });
  log(
    `Holiday calendar: ${years.length} years from ${PACKAGE_SOURCE} (${years[0]}–${years.at(-1)}); covered now: ${all[0]?.year}–${all.at(-1)?.year} (${all.length} years).`,
  );
} finally {
  await db.$disconnect();
  await database.embedded?.stop();
}
