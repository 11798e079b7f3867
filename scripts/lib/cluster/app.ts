// One app instance for `npm run cluster` and the cluster tests: the production
// server (`node --import tsx scripts/server.ts`, from the one build that
// buildIfNeeded made) as a child process with its own PORT and METRICS_PORT,
// output to <dir>/<name>.log.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../runtime";

export interface AppInstance {
  name: string;
  port: number;
  metricsPort: number;
  process: ChildProcess;
  logFile: string;
  /** SIGTERM (graceful shutdown), SIGKILL after `graceMs` (default 15 s); resolves on exit. */
  stop(graceMs?: number): Promise<void>;
  /** kill -9: no shutdown at all, as a crash. */
  kill(): Promise<void>;
}

export interface AppInstanceOptions {
  name: string;
  dir: string;
  port: number;
  metricsPort: number;
  /** Settings every instance shares (DATABASE_URL, DATA_ENCRYPTION_KEY, ...). */
  env: Record<string, string>;
}

export async function startAppInstance(options: AppInstanceOptions): Promise<AppInstance> {
  const { name, dir, port, metricsPort } = options;
  const logFile = path.join(dir, `${name}.log`);
  const fd = openSync(logFile, "a");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/server.ts")], {
    cwd: ROOT,
    stdio: ["ignore", fd, fd],
    env: {
      ...process.env,
      ...options.env,
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const instance: AppInstance = {
    name,
    port,
    metricsPort,
    process: child,
    logFile,
    async stop(graceMs = 15_000) {
      if (gone()) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (gone()) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (gone())
      throw new Error(`App instance ${name} exited (${child.exitCode ?? child.signalCode}); see ${logFile}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health/live`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (response.ok) return instance;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await instance.kill();
  throw new Error(`App instance ${name} did not answer on port ${port} within 120 s; see ${logFile}`);
}

/** Whether the instance's /api/health/ready answers 200 within `timeoutMs` (false on any error). */
export async function isReady(port: number, timeoutMs = 3_000): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health/ready`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
