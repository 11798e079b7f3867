import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../lib/env";

describe("environment", () => {
  it("has sensible defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      PORTAL_DATA_DIR: ".data",
      EMBEDDED_PG_PORT: 54329,
      NODE_ENV: "development",
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
});
