// `npm run db:seed`: demo data into an empty database, on request (also with
// DATABASE_URL). `npm run db:seed -- --scale 850`: a synthetic catalogue of 850
// institutions for benchmarks. Uses the running embedded database when the
// portal is up, or starts and stops it.
import { isDatabaseEmpty, seedDemo } from "../lib/seed/seed-demo";
import { seedSynthetic } from "../lib/seed/seed-synthetic";
import { fail, loadEnvOrExit, log, openScriptDatabase } from "./lib/runtime";

const argv = process.argv.slice(2);
const scaleIndex = argv.indexOf("--scale");
let scale: number | undefined;
if (scaleIndex >= 0) {
  scale = Number(argv[scaleIndex + 1]);
  if (!Number.isInteger(scale) || scale < 1 || scale > 100_000)
    fail("--scale needs a whole number of institutions from 1 to 100000, e.g. --scale 850.");
}

const env = loadEnvOrExit();
const { db, close } = await openScriptDatabase(env);

try {
  const started = Date.now();
  if (scale !== undefined) {
    const s = await seedSynthetic(db, scale);
    log(
      `Synthetic catalogue: ${s.institutions} institutions in ${s.cities} cities, ${s.departments} departments, ${s.packages} TCM packages, ${s.agreements} agreements (${((Date.now() - started) / 1000).toFixed(1)} s).`,
    );
  } else if (await isDatabaseEmpty(db)) {
    const s = await seedDemo(db);
    log(
      `Seeded ${s.cities} cities, ${s.institutions} institutions, ${s.packages} TCM packages, ${s.slots} slots and ${s.users} demo accounts in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  } else {
    log(
      "The database already has institutions or users; the demo seed only goes into an empty database. Nothing changed.",
    );
  }
} finally {
  await close();
}
