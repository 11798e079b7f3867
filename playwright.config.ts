import { existsSync, mkdtempSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS } from "./scripts/lib/chromium-args";

// End-to-end tests run against a production build served by the real start
// script, on its own embedded database in a temporary directory.
const port = Number(process.env.E2E_PORT ?? 3100);
if (!process.env.E2E_DATA_DIR) {
  process.env.E2E_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));
  chmodSync(process.env.E2E_DATA_DIR, 0o755);
}

// Debian's Chromium where present (no browser download on these machines), Playwright's own elsewhere.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  // Generous on purpose: the suite must pass on a busy 2-core machine, where a server action and
  // the page it redirects to can take well over Playwright's default 5 s, and a journey three
  // times as long as on a quiet one. Tests wait on what the page shows (web-first assertions),
  // never on fixed sleeps, so a fast machine loses nothing. Long journeys set more, at about
  // twice what they took on a loaded machine (two workers beside a CPU hog).
  timeout: 120_000,
  expect: { timeout: 20_000 },
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: systemChromium,
          args: [...CHROMIUM_ARGS],
        },
      },
    },
  ],
  webServer: {
    command: "node --import tsx scripts/start.ts",
    url: `http://localhost:${port}/api/health`,
    // A fresh clone's first start creates the database, seeds it and builds the app: on a busy
    // 2-core machine that took over 5 minutes (seeding 50 s, the build 4 min and more).
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGINT", timeout: 20_000 },
    env: {
      PORT: String(port),
      PORTAL_DATA_DIR: process.env.E2E_DATA_DIR,
      EMBEDDED_PG_PORT: "0",
      DATABASE_URL: "",
      PUBLIC_BASE_URL: `http://localhost:${port}`,
      // The server's own JSON log (one access line per request) would bury the start script's
      // progress in the run's output: warnings and errors only.
      LOG_LEVEL: "warn",
    },
  },
});
