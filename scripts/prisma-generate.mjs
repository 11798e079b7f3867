// `prisma generate` must see a DATABASE_URL (any value) or the CLI falls back to
// the library engine and tries to download it (see shared/STACK.md). The URL is
// never used to connect here.
import { spawnSync } from "node:child_process";

const env = { ...process.env };
env.DATABASE_URL ||= "postgresql://generate:generate@localhost:5432/generate";
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
