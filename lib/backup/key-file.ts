// Where the DATA_ENCRYPTION_KEY of a portal lives, for backup and restore to
// name it (never to copy it): the environment (.env included) when set, else
// the embedded default's PORTAL_DATA_DIR/encryption.key (scripts/lib/runtime.ts).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Env } from "../env";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface KeySource {
  key: string;
  where: string;
}

/** The key file of a portal data directory (what PORTAL_DATA_DIR names). */
export function keyFilePath(portalDataDir: string): string {
  return path.resolve(ROOT, portalDataDir, "encryption.key");
}

/** The key in use for `env`, and where it is kept; null when there is none yet. */
export function encryptionKeySource(env: Env, portalDataDir = env.PORTAL_DATA_DIR): KeySource | null {
  if (env.DATA_ENCRYPTION_KEY)
    return { key: env.DATA_ENCRYPTION_KEY, where: "DATA_ENCRYPTION_KEY in the environment (or .env)" };
  const file = keyFilePath(portalDataDir);
  if (!existsSync(file)) return null;
  return { key: readFileSync(file, "utf8").trim(), where: file };
}
