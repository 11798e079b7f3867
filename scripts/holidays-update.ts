// `npm run holidays:update`: loads every year of the mainland's holiday
// arrangement that the installed chinese-days package has into the calendar
// tables (ADR 0015), replacing those years; a year the system admin imported
// that the package lacks is left as it is. Upgrade the package when the State
// Council publishes a year, then run this. Uses the running embedded database
// when the portal is up (or DATABASE_URL), or starts and stops it.
import { PACKAGE_SOURCE, refreshFromPackage } from "../lib/holidays/package-calendar";
import { loadEnvOrExit, log, openScriptDatabase } from "./lib/runtime";

const env = loadEnvOrExit();
const { db, close } = await openScriptDatabase(env);

try {
  const years = await refreshFromPackage(db);
  const all = await db.holidayYear.findMany({ orderBy: { year: "asc" }, select: { year: true } });
  log(
    `Holiday calendar: ${years.length} years from ${PACKAGE_SOURCE} (${years[0]}–${years.at(-1)}); covered now: ${all[0]?.year}–${all.at(-1)?.year} (${all.length} years).`,
  );
} finally {
  await close();
}
