import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React Server Components; in tests the
      // server modules run in plain Node, which is what they are for.
      "server-only": path.join(root, "tests/setup/server-only.ts"),
    },
  },
  test: {
    pool: "forks",
    // @medplum/core (the FHIR validator of tests/helpers/fhir.ts) needs a global WebSocket when it
    // loads; Node 20 has one only behind this flag (Node 22 has it by default).
    execArgv: typeof WebSocket === "undefined" ? ["--experimental-websocket"] : [],
    // next-intl's middleware imports "next/server" without the extension plain Node needs; bundled by
    // Vite, proxy.ts loads whole in tests (tests/helpers/fhir.ts serves the FHIR routes behind it).
    server: { deps: { inline: ["next-intl"] } },
    // A fixed key for tests only (32 bytes, base64); never used outside the test run.
    env: { DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"), TZ: "America/New_York" },
    projects: [
      {
        extends: true,
        // Generous on purpose, as in playwright.config.ts: the suite must pass on a busy 2-core
        // machine, where rendering a PDF with its fonts took over Vitest's default 5 s. Timeouts
        // only catch hangs here; speed is measured in npm run bench.
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/global-db.ts"],
          setupFiles: ["tests/setup/test-db.ts"],
          // A test that walks every role through every console command took 75 s under load.
          testTimeout: 240_000,
          hookTimeout: 240_000,
        },
      },
      {
        extends: true,
        // npm run test:cluster (.ci/run, after npm test): real server processes from a production
        // build, Debian's PostgreSQL (primary + streaming replica) and nginx. Files run one at a
        // time: each starts processes of its own on its own ports.
        test: {
          name: "cluster",
          include: ["tests/cluster/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/cluster-build.ts"],
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
