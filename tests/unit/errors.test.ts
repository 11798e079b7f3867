import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, isDatabaseUnavailable, toAppError, validationError } from "../../lib/errors";
import { errorBody } from "../../lib/http/errors";
import { apiLocale } from "../../lib/http/errors";

describe("application errors", () => {
  it("maps zod issues to named fields", () => {
    const schema = z.object({ email: z.email(), name: z.string().max(3), age: z.number() }).strict();
    const result = schema.safeParse({ email: "nope", name: "toolong", extra: 1 });
    const error = validationError(result.error!);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.status).toBe(400);
    expect(error.fields).toEqual({ email: "invalid", name: "tooLong", age: "required", extra: "unknown" });
  });

  it("recognizes a database outage anywhere in the cause chain", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(new Error("query failed", { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused]))).toBe(true);
    expect(isDatabaseUnavailable(new Error("duplicate key"))).toBe(false);
    expect(toAppError(refused).code).toBe("DATABASE_UNAVAILABLE");
    expect(toAppError(new TypeError("boom")).code).toBe("INTERNAL");
  });

  it("renders the API error shape in the request's language", async () => {
    const error = new AppError("VALIDATION_FAILED", { fields: { city: "invalid" } });
    const zh = await errorBody(error, "zh");
    expect(zh.status).toBe(400);
    expect(zh.body).toEqual({
      error: {
        code: "VALIDATION_FAILED",
        message: "部分信息无效，请检查标出的字段。",
        fields: { city: "city无效。" },
      },
    });
    const ar = await errorBody(new AppError("SLOT_FULL"), "ar");
    expect(ar).toMatchObject({ status: 409, body: { error: { code: "SLOT_FULL" } } });
    expect(ar.body.error.message).toMatch(/[\u0600-\u06FF]/);
    expect((await errorBody(new Error("x"), "en")).status).toBe(500);
  });

  it("reads the API locale from ?locale= then Accept-Language", () => {
    expect(apiLocale(new Request("http://x/api?locale=ru"))).toBe("ru");
    expect(
      apiLocale(new Request("http://x/api?locale=xx", { headers: { "accept-language": "ja,en" } })),
    ).toBe("ja");
    expect(apiLocale(new Request("http://x/api"))).toBe("en");
  });
});
