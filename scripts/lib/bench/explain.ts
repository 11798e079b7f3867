// The statements the catalogue's use cases really send, under EXPLAIN
// (ANALYZE, BUFFERS), for `npm run bench`. A Prisma client whose connections
// load auto_explain (startup options: no change to the database the HTTP
// server uses) with every statement logged at NOTICE level, so each plan
// arrives on the connection that ran it and is collected in this process.
// auto_explain rather than re-running EXPLAIN on captured text: the plans are
// those of the executions themselves, with the parameters the use case bound,
// and nothing has to be rebuilt by hand (ADR 0033).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../../lib/db/generated/client";
import type { DbClient } from "../../../lib/db/create-client";
import { parseAutoExplain, type CapturedPlan } from "./plan-check";

const AUTO_EXPLAIN = [
  "session_preload_libraries=auto_explain",
  "auto_explain.log_min_duration=0",
  "auto_explain.log_analyze=on",
  "auto_explain.log_buffers=on",
  // Per-node timing off: its clock reads inflate the duration of plans with many rows (the
  // duration is what the bench sums); rows and buffers per node still show where the work goes.
  "auto_explain.log_timing=off",
  "auto_explain.log_format=json",
  "auto_explain.log_nested_statements=on",
  "auto_explain.log_level=notice",
  "client_min_messages=notice",
]
  .map((setting) => `-c ${setting}`)
  .join(" ");

export interface ExplainingClient {
  db: DbClient;
  /** The plans captured since the last call, in the order they finished. */
  take(): CapturedPlan[];
  close(): Promise<void>;
}

export function explainingClient(url: string): ExplainingClient {
  let captured: CapturedPlan[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 4, options: AUTO_EXPLAIN });
  pool.on("connect", (client) => {
    client.on("notice", (notice) => {
      const plan = parseAutoExplain(notice.message ?? "");
      if (plan) captured.push(plan);
    });
  });
  pool.on("error", () => {}); // idle connections closed when the server stops
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  return {
    db,
    take() {
      const out = captured;
      captured = [];
      return out;
    },
    close: () => db.$disconnect(),
  };
}

/** Rows per table and materialized view of the public schema (pg_class.reltuples, after ANALYZE). */
export async function tableRows(url: string): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ relname: string; n: number }>(
      `SELECT relname, reltuples::float8 AS n FROM pg_class
       WHERE relkind IN ('r', 'm', 'p') AND relnamespace = 'public'::regnamespace`,
    );
    return new Map(rows.map((r) => [r.relname, Number(r.n)]));
  } finally {
    await client.end();
  }
}
