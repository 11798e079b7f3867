import { describe, expect, it } from "vitest";
import { dbOptionsFromEnv, poolConfig } from "../../lib/db/create-client";
import { EnvError, parseEnv } from "../../lib/env";

describe("environment", () => {
  it("has sensible defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      PORTAL_DATA_DIR: ".data",
      EMBEDDED_PG_PORT: 54329,
      NODE_ENV: "development",
      DB_STATEMENT_TIMEOUT_MS: 5000,
      DB_LOCK_TIMEOUT_MS: 2000,
      DB_POOL_MAX: 10,
      DB_POOL_WAIT_MS: 3000,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ PUBLIC_BASE_URL: "not a url" }, "PUBLIC_BASE_URL"],
    [{ EMBEDDED_PG_PORT: "-1" }, "EMBEDDED_PG_PORT"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
    [{ DB_STATEMENT_TIMEOUT_MS: "5s" }, "DB_STATEMENT_TIMEOUT_MS"],
    [{ DB_STATEMENT_TIMEOUT_MS: "0" }, "DB_STATEMENT_TIMEOUT_MS"],
    [{ DB_LOCK_TIMEOUT_MS: "1.5" }, "DB_LOCK_TIMEOUT_MS"],
    [{ DB_LOCK_TIMEOUT_MS: "15000" }, "DB_LOCK_TIMEOUT_MS"],
    [{ DB_POOL_MAX: "0" }, "DB_POOL_MAX"],
    [{ DB_POOL_MAX: "many" }, "DB_POOL_MAX"],
    [{ DB_POOL_WAIT_MS: "-1" }, "DB_POOL_WAIT_MS"],
  ])("names the variable in one line: %j", (source, name) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    try {
      parseEnv(source);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain(`Invalid environment variable ${name}:`);
      expect(message).not.toContain("\n");
    }
  });

  it("turns the DB_* settings into the pool's timeouts and size", () => {
    const env = parseEnv({
      DB_STATEMENT_TIMEOUT_MS: "8000",
      DB_LOCK_TIMEOUT_MS: "1500",
      DB_POOL_MAX: "20",
      DB_POOL_WAIT_MS: "2500",
    });
    expect(poolConfig("postgresql://x/y", dbOptionsFromEnv(env))).toMatchObject({
      connectionString: "postgresql://x/y",
      statement_timeout: 8000,
      lock_timeout: 1500,
      max: 20,
      connectionTimeoutMillis: 2500,
      application_name: "portal",
    });
    // Scripts (seeding, benchmarks) keep the old client: no statement or lock limit.
    const plain = poolConfig("postgresql://x/y");
    expect(plain).toMatchObject({ max: 10, connectionTimeoutMillis: 3000 });
    expect(plain).not.toHaveProperty("statement_timeout");
    expect(plain).not.toHaveProperty("lock_timeout");
  });
});
