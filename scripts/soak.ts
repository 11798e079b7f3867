// The long run of the randomized concurrent model test (issue 13, DESIGN rule
// 9): `npm run soak -- --ops 100000 [--seed N] [--workers 8]`. A fresh
// embedded PostgreSQL, migrated; the model drives every use case that touches
// a booking, a hold, a slot or a month and checks the invariants in SQL after
// every round. Prints operations per second and the checks passed; a
// violation prints its seed and the operations that led to it, and exits 1.
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDbClient } from "../lib/db/create-client";
import { makeTempDataDir, startEmbeddedPostgres } from "../lib/db/embedded";
import { migrateDeploy } from "../lib/db/migrate";
import { ModelFailure, runModel } from "../tests/model/booking-model";

const { values } = parseArgs({
  options: {
    ops: { type: "string", default: "100000" },
    seed: { type: "string" },
    workers: { type: "string", default: "8" },
    runs: { type: "string", default: "1" },
  },
});
const ops = Number(values.ops);
const workers = Number(values.workers);
const runs = Number(values.runs);
if (
  !Number.isInteger(ops) ||
  ops < 1 ||
  !Number.isInteger(workers) ||
  workers < 1 ||
  !Number.isInteger(runs)
) {
  console.error("usage: npm run soak -- --ops N [--seed N] [--workers N] [--runs N]");
  process.exit(2);
}
process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

const dir = await makeTempDataDir("portal-soak-");
const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg") });
let exitCode = 0;
try {
  await pg.ensureDatabase("soak");
  const url = pg.url("soak");
  await migrateDeploy(url);
  const db = createDbClient(url);
  let total = 0;
  let checks = 0;
  let seconds = 0;
  for (let run = 0; run < runs; run++) {
    const seed = values.seed !== undefined ? Number(values.seed) + run : Math.floor(Math.random() * 2 ** 31);
    let last = Date.now();
    const result = await runModel(db, {
      seed,
      ops,
      workers,
      onRound: (_round, done) => {
        if (Date.now() - last > 10_000) {
          last = Date.now();
          console.log(`[soak] seed ${seed}: ${done}/${ops} operations`);
        }
      },
    });
    total += result.ops;
    checks += result.invariantChecks;
    seconds += result.seconds;
    console.log(
      `[soak] seed ${seed}: ${result.ops} operations, ${result.rounds} rounds, ${result.invariantChecks} invariant checks passed, ` +
        `${(result.ops / result.seconds).toFixed(0)} operations/s`,
    );
    console.log(
      Object.entries(result.outcomes)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `  ${k.padEnd(32)} ${v}`)
        .join("\n"),
    );
  }
  console.log(
    `[soak] total: ${total} operations in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)} operations/s), ` +
      `${checks} invariant checks passed, 0 violations`,
  );
  await db.$disconnect();
} catch (error) {
  exitCode = 1;
  console.error(error instanceof ModelFailure ? error.message : error);
} finally {
  await pg.stop();
  await rm(dir, { recursive: true, force: true });
}
process.exit(exitCode);
