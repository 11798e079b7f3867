import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// Prisma 6.19 with its JavaScript schema engine driven through the pg adapter:
// no engine binary is downloaded (docs/decisions/0002-prisma-js-engine.md).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  // allowExitOnIdle: without it the idle pool keeps the CLI alive for 10 s after its work.
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL, allowExitOnIdle: true }),
});
