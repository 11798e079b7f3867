// Once per test run: one embedded PostgreSQL server in a temporary directory,
// and a template database with every migration applied. Each test file then
// gets its own database cloned from the template (tests/setup/test-db.ts).
import { rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { makeTempDataDir, startEmbeddedPostgres } from "../../lib/db/embedded";
import { migrateDeploy } from "../../lib/db/migrate";

export const TEMPLATE_DATABASE = "portal_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await makeTempDataDir("portal-vitest-");
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg") });
  await server.ensureDatabase(TEMPLATE_DATABASE);
  await migrateDeploy(server.url(TEMPLATE_DATABASE));
  project.provide("pgAdminUrl", server.url("postgres"));
  project.provide("pgTemplate", TEMPLATE_DATABASE);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
