// What `npm run bench` needs from a seeded catalogue and from the server
// under test: the catalogue's vocabulary (read with plain SQL, so it works on
// the code before and after issue 21 alike) and the production server,
// started the way `npm start` serves (node --import tsx scripts/server.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import path from "node:path";
import pg from "pg";
import { isPortInUse } from "../../../lib/db/embedded";
import type { CatalogueVocabulary } from "./queries";

export async function readVocabulary(url: string): Promise<CatalogueVocabulary> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const column = async (sql: string) => (await client.query<{ v: string }>(sql)).rows.map((r) => r.v);
  try {
    const named = await client.query<{ zh: string; pinyin: string; en: string | null }>(
      `SELECT i.name_zh AS zh, i.name_pinyin AS pinyin, t.name AS en FROM institution i
       LEFT JOIN institution_translation t ON t.institution_id = i.id AND t.locale = 'en'
       WHERE i.slug NOT LIKE 'synthetic-%' ORDER BY i.slug`,
    );
    return {
      citySlugs: await column(
        `SELECT DISTINCT c.slug AS v FROM city c JOIN institution i ON i.city_id = c.id ORDER BY 1`,
      ),
      insurerSlugs: await column(`SELECT slug AS v FROM insurer ORDER BY 1`),
      languages: await column(`SELECT DISTINCT unnest(languages) AS v FROM institution ORDER BY 1`),
      institutionSlugs: await column(`SELECT slug AS v FROM institution ORDER BY 1`),
      names: {
        latin: named.rows.flatMap((r) => (r.en ? [r.en] : [])),
        han: named.rows.map((r) => r.zh),
        // Pinyin as patients type it: syllables run together ("beijing xiehe yiyuan" → "beijingxiehe").
        pinyin: named.rows.flatMap((r) =>
          r.pinyin ? [r.pinyin.split(" ").slice(0, 4).join("").toLowerCase()] : [],
        ),
      },
      departmentNames: {
        latin: await column(
          `SELECT DISTINCT name AS v FROM department_translation WHERE locale = 'en' ORDER BY 1`,
        ),
        han: await column(
          `SELECT DISTINCT name AS v FROM department_translation WHERE locale = 'zh' ORDER BY 1`,
        ),
      },
    };
  } finally {
    await client.end();
  }
}

export interface RunningServer {
  base: string;
  stop(): Promise<void>;
}

/**
 * The production build served through scripts/server.ts with `env` added to
 * this process's environment; its JSON log goes to `logFile` (warnings and
 * errors only: an access-log line per request would cost the server time).
 */
export async function startAppServer(
  root: string,
  port: number,
  env: Record<string, string>,
  logFile: string,
): Promise<RunningServer> {
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts/server.ts")],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "warn",
        PORT: String(port),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  };
  const deadline = Date.now() + 120_000;
  while (!(await isPortInUse(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the app server did not start on port ${port} (log: ${logFile})`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base: `http://127.0.0.1:${port}`, stop };
}
