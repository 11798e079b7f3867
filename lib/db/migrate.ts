// Applies the committed migrations with `prisma migrate deploy` (never
// generates new ones). Used by the start script and the test harness; `config`
// names another prisma.config.ts (db:restore applies an archive's migrations only).
import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SUCCESS = /All migrations have been successfully applied|No pending migrations to apply/;

export interface MigrateResult {
  applied: boolean;
  output: string;
}

export class MigrationError extends Error {}

/**
 * Prisma 6.19's WASM schema engine leaves a 10-second timer running after it
 * has finished (the process idles that long before exiting). Once the CLI has
 * printed its success line nothing is left to do, so we end it there
 * (docs/decisions/0002-prisma-js-engine.md).
 */
export function migrateDeploy(
  databaseUrl: string,
  options: { config?: string } = {},
): Promise<MigrateResult> {
  const cli = path.join(ROOT, "node_modules/prisma/build/index.js");
  const config = options.config ? ["--config", options.config] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy", ...config], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let succeeded = false;
    let killTimer: NodeJS.Timeout | undefined;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!succeeded && SUCCESS.test(output)) {
        succeeded = true;
        killTimer = setTimeout(() => child.kill("SIGTERM"), 300);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(killTimer);
      if (succeeded || code === 0) resolve({ applied: /have been applied/.test(output), output });
      else reject(new MigrationError(`prisma migrate deploy failed:\n${output}`));
    });
  });
}
