// The start script's embedded-database lifecycle, run as a user would run it
// (`npm run db:start` is scripts/start.ts --db-only): first start creates,
// migrates and seeds; a second start on the same data is refused clearly;
// Ctrl-C leaves no process behind; a restart keeps every change.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort, isPortInUse, makeTempDataDir } from "../../lib/db/embedded";

const ROOT = path.resolve(import.meta.dirname, "../..");

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startScript(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--db-only"], {
    cwd: ROOT,
    env: { ...process.env, ...env, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(run: Run, pattern: RegExp, timeoutMs = 90_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = run.output().match(pattern);
    if (match) return match[0];
    if (run.child.exitCode !== null) throw new Error(`start script exited early:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${pattern}:\n${run.output()}`);
}

/** Processes whose command line mentions the data directory (postgres runs with -D <dir>). */
function processesUsing(dir: string): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe("start script with the embedded database", () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("starts, refuses a second start, stops cleanly and keeps data across restarts", async () => {
    dir = await makeTempDataDir("portal-lifecycle-");
    const env = { PORTAL_DATA_DIR: dir, EMBEDDED_PG_PORT: String(await findFreePort()) };

    const first = startScript(env);
    const url = (await waitFor(first, /postgresql:\/\/\S+/)).trim();
    expect(first.output()).toContain("seeding the demo catalogue");

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query("SELECT count(*)::int AS n FROM institution");
    expect(rows[0].n).toBeGreaterThanOrEqual(12);
    await client.query(
      "INSERT INTO city (id, slug, name_zh, province, updated_at) VALUES ('kept', 'kept-city', '保留', 'Test', now())",
    );
    await client.end();

    // A second start on the same data directory is refused with a clear message.
    const second = startScript(env);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/in use by another running portal/);
    expect(processesUsing(dir).length).toBeGreaterThan(0); // the first is unharmed

    // Ctrl-C: everything stops, nothing is left running.
    first.child.kill("SIGINT");
    await first.exited;
    const port = Number(new URL(url).port);
    expect(await isPortInUse(port)).toBe(false);
    expect(existsSync(path.join(dir, "pg", "postmaster.pid"))).toBe(false);
    expect(processesUsing(dir)).toEqual([]);

    // Restart: the data is still there and nothing is seeded again.
    const again = startScript(env);
    const url2 = (await waitFor(again, /postgresql:\/\/\S+/)).trim();
    expect(again.output()).not.toContain("seeding");
    const client2 = new pg.Client({ connectionString: url2 });
    await client2.connect();
    const kept = await client2.query("SELECT slug FROM city WHERE id = 'kept'");
    expect(kept.rows).toEqual([{ slug: "kept-city" }]);
    await client2.end();
    again.child.kill("SIGTERM");
    await again.exited;
    expect(processesUsing(dir)).toEqual([]);
  }, 300_000); // three starts of the embedded database, each up to 90 s on a busy 2-core machine
});
